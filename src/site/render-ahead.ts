import type { Worker } from "node:worker_threads";
import type { BodiesAhead } from "../content/index.ts";
import { requestReply, startTypeScriptWorker } from "../workers/typescript-worker.ts";
import { NEW_BODIES_BUDGET } from "./render-body.ts";
import type { RenderAheadMessage, RenderAheadReply } from "./render-ahead-worker.ts";

/** How long a stopped thread may take to write what it rendered (256 cache files at most). */
const STOP_TIMEOUT_MS = 60_000;

/**
 * Bodies rendered ahead for one ingest, on a thread of their own, into the body cache under
 * `cacheDir`, while ingest enriches and writes on one core. A first build of a large archive
 * otherwise renders every body: 4–5 s of a 16k-article build's ~27. The thread starts with the
 * first bodies given (with none given, none starts); only what it finished is kept, and a failure
 * loses nothing: the build renders whatever the cache lacks.
 */
export function bodiesRenderedAhead(cacheDir: string): BodiesAhead {
  let thread: { worker: Worker; exited: boolean } | null = null;
  const send = (message: RenderAheadMessage): void => {
    if (thread === null) {
      const started = { worker: startTypeScriptWorker(new URL("./render-ahead-worker.ts", import.meta.url)), exited: false };
      started.worker.once("exit", () => (started.exited = true));
      // An error is followed by the thread's exit; stop() then has nothing to wait for.
      started.worker.on("error", () => undefined);
      started.worker.postMessage({ cacheDir } satisfies RenderAheadMessage);
      thread = started;
    }
    if (!thread.exited) thread.worker.postMessage(message);
  };
  return {
    chars: NEW_BODIES_BUDGET,
    add: (bodies) => send({ bodies }),
    parsed: () => {
      if (thread !== null) send({ parsed: true });
    },
    stop: async () => {
      const stopped = thread;
      if (stopped === null) return;
      try {
        if (!stopped.exited) await requestReply<RenderAheadReply>(stopped.worker, { stop: true } satisfies RenderAheadMessage, "rendering bodies ahead", STOP_TIMEOUT_MS);
      } catch {
        // The cache is disposable: the build renders what the thread did not keep.
      } finally {
        await stopped.worker.terminate();
      }
    },
  };
}
