import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Article, Registries } from "../model/index.ts";
import { mapBounded } from "../concurrency.ts";
import { linkTree } from "./files.ts";
import { BundleThreads } from "./bundle-threads.ts";
import { pagefindVersion } from "./pagefind.ts";
import { SearchRecords } from "./records.ts";
import { DEFAULT_MAX_SHARD_SIZE, planShards, type ShardPlan } from "./shards.ts";

export { markdownToText, searchRecord, SearchRecords, type SearchRecord } from "./records.ts";
export { planShards, DEFAULT_MAX_SHARD_SIZE, SEARCH_MANIFEST_KEY, type ShardPlan } from "./shards.ts";

export interface SearchOptions {
  /** The built site; bundles go to `<siteDir>/search-index/<shard>/`. */
  siteDir: string;
  /** Every article of the archive. */
  articles: readonly Article[];
  /** Disposable state; bundles are kept in `<cacheDir>/search/<shard>/` between builds. */
  cacheDir: string;
  /** The site's path prefix, starting and ending with `/` (e.g. `/` or `/archive/`). */
  pathPrefix: string;
  /** Topic names for the topic filter (default: topic slugs). */
  registries?: Registries;
  /** The language every record is indexed in, so one search box finds all (default `en`). */
  language?: string;
  /** Bound of a shard's size in articles (default 1,400); see planShards. */
  maxShardSize?: number;
  /** Shards indexed at once (default: the number of CPUs, at most 2). Memory grows with it. */
  concurrency?: number;
  /**
   * True when the live site already has the shard `name` with this hash: its bundle is then not
   * put into siteDir (the caller leaves the live one in place). Default: every bundle goes in.
   */
  isLive?: (name: string, hash: string) => boolean;
}

export interface ShardReport {
  name: string;
  /** The URL the search page loads the bundle from. */
  bundle: string;
  articles: number;
  /** Fingerprint of the shard's records and Pagefind's version. */
  hash: string;
  /** False when the bundle was taken from the cache unchanged. */
  rebuilt: boolean;
  /** True when the live site has this bundle already, so none was put into siteDir. */
  live: boolean;
}

export interface SearchReport {
  articles: number;
  shards: ShardReport[];
  rebuilt: number;
  reused: number;
}

/**
 * Builds the site's search index: Pagefind bundles, one per shard (see planShards), and
 * `<siteDir>/search-index/shards.json` = `{"bundles": [url, …]}` listing them in bucket order;
 * the search page opens the first bundle and merges the others (Pagefind's mergeIndex).
 * A shard is re-indexed only when its records changed; otherwise its cached bundle is linked in,
 * or left out when the live site has it already (isLive).
 * Shards are indexed `concurrency` at a time, each on its own thread with its own Pagefind
 * service, so memory is bounded by the largest shards in flight, not by the archive.
 * Pagefind writes the same bytes for the same records, so identical input gives identical output.
 */
export async function indexSearch(options: SearchOptions): Promise<SearchReport> {
  const { siteDir, articles, cacheDir, pathPrefix } = options;
  if (!pathPrefix.startsWith("/") || !pathPrefix.endsWith("/")) {
    throw new TypeError(`indexSearch: pathPrefix must start and end with "/", got "${pathPrefix}"`);
  }
  const records = new SearchRecords({ pathPrefix, registries: options.registries, language: options.language ?? "en" });
  const plans = planShards(articles, options.maxShardSize ?? DEFAULT_MAX_SHARD_SIZE);
  const outRoot = join(siteDir, "search-index");
  const cacheRoot = join(cacheDir, "search");
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  mkdirSync(cacheRoot, { recursive: true });

  const threads = new BundleThreads();
  // Bundles linked into siteDir meanwhile; awaited at the end, so that shards go on being indexed.
  const links: Array<Promise<number>> = [];
  // Up to the first bundle sent to a thread, nothing here waits: a caller that computes pages
  // next (see the build) has every thread's first shard indexing while it does.
  const indexShard = async (plan: ShardPlan): Promise<ShardReport> => {
    const hash = records.fingerprint(plan.articles, pagefindVersion);
    const cached = join(cacheRoot, plan.name);
    const hashFile = `${cached}.sha256`;
    const fresh = existsSync(cached) && existsSync(hashFile) && readFileSync(hashFile, "utf8").trim() === hash;
    const live = options.isLive?.(plan.name, hash) ?? false;
    const siteDir = join(outRoot, plan.name);
    if (!fresh) {
      // Written aside and renamed in (by its thread), so an interrupted build never leaves a half
      // bundle in the cache.
      const pending = join(cacheRoot, `.pending-${plan.name}`);
      rmSync(pending, { recursive: true, force: true });
      rmSync(hashFile, { force: true });
      await threads.write(
        plan.articles.map((article) => records.record(article)),
        pending,
        { cached, hashFile, hash, ...(live ? {} : { siteDir }) },
      );
    } else if (!live) {
      const linking = linkTree(cached, siteDir);
      // Its failure is reported when the links are awaited below, not as an unhandled rejection meanwhile.
      linking.catch(() => undefined);
      links.push(linking);
    }
    return { name: plan.name, bundle: `${pathPrefix}search-index/${plan.name}/`, articles: plan.articles.length, hash, rebuilt: !fresh, live };
  };
  let shards: ShardReport[];
  try {
    shards = await mapBounded(plans, options.concurrency ?? Math.min(2, availableParallelism()), indexShard);
  } finally {
    await Promise.allSettled(links);
    await threads.close();
  }
  await Promise.all(links);
  pruneCache(cacheRoot, new Set(plans.map((p) => p.name)));
  writeFileSync(join(outRoot, "shards.json"), `${JSON.stringify({ bundles: shards.map((s) => s.bundle) }, null, 2)}\n`);
  const rebuilt = shards.filter((s) => s.rebuilt).length;
  return { articles: articles.length, shards, rebuilt, reused: shards.length - rebuilt };
}

/** Drops cached shards the archive no longer has, so the cache stays the size of the archive. */
function pruneCache(cacheRoot: string, keep: ReadonlySet<string>): void {
  for (const entry of readdirSync(cacheRoot)) {
    const shard = entry.endsWith(".sha256") ? entry.slice(0, -".sha256".length) : entry;
    if (!keep.has(shard)) rmSync(join(cacheRoot, entry), { recursive: true, force: true });
  }
}
