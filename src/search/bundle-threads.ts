import type { Worker } from "node:worker_threads";
import { requestReply, startTypeScriptWorker, ThreadTimeoutError } from "../workers/typescript-worker.ts";
import type { BundleReply, BundleRequest } from "./bundle-thread.ts";
import type { BundlePlacement } from "./files.ts";
import type { SearchRecord } from "./records.ts";

/**
 * How long a shard may take before its thread is given up: Pagefind needs ~2 ms of CPU per
 * record, so this is ten times that and two minutes more. Its Node API waits forever for a
 * service that has died (a crash, a full disk), and a build that hangs is worse than one that
 * fails and says so.
 */
export const shardTimeoutMs = (records: number): number => 120_000 + 20 * records;
/** For stopping Pagefind's service at the end. */
const STOP_TIMEOUT_MS = 30_000;

/**
 * Threads that write Pagefind bundles, one shard at a time each: a request takes an idle thread
 * or starts one, so there are as many threads as shards ever in flight at once.
 */
export class BundleThreads {
  readonly #idle: Worker[] = [];
  readonly #all: Worker[] = [];

  /** `timeoutMs`: how long a shard of n records may take (default shardTimeoutMs). */
  constructor(private readonly timeoutMs: (records: number) => number = shardTimeoutMs) {}

  /**
   * Indexes `records` into a bundle at `outputDir`, on an idle thread (or a new one), which then
   * puts it in place when `place` says where (see placeBundle).
   */
  async write(records: SearchRecord[], outputDir: string, place?: BundlePlacement): Promise<void> {
    const worker = this.#idle.pop() ?? this.#start();
    let reply: BundleReply;
    try {
      reply = await requestReply<BundleReply>(worker, { records, outputDir, ...(place === undefined ? {} : { place }) } satisfies BundleRequest, "indexing a search shard with Pagefind", this.timeoutMs(records.length));
    } catch (error) {
      // The thread died or hangs: it is not asked to stop, which it could never answer.
      this.#all.splice(this.#all.indexOf(worker), 1);
      await worker.terminate();
      if (error instanceof ThreadTimeoutError) {
        throw new Error(
          `Pagefind gave no answer in ${error.seconds} s while indexing ${records.length} articles into ${outputDir}: ` +
            "its service may have stopped (a crash, a full disk). Build again; `newsarchive build --no-search` builds the pages without search.",
          { cause: error },
        );
      }
      throw error;
    }
    this.#idle.push(worker);
    if (!reply.ok) throw new Error(`${reply.error} (indexing ${records.length} articles into ${outputDir})`);
  }

  /** Stops Pagefind's service in every thread, then the threads. */
  async close(): Promise<void> {
    try {
      await Promise.all(this.#all.map((worker) => requestReply<BundleReply>(worker, { stop: true } satisfies BundleRequest, "stopping Pagefind", STOP_TIMEOUT_MS)));
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
