/**
 * How enrichment's time grows with the archive:
 *   node bin/run-ts.js tests/enrich/bench.ts [articles] [--synthetic]
 * The default archive mixes the seed's and the dev corpus's paragraphs (real news prose, every
 * lead names someone: the worst case for entity discovery; every tenth story is captured twice
 * with different debris). `--synthetic` uses the benchmark's generator (tests/bench/generate.ts):
 * its 40 outlets and 300 topics are in the registries, as an archive's curated topics would be.
 * Times each step on its own, then the whole enrichment on a first ingest (no cache), again with
 * the derived-data cache filled, and adding one dump to the enriched archive. Not a test: timings
 * depend on the machine; it prints, it does not assert.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DerivedCache } from "../../src/enrich/derived-cache.ts";
import { groupDuplicates } from "../../src/enrich/duplicates.ts";
import { enrichWithRegistries, loadRegistries, type ParsedDump } from "../../src/enrich/index.ts";
import { articleLanguage } from "../../src/enrich/language.ts";
import { foldedTokens } from "../../src/enrich/text.ts";
import { CuratedTopicMatcher } from "../../src/enrich/topics/curated.ts";
import { findEntities } from "../../src/enrich/topics/entities.ts";
import type { Article, ParsedArticle, Registries } from "../../src/model/index.ts";
import { parseDump } from "../../src/parse/index.ts";
import { readDump } from "../../src/read/index.ts";
import { generateProject, writeDump } from "../bench/generate.ts";

const root = resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 2000);
const synthetic = args.includes("--synthetic");

/** mulberry32: a small seeded generator, so every run builds the same archive. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BenchArchive {
  dumps: ParsedDump[];
  /** One more dump, added to the enriched archive. */
  extra: ParsedDump;
  registries: Registries;
  cleanup?: () => void;
}

async function corpusArchive(): Promise<BenchArchive> {
  const paragraphs: string[] = [];
  const corpus = resolve(root, "../shared/corpus/dev");
  const files = [resolve(root, "seeds/000_a614a29300825745.txt"), ...readdirSync(corpus).filter((f) => /\.(txt|html)$/.test(f)).map((f) => resolve(corpus, f))];
  for (const file of files) {
    const dump = readDump(file);
    for (const article of parseDump(dump).articles) paragraphs.push(...article.body.filter((p) => p.length > 80));
  }
  const random = generator(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const words = paragraphs.join(" ").split(/\s+/);
  const dumps: ParsedDump[] = [];
  let made = 0;
  for (let d = 0; made <= count; d++) {
    const articles: ParsedArticle[] = [];
    for (let k = 0; k < 4 && made <= count; k++, made++) {
      const headline = Array.from({ length: 9 }, () => pick(words)).join(" ");
      const body = Array.from({ length: 8 }, () => pick(paragraphs));
      articles.push({ headline, outlet: pick(["Fars News", "SANA", "Reuters", "A Blog"]), byline: null, date: null, dateline: null, body, related: [pick(words) + " " + pick(words)], language: null, lines: [k * 20 + 1, k * 20 + 19] });
      if (made % 10 === 0 && made + 1 < count) {
        articles.push({ ...articles.at(-1)!, body: ["Share this: Facebook Twitter", ...body, "Leave a reply"], lines: [k * 20 + 100, k * 20 + 119] });
        made++;
      }
    }
    const sha256 = d.toString(16).padStart(64, "0");
    dumps.push({ dump: { name: `bench-${String(d).padStart(6, "0")}.txt`, id: `bench-${d}`, sha256, format: "text", encoding: "UTF-8", encodingBy: "utf-8", text: "", diagnostics: [] }, result: { articles, lines: [], diagnostics: [] } });
  }
  const extra = dumps.pop()!;
  const { registries } = await loadRegistries(resolve(root, "content/_data"));
  return { dumps, extra, registries };
}

async function syntheticArchive(): Promise<BenchArchive> {
  const dir = mkdtempSync(join(tmpdir(), "enrich-bench-"));
  const project = generateProject(root, dir, count);
  writeDump(join(dir, "seeds"), project.stream.next());
  const dumps: ParsedDump[] = [];
  for (const name of readdirSync(join(dir, "seeds")).filter((f) => f.endsWith(".txt")).sort()) {
    const dump = readDump(join(dir, "seeds", name));
    dumps.push({ dump, result: parseDump(dump) });
  }
  const extra = dumps.pop()!;
  const { registries } = await loadRegistries(join(dir, "content/_data"));
  return { dumps, extra, registries, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const archive = synthetic ? await syntheticArchive() : await corpusArchive();
const { dumps, extra, registries } = archive;
const all = dumps.flatMap((d) => d.result.articles);

// CPU time as well as wall time: on a busy machine the wall clock says more about the neighbours.
const time = <T>(label: string, run: () => T, per = all.length): T => {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = run();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`${label.padEnd(30)} wall ${ms.toFixed(0).padStart(7)} ms  cpu ${cpuMs.toFixed(0).padStart(7)} ms  ${(cpuMs / per).toFixed(3)} cpu-ms/article`);
  return result;
};
console.log(`${all.length} articles in ${dumps.length} dumps (${synthetic ? "synthetic, tests/bench/generate.ts" : "corpus paragraphs"})`);
const knownWords = new Set(registries.topics.flatMap((t) => [t.name, ...t.aliases].flatMap(foldedTokens)));
time("entities (compromise)", () => {
  for (const a of all) findEntities(a.headline, a.body, knownWords);
});
time("duplicates", () => groupDuplicates(all.map((a) => ({ headline: a.headline, body: a.body }))));
time("curated topics", () => {
  const m = new CuratedTopicMatcher(registries.topics);
  for (const a of all) m.mentions(a.headline, a.body);
});
time("language (franc)", () => {
  for (const a of all) articleLanguage(a.headline, a.body, null, undefined);
});
const cold = new DerivedCache();
const first = time("enrich, first ingest", () => enrichWithRegistries(dumps, registries, [], { derived: cold }));
time("enrich again, cache filled", () => enrichWithRegistries(dumps, registries, [], { derived: cold }));
const existing: Article[] = first.articles;
const added = extra.result.articles.length;
const warm = time("add one dump (no cache)", () => enrichWithRegistries([extra], registries, existing), added);
time("add one dump (cache filled)", () => enrichWithRegistries([extra], registries, existing, { derived: cold }), added);
const cacheDir = mkdtempSync(join(tmpdir(), "enrich-bench-cache-"));
await cold.save(cacheDir);
const loadStart = performance.now();
const reloaded = await DerivedCache.load(cacheDir);
console.log(`cache file: ${reloaded.summaries.size} summaries, ${reloaded.entities.size} entity lists, loaded in ${(performance.now() - loadStart).toFixed(0)} ms`);
rmSync(cacheDir, { recursive: true, force: true });
console.log(`  (one dump: ${added} articles, ${warm.articles.length} records returned; per-article figures of the two lines above are per added article)`);
archive.cleanup?.();
