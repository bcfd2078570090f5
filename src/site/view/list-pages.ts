import { contentHash } from "../reuse.ts";
import type { Article } from "../../model/index.ts";
import { paths } from "../urls.ts";
import { summaryHash } from "./article-page.ts";
import { outletTimeline, topicAttention } from "./charts.ts";
import type { ViewContext } from "./context.ts";
import { compareText, countLabel, dateLabel, monthLabel } from "./format.ts";
import { listingChunks, navReach, PAGE_SIZE, pageNav } from "./pagination.ts";
import type { ArticleSummary, Crumb, Fact, Link, ListPage, PageInputs } from "./types.ts";

type Intro = NonNullable<ListPage["intro"]>;

/**
 * A listing page before it is made: its URL, and a hash of everything its view model is made
 * from. An archive has thousands of listing pages (about 20 articles a page, per outlet, topic and
 * month); a build that adds one dump changes a few, and makes only those (with their charts).
 */
export interface ListSlot {
  url: string;
  /** First pages are the ones the sitemap lists. */
  index: boolean;
  inputs: () => PageInputs;
  make: () => ListPage;
}

/** The intro of a listing's first page, made only when that page is, and what it is made from. */
interface LazyIntro {
  /** Everything `make` reads, as JSON-able data. */
  key: unknown;
  make: () => Intro;
}

/** An intro cheap enough to make whether or not its page is made: it is its own key. */
const madeIntro = (intro: Intro): LazyIntro => ({ key: intro, make: () => intro });

interface ListSpec {
  kind: ListPage["kind"];
  base: string;
  heading: string;
  /** `<title>` of the first page; later pages add "page n". */
  title: string;
  /** The first page's description; it may count the articles. */
  description: string;
  /** Later pages' description (default: the first's): no counts, or every page would change with each article added. */
  laterDescription?: string;
  crumbs: Crumb[];
  section: ListPage["section"];
  feed: string | null;
  articles: readonly Article[];
  intro: LazyIntro | null;
  home?: ListPage["home"];
  /** All articles on one page (the home's latest). */
  onePage?: boolean;
}

/** One ListPage per chunk of about 20 articles (listingChunks): the precomputed pages Eleventy paginates over. */
function listPages(spec: ListSpec, ctx: ViewContext): ListSlot[] {
  const { articles, intro, home = null, description, laterDescription = description, onePage = false, ...fixed } = spec;
  const chunks = onePage ? [[...articles]] : listingChunks(articles, (a) => a.id);
  return chunks.map((items, i) => {
    const n = i + 1;
    const url = paths.page(spec.base, n);
    const summaries = (): ArticleSummary[] => items.map((a) => ctx.summaries.get(a.slug)!);
    const pageDescription = n === 1 ? description : laterDescription;
    // Keep in step with make(): the page is a function of these.
    const inputs = (): PageInputs => {
      const key = [fixed, pageDescription, n, navReach(n, chunks.length), n === 1 ? intro?.key : null, n === 1 ? home : null, summaries().map(summaryHash)];
      return { file: `${url.slice(1)}index.html`, hash: contentHash(JSON.stringify(key)) };
    };
    const make = (): ListPage => {
      const nav = pageNav(spec.base, n, chunks.length, `Pages of ${spec.heading}`);
      const crumbs: Crumb[] =
        n === 1
          ? spec.crumbs
          : [...spec.crumbs.slice(0, -1), { label: spec.crumbs[spec.crumbs.length - 1]!.label, url: spec.base }, { label: `Page ${n}`, url: null }];
      return {
        url,
        title: n === 1 ? spec.title : `${spec.title}, page ${n}`,
        description: pageDescription,
        crumbs,
        section: spec.section,
        feed: spec.feed,
        index: n === 1,
        prev: nav?.prev ?? null,
        next: nav?.next ?? null,
        kind: spec.kind,
        heading: n === 1 ? spec.heading : `${spec.heading}, page ${n}`,
        intro: n === 1 && intro !== null ? intro.make() : null,
        home: n === 1 ? home : null,
        items: summaries(),
        nav,
        pageNumber: n,
      };
    };
    return { url, index: n === 1, inputs, make };
  });
}

