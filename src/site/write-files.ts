import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PageSource, RawFile, RawFileSource } from "./view/types.ts";

/**
 * Writes files whose whole text was computed in TypeScript (the JSON API, sitemap, robots.txt).
 * They need no template, so they bypass Eleventy: profiled at 16k articles, Eleventy's
 * per-output overhead (a template clone, a render, a synchronous mkdir and write per file) was
 * the largest single cost, and half of the site's files are these. Each folder is made once.
 */
export function writeRawFiles(outDir: string, sources: readonly RawFileSource[], choose: RawFileChoice = { keepInputs: () => false, write: () => true }): void {
  const write = (files: Iterable<{ file: RawFile; hashed: boolean }>): void => {
    const targets: Array<{ file: string; content: string }> = [];
    for (const { file, hashed } of files) {
      if (!file.path.startsWith("/") || file.path.includes("..")) throw new TypeError(`a file path is a site path: got ${file.path}`);
      if (hashed || choose.write(file.path.slice(1), file.content)) targets.push({ file: join(outDir, file.path.slice(1)), content: file.content });
    }
    writeFiles(targets);
  };
  for (const source of sources) {
    if (typeof source === "function") {
      write(source().map((file) => ({ file, hashed: false })));
      continue;
    }
    // In slices, so that files made on demand are made, written and dropped a slice at a time.
    for (let start = 0; start < source.length; start += SLICE) write(made(source, start, Math.min(source.length, start + SLICE), choose));
  }
}

/** Which raw files to write; files the live site has already are not (see PageSelect). */
export interface RawFileChoice {
  /** True when the file made from inputs hashing to `hash` need not be made at all. */
  keepInputs(file: string, hash: string): boolean;
  /** For a file made without known inputs: true when it must be written. */
  write(file: string, content: string): boolean;
}

/** The files start..end of a source that are made; those whose inputs are unchanged are not. */
function* made(source: PageSource<RawFile>, start: number, end: number, choose: RawFileChoice): Generator<{ file: RawFile; hashed: boolean }> {
  if (source.inputs === undefined) {
    for (const file of source.slice(start, end)) yield { file, hashed: false };
    return;
  }
  for (let i = start; i < end; i++) {
    const known = source.inputs(i);
    if (known !== null && choose.keepInputs(known.file, known.hash)) continue;
    const file = source.slice(i, i + 1)[0]!;
    if (known !== null && known.file !== file.path.slice(1)) throw new TypeError(`a file's inputs name ${known.file}, the file is ${file.path}`);
    yield { file, hashed: known !== null };
  }
}

const SLICE = 2000;

/**
 * Writes files, each folder made once before any write. Synchronously: at 16k articles the
 * promise API's round trips through libuv's threads cost more CPU than the writes themselves,
 * CPU that rendering wanted (see content/atomic.ts).
 */
export function writeFiles(targets: ReadonlyArray<{ file: string; content: string }>): void {
  for (const dir of new Set(targets.map((t) => dirname(t.file)))) mkdirSync(dir, { recursive: true });
  for (const { file, content } of targets) writeFileSync(file, content);
}
