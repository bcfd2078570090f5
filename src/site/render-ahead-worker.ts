/**
 * A thread rendering bodies into the body cache while ingest enriches and writes the records they
 * belong to (render-ahead.ts). It takes bodies while parsing sends them, renders them once parsing
 * is done (until it is done, its budget is spent or it is asked to stop), then writes what it
 * rendered to the cache and says so.
 */
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { digestOfBody } from "../model/index.ts";
import { BodyCache, bodyHash, renderBody } from "./render-body.ts";

export type RenderAheadMessage =
  /** First: the cache to render into. */
  | { cacheDir: string }
  /** Markdown bodies, as records keep them. */
  | { bodies: string[] }
  /** Parsing is done: rendering starts. */
  | { parsed: true }
  | StopRequest;

export interface StopRequest {
  stop: true;
}

/** `rendered`: bodies rendered and written to the cache (0 when none or writing failed). */
export interface RenderAheadReply {
  rendered: number;
}

if (parentPort === null) throw new TypeError("render-ahead-worker.ts runs as a worker thread of render-ahead.ts");
const port = parentPort;
lowerThisThreadsPriority();
let cacheDir: string | undefined;
// UTF-8 while they wait: V8 keeps a string with one curly quote at two bytes a character.
const queue: Array<Buffer | null> = [];
let stopping = false;
let work: Promise<number> | undefined;

/** Bodies rendered between two looks at the thread's messages (a stop request ends the loop). */
const BODIES_PER_TURN = 16;

/**
 * This thread is to use a core only while nothing else wants it: ingest's own threads (its
 * collector's among them) come first. Measured at 16k articles: ingest took 1.2–3 s longer with
 * the thread at the same priority. Only on Linux, where a thread has a priority of its own
 * (elsewhere this would lower the whole process's).
 */
function lowerThisThreadsPriority(): void {
  if (process.platform !== "linux") return;
  try {
    setPriority(19);
  } catch {
    // Not allowed here: the thread renders at the priority it has.
  }
}

async function renderQueued(dir: string): Promise<number> {
  const cache = new BodyCache(dir);
  let rendered = 0;
  for (let i = 0; i < queue.length && !stopping; i++) {
    const waiting = queue[i];
    if (!waiting) continue;
    const markdown = waiting.toString("utf8");
    queue[i] = null;
    const key = bodyHash(digestOfBody(markdown));
    if (cache.lookup(key) !== undefined) continue;
    if (!cache.keep(key, renderBody(markdown))) break;
    rendered++;
    if (rendered % BODIES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  queue.length = 0;
  // Every body kept is one the cache lacked: none is dropped.
  cache.save(null);
  return rendered;
}

port.on("message", (message: RenderAheadMessage) => {
  if ("cacheDir" in message) cacheDir = message.cacheDir;
  else if ("bodies" in message) for (const body of message.bodies) queue.push(Buffer.from(body, "utf8"));
  else if ("parsed" in message) work = cacheDir === undefined ? undefined : renderQueued(cacheDir);
  else {
    stopping = true;
    void (work ?? Promise.resolve(0)).then(
      (rendered) => port.postMessage({ rendered } satisfies RenderAheadReply),
      () => port.postMessage({ rendered: 0 } satisfies RenderAheadReply),
    );
  }
});
