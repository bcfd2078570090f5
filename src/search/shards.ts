import { hash } from "node:crypto";
import type { Article } from "../model/index.ts";

/**
 * Default bound of a shard's size, in articles; shards hold about half that on average. The
 * bound trades an editor's add against a reader's first query. Adding a dump re-indexes its
 * shard: Pagefind takes ~2 ms per article, ~2.6 with the pages being made beside it, so an add
 * at 16k whose dump fell in a shard of ~990 articles took 5.0–5.4 s, one in a shard of ~470
 * 0.1–0.3 s less (the pages, made meanwhile, then take the longest). A reader's first
 * query loads every bundle's entry, meta and filter files: at 64k, 86 bundles (this bound) took
 * 2.7–2.8 s, 120 bundles (a bound of 1,000) 3.7 s, and a next query 0.7–1.2 s against 1.2 s.
 */
export const DEFAULT_MAX_SHARD_SIZE = 1400;

export interface ShardPlan {
  /** Folder name under search-index/: `shard-<bucket>`. */
  name: string;
  /** The shard's articles, ordered by id so the bundle does not depend on input order. */
  articles: Article[];
}

/**
 * Splits the archive into search shards that stay stable as it grows.
 *
 * An article's shard is a hash bucket of the dump it was first captured from (of its id when an
 * editor wrote it by hand), and the number of buckets follows the archive's size by linear
 * hashing: one bucket per `maxShardSize / 2` articles, rounded up. Why this shape:
 * - a dump's articles share one shard whatever their dates, so adding a dump re-indexes one
 *   shard (and, once per `maxShardSize / 2` articles the archive grows by, the bucket that
 *   splits in two);
 * - linear hashing leaves the buckets not yet split twice the size of the others: with that
 *   count, those hold up to about `maxShardSize` articles and the others half that, whatever the
 *   archive's size, so the memory and time of indexing one shard are bounded too;
 * - it is a pure function of the articles (no history kept), so a fresh clone with an empty
 *   cache builds the same shards.
 */
export function planShards(articles: readonly Article[], maxShardSize: number = DEFAULT_MAX_SHARD_SIZE): ShardPlan[] {
  if (!Number.isInteger(maxShardSize) || maxShardSize < 2) {
    throw new TypeError(`planShards: maxShardSize must be an integer of 2 or more, got ${String(maxShardSize)}`);
  }
  const buckets = Math.max(1, Math.ceil((2 * articles.length) / maxShardSize));
  const members: Article[][] = Array.from({ length: buckets }, () => []);
  const keyHashes = new Map<string, number>();
  for (const article of articles) {
    const key = article.sources[0]?.dump ?? `id:${article.id}`;
    let keyHash = keyHashes.get(key);
    if (keyHash === undefined) keyHashes.set(key, (keyHash = hash("sha256", key, "buffer").readUInt32BE(0)));
    members[linearBucket(keyHash, buckets)]!.push(article);
  }
  const plans: ShardPlan[] = [];
  members.forEach((list, bucket) => {
    if (list.length === 0) return;
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    plans.push({ name: `shard-${bucket}`, articles: list });
  });
  return plans;
}

/**
 * Linear hashing's bucket for a hash among `buckets`: going from n to n + 1 buckets moves only
 * the keys of one bucket (n - 2^level) into the new one, and leaves every other bucket as it was.
 */
function linearBucket(keyHash: number, buckets: number): number {
  let level = 1;
  while (level * 2 <= buckets) level *= 2;
  const bucket = keyHash % (level * 2);
  return bucket < buckets ? bucket : keyHash % level;
}

/** Key of the manifest of the bundles a live site has (name "search-live"): the shard hashes capture everything else. */
export const SEARCH_MANIFEST_KEY = "search-1";
