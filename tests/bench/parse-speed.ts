// Parser speed: MB/s of text dumps on one core (CPU time, so a busy machine doesn't skew it), and how time grows with input size.
//
//   node bin/run-ts.js tests/bench/parse-speed.ts [--seconds 3]
//
// Reads the dev corpus's text dumps from ../shared/corpus/dev (decoded by readDump), falling back
// to the project's own seeds and fixtures when ../shared is absent. Prints MB/s, then the time
// per MB for inputs made of 1, 2, 4, 8 and 16 copies of the corpus: linear time keeps it flat.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseText } from "../../src/parse/index.ts";
import { readDump } from "../../src/read/index.ts";

// Piped into a reader that stops early (`| head`): stop quietly rather than crash on EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf("--seconds") + 1] ?? 3) || 3;

function texts(): { name: string; text: string }[] {
  const corpus = resolve(root, "../shared/corpus/dev");
  const files = existsSync(corpus)
    ? readdirSync(corpus).filter((f) => f.endsWith(".txt")).map((f) => join(corpus, f))
    : [
        ...readdirSync(resolve(root, "seeds")).filter((f) => f.endsWith(".txt")).map((f) => resolve(root, "seeds", f)),
        ...readdirSync(resolve(root, "tests/fixtures"), { withFileTypes: true })
          .filter((d) => d.isDirectory() && existsSync(resolve(root, "tests/fixtures", d.name, "input.txt")))
          .map((d) => resolve(root, "tests/fixtures", d.name, "input.txt")),
      ];
  return files.sort().map((f) => ({ name: f, text: readDump(f).text }));
}

const bytes = (s: string): number => Buffer.byteLength(s, "utf8");

/** CPU seconds this process has used: the measure of "one core" that other busy processes don't skew. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * Parses `inputs` over and over for about `budget` CPU seconds, in rounds of about a quarter of a
 * second; returns the best and the median round's MB/s. On a shared machine other processes slow
 * some rounds down (caches, hyperthreads): the best round is the parser's own speed.
 */
function rate(inputs: string[], budget: number): { best: number; median: number } {
  const size = inputs.reduce((n, t) => n + bytes(t), 0);
  for (const t of inputs) parseText(t, "warm-up.txt");
  const rounds: number[] = [];
  const start = cpuSeconds();
  while (cpuSeconds() - start < budget || rounds.length < 3) {
    const roundStart = cpuSeconds();
    let parsed = 0;
    let elapsed = 0;
    while (elapsed < 0.25) {
      for (const t of inputs) parseText(t, "bench.txt");
      parsed += size;
      elapsed = cpuSeconds() - roundStart;
    }
    rounds.push(parsed / 1e6 / elapsed);
  }
  rounds.sort((a, b) => a - b);
  return { best: rounds.at(-1) ?? 0, median: rounds[Math.floor(rounds.length / 2)] ?? 0 };
}

const dumps = texts();
const total = dumps.reduce((n, d) => n + bytes(d.text), 0);
console.log(`${dumps.length} text dumps, ${(total / 1e6).toFixed(2)} MB`);
const speed = rate(dumps.map((d) => d.text), seconds);
console.log(`parse speed: ${speed.best.toFixed(1)} MB/s (one core, best round of ${seconds}s; median round ${speed.median.toFixed(1)} MB/s)`);

console.log("growth (copies of the whole corpus as one dump; flat ms/MB = linear time):");
const joined = dumps.map((d) => d.text).join("\n\n");
for (const copies of [1, 2, 4, 8, 16]) {
  const big = Array.from({ length: copies }, () => joined).join("\n\n");
  const r = rate([big], Math.max(0.5, seconds / 3)).best;
  console.log(`  ${String(copies).padStart(2)}× ${(bytes(big) / 1e6).toFixed(2).padStart(6)} MB  ${(1000 / r).toFixed(1).padStart(7)} ms/MB`);
}
