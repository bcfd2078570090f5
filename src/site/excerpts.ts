import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openJournaledIndex, type JournaledRecords } from "../content/journaled-index.ts";
import { sourceVersion } from "../content/source-version.ts";
import { bodyDigest, type Article } from "../model/index.ts";
import { excerpt } from "./view/format.ts";

/**
 * Listing excerpts by body digest, kept between builds in the cache folder. Every listing shows
 * an excerpt of each article it lists, so without this a build that renders ten pages would read
 * every body of the archive to make its listings' view models. Keyed by the site's code too:
 * a change to how excerpts are cut makes them again. Journaled (journaled-index.ts): a build
 * that adds a dump appends its few excerpts rather than writing them all again.
 */
const FOLDER = "site";
const NAME = "excerpts";

const version = (): string => sourceVersion([dirname(fileURLToPath(import.meta.url))]);

export class ExcerptCache {
  readonly #index: JournaledRecords<string>;
  readonly #used = new Map<string, string>();

  private constructor(index: JournaledRecords<string>) {
    this.#index = index;
  }

  static async open(cacheDir: string): Promise<ExcerptCache> {
    return new ExcerptCache(await openJournaledIndex<string>(join(cacheDir, FOLDER), NAME, version()));
  }

  /** The excerpt listings show for `article` (format.ts's excerpt of its body). */
  of(article: Article): string {
    const digest = bodyDigest(article);
    let text = this.#used.get(digest);
    if (text === undefined) {
      const known = this.#index.records.get(digest);
      // A damaged record is cut again.
      text = typeof known === "string" ? known : excerpt(article.body);
    }
    this.#used.set(digest, text);
    return text;
  }

  /** Records the excerpts this build used; the index writes only what changed (nothing, most builds). */
  async save(): Promise<void> {
    await this.#index.save(this.#used);
  }
}
