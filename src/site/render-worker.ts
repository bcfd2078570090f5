/**
 * A rendering thread: receives batches of view models, renders each with Eleventy and writes its
 * pages. Started by render-pool.ts; one Eleventy run at a time per thread.
 */
import { parentPort } from "node:worker_threads";
import { renderBatch, type BatchData, type EleventyRun } from "./eleventy.ts";
import { writeFiles } from "./write-files.ts";

export interface RenderRequest {
  batch: BatchData;
  run: EleventyRun;
}

export type RenderReply = { ok: true; pages: number } | { ok: false; error: string };

if (parentPort === null) throw new TypeError("render-worker.ts runs as a worker thread of render-pool.ts");
const port = parentPort;
port.on("message", (request: RenderRequest) => {
  void (async () => {
    try {
      const pages = await renderBatch(request.batch, request.run);
      await writeFiles(pages);
      port.postMessage({ ok: true, pages: pages.length } satisfies RenderReply);
    } catch (error) {
      port.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RenderReply);
    }
  })();
});
