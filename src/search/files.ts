import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { copyFile, link } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { mapBounded } from "../concurrency.ts";

/** Links in flight at once: enough to keep the disk busy, few enough for the file handles. */
const LINKS_IN_FLIGHT = 16;

/**
 * Recreates the tree under `from` at `to` with hard links (copies where links are refused, e.g.
 * across file systems). A cached shard of 1,000 articles is ~1,000 fragment files; linking them
 * costs a tenth of copying and no disk space. Safe because bundles are never edited in place:
 * a rebuilt shard is written to a new folder and renamed over the old one. Asynchronous, several
 * links in flight: the disk works on several at once, and the event loop keeps turning (the
 * search threads' replies and the pages' writes are handled meanwhile).
 */
export async function linkTree(from: string, to: string): Promise<number> {
  const files = filesToLink(from, to);
  await mapBounded(files, LINKS_IN_FLIGHT, async ({ source, target }) => {
    try {
      await link(source, target);
    } catch {
      await copyFile(source, target);
    }
  });
  return files.length;
}

/** linkTree, synchronously: for a thread with nothing else to do meanwhile. */
export function linkTreeSync(from: string, to: string): number {
  const files = filesToLink(from, to);
  for (const { source, target } of files) {
    try {
      linkSync(source, target);
    } catch {
      copyFileSync(source, target);
    }
  }
  return files.length;
}

/**
 * The files under `from`, each with its place under `to`, whose folders it makes. A bundle has
 * three folders: walking them synchronously costs less than the promises would.
 */
function filesToLink(from: string, to: string): Array<{ source: string; target: string }> {
  const files: Array<{ source: string; target: string }> = [];
  const walk = (source: string, target: string): void => {
    mkdirSync(target, { recursive: true });
    for (const entry of readdirSync(source, { withFileTypes: true })) {
      const pair = { source: join(source, entry.name), target: join(target, entry.name) };
      if (entry.isDirectory()) walk(pair.source, pair.target);
      else files.push(pair);
    }
  };
  walk(from, to);
  return files;
}

/** Where a bundle just written goes (see placeBundle). */
export interface BundlePlacement {
  /** The folder of the site being built it is linked into; absent when the live site has it. */
  siteDir?: string;
  /** Its folder in the cache, which it replaces. */
  cached: string;
  /** The file naming the cached bundle's fingerprint, written once the bundle is in place. */
  hashFile: string;
  hash: string;
}

/**
 * Puts a bundle written at `pending` in place: linked into the site being built, then renamed
 * over its cached copy, whose fingerprint file is written last (a build killed before that finds
 * no fingerprint, and indexes the shard again). Done on the thread that wrote the bundle: the
 * main thread's event loop, busy computing pages, would take its turns late for the thousand
 * file operations of a shard (an add at 16k waited 0.2–0.3 s for them).
 */
export function placeBundle(pending: string, { siteDir, cached, hashFile, hash }: BundlePlacement): void {
  if (siteDir !== undefined) linkTreeSync(pending, siteDir);
  // The old copy is set aside by a rename, then removed: the cache never holds half a bundle.
  const old = join(dirname(cached), `.old-${basename(cached)}`);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(cached)) renameSync(cached, old);
  renameSync(pending, cached);
  writeFileSync(hashFile, `${hash}\n`);
  rmSync(old, { recursive: true, force: true });
}
