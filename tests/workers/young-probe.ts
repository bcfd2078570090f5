// A thread that allocates ~400 MB of small objects, the last 100,000 of them kept alive at any
// time (as a page renderer keeps a batch's pages), and reports how many young-generation
// collections (scavenges) V8 made meanwhile: fewer with a larger young generation.
import { constants } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";
import { countCollections } from "./gc-entries.ts";

const minor = countCollections(constants.NODE_PERFORMANCE_GC_MINOR);
const recent: Array<{ n: number; text: string }> = new Array(100_000);
let checksum = 0;
for (let i = 0; i < 5_000_000; i++) {
  const item = { n: i, text: `page ${i}` };
  recent[i % recent.length] = item;
  checksum += item.text.length;
}
minor.stop((count) => parentPort?.postMessage({ minor: count, checksum }));
