/**
 * View models: everything a page shows, computed in TypeScript before Eleventy runs, so that
 * templates only print fields. URLs here are site paths (`/articles/x/`); templates pass every
 * one through the `link` filter, which applies the path prefix.
 */
import type { Dump, ParseResult } from "../../model/index.ts";

export interface Link {
  label: string;
  url: string;
}

/** One step of the breadcrumb trail; the last one is the current page and carries no link. */
export interface Crumb {
  label: string;
  url: string | null;
}

/** Fields every HTML page's layout reads. */
export interface PageBase {
  /** Site path of the page, ending in `/`. */
  url: string;
  /** `<title>`, without the site title. */
  title: string;
  /** Meta description. */
  description: string;
  crumbs: Crumb[];
  /** Which section of the header navigation is current. */
  section: "home" | "outlets" | "topics" | "dates" | "dumps" | "search" | "article";
  /** Atom feed of this page, linked with `rel=alternate`. */
  feed: string | null;
  /** Whether search engines should index the page (paginated pages beyond the first are not). */
  index: boolean;
  /** Prev/next pages of a paginated index, for `rel=prev/next`. */
  prev: string | null;
  next: string | null;
}

export interface ArticleSummary {
  url: string;
  headline: string;
  outlet: Link | null;
  byline: string | null;
  date: string | null;
  dateLabel: string;
  excerpt: string;
  lang: string;
  dir: "ltr" | "rtl";
}

export interface SourceView {
  dumpName: string;
  /** Dump page, or null when the dump is no longer in seeds/. */
  dumpUrl: string | null;
  rawUrl: string | null;
  sha256: string;
  lines: [number, number];
  linesLabel: string;
  /** Anchor of the first line on the dump page. */
  lineUrl: string | null;
}

export interface ArticlePage extends PageBase {
  slug: string;
  headline: string;
  lang: string;
  dir: "ltr" | "rtl";
  outlet: Link | null;
  byline: string | null;
  date: string | null;
  dateLabel: string;
  year: string | null;
  /** Link to the month's archive page, or to the undated page. */
  dateUrl: string;
  dateline: string | null;
  /** Sanitised HTML from renderBody. */
  bodyHtml: string;
  topics: Link[];
  related: Array<{ headline: string; url: string | null }>;
  citedBy: Link[];
  sources: SourceView[];
  /** Captures beyond the first (duplicates merged into this record). */
  alsoCapturedIn: SourceView[];
  apiUrl: string;
  /** schema.org NewsArticle, serialised and safe to put inside a script element. */
  jsonLd: string;
  /** Absolute URL, when the site has a base URL: canonical link and og:url. */
  canonical: string | null;
}

export interface PageNumber {
  n: number;
  url: string;
  current: boolean;
}

/** Numbered pagination: page links with gaps (null) where runs of numbers are left out. */
export interface PageNav {
  label: string;
  pages: Array<PageNumber | null>;
  prev: string | null;
  next: string | null;
}

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Series index: colour and pattern class `s<n>`. */
  series: number;
}

export interface ChartView {
  id: string;
  title: string;
  /** One sentence summing up the chart for screen readers. */
  summary: string;
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: ChartBar[];
  xTicks: Array<{ x: number; label: string }>;
  yTicks: Array<{ y: number; label: string }>;
  legend: Array<{ label: string; series: number }>;
  /** The same numbers as a table: the text alternative. */
  table: { caption: string; head: string[]; rows: string[][] };
}

export interface Fact {
  label: string;
  value: string;
}

/** An index page of articles: home, outlet, topic, year, month, undated; one per page number. */
export interface ListPage extends PageBase {
  kind: "home" | "outlet" | "topic" | "year" | "month" | "undated";
  heading: string;
  /** Shown on the first page only. */
  intro: {
    description: string | null;
    aliases: string[];
    facts: Fact[];
    chart: ChartView | null;
    relatedTopics: Array<Link & { count: number }>;
    /** Sub-archives (the months of a year). */
    children: Array<Link & { count: number }>;
  } | null;
  /** Extra sections of the home page's first page. */
  home: {
    /** Where the rest of the archive is (the home lists only the latest articles). */
    more: Link;
    outlets: Array<Link & { count: number }>;
    topics: Array<Link & { count: number }>;
    dumps: Array<Link & { count: number }>;
    stats: Fact[];
  } | null;
  items: ArticleSummary[];
  nav: PageNav | null;
  pageNumber: number;
}

export interface DirectoryEntry extends Link {
  count: number;
  countLabel: string;
  note: string | null;
}

