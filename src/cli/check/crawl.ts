import { readdir, readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import type { Diagnostic } from "../../model/index.ts";

export interface CrawlOptions {
  /** The built site. */
  distDir: string;
  /** The path prefix the site was built with (`/` or `/archive/`). */
  pathPrefix: string;
  /** The base URL the site was built with: sitemap entries under it are checked too. */
  baseUrl?: string | null;
  /** How diagnostics name dist/ (default `dist`). */
  distName?: string;
}

export interface CrawlResult {
  pages: number;
  /** Internal links and asset references followed. */
  links: number;
  diagnostics: Diagnostic[];
}

/** Files read at once while crawling. */
const READ_BATCH = 32;

interface Reference {
  url: string;
  line: number;
  /** `src`, `srcset` and stylesheet links must resolve to a file; hrefs to a page or file. */
  asset: boolean;
}

/** Every file of the built site, as site paths (`/articles/x/index.html`). */
async function listFiles(dir: string, prefix = "/"): Promise<string[]> {
  const files: string[] = [];
  for (const item of await readdir(dir, { withFileTypes: true })) {
    if (item.isDirectory()) files.push(...(await listFiles(join(dir, item.name), `${prefix}${item.name}/`)));
    else files.push(`${prefix}${item.name}`);
  }
  return files;
}

const attributePattern = /<(a|link|script|img|source|iframe|video|audio|use|image)\b[^>]*>/gi;
const valuePattern = /\s(href|src|srcset|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const cssUrlPattern = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"']*))\s*\)/gi;

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function lineAt(text: string, offset: number, cache: { offset: number; line: number }): number {
  // References come in document order, so counting resumes where the last one stopped.
  for (let i = cache.offset; i < offset; i++) if (text.charCodeAt(i) === 10) cache.line++;
  cache.offset = offset;
  return cache.line;
}

/** The links and asset references of an HTML page (tags only: text that looks like a link is not one). */
export function htmlReferences(html: string): Reference[] {
  const refs: Reference[] = [];
  const cursor = { offset: 0, line: 1 };
  for (const tag of html.matchAll(attributePattern)) {
    const name = tag[1]!.toLowerCase();
    const text = tag[0];
    const isStylesheet = name === "link" && /\srel\s*=\s*["']?[^"'>]*\b(stylesheet|icon|preload|modulepreload|manifest)\b/i.test(text);
    for (const attr of text.matchAll(valuePattern)) {
      const attribute = attr[1]!.toLowerCase();
      const raw = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? "");
      const line = lineAt(html, tag.index, cursor);
      const asset = attribute !== "href" || isStylesheet || name === "use" || name === "image";
      const urls = attribute === "srcset" ? raw.split(",").map((part) => part.trim().split(/\s+/)[0] ?? "") : [raw];
      for (const url of urls) if (url !== "") refs.push({ url, line, asset });
    }
  }
  return refs;
}

/** The `url(…)` references of a stylesheet. */
export function cssReferences(css: string): Reference[] {
  const refs: Reference[] = [];
  const cursor = { offset: 0, line: 1 };
  for (const match of css.matchAll(cssUrlPattern)) {
    const url = (match[1] ?? match[2] ?? match[3] ?? "").trim();
    if (url !== "") refs.push({ url, line: lineAt(css, match.index, cursor), asset: true });
  }
  return refs;
}

/** The `<loc>` entries of a sitemap: every page the site says it has. */
export function sitemapReferences(xml: string): Reference[] {
  const refs: Reference[] = [];
  const cursor = { offset: 0, line: 1 };
  for (const match of xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)) {
    refs.push({ url: decodeEntities(match[1]!), line: lineAt(xml, match.index, cursor), asset: false });
  }
  return refs;
}

/** Links that leave the site or stay on the page are not checked. */
function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//") || url.startsWith("#") || url.startsWith("?");
}

