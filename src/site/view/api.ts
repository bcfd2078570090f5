import type { Article } from "../../model/index.ts";
import { contentHash } from "../reuse.ts";
import { absoluteUrl, articleSlugOf, paths } from "../urls.ts";
import type { ViewContext } from "./context.ts";
import { lazyPages, type PageSource, type RawFile } from "./types.ts";

/**
 * The JSON API: the records as data, for anyone who would rather not scrape. URLs are absolute
 * when the site has a base URL, else paths under the prefix; related links keep `url` only when
 * they resolve to an archive article.
 */
function record(article: Article, ctx: ViewContext): Record<string, unknown> {
  const url = (path: string): string => absoluteUrl(path, ctx.pathPrefix, ctx.baseUrl);
  return {
    id: article.id,
    slug: article.slug,
    url: url(paths.article(article.slug)),
    json: url(paths.apiArticle(article.slug)),
    headline: article.headline,
    outlet: article.outlet,
    byline: article.byline,
    date: article.date,
    dateline: article.dateline,
    language: article.language,
    topics: article.topics,
    related: article.related.map((r) => {
      const slug = articleSlugOf(r.url);
      const resolved = slug !== undefined && ctx.index.bySlug.has(slug);
      return resolved ? { headline: r.headline, url: url(r.url!) } : { headline: r.headline };
    }),
    sources: article.sources,
  };
}

/** `/api/articles/<slug>.json`, one per record with its body, made when written. */
export function apiArticleFiles(ctx: ViewContext, inputs: (article: Article) => string): PageSource<RawFile> {
  return lazyPages(
    ctx.index.sorted,
    (article) => ({
      path: paths.apiArticle(article.slug),
      content: `${JSON.stringify({ ...record(article, ctx), body: article.body }, null, 1)}\n`,
    }),
    (article) => ({ file: paths.apiArticle(article.slug).slice(1), hash: inputs(article) }),
  );
}

/**
 * `/api/articles.json`: every record, without its body. Known by its inputs (every article's, in
 * order), so a build that changes no article does not make it; made from entries by their
 * article's inputs (`entry`: cached between builds, see api-records.ts), so one that adds a dump
 * encodes only the new records.
 */
export function apiArticlesIndex(ctx: ViewContext, inputs: (article: Article) => string, entry: (inputs: string, make: () => string) => string): PageSource<RawFile> {
  return lazyPages(
    [ctx.index.sorted],
    (articles) => ({ path: "/api/articles.json", content: articlesIndexText(articles.map((a) => entry(inputs(a), () => indexEntry(record(a, ctx))))) }),
    (articles) => ({ file: "api/articles.json", hash: contentHash(articles.map(inputs).join("\n")) }),
  );
}

/** A record as the index's array holds it: two levels in, indented as JSON.stringify(index, null, 1) indents it there. */
export function indexEntry(value: unknown): string {
  // JSON text has no line break but those of its indentation: strings escape theirs.
  return `  ${JSON.stringify(value, null, 1).replaceAll("\n", "\n  ")}`;
}

/** `JSON.stringify({ count, articles }, null, 1)` and a line break, from the array's entries (indexEntry). */
export function articlesIndexText(entries: readonly string[]): string {
  if (entries.length === 0) return `${JSON.stringify({ count: 0, articles: [] }, null, 1)}\n`;
  return `{\n "count": ${entries.length},\n "articles": [\n${entries.join(",\n")}\n ]\n}\n`;
}

/** `/api/outlets.json`, `/api/topics.json`. */
export function apiIndexFiles(ctx: ViewContext): RawFile[] {
  const { index } = ctx;
  const url = (path: string): string => absoluteUrl(path, ctx.pathPrefix, ctx.baseUrl);
  const files: RawFile[] = [];
  const outlets = [...index.byOutlet.entries()].map(([slug, list]) => {
    const { name, entry } = index.outlets.get(slug)!;
    return {
      name,
      slug,
      url: url(paths.outlet(slug)),
      feed: url(`${paths.outlet(slug)}feed.xml`),
      count: list.length,
      aliases: entry?.aliases ?? [],
      description: entry?.description ?? null,
      country: entry?.country ?? null,
      homepage: entry?.homepage ?? null,
    };
  });
  files.push({ path: "/api/outlets.json", content: `${JSON.stringify({ count: outlets.length, outlets }, null, 1)}\n` });
  const topics = [...index.byTopic.entries()].map(([slug, list]) => {
    const { name, entry } = index.topics.get(slug)!;
    return {
      name,
      slug,
      kind: entry?.kind ?? null,
      url: url(paths.topic(slug)),
      feed: url(`${paths.topic(slug)}feed.xml`),
      count: list.length,
      aliases: entry?.aliases ?? [],
      description: entry?.description ?? null,
    };
  });
  files.push({ path: "/api/topics.json", content: `${JSON.stringify({ count: topics.length, topics }, null, 1)}\n` });
  return files;
}
