import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { RawFile } from "./view/types.ts";

/** Files written at once; enough to keep the disk busy without exhausting file handles. */
const CONCURRENCY = 64;

/**
 * Writes files whose whole text was computed in TypeScript (the JSON API, sitemap, robots.txt).
 * They need no template, so they bypass Eleventy: profiled at 16k articles, Eleventy's
 * per-output overhead (a template clone, a render, a synchronous mkdir and write per file) was
 * the largest single cost, and half of the site's files are these. Each folder is made once.
 */
export async function writeRawFiles(outDir: string, files: readonly RawFile[]): Promise<void> {
  const targets = files.map((f) => {
    if (!f.path.startsWith("/") || f.path.includes("..")) throw new TypeError(`a file path is a site path: got ${f.path}`);
    return { file: join(outDir, f.path.slice(1)), content: f.content };
  });
  for (const dir of new Set(targets.map((t) => dirname(t.file)))) await mkdir(dir, { recursive: true });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const target = targets[next++]!;
      await writeFile(target.file, target.content);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker));
}
