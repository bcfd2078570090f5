import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { requestReply, startTypeScriptWorker } from "../workers/typescript-worker.ts";
import { batches, renderInProcess, type BatchData, type EleventyRun, type PageSelect } from "./eleventy.ts";
import type { RenderReply, RenderRequest } from "./render-worker.ts";
import type { SiteData } from "./view/types.ts";

/**
 * Renders the site's batches on several threads. Eleventy renders one page at a time on one
 * thread, and at 16k articles rendering is most of the build; batches are independent (each
 * page's data is precomputed), so threads render them side by side and write their own pages.
 * The output does not depend on which thread renders what.
 */

/**
 * Rendering threads by default; 0 renders in this thread. Small sites render here: a thread's
 * start-up (loading tsx, Eleventy and the templates) costs more than it saves. Larger ones render
 * in worker threads even on two cores: a thread's heap is small and bounded (THREAD_HEAP_MB), so
 * its collections are quick and memory stays flat however large the archive, where rendering
 * beside the archive's records in this thread's large heap made every collection slower as the
 * archive grew; and this thread computes the next batch's view models meanwhile. On two cores,
 * one thread: measured at 16k articles a second one cost more CPU (43 s against 30 s) than it
 * saved. With more cores, one per spare core, at most four (memory grows with each).
 */
export function defaultRenderThreads(data: SiteData): number {
  const cores = availableParallelism();
  if (pageCount(data) < MIN_PAGES_FOR_THREADS) return 0;
  if (cores <= 2) return 1;
  return Math.min(4, cores - 1);
}

/** Old-generation limit of a rendering thread, in MiB. */
const THREAD_HEAP_MB = 768;

/** Below this many pages, starting threads costs more than it saves. */
const MIN_PAGES_FOR_THREADS = 2000;

function pageCount(data: SiteData | BatchData): number {
  return data.articles.length + data.lists.length + data.directories.length + data.dumps.length + data.search.length + data.feeds.length;
}

/**
 * Renders every page of the site into run.outDir, in this thread (threads = 0) or on that many
 * worker threads; returns the number of Eleventy runs.
 */
export async function renderSite(data: SiteData, run: EleventyRun, threads: number, select?: PageSelect): Promise<number> {
  if (!Number.isInteger(run.pagesPerRun) || run.pagesPerRun < 1) throw new TypeError(`pagesPerRun must be a positive integer, got ${run.pagesPerRun}`);
  if (!Number.isInteger(threads) || threads < 0) throw new TypeError(`renderThreads must be a whole number, got ${threads}`);
  if (threads === 0) return renderInProcess(batches(data, run.pagesPerRun, select), run);
  // Batches small enough that every thread gets some, as large as allowed otherwise.
  const all = batches(data, Math.max(1, Math.min(run.pagesPerRun, Math.ceil(pageCount(data) / threads))), select);
  // An incremental build of a large site renders a few pages: one small batch, rendered here
  // rather than paying for a thread's start-up.
  const looked: BatchData[] = [];
  for (const item of [all.next(), all.next()]) if (!item.done) looked.push(item.value);
  if (looked.length === 0) return 0;
  if (looked.length === 1 && pageCount(looked[0]!) < MIN_PAGES_FOR_THREADS) return renderInProcess(looked, run);
  // The batches looked at are handed on, not held: a batch holds its pages' bodies.
  const queue: Iterator<BatchData> = (function* () {
    for (let batch = looked.shift(); batch !== undefined; batch = looked.shift()) yield batch;
    yield* all;
  })();

  let runs = 0;
  let failed = false;
  const workers: Worker[] = [];
  // Each thread takes the next batch as it finishes one; batches are made on demand, here.
  const drive = async (): Promise<void> => {
    let worker: Worker | null = null;
    let next = queue.next();
    while (!next.done && !failed) {
      if (worker === null) {
        // A bounded old generation makes V8 collect a thread's finished batches early.
        worker = startTypeScriptWorker(new URL("./render-worker.ts", import.meta.url), { maxOldGenerationSizeMb: THREAD_HEAP_MB });
        workers.push(worker);
      }
      runs++;
      const rendering = requestReply<RenderReply>(worker, { batch: next.value, run } satisfies RenderRequest, "rendering pages").then((reply) => {
        if (!reply.ok) throw new Error(`rendering a batch failed: ${reply.error}`);
      });
      // This thread makes the next batch's view models while the worker renders this one.
      next = queue.next();
      try {
        await rendering;
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: threads }, drive));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return runs;
}