/** `27 September 2015 – 10 October 2015`, plus the undated count. */
function dateRangeFacts(articles: readonly Article[]): Fact[] {
  let first: string | null = null;
  let last: string | null = null;
  let undated = 0;
  for (const { date } of articles) {
    if (date === null) {
      undated++;
      continue;
    }
    if (first === null || date < first) first = date;
    if (last === null || date > last) last = date;
  }
  const facts: Fact[] = [];
  if (first !== null && last !== null) {
    facts.push({ label: "Dates", value: first === last ? dateLabel(first) : `${dateLabel(first)} – ${dateLabel(last)}` });
  }
  if (undated > 0) facts.push({ label: "Undated", value: countLabel(undated, "article") });
  return facts;
}

const home: Link = { label: "Home", url: paths.home() };

export function homePages(ctx: ViewContext, dumps: Array<Link & { count: number }>): ListSlot[] {
  const { index } = ctx;
  const byCount = <T extends { count: number; label: string }>(a: T, b: T): number => b.count - a.count || compareText(a.label, b.label);
  const outlets = [...index.byOutlet.entries()].map(([slug, list]) => ({ ...ctx.outletLink(slug), count: list.length })).sort(byCount);
  const topics = [...index.byTopic.entries()].map(([slug, list]) => ({ ...ctx.topicLink(slug), count: list.length })).sort(byCount);
  return listPages(
    {
      kind: "home",
      base: paths.home(),
      heading: "Latest articles",
      title: "Latest articles",
      description: `An archive of ${countLabel(index.sorted.length, "news article")} from ${countLabel(index.outlets.size, "outlet")}, with the raw captures they came from.`,
      crumbs: [{ label: "Home", url: null }],
      section: "home",
      feed: "/feed.xml",
      // The latest only: a listing of the whole archive, newest first, would change on every
      // page with every article added (each shifts all the others one place down); the whole
      // archive is browsed by date, outlet and topic, whose pages change only where it lands.
      articles: index.sorted.slice(0, PAGE_SIZE),
      onePage: true,
      intro: null,
      home: {
        more: { label: `All ${countLabel(index.sorted.length, "article")}, by date`, url: paths.dates() },
        outlets: outlets.slice(0, 12),
        topics: topics.slice(0, 24),
        dumps: dumps.slice(0, 10),
        stats: [
          { label: "Articles", value: countLabel(index.sorted.length, "article") },
          { label: "Outlets", value: countLabel(index.outlets.size, "outlet") },
          { label: "Topics", value: countLabel(index.topics.size, "topic") },
          { label: "Captures", value: countLabel(dumps.length, "dump") },
        ],
      },
    },
    ctx,
  );
}

export function outletPages(ctx: ViewContext): ListSlot[] {
  return [...ctx.index.byOutlet.entries()].flatMap(([slug, articles]) => {
    const { name, entry } = ctx.index.outlets.get(slug)!;
    const facts: Fact[] = [{ label: "Articles", value: countLabel(articles.length, "article") }, ...dateRangeFacts(articles)];
    if (entry?.country !== undefined) facts.push({ label: "Country", value: entry.country });
    if (entry?.homepage !== undefined) facts.push({ label: "Website", value: entry.homepage });
    return listPages(
      {
        kind: "outlet",
        base: paths.outlet(slug),
        heading: name,
        title: name,
        description: entry?.description ?? `Articles from ${name} in the archive.`,
        crumbs: [home, { label: "Outlets", url: paths.outlets() }, { label: name, url: null }],
        section: "outlets",
        feed: `${paths.outlet(slug)}feed.xml`,
        articles,
        intro: withChart(
          { description: entry?.description ?? null, aliases: entry?.aliases ?? [], facts, relatedTopics: [], children: [] },
          [slug, name, articles.map((a) => a.date)],
          () => outletTimeline(slug, name, articles),
        ),
      },
      ctx,
    );
  });
}

/** An intro whose chart is drawn only when its page is made; `chartKey` is what the chart is drawn from. */
function withChart(intro: Omit<Intro, "chart">, chartKey: unknown, chart: () => Intro["chart"]): LazyIntro {
  return {
    key: [intro, chartKey],
    make: () => ({ description: intro.description, aliases: intro.aliases, facts: intro.facts, chart: chart(), relatedTopics: intro.relatedTopics, children: intro.children }),
  };
}

/** What topicAttention draws from: each article's date and outlet, and the outlets' names. */
function chartInputs(slug: string, name: string, articles: readonly Article[], ctx: ViewContext): unknown {
  const outlets = new Set<string>();
  const points = articles.map((a) => {
    if (a.outlet !== null) outlets.add(a.outlet.slug);
    return [a.date, a.outlet?.slug ?? ""];
  });
  return [slug, name, points, [...outlets].sort().map((o) => ctx.outletLink(o).label)];
}

