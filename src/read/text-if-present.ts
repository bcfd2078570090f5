import { readFileSync, statSync } from "node:fs";

/**
 * A file's text, or undefined when there is no file at `path`. It is looked for before it is
 * read: a read that fails for want of a file costs ~10 µs for the error Node makes, a look ~1 µs,
 * and a first ingest asks after tens of thousands of files that are not there yet (sidecars,
 * parse-cache entries, content files). Other failures (a folder, no permission) throw as a read
 * would.
 */
export function readTextIfPresent(path: string): string | undefined {
  if (statSync(path, { throwIfNoEntry: false }) === undefined) return undefined;
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    // Removed between the look and the read.
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw error;
  }
}
