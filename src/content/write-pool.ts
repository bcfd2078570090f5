import type { Worker } from "node:worker_threads";
import { listen, startTypeScriptWorker } from "../workers/typescript-worker.ts";
import type { FileStamp } from "./file-stamp.ts";
import type { WriteReply, WriteRequest } from "./write-worker.ts";

/**
 * Writing content files on worker threads. A first ingest writes a file per article (15k at
 * 16k articles), each atomic: ~2.4 s on one core while the other waited, the parsing threads
 * being done by then. Files are independent, so threads write them side by side, while this
 * thread records each one written. The results come back in the order of the files, so nothing
 * after depends on which thread wrote what.
 */

/** Files per request: small enough to spread over the threads, large enough that messages are few. */
const FILES_PER_REQUEST = 64;

/** Requests a thread has at once: while it writes one, the next is there. */
const IN_FLIGHT = 2;

export interface FileWrite {
  /** Absolute path. */
  path: string;
  text: string;
}

export interface FileWriteResult {
  changed: boolean;
  /** The file's stamp just after this write; null when it was left as it was. */
  stamp: FileStamp | null;
}

/** An error of a write done on a thread, with the code of the file system's error. */
class ThreadWriteError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * Writes each file (atomically, only when its bytes change, as writeIfChanged) on `threads`
 * worker threads, and calls `onResults` with what writing each request's files gave, in the
 * order of `files`. `files` is consumed: an entry is let go once its request is sent.
 * A failed write rejects with its error's message and code, once the requests sent are done
 * (files other threads were writing meanwhile may then be written too, each whole).
 */
export async function writeOnThreads(
  files: (FileWrite | undefined)[],
  threads: number,
  onResults: (results: readonly FileWriteResult[]) => void,
): Promise<void> {
  if (!Number.isInteger(threads) || threads < 1) throw new TypeError(`writeOnThreads: threads must be a positive integer, got ${threads}`);
  const requests = Math.ceil(files.length / FILES_PER_REQUEST);
  /** Sent requests not yet handed to onResults, by id; the reply is filled in when it comes. */
  const sent = new Map<number, { results?: FileWriteResult[] }>();
  let nextToSend = 0;
  let nextToReport = 0;
  const workers: Worker[] = [];

  const report = (): void => {
    for (let entry = sent.get(nextToReport); entry?.results !== undefined; entry = sent.get(nextToReport)) {
      sent.delete(nextToReport++);
      onResults(entry.results);
    }
  };

  /** The first failed write (or report): no request is sent after it, those sent are waited for. */
  let failure: Error | undefined;
  const drive = (): Promise<void> =>
    new Promise((resolveDrive, reject) => {
      const worker = startTypeScriptWorker(new URL("./write-worker.ts", import.meta.url));
      workers.push(worker);
      let inFlight = 0;
      const send = (): void => {
        while (failure === undefined && inFlight < IN_FLIGHT && nextToSend < requests) {
          const id = nextToSend++;
          const from = id * FILES_PER_REQUEST;
          const batch = files.slice(from, from + FILES_PER_REQUEST).filter((f): f is FileWrite => f !== undefined);
          files.fill(undefined, from, from + FILES_PER_REQUEST);
          sent.set(id, {});
          inFlight++;
          worker.postMessage({ id, files: batch } satisfies WriteRequest);
        }
        if (inFlight === 0) {
          stop();
          resolveDrive();
        }
      };
      // A thread that failed outright (not a write) is not waited for.
      const stop = listen<WriteReply>(
        worker,
        "writing content files",
        (reply) => {
          inFlight--;
          if (!reply.ok) failure ??= new ThreadWriteError(reply.message, reply.code);
          else if (failure === undefined) {
            sent.get(reply.id)!.results = reply.results;
            try {
              report();
            } catch (error) {
              failure = error instanceof Error ? error : new Error(String(error));
            }
          }
          send();
        },
        reject,
      );
      send();
    });

  try {
    // A failed write stops the sending, not the threads: one stopped mid-write would leave its
    // temporary file behind.
    await Promise.all(Array.from({ length: Math.min(threads, requests) }, drive));
    if (failure !== undefined) throw failure;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
