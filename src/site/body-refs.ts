import { bodyDigest, type Article } from "../model/index.ts";
import { bodyHash, renderBody, type BodyCache } from "./render-body.ts";

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

/**
 * Bodies a batch still needs rendered, by key: their Markdown, for the thread that renders the
 * batch (see BodyRefs.deferred and renderDeferred).
 */
export type DeferredBodies = Record<string, string>;

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

  /** `view` with every marker replaced by the body's HTML, rendered here when the cache lacks it. */
  hydrate<T>(view: T): T {
    return replaceMarkers(view, (key, use) => this.#print(this.cache.render(key, () => this.#article(key).body), use));
  }

  /**
   * `view` with the markers of cached bodies replaced by their HTML, and the others left for the
   * thread that renders the view, with their Markdown: rendering bodies is most of the work of
   * making an article page, and on that thread it runs beside this one.
   */
  deferred<T>(view: T): { view: T; bodies: DeferredBodies } {
    const bodies: DeferredBodies = {};
    const partly = replaceMarkers(view, (key, use, marker) => {
      const html = this.cache.lookup(key);
      if (html !== undefined) return this.#print(html, use);
      bodies[key] = this.#article(key).body;
      return marker;
    });
    return { view: partly, bodies };
  }

  /** Bodies another thread rendered (renderDeferred), kept for the cache. */
  rendered(bodies: Iterable<readonly [string, string]>): void {
    for (const [key, html] of bodies) this.cache.keep(key, html);
  }

  #article(key: string): Article {
    const article = this.#articles.get(key);
    if (article === undefined) throw new TypeError(`a body marker names no body of this build: ${key}`);
    return article;
  }

  #print(html: string, use: BodyUse): string {
    return use === "xml" ? this.xmlSafe(html) : html;
  }
}

/**
 * On a rendering thread: `view` with the markers BodyRefs.deferred left replaced by the HTML of
 * their bodies, rendered here; returns the HTML rendered, by key, for the cache.
 */
export function renderDeferred<T>(view: T, bodies: DeferredBodies, xmlSafe: (html: string) => string): { view: T; rendered: Array<[string, string]> } {
  const rendered = new Map<string, string>();
  const done = replaceMarkers(view, (key, use) => {
    let html = rendered.get(key);
    if (html === undefined) {
      const markdown = bodies[key];
      if (markdown === undefined) throw new TypeError(`a body marker came without its body: ${key}`);
      html = renderBody(markdown);
      rendered.set(key, html);
    }
    return use === "xml" ? xmlSafe(html) : html;
  });
  return { view: done, rendered: [...rendered] };
}

/**
 * `value` with every marker replaced by what `print` gives; unchanged parts are shared, not copied.
 * Every view of a batch is walked, dump pages' hundreds of lines too: the walk allocates nothing
 * for what it leaves unchanged.
 */
function replaceMarkers<T>(value: T, print: (key: string, use: BodyUse, marker: string) => string): T {
  const walk = (item: unknown): unknown => {
    if (typeof item === "string") return item.startsWith(MARK) ? printMarker(item, print) : item;
    if (item === null || typeof item !== "object") return item;
    if (Array.isArray(item)) {
      const list: readonly unknown[] = item;
      let copy: unknown[] | null = null;
      for (let i = 0; i < list.length; i++) {
        const next = walk(list[i]);
        if (next !== list[i]) (copy ??= [...list])[i] = next;
      }
      return copy ?? item;
    }
    const record = item as Record<string, unknown>;
    let copy: Record<string, unknown> | null = null;
    for (const name in record) {
      if (!Object.hasOwn(record, name)) continue;
      const next = walk(record[name]);
      if (next !== record[name]) (copy ??= { ...record })[name] = next;
    }
    return copy ?? item;
  };
  return walk(value) as T;
}

function printMarker(marker: string, print: (key: string, use: BodyUse, marker: string) => string): string {
  const rest = marker.slice(MARK.length);
  const colon = rest.indexOf(":");
  const use = rest.slice(0, colon);
  const key = rest.slice(colon + 1);
  if (use !== "html" && use !== "xml") throw new TypeError(`a body marker names no use: ${JSON.stringify(marker)}`);
  return print(key, use, marker);
}
