/**
 * A rendering thread: receives batches of view models, renders each with Eleventy and writes its
 * pages. Started by render-pool.ts; one Eleventy run at a time per thread.
 */
import { parentPort } from "node:worker_threads";
import { renderDeferred, type DeferredBodies } from "./body-refs.ts";
import { loadEleventy, renderBatch, type BatchData, type EleventyRun } from "./eleventy.ts";
import { xmlSafe } from "./view/feeds.ts";
import { writeFiles } from "./write-files.ts";

export interface RenderRequest {
  batch: BatchData;
  /** The bodies of the batch to render here, by key (BodyRefs.deferred). */
  bodies: DeferredBodies;
  run: EleventyRun;
}

/** `bodies`: the HTML of the bodies rendered here, by key, for the cache. */
export type RenderReply = { ok: true; pages: number; bodies: Array<[string, string]> } | { ok: false; error: string };

if (parentPort === null) throw new TypeError("render-worker.ts runs as a worker thread of render-pool.ts");
const port = parentPort;
// Loaded now, not with the first batch: a thread started early (see render-pool.ts) loads it
// while the build is still reading the archive.
loadEleventy();
// Batches are sent ahead (render-pool.ts): each waits for the one before, and replies come in order.
let previous: Promise<void> = Promise.resolve();
port.on("message", (request: RenderRequest) => {
  previous = previous.then(async () => {
    try {
      const { view, rendered } = renderDeferred(request.batch, request.bodies, xmlSafe);
      const pages = await renderBatch(view, request.run);
      writeFiles(pages);
      port.postMessage({ ok: true, pages: pages.length, bodies: rendered } satisfies RenderReply);
    } catch (error) {
      port.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RenderReply);
    }
  });
});
