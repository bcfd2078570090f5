import type { BodyUse } from "./body-refs.ts";
import { contentPathOf } from "../content/paths.ts";
import type { Article, Diagnostic, Dump, Registries } from "../model/index.ts";
import { paths } from "./urls.ts";
import { apiArticleFiles, apiArticlesIndex, apiIndexFiles } from "./view/api.ts";
import { articleInputs, articlePage, articleSummary } from "./view/article-page.ts";
import { indexArchive } from "./view/archive.ts";
import type { ViewContext } from "./view/context.ts";
import { datesDirectory, dumpsDirectory, outletsDirectory, searchPage, topicsDirectory } from "./view/directories.ts";
import { capturesBySha, dumpPage, dumpPageInputs } from "./view/dump-page.ts";
import { feeds, robotsTxt, sitemapFiles } from "./view/feeds.ts";
import { countLabel } from "./view/format.ts";
import { datePages, homePages, outletPages, topicPages } from "./view/list-pages.ts";
import { dumpCounts, lazyPages, type ArticleSummary, type RawFileSource, type SiteData, type SiteDump } from "./view/types.ts";

export interface SiteDataOptions {
  siteTitle: string;
  pathPrefix: string;
  baseUrl: string | null;
  stylesheet: string;
  searchScript: string;
  /** A marker for the article's body HTML (see body-refs.ts). */
  renderBody: (article: Article, use?: BodyUse) => string;
  /** The article's listing excerpt (see excerpts.ts). */
  excerptOf: (article: Article) => string;
  /** An entry of the API's index by its article's inputs, or `make`'s (see api-records.ts). */
  apiIndexEntry: (inputs: string, make: () => string) => string;
  /** Seconds since 1970 from SOURCE_DATE_EPOCH, when set: the time feeds print when nothing is dated. */
  sourceDateEpoch: number | null;
}

