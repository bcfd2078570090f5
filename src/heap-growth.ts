import { setFlagsFromString } from "node:v8";

/**
 * How far V8 may grow the heap between full collections, in percent of what the last one left.
 * V8's default lets a build's heap grow to several times what is live: a first build of 16k
 * articles peaked at 1.6 GB for about 0.35 GB live; at 60% it peaks at 0.95 GB. (At 30% it
 * peaked no lower, and small builds spent 20% more CPU collecting.) bin/newsarchive.js sets it
 * for every command; V8 reads it at each collection, in every thread.
 */
export const HEAP_GROWTH_PERCENT = 60;

/**
 * For work that holds most of a large archive at once: enriching 64k articles keeps ~1.1 GB
 * live, and 60% more took the process to 1.8–2 GB; at 25% it peaks at 1.6 GB, for 8% more CPU.
 */
const TIGHT_HEAP_GROWTH_PERCENT = 25;

/**
 * Articles from which work over the whole archive runs with a tight heap: enrichment and the
 * content writes (ingest.ts), and the site's rendering with its search index (run-build.ts);
 * below it, rendering threads start with a larger heap (render-pool.ts), commands run with a
 * larger young generation (cli/relaunch.ts), and full builds keep the API index's entries
 * (keepsApiRecords in site/index.ts).
 * Rendering 64k articles keeps ~0.65 GB live on the main thread; 60% more on top of it, with
 * a rendering thread and a search indexer beside it, took the build to 2.1 GB.
 */
export const TIGHT_HEAP_ARTICLES = 25_000;

export function setHeapGrowth(percent: number): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/** Runs `work` with the heap's growth held to TIGHT_HEAP_GROWTH_PERCENT when `tight`, then sets it back. */
export async function withTightHeap<T>(tight: boolean, work: () => Promise<T>): Promise<T> {
  if (!tight) return work();
  setHeapGrowth(TIGHT_HEAP_GROWTH_PERCENT);
  try {
    return await work();
  } finally {
    setHeapGrowth(HEAP_GROWTH_PERCENT);
  }
}
