// Summarises V8 CPU profiles (`node --cpu-prof`): self time by function and by file, the
// quickest way to see where a stage spends its time.
// Usage: node bin/run-ts.js tests/bench/profile-summary.ts <profile.cpuprofile>… [--top N] [--inclusive]
// --inclusive adds time by function including its callees (what a call costs, all in).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "25" }, inclusive: { type: "boolean", default: false } },
});
const top = Number(values.top);
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const frame = nodes.get(id)!.callFrame;
    const path = frame.url.replace(/^file:\/\//, "");
    const where = path.includes("node_modules/") ? path.replace(/^.*node_modules\//, "~/") : path.replace(/^.*\/src\//, "src/");
    const fn = label(frame);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
    // Libraries count as one entry each (their package), our code by file.
    const owner = where.startsWith("~/") ? where.split("/").slice(0, where.startsWith("~/@") ? 3 : 2).join("/") : where || frame.functionName;
    byFile.set(owner, (byFile.get(owner) ?? 0) + micros);
    total += micros;
    if (values.inclusive) {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) seen.add(label(nodes.get(at)!.callFrame));
      for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
    }
  });
}
function label(frame: ProfileNode["callFrame"]): string {
  const path = frame.url.replace(/^file:\/\//, "");
  const where = path.includes("node_modules/") ? path.replace(/^.*node_modules\//, "~/") : path.replace(/^.*\/src\//, "src/");
  return `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
}

const print = (title: string, map: Map<string, number>): void => {
  console.log(`${title} (total ${(total / 1e6).toFixed(2)} s)`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}% ${(micros / 1e6).toFixed(2).padStart(7)} s  ${name}`);
  }
};
print("self time by function", byFunction);
print("self time by file (libraries by package)", byFile);
if (values.inclusive) print("inclusive time by function", inclusive);
