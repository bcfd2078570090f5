import type { Article, OutletEntry, Registries, TopicEntry } from "../../model/index.ts";
import { backlinks } from "../../enrich/index.ts";
import { compareText } from "./format.ts";

/**
 * The archive grouped every way the site lists it, computed once per build in linear time:
 * per-page templates never search collections (that is what makes Eleventy sites quadratic).
 */
export interface ArchiveIndex {
  /** Newest first; undated last; ties by headline, then slug. */
  sorted: Article[];
  bySlug: Map<string, Article>;
  byOutlet: Map<string, Article[]>;
  byTopic: Map<string, Article[]>;
  byYear: Map<string, Article[]>;
  /** Keyed `YYYY-MM`. */
  byMonth: Map<string, Article[]>;
  undated: Article[];
  outlets: Map<string, { name: string; entry: OutletEntry | null }>;
  topics: Map<string, { name: string; entry: TopicEntry | null }>;
  citedBy: Map<string, Article[]>;
  /** The latest date in the archive, or null when nothing is dated. */
  latestDate: string | null;
}

export function compareNewestFirst(a: Article, b: Article): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return compareText(a.headline, b.headline) || compareText(a.slug, b.slug);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Map keys in a stable order, so every listing built from them is stable too. */
function sortedMap<V>(map: Map<string, V>, compare: (a: string, b: string) => number = compareText): Map<string, V> {
  return new Map([...map.entries()].sort(([a], [b]) => compare(a, b)));
}

export function indexArchive(articles: readonly Article[], registries: Registries): ArchiveIndex {
  const sorted = [...articles].sort(compareNewestFirst);
  const bySlug = new Map<string, Article>();
  const byOutlet = new Map<string, Article[]>();
  const byTopic = new Map<string, Article[]>();
  const byYear = new Map<string, Article[]>();
  const byMonth = new Map<string, Article[]>();
  const undated: Article[] = [];
  const outletEntries = new Map(registries.outlets.map((o) => [o.slug, o]));
  const topicEntries = new Map(registries.topics.map((t) => [t.slug, t]));
  const outlets = new Map<string, { name: string; entry: OutletEntry | null }>();
  const topics = new Map<string, { name: string; entry: TopicEntry | null }>();

  for (const article of sorted) {
    bySlug.set(article.slug, article);
    if (article.outlet !== null) {
      push(byOutlet, article.outlet.slug, article);
      if (!outlets.has(article.outlet.slug)) {
        const entry = outletEntries.get(article.outlet.slug) ?? null;
        outlets.set(article.outlet.slug, { name: entry?.name ?? article.outlet.name, entry });
      }
    }
    for (const topic of new Set(article.topics)) {
      push(byTopic, topic, article);
      if (!topics.has(topic)) {
        const entry = topicEntries.get(topic) ?? null;
        topics.set(topic, { name: entry?.name ?? topic.replace(/-/g, " "), entry });
      }
    }
    if (article.date === null) {
      undated.push(article);
    } else {
      push(byYear, article.date.slice(0, 4), article);
      push(byMonth, article.date.slice(0, 7), article);
    }
  }

  const byName = (names: Map<string, { name: string }>) => (a: string, b: string) =>
    compareText(names.get(a)!.name.toLowerCase(), names.get(b)!.name.toLowerCase()) || compareText(a, b);
  const newestKeyFirst = (a: string, b: string): number => compareText(b, a);

  return {
    sorted,
    bySlug,
    byOutlet: sortedMap(byOutlet, byName(outlets)),
    byTopic: sortedMap(byTopic, byName(topics)),
    byYear: sortedMap(byYear, newestKeyFirst),
    byMonth: sortedMap(byMonth, newestKeyFirst),
    undated,
    outlets: sortedMap(outlets, byName(outlets)),
    topics: sortedMap(topics, byName(topics)),
    citedBy: citedBySlug(sorted),
    latestDate: sorted[0]?.date ?? null,
  };
}

/**
 * "Cited by", keyed by slug: enrichment's backlinks (keyed by record id), each list in a stable
 * order (headline, then slug) whatever order the records came in.
 */
function citedBySlug(articles: readonly Article[]): Map<string, Article[]> {
  const slugOf = new Map(articles.map((a) => [a.id, a.slug]));
  const out = new Map<string, Article[]>();
  for (const [id, citing] of backlinks(articles)) {
    const slug = slugOf.get(id);
    if (slug === undefined) continue;
    out.set(slug, [...citing].sort((a, b) => compareText(a.headline, b.headline) || compareText(a.slug, b.slug)));
  }
  return out;
}
