// A thread that keeps ~160 MB of arrays alive and reports how many full collections V8 made
// meanwhile: with a heap allowed to start that large, none.
import { constants } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";
import { countCollections } from "./gc-entries.ts";

const full = countCollections(constants.NODE_PERFORMANCE_GC_MAJOR);
const kept: number[][] = [];
// 1 MiB each: 128 Ki small integers of 8 bytes.
for (let i = 0; i < 160; i++) kept.push(new Array<number>(128 * 1024).fill(i));
full.stop((count) => parentPort?.postMessage({ full: count, kept: kept.length }));
