/**
 * The stamp indexes in .cache/: files whose size, modification time and inode are unchanged are
 * not read again (content files by loadContent, dumps by ingest), while any edit an editor can
 * make (even one of the same size, made right after ingest) is seen.
 */
import { copyFile, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { projectPaths, type ProjectPaths } from "../../src/config.ts";
import { ingest, listContentFiles, loadContent } from "../../src/content/index.ts";
import { parsedFromRecord, type DumpRecord } from "../../src/content/dump-index.ts";
import { openJournaledIndex } from "../../src/content/journaled-index.ts";
import { bodyOffsetOf, parseContentFile } from "../../src/content/parse-file.ts";
import { bodyDigest, digestOfBody, dumpFacts, fieldsWithBodyDigest, recordIdentity, type Dump } from "../../src/model/index.ts";
import { parseDump } from "../../src/parse/index.ts";
import { readDump } from "../../src/read/index.ts";
import { makeProject, removeProjects } from "../e2e/project.ts";

const seedName = "000_a614a29300825745.txt";
let paths: ProjectPaths;

beforeEach(async () => {
  paths = await makeProject({ templates: false });
});
afterAll(removeProjects);

const load = (): ReturnType<typeof loadContent> => loadContent(paths.content, { root: paths.root, cacheDir: paths.cache });

/** Entries as plain JSON, bodies included (what every consumer sees). */
const plain = (entries: unknown): string => JSON.stringify(entries);

/** Sets a file's times back, keeping its bytes: an old stamp, which the indexes trust. */
async function age(path: string, seconds = 0): Promise<void> {
  const old = new Date(Date.UTC(2001, 0, 1, 0, 0, seconds));
  await utimes(path, old, old);
}

/** Changes a file's bytes in place (same inode) without changing its size. */
async function editSameSize(path: string, from: string, to: string): Promise<void> {
  expect(to.length).toBe(from.length);
  const text = await readFile(path, "utf8");
  expect(text).toContain(from);
  await writeFile(path, text.replace(from, to));
}

describe("the content index", () => {
  it("gives, for the files ingest wrote, exactly what parsing them gives", async () => {
    await ingest({ paths });
    const indexed = await load();
    const parsed = await loadContent(paths.content, { root: paths.root });
    expect(indexed.entries.length).toBeGreaterThan(0);
    expect(plain(indexed.entries)).toBe(plain(parsed.entries));
    expect(indexed.diagnostics).toEqual(parsed.diagnostics);
    // And again from the index as that load left it.
    const again = await load();
    expect(plain(again.entries)).toBe(plain(parsed.entries));
    // The index knows each body's digest, that of the body as read, without reading the files
    // (they are moved away meanwhile: a body read from its file would fail).
    const untouched = await load();
    await rename(paths.content, `${paths.content}.away`);
    const digests = untouched.entries.map((e) => bodyDigest(e.article));
    await rename(`${paths.content}.away`, paths.content);
    expect(digests).toEqual(parsed.entries.map((e) => digestOfBody(e.article.body)));
  });

  it("does not read a file whose stamp is unchanged, and reads one whose bytes changed in any way", async () => {
    await ingest({ paths });
    const [file] = await listContentFiles(paths.content);
    const absolute = join(paths.content, file!);
    await age(absolute);
    await load(); // records the new stamp (the text is read once, and found unchanged)
    const before = (await load()).entries.find((e) => e.path === file)!;
    // Not read: the body is read from the file only when asked for.
    expect(Object.getOwnPropertyDescriptor(before.article, "body")?.get).toBeTypeOf("function");
    const headline = before.article.headline;

    // Same size, and the modification time set back: the change time still tells.
    const changed = `${headline.slice(0, -1)}${headline.endsWith("X") ? "Y" : "X"}`;
    await editSameSize(absolute, headline, changed);
    await age(absolute);
    const after = (await load()).entries.find((e) => e.path === file)!;
    expect(after.article.headline).toBe(changed);
    expect(after.edited).toBe(true);
    expect(after.article.body).toBe(before.article.body);
  });

  it("identifies each record by the text it was read from: the same across loads, another once the file changes", async () => {
    await ingest({ paths });
    const identities = async (): Promise<Map<string, unknown>> => new Map((await load()).entries.map((e) => [e.path, recordIdentity(e.article)]));
    const written = await identities(); // the records ingest wrote, known from the texts it wrote
    const read = await identities();
    expect(written.size).toBeGreaterThan(1);
    for (const identity of read.values()) expect(identity).toBeTypeOf("string");
    expect(read).toEqual(written);
    // A record not read through the index is identified by its fields.
    const unindexed = (await loadContent(paths.content, { root: paths.root })).entries[0]!;
    expect(recordIdentity(unindexed.article)).toEqual(fieldsWithBodyDigest(unindexed.article));

    const [file] = await listContentFiles(paths.content);
    const absolute = join(paths.content, file!);
    const text = await readFile(absolute, "utf8");
    expect(text).toMatch(/^byline: .*$/m);
    await writeFile(absolute, text.replace(/^byline: .*$/m, "byline: Jo Editor"));
    const edited = await identities();
    for (const [path, identity] of edited) {
      if (path === file) expect(identity).not.toBe(read.get(path));
      else expect(identity).toBe(read.get(path));
    }
  });

  it("sees an edit of the same size made right after ingest, in the same clock tick", async () => {
    await ingest({ paths });
    const [file] = await listContentFiles(paths.content);
    const absolute = join(paths.content, file!);
    const { mtimeMs } = await stat(absolute);
    const headline = (await load()).entries.find((e) => e.path === file)!.article.headline;
    const changed = `${headline.slice(0, -1)}${headline.endsWith("X") ? "Y" : "X"}`;
    await editSameSize(absolute, headline, changed);
    // The worst case: the edit keeps the modification time ingest's write gave the file.
    await utimes(absolute, new Date(mtimeMs), new Date(mtimeMs));
    const entry = (await load()).entries.find((e) => e.path === file)!;
    expect(entry.article.headline).toBe(changed);
    expect(entry.edited).toBe(true);
  });

  it("holds no body it read or wrote: each is read from its file again, and a file changed meanwhile is an error", async () => {
    const ingested = await ingest({ paths });
    const written = ingested.entries[0]!;
    expect(ingested.written).toContain(written.path);
    // Read with no index at all (a fresh clone): the same entries, bodies included, as parsing gives.
    await rm(paths.cache, { recursive: true, force: true });
    const fresh = await load();
    const parsed = await loadContent(paths.content, { root: paths.root });
    expect(plain(fresh.entries)).toBe(plain(parsed.entries));
    // Neither kind of entry holds its body: each reads it from its file when first asked for
    // (this load's bodies are not asked for before the file changes).
    await rm(paths.cache, { recursive: true, force: true });
    const unread = (await load()).entries.find((e) => e.path === written.path)!;
    for (const entry of [written, unread]) expect(Object.getOwnPropertyDescriptor(entry.article, "body")?.get).toBeTypeOf("function");
    const body = parsed.entries.find((e) => e.path === written.path)!.article.body;
    const word = /[a-z]{6,}/i.exec(body)![0];
    await editSameSize(join(paths.content, written.path), word, word.replace(/.$/, (c) => (c === "x" ? "y" : "x")));
    // Reading the body then finds the file changed: an error, not another body.
    expect(() => unread.article.body).toThrow(/changed while it was being used/);
    expect(() => written.article.body).toThrow(/changed while it was being used/);
    expect((await load()).entries.find((e) => e.path === written.path)!.article.body).not.toBe(body);
  });

  it("reports a file removed after it was indexed as gone, and survives a damaged or missing index", async () => {
    await ingest({ paths });
    const files = await listContentFiles(paths.content);
    await load();
    await rm(join(paths.content, files[0]!));
    expect((await load()).entries.map((e) => e.path)).toEqual(files.slice(1));
    await writeFile(join(paths.cache, "content-index.json"), "{ damaged");
    await writeFile(join(paths.cache, "content-index.journal"), "not a journal\n");
    const reread = await load();
    expect(plain(reread.entries)).toBe(plain((await loadContent(paths.content, { root: paths.root })).entries));
    await rm(paths.cache, { recursive: true, force: true });
    expect(plain((await load()).entries)).toBe(plain(reread.entries));
  });
});

describe("bodyOffsetOf", () => {
  it("finds the body where parsing the file finds it", () => {
    const texts = [
      "---\nheadline: A\n---\n\nThe body.\n",
      "---\nheadline: A\n---\nThe body right after.\n",
      "---\r\nheadline: A\r\n---\r\n\r\nCRLF body.\r\n",
      "\uFEFF---\nheadline: A\n---\n\nAfter a byte-order mark.\n",
      "---\nheadline: A\nslug: a\n---\n",
      "---\nheadline: A\n---\n\n---\n\nA rule in the body.\n",
    ];
    for (const text of texts) {
      const parsed = parseContentFile(text, "unattributed/a.md");
      expect(parsed.bodyOffset).toBeTypeOf("number");
      expect(bodyOffsetOf(text)).toBe(parsed.bodyOffset);
    }
    expect(bodyOffsetOf("no front matter\n")).toBeUndefined();
  });
});

describe("the dump index", () => {
  it("does not read an unchanged dump again, and gives its text and parse on demand", async () => {
    const first = await ingest({ paths });
    const dumpFile = join(paths.seeds, seedName);
    await age(dumpFile);
    await ingest({ paths, mode: "changed" }); // records the aged stamp
    const again = await ingest({ paths, mode: "changed" });
    expect(again.written).toEqual([]);
    expect(again.dumps).toEqual(first.dumps.map((d) => ({ ...d, ingested: false, cached: true })));
    expect(again.diagnostics).toEqual(first.diagnostics.filter((d) => !["discovered-topic"].includes(d.id)));
    const [parsed] = again.parsed;
    const dump = readDump(dumpFile);
    expect(parsed!.dump.sha256).toBe(dump.sha256);
    expect(parsed!.articleCount).toBe(parseDump(dump).articles.length);
    // Read on demand: the same text and parse as reading it now.
    expect(JSON.stringify(parsed!.dump)).toBe(JSON.stringify(dump));
    expect(parsed!.result).toEqual(JSON.parse(JSON.stringify(parseDump(dump))));
  });

  it("reads a dump again when its stamp or its sidecar changes", async () => {
    await ingest({ paths });
    const dumpFile = join(paths.seeds, seedName);
    await age(dumpFile);
    await ingest({ paths, mode: "changed" });
    const sha256 = readDump(dumpFile).sha256;

    // Unchanged: not read (its text is read when asked for).
    const unchanged = await ingest({ paths, mode: "changed" });
    expect(Object.getOwnPropertyDescriptor(unchanged.parsed[0]!.dump, "text")?.get).toBeTypeOf("function");

    // Same size, the modification time set back: read, hashed and ingested again.
    await editSameSize(dumpFile, "Rotation", "Rotatiox");
    await age(dumpFile);
    const edited = await ingest({ paths, mode: "changed" });
    expect(edited.parsed[0]!.dump.sha256).not.toBe(sha256);
    expect(edited.dumps[0]!.ingested).toBe(true);

    // A sidecar added next to it: read again, with the editor's notes.
    await writeFile(join(paths.seeds, "000_a614a29300825745.meta.yaml"), "notes: checked by hand\n");
    const noted = await ingest({ paths, mode: "changed" });
    expect(noted.parsed[0]!.dump.meta).toEqual({ notes: "checked by hand" });
  });

  it("reads a dump replaced by a copy (a new inode) again", async () => {
    await ingest({ paths });
    const dumpFile = join(paths.seeds, seedName);
    await age(dumpFile);
    await ingest({ paths, mode: "changed" });
    const copy = join(paths.root, "copy.txt");
    await copyFile(dumpFile, copy);
    await editSameSize(copy, "Rotation", "Rotatiox");
    await rm(dumpFile);
    await copyFile(copy, dumpFile);
    await age(dumpFile);
    const result = await ingest({ paths, mode: "changed" });
    expect(result.parsed[0]!.dump.sha256).toBe(readDump(dumpFile).sha256);
  });
});

describe("the dump index of a moved project", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("still knows its unchanged dumps: they are not read again", async () => {
    // The editor works from the project's folder, wherever it is.
    const cwd = vi.spyOn(process, "cwd");
    cwd.mockReturnValue(paths.root);
    await ingest({ paths });
    await age(join(paths.seeds, seedName));
    await ingest({ paths, mode: "changed" });
    // Once more: a stamp recorded in the clock tick it was made in is not trusted yet (the racy
    // case), and is recorded again by this one.
    await ingest({ paths, mode: "changed" });
    const indexFiles = async (cache: string): Promise<string[]> =>
      Promise.all(["dump-index.json", "dump-index.journal"].map((name) => readFile(join(cache, name), "utf8").catch(() => "")));
    const before = await indexFiles(paths.cache);
    const moved = projectPaths(`${paths.root}-moved`);
    await rename(paths.root, moved.root);
    try {
      cwd.mockReturnValue(moved.root);
      const result = await ingest({ paths: moved, mode: "changed" });
      expect(result.written).toEqual([]);
      // Every dump was found in the index: none was read and recorded again.
      expect(await indexFiles(moved.cache)).toEqual(before);
      expect(before.join("")).toContain(`"seeds/${seedName}"`);
      // Its text is read when asked for, from where it is now.
      expect(result.parsed[0]!.dump.text).toBe(readDump(join(moved.seeds, seedName)).text);
    } finally {
      await rename(moved.root, paths.root);
    }
  });
});

