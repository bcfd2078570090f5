import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import type { Worker } from "node:worker_threads";
import type { Dump, ParseResult } from "../model/index.ts";
import { decodeDump, readDump } from "../read/index.ts";
import { hasCachedParse } from "./parse-cache.ts";
import { mapBounded } from "../concurrency.ts";
import { startTypeScriptWorker } from "../workers/typescript-worker.ts";
import type { ParseReply, ParseRequest } from "./parse-worker.ts";

/**
 * Parsing across cores. A first ingest of a large archive parses thousands of dumps, one core's
 * work if done in turn; dumps are independent, so when many are missing from the parse cache they
 * are parsed on worker threads into the cache first, each thread sending its parses back. Ingest
 * still reads its results in the order of the files, so the output does not depend on
 * which thread parsed what.
 */

/** Below this many dumps to parse, a thread's start-up (tsx and the parser) costs more than it saves. */
export const MIN_DUMPS_FOR_THREADS = 50;

export interface ParseAheadOptions {
  /** Parsing threads (default: one per core, at most 4; below 2, nothing is parsed ahead). */
  threads?: number;
  minDumps?: number;
}

/** A dump read ahead, with its parse when a thread made it. */
export interface ReadAhead {
  /** The dump's file, as given. */
  file: string;
  dump: Dump;
  /** What a thread sent back: the parse without its line reports (in the parse cache), and their number. */
  parsed?: { result: Omit<ParseResult, "lines">; lineCount: number };
}

/**
 * Reads the dumps and, when more than `minDumps` of them are missing from the parse cache, parses
 * those on worker threads into it. Returns the dumps read, by resolved path, for the caller to use
 * rather than read them again (a file that could not be read is absent: the caller reports it),
 * with the parses the threads made.
 */
export async function parseAhead(files: readonly string[], cacheDir: string, options: ParseAheadOptions = {}): Promise<Map<string, ReadAhead>> {
  const threads = options.threads ?? Math.min(4, availableParallelism());
  const minDumps = options.minDumps ?? MIN_DUMPS_FOR_THREADS;
  const read = new Map<string, ReadAhead>();
  if (threads < 2 || files.length <= minDumps) return read;
  // Read side by side: thousands of small files read one at a time wait on the disk's latency.
  const found = await mapBounded(files, READ_CONCURRENCY, async (file) => {
    const dump = await readDump(file).catch(() => null);
    if (dump === null) return null;
    const ahead: ReadAhead = { file, dump };
    const unparsable = dump.diagnostics.some((d) => d.level === "error");
    return { file, ahead, missing: !unparsable && !(await hasCachedParse(dump, cacheDir)) };
  });
  const missing: ReadAhead[] = [];
  for (const item of found) {
    if (item === null) continue;
    read.set(resolve(item.file), item.ahead);
    if (item.missing) missing.push(item.ahead);
  }
  if (missing.length > minDumps) await parseOnThreads(missing, cacheDir, threads);
  return read;
}

const READ_CONCURRENCY = 32;

/**
 * Requests a thread has at once: while it parses one, the next is already there, and the
 * replies (parses, sent back whole) are taken in while it works, so it never waits for this
 * thread between dumps.
 */
const IN_FLIGHT = 4;

async function parseOnThreads(dumps: readonly ReadAhead[], cacheDir: string, threads: number): Promise<void> {
  let next = 0;
  const workers: Worker[] = [];
  const drive = (): Promise<void> =>
    new Promise((resolveDrive, reject) => {
      const worker = startTypeScriptWorker(new URL("./parse-worker.ts", import.meta.url));
      workers.push(worker);
      const pending = new Map<number, ReadAhead>();
      const cleanup = (): void => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      const send = (): void => {
        while (pending.size < IN_FLIGHT && next < dumps.length) {
          const id = next++;
          pending.set(id, dumps[id]!);
          worker.postMessage({ id, dump: dumps[id]!.dump, cacheDir } satisfies ParseRequest);
        }
        if (pending.size === 0) {
          cleanup();
          resolveDrive();
        }
      };
      const onMessage = (reply: ParseReply): void => {
        const ahead = pending.get(reply.id);
        pending.delete(reply.id);
        // A failed parse is left for the caller, which parses the dump again and reports why it failed.
        if (ahead !== undefined && reply.ok) {
          ahead.parsed = { result: reply.result, lineCount: reply.lineCount };
          // Its text went to the thread; it is read again if asked for (the dump's page).
          ahead.dump = withTextOnDemand(ahead.dump, ahead.file);
        }
        send();
      };
      const onError = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new Error(`a thread parsing dumps stopped (exit code ${code})`));
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      send();
    });
  try {
    await Promise.all(Array.from({ length: Math.min(threads, dumps.length) }, drive));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The dump without its text held: the text is read and decoded again from its file when asked for. */
function withTextOnDemand(dump: Dump, file: string): Dump {
  const { text: _text, ...facts } = dump;
  void _text;
  return {
    ...facts,
    get text(): string {
      return decodeDump(readFileSync(file), dump.name, file).text;
    },
  };
}
