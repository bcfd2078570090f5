import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openJournaledIndex, type JournaledRecords } from "../content/journaled-index.ts";
import { sourceVersion } from "../content/source-version.ts";

/**
 * The entries of `/api/articles.json` as text, by the hash of their article's inputs, kept
 * between builds in the cache folder. The index holds every record of the archive (14 MB at 16k
 * articles): made whole, it took a build that adds one dump ~0.3 s of encoding at 16k and ~0.5 s
 * at 64k; from this cache only the new and changed records are encoded. Keyed by the site's code
 * and address, which shape a record's text besides its inputs (its URLs). Journaled
 * (journaled-index.ts): a build that adds a dump appends its few entries.
 */
const FOLDER = "site";
const NAME = "api-records";

export class ApiRecordCache {
  readonly #index: JournaledRecords<string>;
  readonly #used = new Map<string, string>();
  #asked = false;

  private constructor(index: JournaledRecords<string>) {
    this.#index = index;
  }

  /** `address` is what the records' URLs are made with (path prefix and base URL). */
  static async open(cacheDir: string, address: string): Promise<ApiRecordCache> {
    const version = `${sourceVersion([dirname(fileURLToPath(import.meta.url))])}\n${address}`;
    return new ApiRecordCache(await openJournaledIndex<string>(join(cacheDir, FOLDER), NAME, version));
  }

  /** The entry made from inputs hashing to `inputs`: from the cache, or made by `make`. */
  entry(inputs: string, make: () => string): string {
    this.#asked = true;
    let text = this.#used.get(inputs);
    if (text === undefined) {
      const known = this.#index.records.get(inputs);
      // A damaged record is made again.
      text = typeof known === "string" ? known : make();
      this.#used.set(inputs, text);
    }
    return text;
  }

  /**
   * Records the entries this build used. A build that did not make the index (its inputs were
   * unchanged) used none, and leaves the cache as it was.
   */
  async save(): Promise<void> {
    if (this.#asked) await this.#index.save(this.#used);
  }
}
