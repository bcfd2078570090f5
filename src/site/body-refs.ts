import { bodyDigest, type Article } from "../model/index.ts";
import { bodyHash, type BodyCache } from "./render-body.ts";

/**
 * Article bodies in view models by reference. A view model holds a short marker where the body's
 * HTML goes; the HTML is put in (hydrate) only for the pages actually rendered. So a view model
 * hashes in microseconds whatever the body's length, a build that renders ten pages looks up ten
 * bodies rather than the archive's, and the HTML of unchanged bodies is never loaded at all.
 * A marker names the body by its digest, so not even the Markdown is read until the HTML is
 * wanted and the cache lacks it.
 * The marker is a whole string value starting with a private-use character: rendered Markdown
 * always starts with a tag, so no body can be mistaken for one.
 */
const MARK = "\uE000body:";

/** How the body's HTML is printed: as is (pages) or made safe for XML 1.0 (feeds). */
export type BodyUse = "html" | "xml";

export class BodyRefs {
  readonly #articles = new Map<string, Article>();

  constructor(
    private readonly cache: BodyCache,
    private readonly xmlSafe: (html: string) => string,
  ) {}

  /** The marker standing for `article`'s rendered body. */
  ref(article: Article, use: BodyUse = "html"): string {
    const key = bodyHash(bodyDigest(article));
    this.#articles.set(key, article);
    return `${MARK}${use}:${key}`;
  }

  /** Keys of every body referred to in this build (what the cache keeps). */
  get keys(): ReadonlySet<string> {
    return new Set(this.#articles.keys());
  }

  /** `view` with every marker replaced by the body's HTML; unchanged parts are shared, not copied. */
  hydrate<T>(view: T): T {
    return this.#walk(view) as T;
  }

  #walk(value: unknown): unknown {
    if (typeof value === "string") return value.startsWith(MARK) ? this.#html(value) : value;
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      value.forEach((item: unknown, i) => {
        const next = this.#walk(item);
        if (next !== item) (copy ??= [...value])[i] = next;
      });
      return copy ?? value;
    }
    let copy: Record<string, unknown> | null = null;
    for (const [name, item] of Object.entries(value)) {
      const next = this.#walk(item);
      if (next !== item) (copy ??= { ...value })[name] = next;
    }
    return copy ?? value;
  }

  #html(marker: string): string {
    const rest = marker.slice(MARK.length);
    const colon = rest.indexOf(":");
    const use = rest.slice(0, colon);
    const key = rest.slice(colon + 1);
    const article = this.#articles.get(key);
    if (article === undefined || (use !== "html" && use !== "xml")) throw new TypeError(`a body marker names no body of this build: ${JSON.stringify(marker)}`);
    const html = this.cache.render(key, () => article.body);
    return use === "xml" ? this.xmlSafe(html) : html;
  }
}
