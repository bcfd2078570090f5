import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { commitManifest, dropManifest } from "../../site/index.ts";
import { swapInto } from "./swap.ts";

/**
 * Putting a finished build live. A full build (the staging folder holds the whole site) replaces
 * dist/ by two renames (swapInto). An incremental build (the staging folder holds only the files
 * made anew) is moved into dist/ file by file, and the files the site no longer has are deleted:
 * adding a dump to a large archive then touches tens of files, not every file of the site.
 *
 * Before the first move, a journal in the cache folder records the update; a build interrupted
 * while moving (a kill, a power cut) leaves it behind, and the next build finishes that update
 * before anything else (finishInterruptedUpdate), so dist/ always ends up exactly the site that
 * was built. Nothing is moved before the whole site is built, so a failed build leaves dist/ as
 * it was.
 */
export interface LiveUpdate {
  /** Absolute path of the staging folder (next to dist/). */
  staging: string;
  /** Files of dist/ to delete, relative to it, with `/`. */
  remove: string[];
  /** Folders of dist/ replaced whole by the staging folder's (search bundles), relative. */
  replaceDirs: string[];
  /** Folders of dist/ to delete, relative. */
  removeDirs: string[];
}

const JOURNAL = "publish-journal.json";

/** Puts the staging folder live: whole (full build) or as changes to dist/ (incremental). */
export async function publish(dist: string, cacheDir: string, incremental: boolean, journal: LiveUpdate): Promise<void> {
  // The manifests describe dist/: dropped before it changes, the new ones committed after.
  await dropManifest(cacheDir);
  if (!incremental) {
    await swapInto(journal.staging, dist);
    await commitManifest(cacheDir);
    return;
  }
  await mkdir(cacheDir, { recursive: true });
  const file = join(cacheDir, JOURNAL);
  await writeFile(`${file}.tmp`, JSON.stringify(journal));
  await rename(`${file}.tmp`, file);
  await finish(journal, dist, cacheDir);
}

/**
 * Finishes an update a build left half done, when there is one (a journal in the cache folder);
 * true when it did. Called by every build before it starts, under the build lock.
 */
export async function finishInterruptedUpdate(dist: string, cacheDir: string): Promise<boolean> {
  const text = await readFile(join(cacheDir, JOURNAL), "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (text === null) return false;
  let journal: LiveUpdate;
  try {
    journal = JSON.parse(text) as LiveUpdate;
  } catch {
    // Written by rename, so never half a file; unreadable means damaged: the next build is a
    // full one (the manifests were dropped before the update began).
    await rm(join(cacheDir, JOURNAL), { force: true });
    return false;
  }
  await finish(journal, dist, cacheDir);
  return true;
}

/** Every step can run again after an interruption: moves of what is still there, deletes forced. */
async function finish(journal: LiveUpdate, dist: string, cacheDir: string): Promise<void> {
  const { staging } = journal;
  for (const dir of journal.replaceDirs) {
    const from = join(staging, dir);
    if (!(await isFolder(from))) continue;
    await rm(join(dist, dir), { recursive: true, force: true });
    await mkdir(dirname(join(dist, dir)), { recursive: true });
    await rename(from, join(dist, dir));
  }
  for (const dir of journal.removeDirs) await rm(join(dist, dir), { recursive: true, force: true });
  const made = await filesUnder(staging);
  const dirs = [...new Set(made.map((f) => dirname(join(dist, f))))];
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  for (const file of made) await rename(join(staging, file), join(dist, file));
  for (const file of journal.remove) {
    await rm(join(dist, file), { force: true });
    await removeEmptyParents(dirname(join(dist, file)), dist);
  }
  await commitManifest(cacheDir);
  await rm(join(cacheDir, JOURNAL), { force: true });
  await rm(staging, { recursive: true, force: true });
}

async function isFolder(path: string): Promise<boolean> {
  return readdir(path).then(
    () => true,
    () => false,
  );
}

/** Files under dir, relative with `/`; none when dir is missing. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

/** A page's folder goes with its last file (a removed article leaves no empty folder behind). */
async function removeEmptyParents(dir: string, root: string): Promise<void> {
  for (let current = dir; current !== root && current.startsWith(root + sep); current = dirname(current)) {
    try {
      await rmdir(current);
    } catch {
      return; // not empty, or gone already
    }
  }
}
