// The parser's speed on one core, for the benchmark: reads up to `max-mib` of the dumps in a
// seeds folder (reading and decoding not timed), then times parseDump over them, repeated until
// at least two seconds of CPU time have passed. Prints one JSON line: {"mib", "seconds",
// "cpu_seconds", "mb_s"} (MB = 10^6 bytes), the rate by CPU time: what one core does, whatever
// else the machine is busy with.
import { readDump } from "../../src/read/index.ts";
import { parseDump } from "../../src/parse/index.ts";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Dump } from "../../src/model/index.ts";

const [seedsArg = "seeds", maxArg = "16"] = process.argv.slice(2);
const seeds = resolve(seedsArg);
const maxBytes = Number(maxArg) * 1048576;
const dumps: Dump[] = [];
let bytes = 0;
for (const name of readdirSync(seeds).filter((n) => n.endsWith(".txt")).sort()) {
  if (bytes >= maxBytes) break;
  const dump = readDump(join(seeds, name));
  dumps.push(dump);
  bytes += Buffer.byteLength(dump.text);
}
for (const dump of dumps.slice(0, 20)) parseDump(dump); // warm up the JIT
let parsed = 0;
const started = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let cpuSeconds: number;
do {
  for (const dump of dumps) parseDump(dump);
  parsed += bytes;
  const cpu = process.cpuUsage(cpuStart);
  cpuSeconds = (cpu.user + cpu.system) / 1e6;
} while (cpuSeconds < 2);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ mib: bytes / 1048576, seconds, cpu_seconds: cpuSeconds, mb_s: parsed / 1e6 / cpuSeconds }));
