import { hash } from "node:crypto";
import type { Article } from "../model/index.ts";

/** Default upper bound of a shard's size, in articles: what one Pagefind run indexes in ~1.5 s. */
export const DEFAULT_MAX_SHARD_SIZE = 1000;

export interface ShardPlan {
  /** Folder name under search-index/: `<year>-<bucket>` or `undated-<bucket>`. */
  name: string;
  /** The shard's articles, ordered by id so the bundle does not depend on input order. */
  articles: Article[];
}

/**
 * Splits the archive into search shards that stay stable as it grows.
 *
 * An article's shard is its year (undated apart), split into a power-of-two number of id-hash
 * buckets so that no bucket holds more than about `maxShardSize` articles. Why this shape:
 * - adding a dump touches the shards of the years its articles are dated in, and within a year
 *   only the buckets its ids hash to, so "add one dump" re-indexes about one bounded shard;
 * - a bucket's size is bounded whatever the archive's size, so the memory and time of indexing
 *   one shard are bounded too;
 * - it is a pure function of the articles (no history kept), so a fresh clone with an empty
 *   cache builds the same shards;
 * - bucket counts only double, so the rare re-bucketing of a year is amortised over the
 *   articles that caused it (the whole year is re-indexed once per doubling).
 */
export function planShards(articles: readonly Article[], maxShardSize: number = DEFAULT_MAX_SHARD_SIZE): ShardPlan[] {
  if (!Number.isInteger(maxShardSize) || maxShardSize < 1) {
    throw new TypeError(`planShards: maxShardSize must be a positive integer, got ${String(maxShardSize)}`);
  }
  const byYear = new Map<string, Article[]>();
  for (const article of articles) {
    const year = article.date === null ? "undated" : article.date.slice(0, 4);
    let group = byYear.get(year);
    if (!group) byYear.set(year, (group = []));
    group.push(article);
  }
  const plans: ShardPlan[] = [];
  for (const year of [...byYear.keys()].sort()) {
    const group = byYear.get(year)!;
    const buckets = bucketCount(group.length, maxShardSize);
    const members: Article[][] = Array.from({ length: buckets }, () => []);
    for (const article of group) members[idBucket(article.id, buckets)]!.push(article);
    members.forEach((list, bucket) => {
      if (list.length === 0) return;
      list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      plans.push({ name: `${year}-${bucket}`, articles: list });
    });
  }
  return plans;
}

/** The smallest power of two that keeps the average bucket within the bound. */
function bucketCount(size: number, maxShardSize: number): number {
  let buckets = 1;
  while (size / buckets > maxShardSize) buckets *= 2;
  return buckets;
}

/** A stable bucket for an id: the low bits of its sha256, so doubling splits each bucket in two. */
function idBucket(id: string, buckets: number): number {
  return hash("sha256", id, "buffer").readUInt32BE(0) % buckets;
}

/** Key of the manifest of the bundles a live site has (name "search-live"): the shard hashes capture everything else. */
export const SEARCH_MANIFEST_KEY = "search-1";