/** The site path a reference points at, resolved against the page it is on, without query or fragment. */
function resolveReference(url: string, fromSitePath: string): string {
  const bare = url.replace(/[?#].*$/, "");
  let path: string;
  try {
    path = decodeURIComponent(bare);
  } catch {
    path = bare;
  }
  const base = posix.dirname(fromSitePath);
  const resolved = path.startsWith("/") ? posix.normalize(path) : posix.normalize(posix.join(base, path));
  return path.endsWith("/") && !resolved.endsWith("/") ? `${resolved}/` : resolved;
}

/**
 * Crawls a built site: every internal link must lead to a page or file of dist/ under the path
 * prefix, every asset (stylesheet, script, image, CSS url()) must exist. Problems are grouped by
 * target, one diagnostic each, naming the first page (and line) that refers to it.
 */
export async function crawlSite(options: CrawlOptions): Promise<CrawlResult> {
  const distName = options.distName ?? "dist";
  const prefix = options.pathPrefix;
  const files = await listFiles(options.distDir);
  const existing = new Set(files);
  const problems = new Map<string, { diagnostic: Diagnostic; count: number }>();
  let links = 0;
  let pages = 0;

  const exists = (sitePath: string): boolean => {
    if (sitePath.endsWith("/")) return existing.has(`${sitePath}index.html`);
    return existing.has(sitePath) || existing.has(`${sitePath}/index.html`);
  };
  const note = (key: string, diagnostic: Diagnostic): void => {
    const seen = problems.get(key);
    if (seen) seen.count += 1;
    else problems.set(key, { diagnostic, count: 1 });
  };

  const baseUrl = options.baseUrl?.replace(/\/+$/, "") ?? null;
  /** Absolute URLs under the site's base URL are internal: reduce them to their path. */
  const internal = (url: string): string | undefined => {
    if (baseUrl !== null && (url === baseUrl || url.startsWith(`${baseUrl}/`))) return url.slice(baseUrl.length) || "/";
    return isExternal(url) ? undefined : url;
  };

  const kindOf = (file: string): "html" | "css" | "sitemap" | undefined =>
    file.endsWith(".html") ? "html" : file.endsWith(".css") ? "css" : file.endsWith("sitemap.xml") ? "sitemap" : undefined;
  const crawled = files.filter((file) => kindOf(file) !== undefined);
  // Read a batch at a time (the disk works in parallel), then check in file order, so the
  // report is the same on every run.
  for (let start = 0; start < crawled.length; start += READ_BATCH) {
    const batch = crawled.slice(start, start + READ_BATCH);
    const texts = await Promise.all(batch.map((file) => readFile(join(options.distDir, ...file.split("/")), "utf8")));
    batch.forEach((file, i) => check(file, texts[i]!));
  }

  function check(file: string, text: string): void {
    const kind = kindOf(file)!;
    if (kind === "html") pages += 1;
    // The page's address as a browser sees it: under the prefix.
    const pageUrl = prefix + file.slice(1);
    const refs = kind === "html" ? htmlReferences(text) : kind === "css" ? cssReferences(text) : sitemapReferences(text);
    for (const found of refs) {
      const url = kind === "sitemap" ? internal(found.url) : isExternal(found.url) ? undefined : found.url;
      if (url === undefined) continue;
      const ref = { ...found, url };
      links += 1;
      const target = resolveReference(ref.url, pageUrl);
      const where = { file: `${distName}${file}`, line: ref.line };
      if (!target.startsWith(prefix) && `${target}/` !== prefix) {
        note(`outside ${target}`, {
          id: "link-outside-prefix",
          level: "error",
          message: `"${ref.url}" leads to ${target}, outside the path prefix ${prefix}`,
          ...where,
        });
        continue;
      }
      const sitePath = `/${target.slice(prefix.length)}`;
      if (!exists(sitePath)) {
        note(`missing ${target}`, {
          id: ref.asset ? "missing-asset" : "broken-link",
          level: "error",
          message: ref.asset ? `uses ${target}, which does not exist` : `links to ${target}, which does not exist`,
          ...where,
        });
      }
    }
  }

  const diagnostics = [...problems.values()].map(({ diagnostic, count }) =>
    count > 1 ? { ...diagnostic, message: `${diagnostic.message} (also on ${count - 1} more place${count === 2 ? "" : "s"})` } : diagnostic,
  );
  return { pages, links, diagnostics };
}
