import { readdir, rm, rmdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { writeIfChanged } from "./atomic.ts";
import { stampFile, type FileStamp } from "./file-stamp.ts";
import { resolveContentPath } from "./paths.ts";
import type { ContentChange } from "./reconcile.ts";
import { writeOnThreads, type FileWrite } from "./write-pool.ts";

export interface AppliedChanges {
  /** Paths (relative to content/) whose bytes changed. */
  written: string[];
  removed: string[];
}

export type WriteChange = Extract<ContentChange, { kind: "write" }>;

export interface ApplyOptions {
  /**
   * Called for each file whose bytes changed, in the order of the changes, while its text is at
   * hand, with the file's stamp just after the write.
   */
  onWritten?: (change: WriteChange, stamp: FileStamp | null) => void;
  /**
   * Empty `changes` as the writes are done, so that a file's text (flattened into one string by
   * writing it) is not held once written: a first ingest writes the whole archive.
   */
  consume?: boolean;
  /** Threads writing the files (default: one per core, at most 4, from MIN_WRITES_FOR_THREADS writes; below 2, this thread writes). */
  threads?: number;
}

/**
 * Carries out a reconcile plan in content/: removals first (a moved file's old place may be
 * taken by another article), then writes, each atomic and only when the bytes differ.
 */
export async function applyChanges(contentDir: string, changes: ContentChange[], options: ApplyOptions = {}): Promise<AppliedChanges> {
  const written: string[] = [];
  const removed: string[] = [];
  const writtenPaths = new Set(changes.filter((c) => c.kind === "write").map((c) => c.path));
  for (const change of changes) {
    if (change.kind !== "remove" || writtenPaths.has(change.path)) continue;
    const absolute = resolveContentPath(contentDir, change.path);
    await rm(absolute, { force: true });
    await removeIfEmpty(dirname(absolute), contentDir);
    removed.push(change.path);
  }
  const writes: (WriteChange | undefined)[] = changes.filter((c): c is WriteChange => c.kind === "write");
  if (options.consume === true) changes.length = 0;
  const wrote = (change: WriteChange, stamp: FileStamp | null): void => {
    written.push(change.path);
    options.onWritten?.(change, stamp);
  };
  const threads = options.threads ?? (writes.length >= MIN_WRITES_FOR_THREADS ? Math.min(4, availableParallelism()) : 1);
  if (threads >= 2) {
    const files: (FileWrite | undefined)[] = writes.map((change) => ({ path: resolveContentPath(contentDir, change!.path), text: change!.text }));
    let at = 0;
    await writeOnThreads(files, threads, (results) => {
      for (const result of results) {
        const change = writes[at]!;
        if (options.consume === true) writes[at] = undefined;
        at++;
        if (result.changed) wrote(change, result.stamp);
      }
    });
    return { written, removed };
  }
  // In batches, so that a consumed batch can be let go. Each write is atomic on its own.
  for (let start = 0; start < writes.length; start += WRITE_BATCH) {
    const batch = writes.slice(start, start + WRITE_BATCH).filter((c): c is WriteChange => c !== undefined);
    if (options.consume === true) writes.fill(undefined, start, start + WRITE_BATCH);
    for (const change of batch) {
      const path = resolveContentPath(contentDir, change.path);
      if (writeIfChanged(path, change.text)) wrote(change, stampFile(path));
    }
  }
  return { written, removed };
}

const WRITE_BATCH = 512;

/**
 * From this many files to write, threads write them (write-pool.ts): a first ingest of 16k
 * articles wrote its 15k files in ~2.4 s on one core. Below, a thread's start-up costs more
 * than it saves.
 */
const MIN_WRITES_FOR_THREADS = 1000;

/** Removes an outlet folder left empty, so content/ does not collect empty folders. */
async function removeIfEmpty(dir: string, contentDir: string): Promise<void> {
  if (dir === contentDir) return;
  const items = await readdir(dir).catch(() => ["?"]);
  if (items.length === 0) await rmdir(dir).catch(() => undefined);
}
