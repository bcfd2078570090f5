// A thread that keeps ~160 MB of arrays alive and reports how many full collections V8 made
// meanwhile: with a heap allowed to start that large, none.
import { constants, PerformanceObserver } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";

let full = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if ((entry.detail as { kind?: number } | undefined)?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++;
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