describe("the journaled index", () => {
  it("keeps changes in a journal, ignores a line cut short, and folds the journal into a snapshot", async () => {
    const dir = paths.cache;
    const first = await openJournaledIndex<{ n: number }>(dir, "test-index", "v1");
    await first.save(new Map([["a", { n: 1 }], ["b", { n: 2 }]]));
    const second = await openJournaledIndex<{ n: number }>(dir, "test-index", "v1");
    expect([...second.records]).toEqual([["a", { n: 1 }], ["b", { n: 2 }]]);
    const next = new Map(second.records);
    next.set("c", { n: 3 });
    next.delete("a");
    await second.save(next);
    const journal = join(dir, "test-index.journal");
    expect((await readFile(journal, "utf8")).trim().split("\n")).toHaveLength(3);
    await writeFile(journal, `${await readFile(journal, "utf8")}["d",{"n":`);
    const third = await openJournaledIndex<{ n: number }>(dir, "test-index", "v1");
    expect(Object.fromEntries(third.records)).toEqual({ b: { n: 2 }, c: { n: 3 } });
    // Another version of the code: nothing is trusted.
    expect((await openJournaledIndex(dir, "test-index", "v2")).records.size).toBe(0);
    // Many changes: a new snapshot, and an empty journal.
    const many = new Map(Array.from({ length: 600 }, (_, i) => [`k${i}`, { n: i }]));
    await third.save(many);
    expect((await readFile(journal, "utf8")).trim().split("\n")).toHaveLength(1);
    expect((await openJournaledIndex<{ n: number }>(dir, "test-index", "v1")).records).toEqual(many);
  });
});

