import { bodyDigest, type Article } from "../model/index.ts";
import type { BatchData } from "./eleventy.ts";
import { bodyHash, renderBody, type BodyCache } from "./render-body.ts";

/**
 * Article bodies in view models by reference. A view model holds a short marker where the body's
 * HTML goes; the HTML is put in (hydrate) only for the pages actually rendered. So a view model
 * hashes in microseconds whatever the body's length, a build that renders ten pages looks up ten
 * bodies rather than the archive's, and the HTML of unchanged bodies is never loaded at all.
 * A marker names the body by its digest, so not even the Markdown is read until the HTML is
 * wanted and the cache lacks it.
 * Markers stand only in the two fields made for a body: an article page's `bodyHtml` and a feed
 * entry's `contentHtml` (see withBodies), and only those are looked at. Every other field stays
 * as it is: much of it is text from the dumps, which may hold anything, a marker's look too.
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

  /** `batch` with every marker replaced by the body's HTML, rendered here when the cache lacks it. */
  hydrate(batch: BatchData): BatchData {
    return withBodies(batch, (key, use) => this.#print(this.cache.render(key, () => this.#article(key).body), use));
  }

  /**
   * `batch` with the markers of cached bodies replaced by their HTML, and the others left for the
   * thread that renders the batch, with their Markdown: rendering bodies is most of the work of
   * making an article page, and on that thread it runs beside this one.
   */
  deferred(batch: BatchData): { view: BatchData; bodies: DeferredBodies } {
    const bodies: DeferredBodies = {};
    const partly = withBodies(batch, (key, use, marker) => {
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
 * On a rendering thread: `batch` with the markers BodyRefs.deferred left replaced by the HTML of
 * their bodies, rendered here; returns the HTML rendered, by key, for the cache.
 */
export function renderDeferred(batch: BatchData, bodies: DeferredBodies, xmlSafe: (html: string) => string): { view: BatchData; rendered: Array<[string, string]> } {
  const rendered = new Map<string, string>();
  const done = withBodies(batch, (key, use) => {
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
 * `batch` with the marker in each body field replaced by what `print` gives. Those fields are
 * where the view models put renderBody's markers (article-page.ts, feeds.ts); a value there that
 * is no marker (a view model made without BodyRefs) stays as it is. Looking at two fields rather
 * than walking every view keeps dump pages' thousands of lines out of it.
 */
function withBodies(batch: BatchData, print: (key: string, use: BodyUse, marker: string) => string): BatchData {
  const body = (value: string): string => (value.startsWith(MARK) ? printMarker(value, print) : value);
  return {
    ...batch,
    articles: batch.articles.map((page) => ({ ...page, bodyHtml: body(page.bodyHtml) })),
    feeds: batch.feeds.map((feed) => ({ ...feed, entries: feed.entries.map((entry) => ({ ...entry, contentHtml: body(entry.contentHtml) })) })),
  };
}

function printMarker(marker: string, print: (key: string, use: BodyUse, marker: string) => string): string {
  const rest = marker.slice(MARK.length);
  const colon = rest.indexOf(":");
  const use = rest.slice(0, colon);
  const key = rest.slice(colon + 1);
  if (use !== "html" && use !== "xml") throw new TypeError(`a body marker names no use: ${JSON.stringify(marker)}`);
  return print(key, use, marker);
}
