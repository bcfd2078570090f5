import { hash as oneShotHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../content/atomic.ts";
import remarkHtml from "remark-html";
import remarkParse from "remark-parse";
import { unified } from "unified";

/**
 * Article bodies are data, not markup we trust: Markdown in, sanitised HTML out. remark-html's
 * safe mode drops raw HTML and dangerous URLs (javascript:), so nothing in a body ever reaches
 * the page as code, and bodies are never template source (templates insert this string as is).
 */
const processor = unified().use(remarkParse).use(remarkHtml, { sanitize: true });

export function renderBody(markdown: string): string {
  if (typeof markdown !== "string") throw new TypeError("renderBody expects the Markdown body as a string");
  return plainParagraphsHtml(markdown) ?? String(processor.processSync(markdown));
}

/**
 * Anything that could start Markdown syntax within a line (escapes, code, emphasis, links and
 * images, HTML and autolinks, a character reference), and control characters but the line feed
 * (tabs indent, a NUL is replaced).
 */
const INLINE_SYNTAX = /[\\`*_[\]<]|&[A-Za-z#]|[^\P{Cc}\n]/u;
/** A line that could open a block other than a paragraph, or underline one into a heading. */
const BLOCK_SYNTAX = /^(?: {4}| {0,3}(?:[#>+*~=-]|\d{1,9}[.)]))/m;
/** A line break made by two spaces, within a paragraph. */
const HARD_BREAK = / {2,}\n(?! *(?:\n|$))/;
const BLANK_LINE = /^ *$/;

/**
 * The HTML remark gives a body of plain paragraphs (text with no Markdown syntax at all, most
 * article bodies), without parsing it: `<p>` per paragraph, lines kept, spaces at their ends
 * dropped, `&` escaped as remark escapes it. Undefined for any body that might hold syntax, which
 * remark then renders. Measured at 16k articles, remark's parse took ~0.66 ms per body and ~10 s
 * of a first build's CPU; tests hold this to remark's output on generated and real bodies.
 */
export function plainParagraphsHtml(markdown: string): string | undefined {
  if (INLINE_SYNTAX.test(markdown) || BLOCK_SYNTAX.test(markdown) || HARD_BREAK.test(markdown)) return undefined;
  const paragraphs: string[] = [];
  let lines: string[] = [];
  const close = (): void => {
    if (lines.length > 0) paragraphs.push(`<p>${lines.join("\n").replace(/&/g, "&#x26;")}</p>`);
    lines = [];
  };
  for (const line of markdown.split("\n")) {
    if (BLANK_LINE.test(line)) close();
    else lines.push(line.replace(/^ +| +$/g, ""));
  }
  close();
  return paragraphs.length === 0 ? "" : `${paragraphs.join("\n")}\n`;
}

/** Bumped whenever renderBody's output for the same input could change: old cache entries are then ignored. */
const RENDERER_VERSION = "remark-html-16-sanitize-1";

/** The cache key of a body's HTML, from the body's digest (model/body-digest.ts). */
export function bodyHash(digest: string): string {
  return oneShotHash("sha256", `${RENDERER_VERSION}\0${digest}`, "hex");
}

/**
 * Rendered bodies by content hash, kept under the cache folder in 256 files by the hash's first
 * two digits: rendering Markdown is the costliest per-article step, and most bodies are unchanged
 * between builds. A file is read only when a body in it is needed (a build that renders ten pages
 * reads at most ten), and written back only when it gained a body; a full build then keeps only
 * the bodies it refers to, so the cache stays the size of the archive.
 */
/** Characters of newly rendered HTML one build keeps for the cache (~64 MB). */
const NEW_BODIES_BUDGET = 64 * 1024 * 1024;

export class BodyCache {
  readonly #dir: string;
  readonly #buckets = new Map<string, Map<string, string>>();
  readonly #dirty = new Set<string>();
  /** Characters of HTML rendered and kept by this build. */
  #added = 0;

  constructor(cacheDir: string) {
    this.#dir = join(cacheDir, "site", "bodies");
  }

  /** The HTML of the body `markdown()` gives (read only when the cache lacks it), whose bodyHash is `key`. */
  render(key: string, markdown: () => string): string {
    const cached = this.lookup(key);
    if (cached !== undefined) return cached;
    const html = renderBody(markdown());
    this.keep(key, html);
    return html;
  }

  /** The cached HTML of the body whose bodyHash is `key`, if any. */
  lookup(key: string): string | undefined {
    return this.#bucket(key.slice(0, 2)).get(key);
  }

  /** A body rendered by this build (here or on a rendering thread), kept for the cache. */
  keep(key: string, html: string): void {
    // Kept up to a budget: the first build of a large archive renders every body, and holding
    // them all until the cache is written would grow memory with the archive. Those left out are
    // rendered again by a later full build, which keeps its share.
    if (this.#added + html.length > NEW_BODIES_BUDGET) return;
    const name = key.slice(0, 2);
    this.#added += html.length;
    this.#bucket(name).set(key, html);
    this.#dirty.add(name);
  }

  #bucket(name: string): Map<string, string> {
    let bucket = this.#buckets.get(name);
    if (bucket === undefined) {
      bucket = new Map();
      try {
        const parsed: unknown = JSON.parse(readFileSync(join(this.#dir, `${name}.json`), "utf8"));
        if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
          for (const [key, html] of Object.entries(parsed)) if (typeof html === "string") bucket.set(key, html);
        }
      } catch {
        // Not there yet, or unreadable: those bodies are rendered again; the cache is disposable.
      }
      this.#buckets.set(name, bucket);
    }
    return bucket;
  }

  /**
   * Writes the files that gained bodies, each atomically, keeping the bodies in `live`, or all
   * of them when `live` is null: a build that makes only some pages refers to only some bodies,
   * and must not drop the others' (a later full build would render them all again).
   */
  save(live: ReadonlySet<string> | null): void {
    if (this.#dirty.size === 0) return;
    for (const name of [...this.#dirty].sort()) {
      const bucket = this.#buckets.get(name)!;
      const out: Record<string, string> = {};
      for (const key of [...bucket.keys()].sort()) if (live === null || live.has(key)) out[key] = bucket.get(key)!;
      writeFileAtomic(join(this.#dir, `${name}.json`), JSON.stringify(out));
    }
    this.#dirty.clear();
  }
}
