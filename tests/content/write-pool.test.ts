/**
 * Content files written on threads (applyChanges with `threads`) end as they do written in this
 * thread: the same files, byte for byte, the same files reported written, in the same order, each
 * with its stamp after the write; files whose bytes are unchanged are left alone; a failed write
 * rejects naming the file, and leaves no temporary file behind.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyChanges, type WriteChange } from "../../src/content/apply.ts";
import { stampFile, type FileStamp } from "../../src/content/file-stamp.ts";
import type { ContentChange } from "../../src/content/reconcile.ts";
import { makeArticle } from "../e2e/project.ts";

const root = mkdtempSync(join(tmpdir(), "newsarchive-write-pool-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A write of `text` to `path` (applyChanges writes the text; the article goes to onWritten). */
function write(path: string, text: string): WriteChange {
  return { kind: "write", path, text, article: makeArticle({ headline: path }), draft: false, generated: "", reason: "new" };
}

/** 300 files over 12 outlet folders (several requests per thread), of varied sizes, some not ASCII. */
function changes(): WriteChange[] {
  return Array.from({ length: 300 }, (_, i) =>
    write(`outlet-${i % 12}/story-${String(i).padStart(3, "0")}.md`, `---\nheadline: Story ${i}\n---\n${"Körper — text. ".repeat(1 + ((i * 37) % 200))}\n`),
  );
}

/** Every file under `dir`, by relative path, with its text. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = readFileSync(path, "utf8");
  }
  return files;
}

async function applyIn(dir: string, threads: number, list: ContentChange[]) {
  const reported: Array<{ path: string; stamp: FileStamp | null }> = [];
  const applied = await applyChanges(dir, list, { threads, consume: true, onWritten: (change, stamp) => reported.push({ path: change.path, stamp }) });
  return { applied, reported };
}

describe("content files written on threads", () => {
  it("writes what this thread writes, reports it in order with each file's stamp, and leaves unchanged files alone", async () => {
    const alone = join(root, "alone");
    const threaded = join(root, "threaded");
    // Both start with the same three files: one that will not change, two that will.
    for (const dir of [alone, threaded]) {
      mkdirSync(join(dir, "outlet-0"), { recursive: true });
      writeFileSync(join(dir, "outlet-0", "story-000.md"), changes()[0]!.text);
      writeFileSync(join(dir, "outlet-0", "story-012.md"), "an editor's old text\n");
      writeFileSync(join(dir, "outlet-0", "story-024.md"), "");
      const old = new Date(Date.UTC(2001, 0, 1));
      utimesSync(join(dir, "outlet-0", "story-000.md"), old, old);
    }

    const inThisThread = await applyIn(alone, 1, changes());
    const list = changes();
    const onThreads = await applyIn(threaded, 2, list);

    expect(list).toEqual([]);
    expect(onThreads.applied.written).toHaveLength(299);
    expect(onThreads.applied.written).not.toContain("outlet-0/story-000.md");
    expect(onThreads.applied).toEqual(inThisThread.applied);
    expect(onThreads.reported.map((r) => r.path)).toEqual(onThreads.applied.written);
    expect(tree(threaded)).toEqual(tree(alone));
    // Each stamp is the file's as it is now; the file left alone kept its time.
    for (const { path, stamp } of onThreads.reported) expect(stamp).toEqual(stampFile(join(threaded, path)));
    expect(statSync(join(threaded, "outlet-0", "story-000.md")).mtime.getUTCFullYear()).toBe(2001);
  });

  it("rejects naming the file that could not be written, with the rest of its request whole and no temporary file left", async () => {
    const dir = join(root, "blocked");
    mkdirSync(dir, { recursive: true });
    // A file where an outlet folder should be: every write into that folder fails.
    writeFileSync(join(dir, "outlet-5"), "not a folder\n");
    const list = changes();
    const error: unknown = await applyIn(dir, 2, list).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(join(dir, "outlet-5"));
    expect((error as { code?: string }).code).toBe("ENOTDIR");
    const files = tree(dir);
    expect(Object.keys(files).filter((path) => path.endsWith(".tmp"))).toEqual([]);
    // Whatever was written is whole: the text its change gave.
    const expected = new Map(changes().map((c) => [c.path, c.text]));
    const written = Object.entries(files).filter(([path]) => path !== "outlet-5");
    expect(written.length).toBeGreaterThan(0);
    for (const [path, text] of written) expect(text).toBe(expected.get(path));
  });
});
