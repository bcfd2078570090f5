// A thread that keeps ~160 MB of arrays alive and reports how many full collections V8 made
// meanwhile: with a heap allowed to start that large, none.
import { constants, PerformanceObserver } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";

/** A gc entry's kind (Node puts it in `detail`, which these types do not declare). */
function gcKind(entry: object): unknown {
  const detail: unknown = "detail" in entry ? entry.detail : undefined;
  return detail !== null && typeof detail === "object" && "kind" in detail ? detail.kind : undefined;
}

let full = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (gcKind(entry) === constants.NODE_PERFORMANCE_GC_MAJOR) full++;
});
observer.observe({ entryTypes: ["gc"] });
const kept: number[][] = [];
// 1 MiB each: 128 Ki small integers of 8 bytes.
for (let i = 0; i < 160; i++) kept.push(new Array<number>(128 * 1024).fill(i));
// Entries reach the observer after the collection: a turn of the loop later.
setTimeout(() => {
  observer.disconnect();
  parentPort?.postMessage({ full, kept: kept.length });
}, 20);
