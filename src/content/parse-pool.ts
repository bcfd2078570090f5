import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import type { Worker } from "node:worker_threads";
import type { Dump, DumpFacts, ParseResult } from "../model/index.ts";
import { decodeDump } from "../read/index.ts";
import { listen, startTypeScriptWorker } from "../workers/typescript-worker.ts";
import type { DerivedEntries } from "../enrich/derived-cache.ts";
import type { CloseRequest, DeriveRequest, ParseReply, ParseRequest } from "./parse-worker.ts";

/**
 * Parsing across cores. A first ingest of a large archive parses thousands of dumps, one core's
 * work if done in turn; dumps are independent, so when many are to be read they are read and
 * parsed on worker threads (into the parse cache), each thread sending back what reading gave
 * and the parse's articles. The dumps' text never comes to this thread. Ingest still reads the
 * results in the order of the files, so the output does not depend on which thread did what.
 */

/** Below this many dumps to read, a thread's start-up (tsx and the parser) costs more than it saves. */
export const MIN_DUMPS_FOR_THREADS = 50;

export interface ParseAheadOptions {
  /** Parsing threads (default: one per core, at most 4; below 2, nothing is parsed ahead). */
  threads?: number;
  minDumps?: number;
  /**
   * Asked for when threads are started: the threads then also derive what enrichment will look
   * up of each dump they parse afresh (ReadAhead.derived), but for the captures named in `skip`.
   */
  derive?: () => Promise<DeriveRequest>;
}

/** A dump read ahead, with its parse when a thread made it. */
export interface ReadAhead {
  /** The dump's file, as given. */
  file: string;
  /** The dump as read; its text is read again from the file when asked for. */
  dump: Dump;
  /** What a thread sent back: the parse without its line reports (in the parse cache), their number, and whether it came from the cache. */
  parsed?: { result: Omit<ParseResult, "lines">; lineCount: number; cached: boolean };
  /** What the thread derived for enrichment from the parse's articles (see enrich/derive-ahead.ts). */
  derived?: DerivedEntries;
}

/**
 * When more than `minDumps` dumps are given, reads and parses them on worker threads, the parses
 * into the parse cache. Returns the dumps read, by resolved path, for the caller to use rather
 * than read them again, with their parses (a file that could not be read is absent, a dump the
 * parser failed on has no parse: the caller does it again and reports why).
 */
export async function parseAhead(files: readonly string[], cacheDir: string, options: ParseAheadOptions = {}): Promise<Map<string, ReadAhead>> {
  const threads = options.threads ?? Math.min(4, availableParallelism());
  const minDumps = options.minDumps ?? MIN_DUMPS_FOR_THREADS;
  const read = new Map<string, ReadAhead>();
  if (threads < 2 || files.length <= minDumps) return read;
  const derive = options.derive ? await options.derive() : undefined;
  await parseOnThreads(files, cacheDir, threads, derive, (file, reply) => {
    const ahead: ReadAhead = { file, dump: withTextOnDemand(reply.dump, file) };
    if (reply.parsed) ahead.parsed = reply.parsed;
    if (reply.derived) ahead.derived = reply.derived;
    read.set(resolve(file), ahead);
  });
  return read;
}

/**
 * Requests a thread has at once: while it reads and parses one, the next is already there, and
 * the replies are taken in while it works, so it never waits for this thread between dumps.
 */
const IN_FLIGHT = 4;

type ReadReply = Extract<ParseReply, { ok: true }>;

async function parseOnThreads(
  files: readonly string[],
  cacheDir: string,
  threads: number,
  derive: DeriveRequest | undefined,
  onRead: (file: string, reply: ReadReply) => void,
): Promise<void> {
  let next = 0;
  const workers: Worker[] = [];
  const drive = (): Promise<void> =>
    new Promise((resolveDrive, reject) => {
      const worker = startTypeScriptWorker(new URL("./parse-worker.ts", import.meta.url));
      workers.push(worker);
      const pending = new Map<number, string>();
      const send = (): void => {
        while (pending.size < IN_FLIGHT && next < files.length) {
          const id = next++;
          pending.set(id, files[id]!);
          worker.postMessage({ id, file: files[id]!, cacheDir } satisfies ParseRequest);
        }
        if (pending.size === 0) {
          stop();
          resolveDrive();
        }
      };
      const stop = listen<ParseReply>(
        worker,
        "parsing dumps",
        (reply) => {
          const file = pending.get(reply.id);
          pending.delete(reply.id);
          // A dump that could not be read is left for the caller, which reads it and reports why.
          if (file !== undefined && reply.ok) onRead(file, reply);
          send();
        },
        reject,
      );
      if (derive) worker.postMessage(derive);
      send();
    });
  try {
    await Promise.all(Array.from({ length: Math.min(threads, files.length) }, drive));
    // Asked to finish rather than terminated: a thread that exits on its own writes its
    // --cpu-prof profile, which makes the parse threads' cost visible.
    await Promise.all(workers.map((w) => closeWorker(w)));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Asks a parse thread to finish and waits until it has (terminated after a while if it does not). */
function closeWorker(worker: Worker): Promise<void> {
  return new Promise((resolveClose) => {
    const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
    worker.once("exit", () => {
      clearTimeout(timer);
      resolveClose();
    });
    worker.postMessage({ close: true } satisfies CloseRequest);
  });
}

const CLOSE_TIMEOUT_MS = 5000;

/** A dump from what reading it gave, its text read and decoded again from its file when asked for. */
function withTextOnDemand(facts: DumpFacts, file: string): Dump {
  const { name } = facts;
  return {
    ...facts,
    get text(): string {
      return decodeDump(readFileSync(file), name, file).text;
    },
  };
}
