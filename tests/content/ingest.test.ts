import { mkdir, readdir, readFile, rename, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { ProjectPaths } from "../../src/config.ts";
import { ingest, listContentFiles, loadContent, parserVersion } from "../../src/content/index.ts";
import { hashTree, makeProject, removeProjects } from "../e2e/project.ts";

const seedName = "000_a614a29300825745.txt";
let paths: ProjectPaths;

beforeEach(async () => {
  paths = await makeProject({ templates: false });
});
afterAll(removeProjects);

/** The content file of the seed's first article (the one whose body mentions the rotation). */
async function firstArticleFile(): Promise<string> {
  const { entries } = await loadContent(paths.content);
  const entry = entries.find((e) => e.article.body.includes("Rotation will take place every three months"));
  if (!entry) throw new Error("the seed's first article is not in content/");
  return join(paths.content, entry.path);
}

describe("ingest on the seed dump", () => {
  it("writes one file per article, which reads back as unedited records", async () => {
    const result = await ingest({ paths });
    expect(result.diagnostics.filter((d) => d.level === "error")).toEqual([]);
    const files = await listContentFiles(paths.content);
    expect(files.length).toBeGreaterThan(0);
    expect(result.written.sort()).toEqual(files);
    expect(result.dumps).toEqual([expect.objectContaining({ name: seedName, articles: files.length, ingested: true })]);

    const loaded = await loadContent(paths.content);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.entries.map((e) => e.path)).toEqual(files);
    for (const entry of loaded.entries) {
      expect(entry.edited).toBe(false);
      expect(entry.path).toBe(`${entry.article.outlet?.slug ?? "unattributed"}/${entry.article.slug}.md`);
      expect(entry.article.sources[0]?.dump).toBe(seedName);
    }
  });

  it("writes nothing when re-ingesting unchanged dumps: same bytes, same modification times", async () => {
    await ingest({ paths });
    const files = await listContentFiles(paths.content);
    // Age the files, so a rewrite would show even on a coarse clock.
    const old = new Date("2001-01-01T00:00:00Z");
    for (const file of files) await utimes(join(paths.content, file), old, old);
    const before = await hashTree(paths.content);

    const again = await ingest({ paths });
    expect(again.written).toEqual([]);
    expect(again.removed).toEqual([]);
    expect(again.dumps[0]?.cached).toBe(true);
    expect(await hashTree(paths.content)).toBe(before);
    for (const file of files) expect((await stat(join(paths.content, file))).mtime.getTime()).toBe(old.getTime());
  });

  it("keeps a file an editor changed", async () => {
    await ingest({ paths });
    const file = await firstArticleFile();
    const edited = (await readFile(file, "utf8")).replace(/^headline: .*$/m, "headline: Corrected by an editor");
    await writeFile(file, edited);

    const again = await ingest({ paths });
    expect(again.written).toEqual([]);
    expect(again.kept).toBe(1);
    expect(await readFile(file, "utf8")).toBe(edited);
  });

  it("never writes over a file whose front matter an editor has broken", async () => {
    await ingest({ paths });
    const file = await firstArticleFile();
    const broken = (await readFile(file, "utf8")).replace(/^headline: .*$/m, "headline: [half-typed edit");
    await writeFile(file, broken);

    const again = await ingest({ paths });
    expect(await readFile(file, "utf8")).toBe(broken);
    expect(again.diagnostics).toContainEqual(expect.objectContaining({ id: "front-matter-syntax", level: "error" }));
    expect(again.diagnostics).toContainEqual(expect.objectContaining({ id: "file-has-errors", file: `content/${file.slice(paths.content.length + 1)}` }));
    expect(again.written).toEqual([]);
  });

  it("reports a conflict when the dump changes under an edit, and keeps the edit", async () => {
    await ingest({ paths });
    const file = await firstArticleFile();
    const edited = (await readFile(file, "utf8")).replace(/^headline: .*$/m, "headline: Corrected by an editor");
    await writeFile(file, edited);
    const seed = join(paths.seeds, seedName);
    await writeFile(seed, (await readFile(seed, "utf8")).replace("every three months", "every four months"));

    const again = await ingest({ paths });
    const conflicts = again.diagnostics.filter((d) => d.id === "edit-conflict");
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.file).toBe(`content/${file.slice(paths.content.length + 1)}`);
    expect(conflicts[0]?.message).toMatch(/headline/);
    expect(conflicts[0]?.message).toMatch(/body/);
    expect(await readFile(file, "utf8")).toBe(edited);
    // The other articles followed the dump: they now record its new sha256.
    const { entries } = await loadContent(paths.content);
    const followed = entries.filter((e) => !e.edited);
    expect(followed.length).toBeGreaterThan(0);
    for (const entry of followed) expect(entry.article.sources[0]?.sha256).not.toBe(entries.find((e) => e.edited)?.article.sources[0]?.sha256);
  });

  it("keeps draft: true when the dump's parse changes the article", async () => {
    await ingest({ paths });
    const file = await firstArticleFile();
    await writeFile(file, (await readFile(file, "utf8")).replace(/^generated:/m, "draft: true\ngenerated:"));
    const seed = join(paths.seeds, seedName);
    await writeFile(seed, (await readFile(seed, "utf8")).replace("every three months", "every four months"));

    const again = await ingest({ paths });
    expect(again.diagnostics.filter((d) => d.id === "edit-conflict")).toEqual([]);
    const text = await readFile(file, "utf8");
    expect(text).toContain("every four months");
    expect(text).toContain("draft: true");
  });

  it("leaves the articles of a dump removed from seeds/ in place, with a warning", async () => {
    await ingest({ paths });
    const before = await hashTree(paths.content);
    await rename(join(paths.seeds, seedName), join(paths.root, seedName));

    const again = await ingest({ paths });
    expect(await hashTree(paths.content)).toBe(before);
    expect(again.diagnostics).toContainEqual(expect.objectContaining({ id: "dump-missing", level: "warning", file: `seeds/${seedName}` }));
  });

  it("reports a binary dump by name and, when holding on errors, writes nothing", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3, 0, 0, 0, 0]);
    await writeFile(join(paths.seeds, "photo.txt"), Buffer.concat([png, Buffer.alloc(2048, 0)]));

    const result = await ingest({ paths, holdOnError: true });
    const errors = result.diagnostics.filter((d) => d.level === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((d) => `${d.file} ${d.message}`).join("\n")).toContain("photo.txt");
    expect(result.applied).toBe(false);
    expect(await listContentFiles(paths.content)).toEqual([]);
  });

  it("caches parse results by the dump's sha256, dropping entries of other parser versions", async () => {
    const stale = join(paths.cache, "parse", "0-an-older-parser", "ab");
    await mkdir(stale, { recursive: true });
    await writeFile(join(stale, "ab.json"), "{}");
    const first = await ingest({ paths });
    expect(await readdir(join(paths.cache, "parse"))).toEqual([parserVersion()]);
    expect(first.dumps[0]?.cached).toBe(false);
    const cacheFiles = await readdir(join(paths.cache, "parse"), { recursive: true });
    expect(cacheFiles.some((f) => f.endsWith(".json"))).toBe(true);
    const second = await ingest({ paths });
    expect(second.dumps[0]?.cached).toBe(true);
  });
});
