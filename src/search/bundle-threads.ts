import type { Worker } from "node:worker_threads";
import { requestReply, startTypeScriptWorker } from "../workers/typescript-worker.ts";
import type { BundleReply, BundleRequest } from "./bundle-thread.ts";
import type { SearchRecord } from "./records.ts";

/**
 * Threads that write Pagefind bundles, one shard at a time each: a request takes an idle thread
 * or starts one, so there are as many threads as shards ever in flight at once.
 */
export class BundleThreads {
  readonly #idle: Worker[] = [];
  readonly #all: Worker[] = [];

  /** Indexes `records` into a bundle at `outputDir`, on an idle thread (or a new one). */
  async write(records: SearchRecord[], outputDir: string): Promise<void> {
    const worker = this.#idle.pop() ?? this.#start();
    let reply: BundleReply;
    try {
      reply = await requestReply<BundleReply>(worker, { records, outputDir } satisfies BundleRequest, "indexing a search shard");
    } catch (error) {
      // The thread died: it is not asked to stop, which it could never answer.
      this.#all.splice(this.#all.indexOf(worker), 1);
      await worker.terminate();
      throw error;
    }
    this.#idle.push(worker);
    if (!reply.ok) throw new Error(reply.error);
  }

  /** Stops Pagefind's service in every thread, then the threads. */
  async close(): Promise<void> {
    try {
      await Promise.all(this.#all.map((worker) => requestReply<BundleReply>(worker, { stop: true } satisfies BundleRequest, "stopping Pagefind")));
    } finally {
      await Promise.all(this.#all.map((worker) => worker.terminate()));
    }
  }

  #start(): Worker {
    const worker = startTypeScriptWorker(new URL("./bundle-thread.ts", import.meta.url));
    this.#all.push(worker);
    return worker;
  }
}
