import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
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
  return String(processor.processSync(markdown));
}

/** Bumped whenever renderBody's output for the same input could change: old cache entries are then ignored. */
const RENDERER_VERSION = "remark-html-16-sanitize-1";

export function bodyHash(markdown: string): string {
  return createHash("sha256").update(RENDERER_VERSION).update("\0").update(markdown).digest("hex");
}

/**
 * Rendered bodies by content hash, kept in one JSON file under the cache folder: rendering
 * Markdown is the costliest per-article step, and most bodies are unchanged between builds.
 * Only entries used by the current build are written back, so the file never grows stale.
 */
export class BodyCache {
  readonly #file: string;
  readonly #dir: string;
  #stored = new Map<string, string>();
  readonly #used = new Map<string, string>();
  hits = 0;
  misses = 0;

  constructor(cacheDir: string) {
    this.#dir = join(cacheDir, "site");
    this.#file = join(this.#dir, "bodies.json");
  }

  async load(): Promise<void> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.#file, "utf8"));
      if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
        this.#stored = new Map(
          Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
        );
      }
    } catch {
      // No cache yet, or an unreadable one: render everything; the cache is disposable.
      this.#stored = new Map();
    }
  }

  render(markdown: string): string {
    const key = bodyHash(markdown);
    let html = this.#used.get(key) ?? this.#stored.get(key);
    if (html === undefined) {
      html = renderBody(markdown);
      this.misses++;
    } else {
      this.hits++;
    }
    this.#used.set(key, html);
    return html;
  }

  /** Writes the entries this build used, atomically (a reader never sees half a file). */
  async save(): Promise<void> {
    if (this.misses === 0 && this.#used.size === this.#stored.size) return;
    await mkdir(this.#dir, { recursive: true });
    const keys = [...this.#used.keys()].sort();
    const out: Record<string, string> = {};
    for (const key of keys) out[key] = this.#used.get(key)!;
    const tmp = `${this.#file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(out));
    await rename(tmp, this.#file);
  }
}
