import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../content/atomic.ts";
import { sourceVersion } from "../content/source-version.ts";
import { bodyDigest, type Article } from "../model/index.ts";
import { excerpt } from "./view/format.ts";

/**
 * Listing excerpts by body digest, kept between builds in the cache folder. Every listing shows
 * an excerpt of each article it lists, so without this a build that renders ten pages would read
 * every body of the archive to make its listings' view models. Keyed by the site's code too:
 * a change to how excerpts are cut makes them again.
 */
const FILE = join("site", "excerpts.json");

interface ExcerptFile {
  version: string;
  excerpts: Record<string, string>;
}

const version = (): string => sourceVersion([dirname(fileURLToPath(import.meta.url))]);

export class ExcerptCache {
  readonly #file: string;
  readonly #known: ReadonlyMap<string, string>;
  readonly #used = new Map<string, string>();
  #added = 0;

  private constructor(file: string, known: ReadonlyMap<string, string>) {
    this.#file = file;
    this.#known = known;
  }

  static async open(cacheDir: string): Promise<ExcerptCache> {
    const file = join(cacheDir, FILE);
    const known = new Map<string, string>();
    const stored = await readFile(file, "utf8")
      .then((text) => JSON.parse(text) as ExcerptFile | null)
      .catch(() => null);
    // Missing, damaged or made by other code: excerpts are cut again from the bodies.
    if (stored !== null && typeof stored === "object" && stored.version === version() && stored.excerpts !== null && typeof stored.excerpts === "object") {
      for (const [digest, text] of Object.entries(stored.excerpts)) if (typeof text === "string") known.set(digest, text);
    }
    return new ExcerptCache(file, known);
  }

  /** The excerpt listings show for `article` (format.ts's excerpt of its body). */
  of(article: Article): string {
    const digest = bodyDigest(article);
    let text = this.#used.get(digest) ?? this.#known.get(digest);
    if (text === undefined) {
      text = excerpt(article.body);
      this.#added++;
    }
    this.#used.set(digest, text);
    return text;
  }

  /** Writes the excerpts this build used, when any was new or one known before went unused. */
  async save(): Promise<void> {
    if (this.#added === 0 && this.#used.size === this.#known.size) return;
    const excerpts: Record<string, string> = {};
    for (const digest of [...this.#used.keys()].sort()) excerpts[digest] = this.#used.get(digest)!;
    writeFileAtomic(this.#file, JSON.stringify({ version: version(), excerpts } satisfies ExcerptFile));
  }
}
