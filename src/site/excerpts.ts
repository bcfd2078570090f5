import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceVersion } from "../content/source-version.ts";
import { bodyDigest, type Article } from "../model/index.ts";
import { KeptTexts } from "./kept-texts.ts";
import { excerpt } from "./view/format.ts";

/**
 * Listing excerpts by body digest, kept between builds in the cache folder. Every listing shows
 * an excerpt of each article it lists, so without this a build that renders ten pages would read
 * every body of the archive to make its listings' view models. Keyed by the site's code too:
 * a change to how excerpts are cut makes them again (kept-texts.ts).
 */
const FOLDER = "site";
const NAME = "excerpts";

const version = (): string => sourceVersion([dirname(fileURLToPath(import.meta.url))]);

export class ExcerptCache {
  private constructor(private readonly texts: KeptTexts) {}

  static async open(cacheDir: string): Promise<ExcerptCache> {
    return new ExcerptCache(await KeptTexts.open(join(cacheDir, FOLDER), NAME, version()));
  }

  /** The excerpt listings show for `article` (format.ts's excerpt of its body). */
  of(article: Article): string {
    return this.texts.get(bodyDigest(article), () => excerpt(article.body));
  }

  /** Records the excerpts this build used; the index writes only what changed (nothing, most builds). */
  async save(): Promise<void> {
    await this.texts.save();
  }
}
