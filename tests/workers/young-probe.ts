// A thread that allocates ~400 MB of small objects, the last 100,000 of them kept alive at any
// time (as a page renderer keeps a batch's pages), and reports how many young-generation
// collections (scavenges) V8 made meanwhile: fewer with a larger young generation.
import { constants, PerformanceObserver } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";

/** A gc entry's kind (Node puts it in `detail`, which these types do not declare). */
function gcKind(entry: object): unknown {
  const detail: unknown = "detail" in entry ? entry.detail : undefined;
  return detail !== null && typeof detail === "object" && "kind" in detail ? detail.kind : undefined;
}

let minor = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (gcKind(entry) === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
});
observer.observe({ entryTypes: ["gc"] });
const recent: Array<{ n: number; text: string }> = new Array(100_000);
let checksum = 0;
for (let i = 0; i < 5_000_000; i++) {
  const item = { n: i, text: `page ${i}` };
  recent[i % recent.length] = item;
  checksum += item.text.length;
}
// Entries reach the observer after the collection: a turn of the loop later.
setTimeout(() => {
  observer.disconnect();
  parentPort?.postMessage({ minor, checksum });
}, 20);