describe("a dump known from its record", () => {
  it("reads neither its text nor its parse until they are asked for", async () => {
    let reads = 0;
    const dump = {
      name: "gone.txt",
      id: "gone",
      sha256: "0".repeat(64),
      format: "text" as const,
      encoding: "utf-8",
      encodingBy: "utf-8" as const,
      get text(): string {
        reads++;
        return "Headline\n\nBody text of the story.";
      },
      diagnostics: [],
    };
    const record: DumpRecord = {
      stamp: { size: 0, mtimeMs: 0, ctimeMs: 0, ino: 0 },
      sidecars: [null, null],
      shown: "seeds/gone.txt",
      dump: { name: dump.name, id: dump.id, sha256: dump.sha256, format: dump.format, encoding: dump.encoding, encodingBy: dump.encodingBy, diagnostics: [] },
      diagnostics: [],
      parsed: true,
      articles: 1,
      lines: 3,
      warnings: 0,
    };
    const parsed = parsedFromRecord(dump, record, "/nonexistent-cache-folder");
    expect(parsed.articleCount).toBe(1);
    expect(parsed.lineCount).toBe(3);
    expect(reads).toBe(0);
    // Not in the parse cache: asking for the parse parses the text.
    expect(parsed.result.lines.length).toBe(3);
    expect(reads).toBeGreaterThan(0);
  });

  it("is recorded without reading its text", () => {
    let reads = 0;
    const dump: Dump = {
      name: "on-demand.txt",
      id: "on-demand",
      sha256: "1".repeat(64),
      format: "text",
      encoding: "utf-8",
      encodingBy: "utf-8",
      get text(): string {
        reads++;
        return "Headline\n\nBody.";
      },
      meta: { date: "2024-01-02" },
      diagnostics: [],
    };
    const { text: _text, ...expected } = { ...dump };
    void _text;
    reads = 0;
    expect(dumpFacts(dump)).toEqual(expected);
    expect(reads).toBe(0);
  });
});
