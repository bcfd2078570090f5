import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { batches, renderInProcess, type BatchData, type EleventyRun, type PageView } from "./eleventy.ts";
import type { RenderReply, RenderRequest } from "./render-worker.ts";
import type { SiteData } from "./view/types.ts";

/**
 * Renders the site's batches on several threads. Eleventy renders one page at a time on one
 * thread, and at 16k articles rendering is most of the build; batches are independent (each
 * page's data is precomputed), so threads render them side by side and write their own pages.
 * The output does not depend on which thread renders what.
 */

/**
 * Rendering threads by default. On two cores, one: the writes (libuv's threads) and V8's
 * collector already keep the second core busy, and measured at 16k articles a second rendering
 * thread cost more CPU (43 s against 30 s) than it saved. With more cores, one per spare core,
 * at most four (memory grows with each). Small sites always render here: a thread's start-up
 * (loading tsx, Eleventy and the templates) costs more than it saves.
 */
export function defaultRenderThreads(data: SiteData): number {
  const cores = availableParallelism();
  if (pageCount(data) < MIN_PAGES_FOR_THREADS || cores <= 2) return 1;
  return Math.min(4, cores - 1);
}

/**
 * The worker is TypeScript, and worker threads do not inherit the parent's module hooks: a small
 * CommonJS bootstrap registers tsx's loader in the thread, then imports the worker module.
 */
function startWorker(): Worker {
  // tsx's ESM API (the `import` condition of "tsx/esm/api"; its CommonJS twin mis-resolves here).
  const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const tsxApi = pathToFileURL(join(tsxDir, "dist", "esm", "api", "index.mjs")).href;
  const workerUrl = new URL("./render-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); });`;
  // A bounded old generation makes V8 collect a thread's finished batches early instead of
  // letting its heap grow towards the default limit: a batch needs a small fraction of this.
  return new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } });
}

function renderOn(worker: Worker, request: RenderRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: RenderReply): void => {
      cleanup();
      if (reply.ok) resolve();
      else reject(new Error(`rendering a batch failed: ${reply.error}`));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new Error(`a rendering thread stopped (exit code ${code})`));
    };
    const cleanup = (): void => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage(request);
  });
}

/** Old-generation limit of a rendering thread, in MiB. */
const THREAD_HEAP_MB = 768;

/** Below this many pages, starting threads costs more than it saves. */
const MIN_PAGES_FOR_THREADS = 2000;

function pageCount(data: SiteData): number {
  return data.articles.length + data.lists.length + data.directories.length + data.dumps.length + data.search.length + data.feeds.length;
}

/** Renders every page of the site into run.outDir; returns the number of Eleventy runs. */
export async function renderSite(data: SiteData, run: EleventyRun, threads: number, render?: (file: string, view: PageView) => boolean): Promise<number> {
  if (!Number.isInteger(run.pagesPerRun) || run.pagesPerRun < 1) throw new TypeError(`pagesPerRun must be a positive integer, got ${run.pagesPerRun}`);
  if (!Number.isInteger(threads) || threads < 1) throw new TypeError(`renderThreads must be a positive integer, got ${threads}`);
  if (threads === 1) return renderInProcess(batches(data, run.pagesPerRun, render), run);
  // Batches small enough that every thread gets some, as large as allowed otherwise.
  const queue: Iterator<BatchData> = batches(data, Math.max(1, Math.min(run.pagesPerRun, Math.ceil(pageCount(data) / threads))), render);

  let runs = 0;
  let failed = false;
  const workers: Worker[] = [];
  // Each thread takes the next batch as it finishes one; batches are made on demand, here.
  const drive = async (): Promise<void> => {
    let worker: Worker | null = null;
    for (let next = queue.next(); !next.done && !failed; next = queue.next()) {
      if (worker === null) {
        worker = startWorker();
        workers.push(worker);
      }
      runs++;
      try {
        await renderOn(worker, { batch: next.value, run });
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
