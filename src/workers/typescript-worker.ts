import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Worker, type ResourceLimits } from "node:worker_threads";

/** A thread's heap: Node's limits, and the size V8 lets it reach before its first full collection. */
export interface ThreadHeap extends ResourceLimits {
  initialHeapMb?: number;
}

/** Threads started with an initial heap size that are not running yet. */
let startingWithInitialHeap = 0;

/**
 * Starts a worker thread running a TypeScript module (named by its .ts file). Run compiled (see
 * bin/compiled-code.js), this module is a .js file, and so is the worker's: it starts as it is.
 * Otherwise worker threads do not inherit the parent's module hooks, so a small bootstrap
 * registers tsx's loader in the thread, then imports the module.
 */
export function startTypeScriptWorker(moduleUrl: URL, heap: ThreadHeap = {}): Worker {
  const { initialHeapMb, ...resourceLimits } = heap;
  if (initialHeapMb === undefined) return startWorker(moduleUrl, resourceLimits);
  // Node's limits have no initial size. V8 takes it from a process-wide flag when it makes the
  // thread's heap, on the new thread, before the thread runs any code: the flag is set until
  // every thread started with it is running (or has stopped), then back to V8's own choice.
  setFlagsFromString(`--initial-heap-size=${initialHeapMb}`);
  startingWithInitialHeap++;
  const worker = startWorker(moduleUrl, resourceLimits);
  let started = false;
  const onStarted = (): void => {
    if (started) return;
    started = true;
    if (--startingWithInitialHeap === 0) setFlagsFromString("--initial-heap-size=0");
  };
  worker.once("online", onStarted).once("exit", onStarted);
  return worker;
}

function startWorker(moduleUrl: URL, resourceLimits: ResourceLimits): Worker {
  const limits = Object.keys(resourceLimits).length > 0 ? { resourceLimits } : {};
  if (import.meta.url.endsWith(".js")) return new Worker(new URL(moduleUrl.href.replace(/\.ts$/, ".js")), limits);
  // tsx's ESM API (the `import` condition of "tsx/esm/api"; its CommonJS twin mis-resolves here).
  const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const tsxApi = pathToFileURL(join(tsxDir, "dist", "esm", "api", "index.mjs")).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(bootstrap, { eval: true, ...limits });
}

/** A worker gave no answer in the time it was given. */
export class ThreadTimeoutError extends Error {
  override name = "ThreadTimeoutError";

  constructor(
    doing: string,
    readonly seconds: number,
  ) {
    super(`a thread ${doing} gave no answer in ${seconds} s`);
  }
}

/**
 * Hands a worker's messages to `onMessage` until the returned function is called. A thread that
 * fails or exits meanwhile stops the listening and calls `fail`, naming what it was `doing`.
 */
export function listen<Reply>(worker: Worker, doing: string, onMessage: (reply: Reply) => void, fail: (error: Error) => void): () => void {
  const onError = (error: Error): void => {
    stop();
    fail(error);
  };
  const onExit = (code: number): void => {
    stop();
    fail(new Error(`a thread ${doing} stopped (exit code ${code})`));
  };
  const stop = (): void => {
    worker.off("message", onMessage);
    worker.off("error", onError);
    worker.off("exit", onExit);
  };
  worker.on("message", onMessage);
  worker.on("error", onError);
  worker.on("exit", onExit);
  return stop;
}

/**
 * Sends one request to a worker and waits for its one reply. A worker that fails or exits before
 * replying rejects the promise, naming what it was doing; so does one that gives no answer within
 * `timeoutMs` (when given), which the caller should then terminate.
 */
export function requestReply<Reply>(worker: Worker, request: unknown, doing: string, timeoutMs?: number): Promise<Reply> {
  return new Promise((resolvePromise, reject) => {
    const stop = listen<Reply>(
      worker,
      doing,
      (reply) => {
        clearTimeout(timer);
        stop();
        resolvePromise(reply);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            stop();
            reject(new ThreadTimeoutError(doing, timeoutMs / 1000));
          }, timeoutMs);
    worker.postMessage(request);
  });
}
