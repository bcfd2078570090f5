import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { TIGHT_HEAP_ARTICLES } from "../heap-growth.ts";
import { startTypeScriptWorker, type ThreadHeap } from "../workers/typescript-worker.ts";
import { batches, NO_BODIES, renderBatch, renderInProcess, type BatchBodies, type BatchData, type EleventyRun, type PageSelect } from "./eleventy.ts";
import type { RenderReply, RenderRequest } from "./render-worker.ts";
import type { SiteData } from "./view/types.ts";
import { writeFiles } from "./write-files.ts";

/**
 * Renders the site's batches on several threads. Eleventy renders one page at a time on one
 * thread, and at 16k articles rendering is most of the build; batches are independent (each
 * page's data is precomputed), so threads render them side by side and write their own pages.
 * The output does not depend on which thread renders what.
 */

/**
 * Rendering threads by default; 0 renders in this thread alone. Small sites render here: a
 * thread's start-up (loading tsx, Eleventy and the templates) costs more than it saves. Larger
 * ones start threads even on two cores, and this thread makes the batches' view models and, with
 * every thread supplied, renders batches too (renderSite). A thread's heap is small and bounded
 * (THREAD_HEAP_MB), so its collections are quick. On two cores, one thread: measured at 16k
 * articles, a second one cost more CPU (43 s against 30 s) than it saved. With more cores, one
 * per spare core, at most four (memory grows with each).
 */
export function defaultRenderThreads(data: SiteData): number {
  return renderThreadsForPages(pageCount(data));
}

/** defaultRenderThreads for a site of `pages` pages. */
export function renderThreadsForPages(pages: number): number {
  const cores = availableParallelism();
  if (pages < MIN_PAGES_FOR_THREADS) return 0;
  if (cores <= 2) return 1;
  return Math.min(4, cores - 1);
}

/** Old-generation limit of a rendering thread, in MiB. */
const THREAD_HEAP_MB = 768;

/**
 * How large a rendering thread's heap may grow before its first full collection, in MiB, below
 * TIGHT_HEAP_ARTICLES. A thread that renders Markdown and templates makes garbage fast; from
 * V8's small default heap, it collected in full again and again. Measured on a first build of
 * 16k articles (two cores): 400 MiB took user CPU from 38.2–38.4 s to 33.6–35.1 s and the build
 * from 23.8–24.1 s to 21.7–22.7 s, for 150–250 MiB more at its peak; 200 MiB saved nothing, 600
 * no more than 400. A larger archive needs that memory for itself (see heap-growth.ts).
 */
const THREAD_INITIAL_HEAP_MB = 400;

/**
 * A rendering thread's young generation, in MiB, below TIGHT_HEAP_ARTICLES (V8's default: 48).
 * Eleventy holds every page of a run until the run ends, so much of what a thread allocates lives
 * through a collection or two of a small young generation, and each such collection copies it.
 * Measured on full 16k builds (paired runs, two cores): the thread's young collections went from
 * 252–285 taking 2.4–3.5 s to 84–86 taking 1.7–2.2 s, the build's user CPU from 25.5–27.2 s to
 * 24.0 s and its time by ~0.5 s, for 80–180 MiB more at its peak.
 */
const THREAD_YOUNG_MB = 192;

/** Below this many pages, starting threads costs more than it saves. */
const MIN_PAGES_FOR_THREADS = 2000;

function pageCount(data: SiteData | BatchData): number {
  return data.articles.length + data.lists.length + data.directories.length + data.dumps.length + data.search.length + data.feeds.length;
}

/**
 * Renders every page of the site into run.outDir, in this thread (threads = 0) or on that many
 * worker threads; returns the number of Eleventy runs. `meanwhile` is other work of the build,
 * done here once the threads have their first batches: this thread then renders batches until
 * none is left, so the threads and this thread finish together whatever `meanwhile` costs.
 */
