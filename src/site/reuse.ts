import { createHash } from "node:crypto";
import { copyFile, link, mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Incremental output: a manifest (in the cache folder) of every file of the last build that went
 * live, each with a hash of what it was made from: a page's view model, or a raw file's text.
 * A file whose hash is unchanged, and which the previous site still has, is hard-linked from it
 * (copied where links fail) instead of being rendered and written again. Adding a dump to a large
 * archive then renders only the new articles and the listings, feeds and home pages they touch.
 *
 * Everything a view model does not capture goes into the manifest's key: the templates, the code
 * that wires Eleventy (filters, permalinks), Eleventy's version, the site-wide fields every page
 * prints and the path prefix and base URL. A different key reuses nothing.
 *
 * The manifest describes the staging folder when it is written (`manifest.next.json`); it only
 * becomes the manifest once that folder is the live site (commitManifest, after the swap), and
 * the old one is removed before the swap, so a crash in between means a full render, never a
 * stale page linked from a site that no longer matches the manifest.
 */

const MANIFEST = "manifest.json";
const NEXT = "manifest.next.json";
/** Bump when the rendering changes in ways the key below cannot see. */
const FORMAT = 1;

interface ManifestFile {
  format: number;
  key: string;
  files: Record<string, string>;
}

export function contentHash(text: string): string {
  return createHash("sha1").update(text).digest("base64url");
}

/** Sorted relative paths of every file under dir (empty when dir is missing). */
async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** The manifest's key: everything that shapes a page besides its own view model. */
export async function renderKey(templatesDir: string, shared: unknown): Promise<string> {
  const hash = createHash("sha1");
  hash.update(`format ${FORMAT}\n${JSON.stringify(shared)}\n`);
  for (const file of (await listFiles(templatesDir)).sort()) {
    hash.update(`${file}\n`);
    hash.update(await readFile(join(templatesDir, file)));
  }
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of ["eleventy.ts", "urls.ts"]) hash.update(await readFile(join(here, file)));
  // Eleventy's version (its package.json is not exported; it sits above the entry point's folder).
  const eleventyEntry = createRequire(import.meta.url).resolve("@11ty/eleventy");
  hash.update(await readFile(join(dirname(dirname(eleventyEntry)), "package.json")));
  return hash.digest("base64url");
}

export class OutputReuse {
  private readonly next = new Map<string, string>();
  private readonly linked: string[] = [];

  private constructor(
    private readonly cacheDir: string,
    private readonly key: string,
    private readonly previousDir: string | null,
    private readonly previous: ReadonlyMap<string, string>,
  ) {}

  /** Loads the last live build's manifest; with no previous site, or another key, nothing is reused. */
  static async open(cacheDir: string, key: string, previousDir: string | null): Promise<OutputReuse> {
    const previous = new Map<string, string>();
    if (previousDir !== null) {
      // Missing or unreadable: a full render.
      const manifest = await readFile(join(cacheDir, "site", MANIFEST), "utf8")
        .then((text) => JSON.parse(text) as ManifestFile | null)
        .catch(() => null);
      if (manifest !== null && typeof manifest === "object" && manifest.format === FORMAT && manifest.key === key && typeof manifest.files === "object") {
        const present = new Set(await listFiles(previousDir));
        for (const [file, hash] of Object.entries(manifest.files)) if (present.has(file)) previous.set(file, hash);
      }
    }
    return new OutputReuse(cacheDir, key, previousDir, previous);
  }

  /**
   * Records that the site has `file` (relative to its root) made from something hashing to
   * `hash`; true when the previous site's copy can be linked, so it need not be made again.
   */
  keep(file: string, hash: string): boolean {
    this.next.set(file, hash);
    if (this.previous.get(file) !== hash) return false;
    this.linked.push(file);
    return true;
  }

  /** Files linked rather than made, so far. */
  get reused(): number {
    return this.linked.length;
  }

  /** Links (or copies) the kept files from the previous site into outDir. */
  async linkInto(outDir: string): Promise<void> {
    if (this.previousDir === null || this.linked.length === 0) return;
    const from = this.previousDir;
    const dirs = [...new Set(this.linked.map((f) => dirname(join(outDir, f))))];
    await runBounded(dirs, (dir) => mkdir(dir, { recursive: true }));
    await runBounded(this.linked, async (file) => {
      const source = join(from, file);
      const target = join(outDir, file);
      try {
        await link(source, target);
      } catch (error) {
        // Another file system, or links unsupported: a copy is as good, only slower.
        if ((error as NodeJS.ErrnoException).code === "EEXIST") await rm(target, { force: true });
        await copyFile(source, target);
      }
    });
  }

  /** Writes the manifest of the site just made, pending until commitManifest. */
  async saveNext(): Promise<void> {
    const dir = join(this.cacheDir, "site");
    await mkdir(dir, { recursive: true });
    const files: Record<string, string> = {};
    for (const file of [...this.next.keys()].sort()) files[file] = this.next.get(file)!;
    await writeFile(join(dir, NEXT), JSON.stringify({ format: FORMAT, key: this.key, files } satisfies ManifestFile));
  }
}

/** Before the swap: the live site is about to change, so its manifest no longer applies. */
export async function dropManifest(cacheDir: string): Promise<void> {
  await rm(join(cacheDir, "site", MANIFEST), { force: true });
}

/** After the swap: the staging folder's manifest describes the live site now. */
export async function commitManifest(cacheDir: string): Promise<void> {
  try {
    await rename(join(cacheDir, "site", NEXT), join(cacheDir, "site", MANIFEST));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

const CONCURRENCY = 64;

async function runBounded<T>(items: readonly T[], task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
