import { paths } from "../urls.ts";
import type { ViewContext } from "./context.ts";
import { dumpNote } from "./dump-page.ts";
import { compareText, countLabel, monthLabel } from "./format.ts";
import { chunk, pageNav } from "./pagination.ts";
import { dumpCounts, type DirectoryEntry, type DirectoryPage, type Link, type SearchPage, type SiteDump } from "./types.ts";

const home: Link = { label: "Home", url: paths.home() };

function entry(link: Link, count: number, note: string | null): DirectoryEntry {
  return { ...link, count, countLabel: countLabel(count, "article"), note };
}

function single(
  fields: Pick<DirectoryPage, "url" | "title" | "description" | "crumbs" | "section" | "heading" | "lead" | "groups">,
): DirectoryPage {
  return { ...fields, feed: null, index: true, prev: null, next: null, nav: null };
}

export function outletsDirectory(ctx: ViewContext): DirectoryPage {
  const entries = [...ctx.index.byOutlet.entries()].map(([slug, list]) => {
    const { entry: registered } = ctx.index.outlets.get(slug)!;
    const note = [registered?.country, registered?.description].filter((s): s is string => s !== undefined).join(" · ");
    return entry(ctx.outletLink(slug), list.length, note === "" ? null : note);
  });
  return single({
    url: paths.outlets(),
    title: "Outlets",
    description: "Every publication in the archive.",
    crumbs: [home, { label: "Outlets", url: null }],
    section: "outlets",
    heading: "Outlets",
    lead: `${countLabel(entries.length, "outlet")}, by name.`,
    groups: [{ heading: null, entries }],
  });
}

const KIND_HEADINGS: ReadonlyArray<[string, string]> = [
  ["place", "Places"],
  ["organisation", "Organisations"],
  ["person", "People"],
  ["theme", "Themes"],
  ["", "Other topics"],
];

export function topicsDirectory(ctx: ViewContext): DirectoryPage {
  const byKind = new Map<string, DirectoryEntry[]>(KIND_HEADINGS.map(([kind]) => [kind, []]));
  for (const [slug, list] of ctx.index.byTopic) {
    const { entry: registered } = ctx.index.topics.get(slug)!;
    const aliases = registered?.aliases ?? [];
    byKind.get(registered?.kind ?? "")!.push(entry(ctx.topicLink(slug), list.length, aliases.length === 0 ? null : `also ${aliases.join(", ")}`));
  }
  const groups = KIND_HEADINGS.map(([kind, heading]) => ({ heading, entries: byKind.get(kind)! })).filter((g) => g.entries.length > 0);
  return single({
    url: paths.topics(),
    title: "Topics",
    description: "Every topic in the archive: places, organisations, people and themes.",
    crumbs: [home, { label: "Topics", url: null }],
    section: "topics",
    heading: "Topics",
    lead: `${countLabel(ctx.index.byTopic.size, "topic")}, by kind and name.`,
    groups,
  });
}

export function datesDirectory(ctx: ViewContext): DirectoryPage {
  const groups: DirectoryPage["groups"] = [...ctx.index.byYear.entries()].map(([year, list]) => ({
    heading: year,
    entries: [
      entry({ label: `All of ${year}`, url: paths.year(year) }, list.length, null),
      ...[...ctx.index.byMonth.entries()]
        .filter(([key]) => key.startsWith(`${year}-`))
        .sort(([a], [b]) => compareText(a, b))
        .map(([key, months]) => entry({ label: monthLabel(key), url: paths.month(year, key.slice(5)) }, months.length, null)),
    ],
  }));
  if (ctx.index.undated.length > 0) {
    groups.push({ heading: "Undated", entries: [entry({ label: "Undated articles", url: paths.undated() }, ctx.index.undated.length, null)] });
  }
  return single({
    url: paths.dates(),
    title: "Dates",
    description: "The archive by year and month.",
    crumbs: [home, { label: "Dates", url: null }],
    section: "dates",
    heading: "Dates",
    lead: "Articles by the date they were published; those whose capture gives no date are listed as undated.",
    groups,
  });
}

/** The dumps directory, 20 captures a page, sorted by file name. */
export function dumpsDirectory(dumps: readonly SiteDump[]): DirectoryPage[] {
  const sorted = [...dumps].sort((a, b) => compareText(a.dump.name, b.dump.name));
  const chunks = chunk(sorted);
  return chunks.map((items, i) => {
    const n = i + 1;
    const nav = pageNav(paths.dumps(), n, chunks.length, "Pages of dumps");
    return {
      url: paths.page(paths.dumps(), n),
      title: n === 1 ? "Dumps" : `Dumps, page ${n}`,
      description: "The raw captures the archive was read from, as received.",
      crumbs: n === 1 ? [home, { label: "Dumps", url: null }] : [home, { label: "Dumps", url: paths.dumps() }, { label: `Page ${n}`, url: null }],
      section: "dumps",
      feed: null,
      index: n === 1,
      prev: nav?.prev ?? null,
      next: nav?.next ?? null,
      heading: n === 1 ? "Dumps" : `Dumps, page ${n}`,
      // The count on the first page only: the others then change only when their dumps do (and
      // their navigation, which names no page beyond two either side, when the last pages do).
      lead: `${n === 1 ? countLabel(sorted.length, "raw capture") : "Raw captures"}, kept unchanged. Each page shows every line with the role the parser gave it.`,
      groups: [
        {
          heading: null,
          entries: items.map((d) => {
            const counts = dumpCounts(d);
            return {
              label: d.dump.name,
              url: paths.dump(d.dump.id),
              count: counts.articles,
              countLabel: countLabel(counts.articles, "article"),
              note: dumpNote(counts),
            };
          }),
        },
      ],
      nav,
    };
  });
}

export function searchPage(ctx: ViewContext): SearchPage {
  const link = (map: Map<string, unknown[]>, make: (slug: string) => Link): Array<Link & { count: number }> =>
    [...map.entries()].map(([slug, list]) => ({ ...make(slug), count: list.length }));
  return {
    url: paths.search(),
    title: "Search",
    description: "Search the text of every article, filtered by outlet, topic and year.",
    crumbs: [home, { label: "Search", url: null }],
    section: "search",
    feed: null,
    index: true,
    prev: null,
    next: null,
    heading: "Search the archive",
    shards: "/search-index/shards.json",
    outlets: link(ctx.index.byOutlet, ctx.outletLink),
    topics: link(ctx.index.byTopic, ctx.topicLink),
  };
}
