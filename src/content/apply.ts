import { readdir, rm, rmdir } from "node:fs/promises";
import { dirname } from "node:path";
import { mapBounded } from "../concurrency.ts";
import { writeIfChanged } from "./atomic.ts";
import { resolveContentPath } from "./paths.ts";
import type { ContentChange } from "./reconcile.ts";

export interface AppliedChanges {
  /** Paths (relative to content/) whose bytes changed. */
  written: string[];
  removed: string[];
}

/**
 * Carries out a reconcile plan in content/: removals first (a moved file's old place may be
 * taken by another article), then writes, each atomic and only when the bytes differ.
 */
export async function applyChanges(contentDir: string, changes: readonly ContentChange[]): Promise<AppliedChanges> {
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
  // Many at once: a first ingest writes thousands of files, and one at a time the disk's
  // latency, not its speed, decides how long that takes. Each write is atomic on its own.
  const writes = changes.filter((c): c is Extract<ContentChange, { kind: "write" }> => c.kind === "write");
  const changed = await mapBounded(writes, WRITE_CONCURRENCY, (change) => writeIfChanged(resolveContentPath(contentDir, change.path), change.text));
  writes.forEach((change, i) => {
    if (changed[i]) written.push(change.path);
  });
  return { written, removed };
}

const WRITE_CONCURRENCY = 32;

/** Removes an outlet folder left empty, so content/ does not collect empty folders. */
async function removeIfEmpty(dir: string, contentDir: string): Promise<void> {
  if (dir === contentDir) return;
  const items = await readdir(dir).catch(() => ["?"]);
  if (items.length === 0) await rmdir(dir).catch(() => undefined);
}
