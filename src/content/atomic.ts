import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file atomically: the data goes to a temporary file in the same folder, which is then
 * renamed over the target, so a reader (or a crash) never sees half a file.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, data, { encoding: "utf8", flag: "wx" });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Writes a file only when its bytes would change; returns whether it wrote. Leaving identical
 * files alone keeps their modification times, so watchers and incremental builds stay quiet.
 */
export async function writeIfChanged(path: string, data: string): Promise<boolean> {
  const current = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (current === data) return false;
  await writeFileAtomic(path, data);
  return true;
}
