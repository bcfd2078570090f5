import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { removeInBackground } from "./remove-later.ts";

/** Held while a build runs, so two builds (a `serve` and a `build`, say) never swap dist/ at once. */
export interface BuildLock {
  release(): Promise<void>;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes `<cacheDir>/build.lock`, or returns the pid of the live process holding it. A lock left
 * by a process that no longer runs (a crashed build) is taken over.
 */
export async function acquireBuildLock(cacheDir: string): Promise<BuildLock | { heldBy: number }> {
  await mkdir(cacheDir, { recursive: true });
  const file = join(cacheDir, "build.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) return { heldBy: holder };
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not take the build lock ${file}`);
}

/**
 * Removes staging and set-aside folders (`.dist-build-*`, `.dist-old-*`) that a crashed build
 * left next to dist/, or that a background removal has not finished yet: in the background too
 * (removeInBackground). Only called while holding the build lock, so no build uses them.
 */
export async function removeStaleBuildFolders(dist: string): Promise<void> {
  const parent = dirname(dist);
  const prefixes = [`.${basename(dist)}-build-`, `.${basename(dist)}-old-`];
  const items = await readdir(parent, { withFileTypes: true }).catch(() => []);
  for (const item of items) {
    if (item.isDirectory() && prefixes.some((p) => item.name.startsWith(p))) {
      removeInBackground(join(parent, item.name));
    }
  }
}
