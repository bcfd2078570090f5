import { contentHash } from "../reuse.ts";
import { recordIdentity, type Article, type Source } from "../../model/index.ts";
import { absoluteUrl, articleSlugOf, paths, rawDumpPath } from "../urls.ts";
import type { ViewContext } from "./context.ts";
import { dateLabel, excerpt, textDirection } from "./format.ts";
import type { ArticlePage, ArticleSummary, SourceView } from "./types.ts";

/** `excerptOf` gives the article's listing excerpt (format.ts's excerpt; cached by the caller). */
export function articleSummary(article: Article, excerptOf: (article: Article) => string): ArticleSummary {
  return {
    url: paths.article(article.slug),
    headline: article.headline,
    outlet: article.outlet === null ? null : { label: article.outlet.name, url: paths.outlet(article.outlet.slug) },
    byline: article.byline,
    date: article.date,
    dateLabel: dateLabel(article.date),
    excerpt: excerptOf(article),
    lang: article.language,
    dir: textDirection(article.language),
  };
}

const summaryHashes = new WeakMap<ArticleSummary, string>();

/** A hash of a summary, for the hashes of the pages that show it (computed once per build). */
export function summaryHash(summary: ArticleSummary): string {
  let hash = summaryHashes.get(summary);
  if (hash === undefined) summaryHashes.set(summary, (hash = contentHash(JSON.stringify(summary))));
  return hash;
}

export function sourceView(source: Source, ctx: ViewContext): SourceView {
  const dump = ctx.dumpsBySha.get(source.sha256) ?? ctx.dumpsByName.get(source.dump);
  const [first, last] = source.lines;
  return {
    dumpName: dump?.name ?? source.dump,
    dumpUrl: dump === undefined ? null : paths.dump(dump.id),
    rawUrl: dump === undefined ? null : rawDumpPath(dump.id, dump.name),
    sha256: source.sha256,
    lines: source.lines,
    linesLabel: first === last ? `line ${first}` : `lines ${first}–${last}`,
    lineUrl: dump === undefined ? null : `${paths.dump(dump.id)}#L${first}`,
  };
}

/**
 * JSON for a `<script type="application/ld+json">` element: `<`, `>`, `&` and the two line
 * separators are escaped so that no text in a record can close the element or break the JSON.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function jsonLd(article: Article, ctx: ViewContext, description: string): string {
  const url = absoluteUrl(paths.article(article.slug), ctx.pathPrefix, ctx.baseUrl);
  return scriptSafeJson({
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.headline,
    description,
    inLanguage: article.language,
    url,
    mainEntityOfPage: url,
    ...(article.date === null ? {} : { datePublished: article.date }),
    ...(article.byline === null ? {} : { author: [{ "@type": "Person", name: article.byline }] }),
    ...(article.outlet === null ? {} : { publisher: { "@type": "Organization", name: article.outlet.name } }),
    ...(article.topics.length === 0 ? {} : { keywords: article.topics.map((t) => ctx.topicLink(t).label) }),
    isPartOf: { "@type": "WebSite", name: ctx.siteTitle },
  });
}

export function articlePage(article: Article, ctx: ViewContext): ArticlePage {
  const url = paths.article(article.slug);
  const description = excerpt(article.body, 160) || article.headline;
  const sources = article.sources.map((s) => sourceView(s, ctx));
  const related = article.related
    .map((r) => {
      const slug = articleSlugOf(r.url);
      const target = slug === undefined ? undefined : ctx.index.bySlug.get(slug);
      return { headline: target?.headline ?? r.headline, url: target === undefined ? null : paths.article(target.slug) };
    })
    // Resolved links first; otherwise the order the dump gave.
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Number(a.r.url === null) - Number(b.r.url === null) || a.i - b.i)
    .map(({ r }) => r);
  const outlet = article.outlet === null ? null : ctx.outletLink(article.outlet.slug);
  return {
    url,
    title: article.outlet === null ? article.headline : `${article.headline} — ${outlet!.label}`,
    description,
    crumbs: [
      { label: "Home", url: paths.home() },
      ...(outlet === null ? [] : [{ label: "Outlets", url: paths.outlets() }, { label: outlet.label, url: outlet.url }]),
      { label: article.headline, url: null },
    ],
    section: "article",
    feed: null,
    index: true,
    prev: null,
    next: null,
    slug: article.slug,
    headline: article.headline,
    lang: article.language,
    dir: textDirection(article.language),
    outlet,
    byline: article.byline,
    date: article.date,
    dateLabel: dateLabel(article.date),
    year: article.date?.slice(0, 4) ?? null,
    dateUrl: article.date === null ? paths.undated() : paths.month(article.date.slice(0, 4), article.date.slice(5, 7)),
    dateline: article.dateline,
    bodyHtml: ctx.renderBody(article),
    topics: article.topics.map((t) => ctx.topicLink(t)),
    related,
    citedBy: (ctx.index.citedBy.get(article.slug) ?? []).map((a) => ({ label: a.headline, url: paths.article(a.slug) })),
    sources,
    alsoCapturedIn: sources.slice(1),
    apiUrl: paths.apiArticle(article.slug),
    jsonLd: jsonLd(article, ctx, description),
    canonical: ctx.baseUrl === null ? null : absoluteUrl(url, ctx.pathPrefix, ctx.baseUrl),
  };
}

/**
 * A hash of everything an article's page and its API file are made from, without making them:
 * the record, and what they show of the rest of the archive (where its related links lead, who
 * cites it, the names of its outlet and topics, the dumps its sources name). Each is a function
 * of these, so equal hashes mean equal files. Keep in step with articlePage and the API's record.
 */
export function articleInputs(article: Article, ctx: ViewContext): string {
  const related = article.related.map((r) => {
    const slug = articleSlugOf(r.url);
    const target = slug === undefined ? undefined : ctx.index.bySlug.get(slug);
    return target === undefined ? null : [target.slug, target.headline];
  });
  const citedBy = (ctx.index.citedBy.get(article.slug) ?? []).map((a) => [a.slug, a.headline]);
  const dumps = article.sources.map((s) => {
    const dump = ctx.dumpsBySha.get(s.sha256) ?? ctx.dumpsByName.get(s.dump);
    return dump === undefined ? null : [dump.id, dump.name];
  });
  const names = [article.outlet === null ? null : ctx.outletLink(article.outlet.slug).label, article.topics.map((t) => ctx.topicLink(t).label)];
  // The body by its digest, or the record by the hash of the text it was read from: a page not
  // made is known without reading its body, and most records without encoding them.
  return contentHash(JSON.stringify([recordIdentity(article), related, citedBy, dumps, names]));
}

