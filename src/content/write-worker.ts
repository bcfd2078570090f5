/**
 * A writing thread: writes content files (each atomic, and only when its bytes change) and
 * replies with whether each changed and its stamp after the write (see write-pool.ts).
 */
import { parentPort } from "node:worker_threads";
import { writeIfChanged } from "./atomic.ts";
import { stampFile, type FileStamp } from "./file-stamp.ts";

export interface WriteRequest {
  /** Names the request in its reply: a thread has several at once. */
  id: number;
  files: Array<{ path: string; text: string }>;
}

/** Per file of the request, in its order: whether it was written, and its stamp then (written files only). */
export type WriteReply =
  | { id: number; ok: true; results: Array<{ changed: boolean; stamp: FileStamp | null }> }
  | { id: number; ok: false; message: string; code?: string };

function write({ id, files }: WriteRequest): WriteReply {
  const results: Array<{ changed: boolean; stamp: FileStamp | null }> = [];
  try {
    for (const { path, text } of files) {
      const changed = writeIfChanged(path, text);
      results.push({ changed, stamp: changed ? stampFile(path) : null });
    }
    return { id, ok: true, results };
  } catch (error) {
    // Files before the one that failed are written, each whole; the caller stops there, as it
    // would writing them itself.
    const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
    return { id, ok: false, message: error instanceof Error ? error.message : String(error), ...(code === undefined ? {} : { code }) };
  }
}

if (parentPort === null) throw new TypeError("write-worker.ts runs as a worker thread of write-pool.ts");
const port = parentPort;
port.on("message", (request: WriteRequest) => port.postMessage(write(request)));
