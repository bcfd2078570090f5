// Summarises a V8 heap snapshot (`.heapsnapshot`): retained-by-type is costly to compute, so this
// gives self size by constructor / string kind, which is usually enough to see what fills a heap.
// Usage: node bin/run-ts.js tests/bench/heap-summary.ts <file.heapsnapshot> [--top N] [--strings]
// --strings groups string bytes by their first 24 characters: rendered pages, raw dumps and
// JSON stand out by how they begin.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "30" }, strings: { type: "boolean", default: false } },
});
const file = positionals[0];
if (file === undefined) {
  console.error("usage: heap-summary.ts <file.heapsnapshot> [--top N]");
  process.exit(2);
}
const snap = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
const fields = snap.snapshot.meta.node_fields;
const types = snap.snapshot.meta.node_types[0];
const width = fields.length;
const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f)) as [number, number, number];
const bySize = new Map<string, { bytes: number; count: number }>();
const byPrefix = new Map<string, { bytes: number; count: number }>();
let total = 0;
for (let i = 0; i < snap.nodes.length; i += width) {
  const type = types[snap.nodes[i + typeAt]!] ?? "?";
  const size = snap.nodes[i + sizeAt]!;
  const key = type === "object" || type === "closure" ? `${type} ${snap.strings[snap.nodes[i + nameAt]!]}` : type;
  const entry = bySize.get(key) ?? { bytes: 0, count: 0 };
  entry.bytes += size;
  entry.count += 1;
  bySize.set(key, entry);
  total += size;
  if (values.strings && type === "string") {
    const prefix = JSON.stringify((snap.strings[snap.nodes[i + nameAt]!] ?? "").slice(0, 24));
    const group = byPrefix.get(prefix) ?? { bytes: 0, count: 0 };
    group.bytes += size;
    group.count += 1;
    byPrefix.set(prefix, group);
  }
}
console.log(`heap: ${(total / 1048576).toFixed(0)} MiB in ${snap.nodes.length / width} objects`);
for (const [key, { bytes, count }] of [...bySize].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, Number(values.top))) {
  console.log(`${(bytes / 1048576).toFixed(1).padStart(8)} MiB ${String(count).padStart(9)}  ${key}`);
}
if (values.strings) {
  console.log("strings by how they begin:");
  for (const [key, { bytes, count }] of [...byPrefix].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, Number(values.top))) {
    console.log(`${(bytes / 1048576).toFixed(1).padStart(8)} MiB ${String(count).padStart(9)}  ${key}`);
  }
}
