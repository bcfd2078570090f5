/**
 * Per-article results that cost the most to derive, kept between runs: detected languages, MinHash
 * summaries and named entities, each keyed by the sha256 of the text it was derived from, so a
 * changed text is simply a miss. The cache is derived state: one JSON file in the project's cache
 * folder, safe to delete, ignored when unreadable or written by another version of this code.
 * The weights of the curated topics each text mentions are held too, for one run only: parsing
 * threads find them for a first ingest (derive-ahead.ts); a later one searches only new captures.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CachedSummary, SummaryCache } from "./duplicates.ts";
import type { LanguageCache } from "./language.ts";
import type { CuratedCache, CuratedWeights, EntityCache } from "./topics/assign.ts";
import type { EntityMention } from "./topics/entities.ts";

/** Bump when what is cached, or how it is derived, changes: older files are then ignored. */
const VERSION = 2;
const FILE = `enrich-v${VERSION}.json`;
/** Entries kept per kind: the most recently added win (a bound, so the file cannot grow for ever). */
const MAX_ENTRIES = 400_000;
/**
 * A cache read from its file is written again once it has grown by this fraction of what it
 * held. Adding one dump to a large archive adds a few entries to a file of megabytes (8 MB at
 * 16k articles), and rewriting it took ~0.1 s of the build; what is left unwritten is cheap to
 * derive again: of a record that exists already, enrichment looks up only its summary.
 */
const REWRITE_GROWTH = 0.01;

interface CacheFile {
  version: number;
  languages: [string, string][];
  summaries: [string, string, number, string, string][];
  entities: [string, EntityMention[]][];
}

/** A cache's entries as plain data, for sending between threads. */
export interface DerivedEntries {
  languages: [string, string][];
  summaries: [string, CachedSummary][];
  entities: [string, EntityMention[]][];
  curated: [string, CuratedWeights][];
}

export class DerivedCache {
  readonly languages: LanguageCache = new Map();
  readonly summaries: SummaryCache = new Map();
  readonly entities: EntityCache = new Map();
  /** Not saved: see above. */
  readonly curated: CuratedCache = new Map();
  #sizeAtLoad = { languages: 0, summaries: 0, entities: 0 };

  /** The cache kept in `dir`, or an empty one. */
  static async load(dir: string): Promise<DerivedCache> {
    const cache = new DerivedCache();
    let text: string;
    try {
      text = await readFile(join(dir, FILE), "utf8");
    } catch {
      return cache;
    }
    try {
      const data = JSON.parse(text) as CacheFile;
      if (data.version !== VERSION) return cache;
      for (const [key, language] of data.languages) cache.languages.set(key, language);
      for (const [key, signature, shingles, exactKey, headlineKey] of data.summaries) {
        const bytes = Buffer.from(signature, "base64");
        const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        const summary: CachedSummary = { signature: words, shingles, exactKey, headlineKey };
        cache.summaries.set(key, summary);
      }
      for (const [key, mentions] of data.entities) cache.entities.set(key, mentions);
    } catch {
      // A damaged cache is an empty one: everything in it can be derived again.
      return new DerivedCache();
    }
    cache.#sizeAtLoad = { languages: cache.languages.size, summaries: cache.summaries.size, entities: cache.entities.size };
    return cache;
  }

  /** Adds the entries the cache lacks (an entry is a pure function of its key's text: a kept one is the same). */
  absorb(entries: DerivedEntries): void {
    for (const [key, language] of entries.languages) if (!this.languages.has(key)) this.languages.set(key, language);
    for (const [key, summary] of entries.summaries) if (!this.summaries.has(key)) this.summaries.set(key, summary);
    for (const [key, mentions] of entries.entities) if (!this.entities.has(key)) this.entities.set(key, mentions);
    for (const [key, weights] of entries.curated) if (!this.curated.has(key)) this.curated.set(key, weights);
  }

  /** Writes the cache to `dir` when it gained entries: any, or for a cache read from its file, REWRITE_GROWTH of what it held. */
  async save(dir: string): Promise<boolean> {
    const held = this.#sizeAtLoad.languages + this.#sizeAtLoad.summaries + this.#sizeAtLoad.entities;
    const gained = this.languages.size + this.summaries.size + this.entities.size - held;
    if (gained <= 0 || gained < held * REWRITE_GROWTH) return false;
    const data: CacheFile = {
      version: VERSION,
      languages: newest([...this.languages]),
      summaries: newest([...this.summaries]).map(([key, s]) => [key, Buffer.from(s.signature.buffer, s.signature.byteOffset, s.signature.byteLength).toString("base64"), s.shingles, s.exactKey, s.headlineKey]),
      entities: newest([...this.entities]),
    };
    await mkdir(dir, { recursive: true });
    const path = join(dir, FILE);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(data), "utf8");
    await rename(temporary, path);
    this.#sizeAtLoad = { languages: this.languages.size, summaries: this.summaries.size, entities: this.entities.size };
    return true;
  }
}

/** The last MAX_ENTRIES entries: maps keep insertion order, and new entries come last. */
function newest<T>(entries: T[]): T[] {
  return entries.length > MAX_ENTRIES ? entries.slice(entries.length - MAX_ENTRIES) : entries;
}