/** Topics that share articles with each topic, most shared first: "related topics". */
function coOccurring(ctx: ViewContext, slug: string, articles: readonly Article[]): Array<Link & { count: number }> {
  const counts = new Map<string, number>();
  for (const article of articles) {
    for (const other of new Set(article.topics)) if (other !== slug) counts.set(other, (counts.get(other) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || compareText(a, b))
    .slice(0, 12)
    .map(([other, count]) => ({ ...ctx.topicLink(other), count }));
}

export function topicPages(ctx: ViewContext): ListSlot[] {
  return [...ctx.index.byTopic.entries()].flatMap(([slug, articles]) => {
    const { name, entry } = ctx.index.topics.get(slug)!;
    const facts: Fact[] = [{ label: "Articles", value: countLabel(articles.length, "article") }, ...dateRangeFacts(articles)];
    if (entry !== null) facts.push({ label: "Kind", value: entry.kind });
    return listPages(
      {
        kind: "topic",
        base: paths.topic(slug),
        heading: name,
        title: `${name}: topic`,
        description: entry?.description ?? `Articles about ${name} in the archive.`,
        crumbs: [home, { label: "Topics", url: paths.topics() }, { label: name, url: null }],
        section: "topics",
        feed: `${paths.topic(slug)}feed.xml`,
        articles,
        intro: withChart(
          { description: entry?.description ?? null, aliases: entry?.aliases ?? [], facts, relatedTopics: coOccurring(ctx, slug, articles), children: [] },
          chartInputs(slug, name, articles, ctx),
          () => topicAttention(slug, name, articles, (o) => ctx.outletLink(o).label),
        ),
      },
      ctx,
    );
  });
}

export function datePages(ctx: ViewContext): ListSlot[] {
  const { index } = ctx;
  const dates: Link = { label: "Dates", url: paths.dates() };
  const pages: ListSlot[] = [];
  for (const [year, articles] of index.byYear) {
    const months = [...index.byMonth.entries()]
      .filter(([key]) => key.startsWith(`${year}-`))
      .sort(([a], [b]) => compareText(a, b))
      .map(([key, list]) => ({ label: monthLabel(key), url: paths.month(year, key.slice(5)), count: list.length }));
    pages.push(
      ...listPages(
        {
          kind: "year",
          base: paths.year(year),
          heading: `Articles from ${year}`,
          title: `Articles from ${year}`,
          description: `${countLabel(articles.length, "article")} dated ${year}.`,
          laterDescription: `Articles dated ${year}.`,
          crumbs: [home, dates, { label: year, url: null }],
          section: "dates",
          feed: null,
          articles,
          intro: madeIntro({ description: null, aliases: [], facts: [], chart: null, relatedTopics: [], children: months }),
        },
        ctx,
      ),
    );
  }
  for (const [key, articles] of index.byMonth) {
    const year = key.slice(0, 4);
    pages.push(
      ...listPages(
        {
          kind: "month",
          base: paths.month(year, key.slice(5)),
          heading: `Articles from ${monthLabel(key)}`,
          title: `Articles from ${monthLabel(key)}`,
          description: `${countLabel(articles.length, "article")} dated ${monthLabel(key)}.`,
          laterDescription: `Articles dated ${monthLabel(key)}.`,
          crumbs: [home, dates, { label: year, url: paths.year(year) }, { label: monthLabel(key).split(" ")[0]!, url: null }],
          section: "dates",
          feed: null,
          articles,
          intro: null,
        },
        ctx,
      ),
    );
  }
  if (index.undated.length > 0) {
    pages.push(
      ...listPages(
        {
          kind: "undated",
          base: paths.undated(),
          heading: "Undated articles",
          title: "Undated articles",
          description: "Articles whose capture does not say when they were published.",
          crumbs: [home, dates, { label: "Undated", url: null }],
          section: "dates",
          feed: null,
          articles: index.undated,
          intro: madeIntro({
            description: "These captures do not say when the articles were published, and the archive does not guess. An editor who knows the date can add it to the article's file in content/.",
            aliases: [],
            facts: [{ label: "Articles", value: countLabel(index.undated.length, "article") }],
            chart: null,
            relatedTopics: [],
            children: [],
          }),
        },
        ctx,
      ),
    );
  }
  return pages;
}