export async function renderSite(
  data: SiteData,
  run: EleventyRun,
  threads: number,
  select?: PageSelect,
  bodies: BatchBodies = NO_BODIES,
  meanwhile: () => void = () => {},
  started: readonly RenderThread[] = [],
): Promise<number> {
  if (!Number.isInteger(run.pagesPerRun) || run.pagesPerRun < 1) throw new TypeError(`pagesPerRun must be a positive integer, got ${run.pagesPerRun}`);
  if (!Number.isInteger(threads) || threads < 0) throw new TypeError(`renderThreads must be a whole number, got ${threads}`);
  const inProcess = async (items: Iterable<BatchData>): Promise<number> => {
    const runs = await renderInProcess(items, run, bodies);
    meanwhile();
    return runs;
  };
  if (threads === 0) return inProcess(batches(data, run.pagesPerRun, select));
  // Batches small enough that every thread gets some, as large as allowed otherwise.
  const all = batches(data, Math.max(1, Math.min(run.pagesPerRun, Math.ceil(pageCount(data) / threads))), select);
  // An incremental build of a large site renders a few pages: one small batch, rendered here
  // rather than paying for a thread's start-up.
  const looked: BatchData[] = [];
  for (const item of [all.next(), all.next()]) if (!item.done) looked.push(item.value);
  if (looked.length === 0) return inProcess([]);
  // A thread started early has loaded Eleventy meanwhile: it renders even a small batch, alone.
  const small = looked.length === 1 && pageCount(looked[0]!) < MIN_PAGES_FOR_THREADS;
  if (small && started.length === 0) return inProcess(looked);
  // The batches looked at are handed on, not held: a batch holds its pages' bodies.
  const queue: Iterator<BatchData> = (function* () {
    for (let batch = looked.shift(); batch !== undefined; batch = looked.shift()) yield batch;
    yield* all;
  })();

  let runs = 0;
  const failures: unknown[] = [];
  const pending = new Set<Promise<void>>();
  const more = small ? 0 : Math.max(0, threads - started.length);
  const renderers = [...started, ...Array.from({ length: more }, () => startRenderThread(data.articles.length))];
  // Each thread is sent its next batch before it finishes the one it renders, so it never waits
  // for this thread to make one; as it finishes one, it is sent another.
  const topUp = (renderer: RenderThread): void => {
    while (failures.length === 0 && renderer.inFlight < BATCHES_IN_FLIGHT) {
      const next = queue.next();
      if (next.done) return;
      runs++;
      // The thread renders the bodies the cache lacks: beside this thread, not on it.
      const { view: batch, bodies: markdown } = bodies.deferred(next.value);
      const rendered: Promise<void> = renderer.render({ batch, bodies: markdown, run }).then(
        (reply) => {
          pending.delete(rendered);
          if (!reply.ok) throw new Error(`rendering a batch failed: ${reply.error}`);
          bodies.rendered(reply.bodies);
          topUp(renderer);
        },
      ).catch((error: unknown) => {
        pending.delete(rendered);
        failures.push(error);
      });
      pending.add(rendered);
    }
  };
  try {
    // With every thread supplied, this thread renders the next batch itself: measured at 16k
    // articles on two cores, one rendering thread was the longer path, and this one, once the
    // article pages' bodies were rendered, waited for it for a third of the build.
    for (const renderer of renderers) topUp(renderer);
    meanwhile();
    for (;;) {
      for (const renderer of renderers) topUp(renderer);
      if (failures.length > 0) break;
      const next = queue.next();
      if (next.done) break;
      runs++;
      try {
        writeFiles(await renderBatch(bodies.hydrate(next.value), run));
      } catch (error) {
        throw new Error(`rendering a batch failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, { cause: error });
      }
      // Replies that came in meanwhile are taken, and their threads sent more, before the next batch here.
      await new Promise((resolveSoon) => setImmediate(resolveSoon));
    }
    while (pending.size > 0) await Promise.all(pending);
    if (failures.length > 0) throw failures[0];
  } finally {
    await Promise.all(renderers.map((r) => r.terminate()));
  }
  return runs;
}

/** Batches sent to a rendering thread and not yet rendered: the one it renders, and the next. */
const BATCHES_IN_FLIGHT = 2;

/**
 * A rendering thread for a site of about `articles` articles. It loads Eleventy as it starts, so
 * one started before the pages are known (startRenderThreadEarly in the build) has it loaded
 * by the time they are.
 */
export function startRenderThread(articles: number): RenderThread {
  return new RenderThread(startTypeScriptWorker(new URL("./render-worker.ts", import.meta.url), renderThreadHeap(articles)));
}

/** The heap of a rendering thread for a site of about `articles` articles. */
export function renderThreadHeap(articles: number): ThreadHeap {
  if (articles >= TIGHT_HEAP_ARTICLES) return { maxOldGenerationSizeMb: THREAD_HEAP_MB };
  return { maxOldGenerationSizeMb: THREAD_HEAP_MB, initialHeapMb: THREAD_INITIAL_HEAP_MB, maxYoungGenerationSizeMb: THREAD_YOUNG_MB };
}

/** A rendering thread, sent batches ahead: it renders them one at a time, and replies in order. */
export class RenderThread {
  readonly #waiting: Array<{ resolve: (reply: RenderReply) => void; reject: (error: Error) => void }> = [];
  /** Why the thread stopped, once it has: a thread started early may fail before it is sent anything. */
  #failure: Error | undefined;
  #replies = 0;

  constructor(private readonly worker: Worker) {
    worker.on("message", (reply: RenderReply) => {
      this.#replies++;
      this.#waiting.shift()?.resolve(reply);
    });
    worker.on("error", (error: Error) => this.#failAll(error));
    worker.on("exit", (code: number) => this.#failAll(new Error(`a thread rendering pages stopped (exit code ${code})`)));
  }

  get inFlight(): number {
    return this.#waiting.length;
  }

  /** Batches the thread has answered for. */
  get batches(): number {
    return this.#replies;
  }

  render(request: RenderRequest): Promise<RenderReply> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.worker.postMessage(request satisfies RenderRequest);
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  #failAll(error: Error): void {
    this.#failure ??= error;
    for (const waiting of this.#waiting.splice(0)) waiting.reject(error);
  }
}
