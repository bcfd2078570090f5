import { randomBytes } from "node:crypto";
import { mkdtemp, rename } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { removeInBackground } from "./remove-later.ts";

/**
 * A fresh, empty folder next to `dist` (same parent, so the swap is a rename on one file system),
 * named `.<dist>-build-XXXXXX` so it is hidden and ignored by git.
 */
export async function makeStagingDir(dist: string): Promise<string> {
  return mkdtemp(join(dirname(dist), `.${basename(dist)}-build-`));
}

/**
 * Puts a finished build in place of the live site: the old dist/ is renamed aside, the new one
 * renamed in, then the old one handed to `removeOld` (by default deleted in the background: the
 * new site is live already). If the second rename fails the old site is put back, so dist/ is
 * always either the previous build or the new one, never a mix.
 */
export async function swapInto(staging: string, dist: string, removeOld: (dir: string) => void = removeInBackground): Promise<void> {
  const aside = join(dirname(dist), `.${basename(dist)}-old-${randomBytes(6).toString("hex")}`);
  let hadOld = true;
  try {
    await rename(dist, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadOld = false;
  }
  try {
    await rename(staging, dist);
  } catch (error) {
    if (hadOld) await rename(aside, dist);
    throw error;
  }
  if (hadOld) removeOld(aside);
}
