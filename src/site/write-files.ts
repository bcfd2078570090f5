import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { PageSource, RawFile } from "./view/types.ts";

/** Files written at once; enough to keep the disk busy without exhausting file handles. */
const CONCURRENCY = 64;

/**
 * Writes files whose whole text was computed in TypeScript (the JSON API, sitemap, robots.txt).
 * They need no template, so they bypass Eleventy: profiled at 16k articles, Eleventy's
 * per-output overhead (a template clone, a render, a synchronous mkdir and write per file) was
 * the largest single cost, and half of the site's files are these. Each folder is made once.
 */
export async function writeRawFiles(
  outDir: string,
  sources: ReadonlyArray<PageSource<RawFile>>,
  write: (file: string, content: string) => boolean = () => true,
): Promise<void> {
  for (const source of sources) {
    // In slices, so that files made on demand are made, written and dropped a slice at a time.
    for (let start = 0; start < source.length; start += SLICE) {
      const targets: Array<{ file: string; content: string }> = [];
      for (const f of source.slice(start, start + SLICE)) {
        if (!f.path.startsWith("/") || f.path.includes("..")) throw new TypeError(`a file path is a site path: got ${f.path}`);
        // Files the caller can take from the previous build are not written.
        if (write(f.path.slice(1), f.content)) targets.push({ file: join(outDir, f.path.slice(1)), content: f.content });
      }
      await writeFiles(targets);
    }
  }
}

const SLICE = 2000;

/**
 * Writes files asynchronously, a bounded number at a time (the writes then run on libuv's
 * threads, beside the rendering on the main one); each folder is made once, before any write.
 */
export async function writeFiles(targets: ReadonlyArray<{ file: string; content: string }>): Promise<void> {
  const dirs = [...new Set(targets.map((t) => dirname(t.file)))];
  await runBounded(dirs, (dir) => mkdir(dir, { recursive: true }));
  await runBounded(targets, (t) => writeFile(t.file, t.content));
}

async function runBounded<T>(items: readonly T[], task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
