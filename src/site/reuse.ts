import { createHash, hash as oneShotHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceVersion } from "../content/source-version.ts";

/**
 * Incremental output: a manifest (in the cache folder) of every file of the live site, each with
 * a hash of what it was made from: a page's view model, or a raw file's text. When the manifest
 * applies (same key, and the live site is there), a build makes only the files whose hash changed
 * and leaves the others where they are; the pipeline then moves the new files into the live site
 * and deletes those it no longer has (src/cli/pipeline/publish.ts). Adding a dump to a large
 * archive then renders only the new articles and the listings, feeds and home pages they touch,
 * and touches no other file.
 *
 * A page's hash is of its view model, or, for pages costly to make (dump pages), of the inputs
 * its view model is made from (PageSource.inputs), so that unchanged ones are not even made.
 * Everything these hashes do not capture goes into the manifest's key: the templates, the site's
 * code (view models, Eleventy's wiring), Eleventy's version, the site-wide fields every page
 * prints and the path prefix and base URL. A different key reuses nothing.
 *
 * The manifest trusts that the live site is what the last build made: dist/ is generated, never
 * edited. The manifest of a build is written aside (`manifest.next.json`) and only becomes the
 * manifest once its files are live (commitManifest); the old one is removed before the live site
 * changes, so a crash in between means a full render, never a stale page.
 *
 * The same bookkeeping serves the search index, whose units are shard folders (name "search").
 */

const MANIFEST = "manifest.json";
const NEXT = "manifest.next.json";
/** Bump when the rendering changes in ways the key below cannot see. */
const FORMAT = 3;

/** Which manifest: the site's pages and files, or the search index's shards. */
export type ManifestName = "site" | "search-live";

interface ManifestFile {
  format: number;
  key: string;
  /** [file, hash] in the order the build made them: not sorted, as a large site's 100k entries took a tenth of a second to sort and key. */
  files: Array<[string, string]>;
}

/** A short hash of a text: of a page's view model or inputs, or of a raw file. */
export function contentHash(text: string): string {
  // The one-shot form: a build hashes ~100k texts, and a Hash object each costs twice the time.
  return oneShotHash("sha1", text, "base64url");
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
  // The site's code: pages known by their inputs (PageSource.inputs) are made by it, and
  // Eleventy's wiring (filters, permalinks) is part of it.
  hash.update(sourceVersion([dirname(fileURLToPath(import.meta.url))]));
  // Eleventy's version (its package.json is not exported; it sits above the entry point's folder).
  const eleventyEntry = createRequire(import.meta.url).resolve("@11ty/eleventy");
  hash.update(await readFile(join(dirname(dirname(eleventyEntry)), "package.json")));
  return hash.digest("base64url");
}

export class OutputReuse {
  private readonly next = new Map<string, string>();
  private kept = 0;

  private constructor(
    private readonly dir: string,
    private readonly key: string,
    private readonly previous: ReadonlyMap<string, string>,
  ) {}

  /**
   * Loads the manifest of the live site; with no live site (liveDir null or missing), no
   * manifest, or another key, nothing is reused and the build makes every file.
   */
  static async open(cacheDir: string, name: ManifestName, key: string, liveDir: string | null): Promise<OutputReuse> {
    const dir = join(cacheDir, name);
    const previous = new Map<string, string>();
    if (liveDir !== null && (await isDirectory(liveDir))) {
      const manifest = await readFile(join(dir, MANIFEST), "utf8")
        .then((text) => JSON.parse(text) as ManifestFile | null)
        .catch(() => null);
      if (manifest !== null && typeof manifest === "object" && manifest.format === FORMAT && manifest.key === key && Array.isArray(manifest.files)) {
        for (const entry of manifest.files as unknown[]) {
          // A damaged manifest is no manifest: the build makes every file.
          if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "string") {
            previous.clear();
            break;
          }
          previous.set(entry[0], entry[1]);
        }
        if (previous.size > 0 && !(await samplePresent(liveDir, [...previous.keys()]))) previous.clear();
      }
    }
    return new OutputReuse(dir, key, previous);
  }

  /** True when the live site's files can stay: the build then makes only what changed. */
  get incremental(): boolean {
    return this.previous.size > 0;
  }

  /**
   * Records that the site has `file` (relative to its root) made from something hashing to
   * `hash`; true when the live site's copy is that, so it need not be made again.
   */
  keep(file: string, hash: string): boolean {
    this.next.set(file, hash);
    if (this.previous.get(file) !== hash) return false;
    this.kept++;
    return true;
  }

  /** keep() for a file known by a hash of its inputs (PageSource.inputs), not of its content. */
  keepInputs(file: string, inputsHash: string): boolean {
    return this.keep(file, `inputs:${inputsHash}`);
  }

  /** Files left as they are in the live site, so far. */
  get reused(): number {
    return this.kept;
  }

  /** How many files this build's site has (made or kept), and how many of them are HTML pages. */
  count(): { files: number; pages: number } {
    let pages = 0;
    for (const file of this.next.keys()) if (file.endsWith(".html")) pages++;
    return { files: this.next.size, pages };
  }

  /** Files of the live site that this build's site no longer has. */
  removed(): string[] {
    return [...this.previous.keys()].filter((file) => !this.next.has(file)).sort();
  }

  /** Writes the manifest of the site just made, pending until commitManifest. */
  async saveNext(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, NEXT), JSON.stringify({ format: FORMAT, key: this.key, files: [...this.next] } satisfies ManifestFile));
  }
}

/** Files checked for presence before the live site is trusted (see samplePresent). */
const SAMPLE = 256;

/**
 * Whether an evenly spread sample of the manifest's entries is in the live site: a site emptied or
 * pruned by hand is then noticed (and built whole again) for a few hundred stat calls, not one
 * per file. A single page deleted by hand is not noticed here; `check` reports it.
 */
async function samplePresent(liveDir: string, files: readonly string[]): Promise<boolean> {
  const stride = Math.max(1, Math.floor(files.length / SAMPLE));
  const sample: string[] = [];
  for (let i = 0; i < files.length; i += stride) sample.push(files[i]!);
  // Entries are files, or folders for the search manifest (a shard's bundle).
  const found = await Promise.all(sample.map((file) => stat(join(liveDir, file)).then(() => true, () => false)));
  return found.every(Boolean);
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

const MANIFESTS: readonly ManifestName[] = ["site", "search-live"];

/** Before the live site changes: its manifests no longer describe it. */
export async function dropManifest(cacheDir: string): Promise<void> {
  for (const name of MANIFESTS) await rm(join(cacheDir, name, MANIFEST), { force: true });
}

/** Once the build's files are live: the manifests written for them describe the live site now. */
export async function commitManifest(cacheDir: string): Promise<void> {
  for (const name of MANIFESTS) {
    try {
      await rename(join(cacheDir, name, NEXT), join(cacheDir, name, MANIFEST));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}