function epochFor(latestDate: string | null, sourceDateEpoch: number | null): string {
  if (sourceDateEpoch !== null) return new Date(sourceDateEpoch * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return latestDate === null ? "1970-01-01T00:00:00Z" : `${latestDate}T00:00:00Z`;
}

/** Drops records whose slug is already taken (their pages would overwrite each other). */
function uniqueBySlug(articles: readonly Article[], diagnostics: Diagnostic[]): Article[] {
  const seen = new Map<string, Article>();
  for (const article of articles) {
    const first = seen.get(article.slug);
    if (first === undefined) {
      seen.set(article.slug, article);
      continue;
    }
    diagnostics.push({
      id: "duplicate-slug",
      level: "error",
      message: `Two articles have the slug "${article.slug}" ("${first.headline}" and "${article.headline}"); only the first gets a page.`,
      file: `content/${article.outlet?.slug ?? "unknown"}/${article.slug}.md`,
      hint: "Give one of them another slug in its front matter.",
    });
  }
  return [...seen.values()];
}

/**
 * Everything the site shows, as view models: the one place where records become pages.
 * Linear in the size of the archive; templates only print what is computed here.
 */
export function buildSiteData(
  input: { articles: readonly Article[]; dumps: readonly SiteDump[]; registries: Registries },
  options: SiteDataOptions,
): { data: SiteData; files: RawFileSource[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const articles = uniqueBySlug(input.articles, diagnostics);
  const index = indexArchive(articles, input.registries);
  const dumpsBySha = new Map<string, Dump>();
  const dumpsByName = new Map<string, Dump>();
  for (const { dump } of input.dumps) {
    dumpsBySha.set(dump.sha256, dump);
    dumpsByName.set(dump.name, dump);
  }
  const summaries = new Map<string, ArticleSummary>(index.sorted.map((a) => [a.slug, articleSummary(a, options.excerptOf)]));
  const ctx: ViewContext = {
    siteTitle: options.siteTitle,
    pathPrefix: options.pathPrefix,
    baseUrl: options.baseUrl,
    index,
    renderBody: options.renderBody,
    summaries,
    dumpsBySha,
    dumpsByName,
    epoch: epochFor(index.latestDate, options.sourceDateEpoch),
    outletLink: (slug) => ({ label: index.outlets.get(slug)?.name ?? slug, url: paths.outlet(slug) }),
    topicLink: (slug) => ({ label: index.topics.get(slug)?.name ?? slug, url: paths.topic(slug) }),
  };

  for (const [slug, { entry }] of index.topics) {
    if (entry !== null) continue;
    diagnostics.push({
      id: "unknown-topic",
      level: "warning",
      message: `Topic "${slug}" (on ${countLabel(index.byTopic.get(slug)!.length, "article")}) is not in the topic registry; its page has no name or description.`,
      file: "content/_data/topics.yaml",
      hint: `Add an entry with slug: ${slug}, or correct the articles' topics.`,
    });
  }
  // One warning per dump, as ingest gives it (the build reports the two as one).
  const citing = new Map<string, Article[]>();
  for (const article of index.sorted) {
    for (const source of article.sources) {
      if (dumpsBySha.has(source.sha256) || dumpsByName.has(source.dump)) continue;
      const list = citing.get(source.dump);
      if (list === undefined) citing.set(source.dump, [article]);
      else if (list[list.length - 1] !== article) list.push(article);
    }
  }
  for (const [dump, cited] of [...citing].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const shown = cited.slice(0, 3).map((a) => `content/${contentPathOf(a) ?? `${a.slug}.md`}`);
    diagnostics.push({
      id: "dump-missing",
      level: "warning",
      message: `${dump} is not in seeds/; the provenance of the ${countLabel(cited.length, "article")} citing it cannot be linked (${shown.join(", ")}${cited.length > 3 ? ", …" : ""}).`,
      file: `seeds/${dump}`,
      hint: "Put the dump back into seeds/, or correct the articles' sources.",
    });
  }
  if (options.baseUrl === null) {
    diagnostics.push({
      id: "no-base-url",
      level: "info",
      message: "No base URL is configured: feeds and the sitemap use paths, and pages carry no canonical link.",
      file: "package.json",
      hint: "Set the site's base URL (e.g. https://example.org) to get absolute links.",
    });
  }

  const captures = capturesBySha(index.sorted);
  const sortedDumps = [...input.dumps].sort((a, b) => (a.dump.name < b.dump.name ? -1 : a.dump.name > b.dump.name ? 1 : 0));
  const dumpPages = lazyPages(
    sortedDumps,
    ({ dump, result }) => dumpPage(dump, result, captures.get(dump.sha256) ?? [], ctx),
    ({ dump }) => dumpPageInputs(dump, captures.get(dump.sha256) ?? [], ctx),
  );
  const dumpLinks = sortedDumps.map((d) => ({ label: d.dump.name, url: paths.dump(d.dump.id), count: dumpCounts(d).articles }));

  // One hash of an article's inputs serves its page and its API file.
  const inputsOf = new Map<string, string>();
  const articleHash = (a: Article): string => {
    let hash = inputsOf.get(a.slug);
    if (hash === undefined) inputsOf.set(a.slug, (hash = articleInputs(a, ctx)));
    return hash;
  };
  const articlePages = lazyPages(
    index.sorted,
    (a) => articlePage(a, ctx),
    (a) => ({ file: `${paths.article(a.slug).slice(1)}index.html`, hash: articleHash(a) }),
  );
  const listSlots = [...homePages(ctx, dumpLinks), ...outletPages(ctx), ...topicPages(ctx), ...datePages(ctx)];
  const lists = lazyPages(
    listSlots,
    (slot) => slot.make(),
    (slot) => slot.inputs(),
  );
  const directories = [outletsDirectory(ctx), topicsDirectory(ctx), datesDirectory(ctx), ...dumpsDirectory(sortedDumps)];
  const search = [searchPage(ctx)];

  const sitemapEntries = (): Array<{ url: string; lastmod: string | null }> => [
    ...listSlots.filter((p) => p.index).map((p) => ({ url: p.url, lastmod: null })),
    ...directories.filter((p) => p.index).map((p) => ({ url: p.url, lastmod: null })),
    ...index.sorted.map((a) => ({ url: paths.article(a.slug), lastmod: a.date })),
    ...sortedDumps.map(({ dump }) => ({ url: paths.dump(dump.id), lastmod: null })),
    { url: paths.search(), lastmod: null },
  ];

  const data: SiteData = {
    title: options.siteTitle,
    absolute: options.baseUrl !== null,
    stylesheet: options.stylesheet,
    searchScript: options.searchScript,
    nav: [
      { label: "Home", url: paths.home(), section: "home" },
      { label: "Outlets", url: paths.outlets(), section: "outlets" },
      { label: "Topics", url: paths.topics(), section: "topics" },
      { label: "Dates", url: paths.dates(), section: "dates" },
      { label: "Dumps", url: paths.dumps(), section: "dumps" },
      { label: "Search", url: paths.search(), section: "search" },
    ],
    articles: articlePages,
    lists,
    directories,
    dumps: dumpPages,
    search,
    feeds: feeds(ctx, articleHash),
  };
  const files: RawFileSource[] = [
    () => [...apiIndexFiles(ctx), ...sitemapFiles(sitemapEntries(), ctx), robotsTxt(ctx)],
    apiArticlesIndex(ctx, articleHash, options.apiIndexEntry),
    apiArticleFiles(ctx, articleHash),
  ];
  return { data, files, diagnostics };
}