/** A list of terms: /outlets/, /topics/, /dates/, /dumps/ pages. */
export interface DirectoryPage extends PageBase {
  heading: string;
  lead: string;
  groups: Array<{ heading: string | null; entries: DirectoryEntry[] }>;
  nav: PageNav | null;
}

export interface DumpLine {
  n: number;
  role: string;
  text: string;
  /** Below the confidence the parser trusts. */
  unsure: boolean;
}

export interface DumpRun {
  /** The article these lines belong to, or null for debris and blank lines. */
  article: { n: number; headline: string; url: string | null } | null;
  lines: DumpLine[];
}

export interface DumpPage extends PageBase {
  heading: string;
  name: string;
  sha256: string;
  facts: Fact[];
  rawUrl: string;
  legend: Array<{ role: string; label: string; meaning: string; count: number }>;
  runs: DumpRun[];
  warnings: Array<{ id: string; level: string; message: string; line: number | null; hint: string | null }>;
  articles: ArticleSummary[];
}

export interface SearchPage extends PageBase {
  heading: string;
  shards: string;
  outlets: Array<Link & { count: number }>;
  topics: Array<Link & { count: number }>;
}

export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  updated: string;
  published: string | null;
  authors: string[];
  summary: string;
  contentHtml: string;
  categories: Array<{ term: string; label: string }>;
}

export interface FeedView {
  /** Site path of the feed file, e.g. `/outlets/sana/feed.xml`. */
  path: string;
  id: string;
  title: string;
  subtitle: string;
  /** The HTML page the feed mirrors. */
  alternate: string;
  updated: string;
  entries: FeedEntry[];
}

/** A file whose whole text is computed in TypeScript (JSON API, sitemap, robots.txt). */
export interface RawFile {
  path: string;
  content: string;
}

/**
 * Raw files, listed (a PageSource) or made together on demand (the API's index files and the
 * sitemap): the latter are made only when written, and dropped once written. The JSON index of
 * a 64k-article archive alone is 110 MB, which a build must not hold while it renders.
 */
export type RawFileSource = PageSource<RawFile> | (() => RawFile[]);

/**
 * A list of pages made on demand: arrays are one, and so are lists that compute each page only
 * when a batch asks for it, so the view models of a large archive never sit in memory at once.
 */
export interface PageSource<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
  /**
   * For pages whose view model is costly to make: the page's file and a hash of everything its
   * view model is made from, known without making it (null when not known for this page). An
   * incremental build makes only the pages whose inputs changed.
   */
  inputs?: (index: number) => PageInputs | null;
}

export interface PageInputs {
  /** The page's file, relative to the site's root (`dumps/<id>/index.html`). */
  file: string;
  hash: string;
}

/** A PageSource that makes each item from its source item when sliced. */
export function lazyPages<S, T>(items: readonly S[], make: (item: S) => T, inputs?: (item: S) => PageInputs | null): PageSource<T> {
  return {
    length: items.length,
    slice: (start, end) => items.slice(start, end).map(make),
    ...(inputs === undefined ? {} : { inputs: (index: number) => inputs(items[index]!) }),
  };
}

export interface SiteData {
  title: string;
  /** Whether a base URL is configured: pages then carry canonical links. */
  absolute: boolean;
  /** Hashed stylesheet, e.g. `/assets/site.3f2a….css`. */
  stylesheet: string;
  /** Hashed script of the search page (the only page that runs one). */
  searchScript: string;
  nav: Array<Link & { section: PageBase["section"] }>;
  articles: PageSource<ArticlePage>;
  lists: PageSource<ListPage>;
  directories: PageSource<DirectoryPage>;
  dumps: PageSource<DumpPage>;
  search: PageSource<SearchPage>;
  feeds: PageSource<FeedView>;
}

/**
 * A dump as the site gets it: its parse, and the counts the dumps directory shows when they are
 * known without the parse (a large archive's parses are loaded only for the dump pages made).
 */
export interface SiteDump {
  dump: Dump;
  result: ParseResult;
  articleCount?: number;
  lineCount?: number;
  warningCount?: number;
}

/** A dump's articles, lines and parser warnings, from its counts or else its parse. */
export function dumpCounts(d: SiteDump): { articles: number; lines: number; warnings: number } {
  return {
    articles: d.articleCount ?? d.result.articles.length,
    lines: d.lineCount ?? d.result.lines.length,
    warnings: d.warningCount ?? d.result.diagnostics.filter((x) => x.level !== "info").length,
  };
}
