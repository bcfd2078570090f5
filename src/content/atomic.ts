import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { readTextIfPresent } from "../read/text-if-present.ts";

// Synchronous on purpose: a write here is a few small system calls, and the promise API's hops
// through libuv's threads cost more than the calls themselves. Measured on two cores: writing,
// renaming and reading back thousands of small files took 2.5–16× longer with promises, even
// eight at a time, and the threads doing it took CPU from parsing and rendering.

/**
 * Temporary names: random for each thread (each has its own copy of this module), then counted,
 * so that writers in other threads and processes never pick the same one. Random bytes for each
 * write cost a first ingest at 16k ~0.1 s of CPU per thread that writes.
 */
const tempPrefix = randomBytes(6).toString("hex");
let tempCount = 0;

/**
 * Writes a file atomically: the data goes to a temporary file in the same folder, which is then
 * renamed over the target, so a reader (or a crash) never sees half a file. The folder is made
 * when missing.
 */
export function writeFileAtomic(path: string, data: string): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${tempPrefix}${(tempCount++).toString(36)}.tmp`);
  try {
    writeNew(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Writes a new file, making its folder first if it is missing (most writes find it there). */
function writeNew(path: string, data: string): void {
  try {
    writeFileSync(path, data, { encoding: "utf8", flag: "wx" });
  } catch (error) {
    if (!isCode(error, "ENOENT")) throw error;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data, { encoding: "utf8", flag: "wx" });
  }
}

/**
 * Writes a file only when its bytes would change; returns whether it wrote. Leaving identical
 * files alone keeps their modification times, so watchers and incremental builds stay quiet.
 */
export function writeIfChanged(path: string, data: string): boolean {
  if (readTextIfPresent(path) === data) return false;
  writeFileAtomic(path, data);
  return true;
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
