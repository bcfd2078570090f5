import { createHash } from "node:crypto";
import { contentHash } from "../reuse.ts";
import type { Article } from "../../model/index.ts";
import { absoluteUrl, paths } from "../urls.ts";
import type { ViewContext } from "./context.ts";
import { lazyPages, type FeedEntry, type FeedView, type PageSource, type RawFile } from "./types.ts";

/** Entries per feed: enough for readers to catch up, small enough to fetch often. */
const SITE_FEED_SIZE = 50;
const TERM_FEED_SIZE = 20;
/** Sitemaps hold at most 50,000 URLs; past this many, sitemap.xml becomes an index of parts. */
const SITEMAP_CHUNK = 40_000;

/** Anything outside XML 1.0's Char production (controls, lone surrogates, U+FFFE/F): stripped. */
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, "");
}

export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** A stable `urn:uuid:` for an Atom id: the same record keeps its id wherever the site is hosted. */
export function urnUuid(key: string): string {
  const hex = createHash("sha256").update(key).digest("hex");
  // Shaped like a name-based UUID (version 5 bits, RFC 4122 variant).
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function timestamp(date: string | null, ctx: ViewContext): string {
  return date === null ? ctx.epoch : `${date}T00:00:00Z`;
}

function entry(article: Article, ctx: ViewContext): FeedEntry {
  const summary = ctx.summaries.get(article.slug)!;
  const authors = article.byline !== null ? [article.byline] : article.outlet !== null ? [article.outlet.name] : [];
  return {
    id: urnUuid(`article:${article.id}`),
    title: xmlSafe(article.headline),
    url: absoluteUrl(paths.article(article.slug), ctx.pathPrefix, ctx.baseUrl),
    updated: timestamp(article.date, ctx),
    published: article.date === null ? null : timestamp(article.date, ctx),
    authors: authors.map(xmlSafe),
    summary: xmlSafe(summary.excerpt),
    contentHtml: ctx.renderBody(article, "xml"),
    categories: article.topics.map((t) => ({ term: t, label: xmlSafe(ctx.topicLink(t).label) })),
  };
}

function feed(path: string, title: string, subtitle: string, alternate: string, articles: readonly Article[], size: number, ctx: ViewContext): FeedView {
  const entries = articles.slice(0, size).map((a) => entry(a, ctx));
  const updated = entries.reduce((max, e) => (e.updated > max ? e.updated : max), entries.length === 0 ? ctx.epoch : "");
  return {
    path,
    id: urnUuid(`feed:${path}`),
    title: xmlSafe(title),
    subtitle: xmlSafe(subtitle),
    alternate: absoluteUrl(alternate, ctx.pathPrefix, ctx.baseUrl),
    updated,
    entries,
  };
}

/** One feed, as what it is made from. */
interface FeedSpec {
  path: string;
  title: string;
  subtitle: string;
  alternate: string;
  articles: readonly Article[];
  size: number;
}

/**
 * The site's feed and one per outlet and topic, made on demand. A feed is known by its inputs:
 * its own texts and the inputs of the articles it lists (`articleInputs` gives them, the same
 * hash their pages have: record, body digest, the names it shows), so unchanged feeds are not made.
 */
export function feeds(ctx: ViewContext, articleInputs: (article: Article) => string): PageSource<FeedView> {
  const { index } = ctx;
  const specs = new Map<string, FeedSpec>();
  const add = (spec: FeedSpec): void => void specs.set(spec.path, spec);
  add({ path: "/feed.xml", title: ctx.siteTitle, subtitle: `The latest ${SITE_FEED_SIZE} articles in the archive.`, alternate: paths.home(), articles: index.sorted, size: SITE_FEED_SIZE });
  for (const [slug, articles] of index.byOutlet) {
    const name = ctx.outletLink(slug).label;
    add({ path: `${paths.outlet(slug)}feed.xml`, title: `${name} · ${ctx.siteTitle}`, subtitle: `The latest articles from ${name}.`, alternate: paths.outlet(slug), articles, size: TERM_FEED_SIZE });
  }
  for (const [slug, articles] of index.byTopic) {
    const name = ctx.topicLink(slug).label;
    add({ path: `${paths.topic(slug)}feed.xml`, title: `${name} · ${ctx.siteTitle}`, subtitle: `The latest articles about ${name}.`, alternate: paths.topic(slug), articles, size: TERM_FEED_SIZE });
  }
  return lazyPages(
    [...specs.values()],
    (spec) => feed(spec.path, spec.title, spec.subtitle, spec.alternate, spec.articles, spec.size, ctx),
    (spec) => {
      const listed = spec.articles.slice(0, spec.size).map(articleInputs);
      const hash = contentHash(JSON.stringify([spec.path, spec.title, spec.subtitle, spec.alternate, ctx.epoch, listed]));
      return { file: spec.path.slice(1), hash };
    },
  );
}

/** sitemap.xml (or an index of parts when the site is large) listing every page worth indexing. */
export function sitemapFiles(pages: ReadonlyArray<{ url: string; lastmod: string | null }>, ctx: ViewContext): RawFile[] {
  const loc = (path: string): string => escapeXml(absoluteUrl(path, ctx.pathPrefix, ctx.baseUrl));
  const urlset = (part: typeof pages): string =>
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    part.map((p) => `<url><loc>${loc(p.url)}</loc>${p.lastmod === null ? "" : `<lastmod>${p.lastmod}</lastmod>`}</url>\n`).join("") +
    "</urlset>\n";
  if (pages.length <= SITEMAP_CHUNK) return [{ path: "/sitemap.xml", content: urlset(pages) }];
  const parts: RawFile[] = [];
  for (let i = 0; i < pages.length; i += SITEMAP_CHUNK) {
    parts.push({ path: `/sitemap-${parts.length + 1}.xml`, content: urlset(pages.slice(i, i + SITEMAP_CHUNK)) });
  }
  const index =
    '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    parts.map((p) => `<sitemap><loc>${loc(p.path)}</loc></sitemap>\n`).join("") +
    "</sitemapindex>\n";
  return [{ path: "/sitemap.xml", content: index }, ...parts];
}

export function robotsTxt(ctx: ViewContext): RawFile {
  const sitemap = ctx.baseUrl === null ? "" : `Sitemap: ${absoluteUrl("/sitemap.xml", ctx.pathPrefix, ctx.baseUrl)}\n`;
  return { path: "/robots.txt", content: `User-agent: *\nAllow: /\n${sitemap}` };
}
