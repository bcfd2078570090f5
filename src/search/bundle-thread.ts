/**
 * A search-indexing thread: receives one shard's records at a time and has Pagefind write their
 * bundle. Started by bundle-threads.ts. Its own event loop feeds Pagefind's service, which the
 * main thread could not do while it computes pages (seconds without a turn of its loop).
 */
import { parentPort } from "node:worker_threads";
import { placeBundle, type BundlePlacement } from "./files.ts";
import { stopPagefind, writeBundle } from "./pagefind.ts";
import type { SearchRecord } from "./records.ts";

/** A shard's records, for a bundle written to `outputDir` and then, when `place` says where, put in place. */
export type BundleRequest = { records: SearchRecord[]; outputDir: string; place?: BundlePlacement } | { stop: true };
export type BundleReply = { ok: true } | { ok: false; error: string };

if (parentPort === null) throw new TypeError("bundle-thread.ts runs as a worker thread of bundle-threads.ts");
const port = parentPort;
port.on("message", (request: BundleRequest) => {
  void (async () => {
    try {
      if ("stop" in request) await stopPagefind();
      else {
        await writeBundle(request.records, request.outputDir);
        if (request.place !== undefined) placeBundle(request.outputDir, request.place);
      }
      port.postMessage({ ok: true } satisfies BundleReply);
    } catch (error) {
      port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies BundleReply);
    }
  })();
});
