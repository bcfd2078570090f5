import { openJournaledIndex, type JournaledRecords } from "../content/journaled-index.ts";

/**
 * Texts made from the site's data, by a key that says what they were made from, kept between
 * builds in the cache folder: a build makes only those it lacks. What a build used is what it
 * keeps; a build that used none (it did not need them) leaves them as they were. Journaled
 * (journaled-index.ts): a build that adds a dump appends its few new texts rather than writing
 * them all again. Disposable: a damaged or missing record is made again.
 */
export class KeptTexts {
  readonly #index: JournaledRecords<string>;
  readonly #used = new Map<string, string>();

  private constructor(index: JournaledRecords<string>) {
    this.#index = index;
  }

  /** `version` names what shapes the texts besides their keys (the code that makes them, say): another version keeps none. */
  static async open(dir: string, name: string, version: string): Promise<KeptTexts> {
    return new KeptTexts(await openJournaledIndex<string>(dir, name, version));
  }

  /** The text for `key`: kept, or made by `make`. */
  get(key: string, make: () => string): string {
    let text = this.#used.get(key);
    if (text === undefined) {
      const known = this.#index.records.get(key);
      text = typeof known === "string" ? known : make();
      this.#used.set(key, text);
    }
    return text;
  }

  /** Keeps the texts this build used; writes only what changed (nothing, most builds). */
  async save(): Promise<void> {
    if (this.#used.size > 0) await this.#index.save(this.#used);
  }
}
