import { readdir, rm, rmdir } from "node:fs/promises";
import { dirname } from "node:path";
import { writeIfChanged } from "./atomic.ts";
import { resolveContentPath } from "./paths.ts";
import type { ContentChange } from "./reconcile.ts";

export interface AppliedChanges {
  /** Paths (relative to content/) whose bytes changed. */
  written: string[];
  removed: string[];
}

export type WriteChange = Extract<ContentChange, { kind: "write" }>;

export interface ApplyOptions {
  /** Called for each file whose bytes changed, in the order of the changes, while its text is at hand. */
  onWritten?: (change: WriteChange) => void;
  /**
   * Empty `changes` as the writes are done, so that a file's text (flattened into one string by
   * writing it) is not held once written: a first ingest writes the whole archive.
   */
  consume?: boolean;
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
  // In batches, so that a consumed batch can be let go. Each write is atomic on its own.
  const writes: (WriteChange | undefined)[] = changes.filter((c): c is WriteChange => c.kind === "write");
  if (options.consume === true) changes.length = 0;
  for (let start = 0; start < writes.length; start += WRITE_BATCH) {
    const batch = writes.slice(start, start + WRITE_BATCH).filter((c): c is WriteChange => c !== undefined);
    if (options.consume === true) writes.fill(undefined, start, start + WRITE_BATCH);
    const changed = batch.map((change) => writeIfChanged(resolveContentPath(contentDir, change.path), change.text));
    batch.forEach((change, i) => {
      if (!changed[i]) return;
      written.push(change.path);
      options.onWritten?.(change);
    });
  }
  return { written, removed };
}

const WRITE_BATCH = 512;

/** Removes an outlet folder left empty, so content/ does not collect empty folders. */
async function removeIfEmpty(dir: string, contentDir: string): Promise<void> {
  if (dir === contentDir) return;
  const items = await readdir(dir).catch(() => ["?"]);
  if (items.length === 0) await rmdir(dir).catch(() => undefined);
}
