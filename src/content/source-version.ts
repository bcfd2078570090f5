import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) files.push(...sourceFiles(path));
    // A compiled .js file is not a source: the copy run compiled has its .ts beside it (bin/compiled-code.js).
    else if (item.isFile() && !item.name.endsWith(".test.ts") && !item.name.endsWith(".js")) files.push(path);
  }
  return files.sort();
}

const versions = new Map<string, string>();

/**
 * A short hash of the source files (code and data) under some folders. Caches of derived data key
 * on it, so any change to the code that derives them invalidates them by itself: nobody has to
 * remember to bump a version number.
 */
export function sourceVersion(folders: readonly string[]): string {
  const cacheKey = folders.join("\n");
  let version = versions.get(cacheKey);
  if (version === undefined) {
    const hash = createHash("sha256");
    for (const folder of folders) {
      for (const file of sourceFiles(folder)) {
        // Paths relative to their folder, so the version is the same in every checkout.
        hash.update(`${file.slice(folder.length)}\n`);
        hash.update(readFileSync(file));
      }
    }
    version = hash.digest("hex").slice(0, 16);
    versions.set(cacheKey, version);
  }
  return version;
}
