/**
 * How enrichment's time grows with the archive: `node bin/run-ts.js tests/enrich/bench.ts [articles]`.
 * Builds a synthetic archive from the seed's and the dev corpus's paragraphs (random mixes, so
 * stories differ; every tenth story is captured twice with different debris), then times each
 * step and the whole. Not a test: timings depend on the machine; it prints, it does not assert.
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { groupDuplicates } from "../../src/enrich/duplicates.ts";
import { enrichWithRegistries, loadRegistries, type ParsedDump } from "../../src/enrich/index.ts";
import { articleLanguage } from "../../src/enrich/language.ts";
import { CuratedTopicMatcher } from "../../src/enrich/topics/curated.ts";
import { findEntities } from "../../src/enrich/topics/entities.ts";
import { foldedTokens } from "../../src/enrich/text.ts";
import type { ParsedArticle } from "../../src/model/index.ts";
import { parseDump } from "../../src/parse/index.ts";
import { readDump } from "../../src/read/index.ts";

const root = resolve(import.meta.dirname, "../..");
const count = Number(process.argv[2] ?? 2000);

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

const paragraphs: string[] = [];
const corpus = resolve(root, "../shared/corpus/dev");
const files = [resolve(root, "seeds/000_a614a29300825745.txt"), ...readdirSync(corpus).filter((f) => /\.(txt|html)$/.test(f)).map((f) => resolve(corpus, f))];
for (const file of files) {
  const dump = await readDump(file);
  for (const article of parseDump(dump).articles) paragraphs.push(...article.body.filter((p) => p.length > 80));
}
const random = generator(7);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const words = paragraphs.join(" ").split(/\s+/);

const dumps: ParsedDump[] = [];
let made = 0;
for (let d = 0; made < count; d++) {
  const articles: ParsedArticle[] = [];
  for (let k = 0; k < 4 && made < count; k++, made++) {
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
const all = dumps.flatMap((d) => d.result.articles);
const { registries } = await loadRegistries(resolve(root, "content/_data"));

// CPU time as well as wall time: on a busy machine the wall clock says more about the neighbours.
const time = (label: string, run: () => unknown): void => {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  run();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`${label.padEnd(24)} wall ${ms.toFixed(0).padStart(7)} ms  cpu ${cpuMs.toFixed(0).padStart(7)} ms  ${(cpuMs / all.length).toFixed(3)} cpu-ms/article`);
};
console.log(`${all.length} articles in ${dumps.length} dumps (from ${paragraphs.length} paragraphs)`);
time("duplicates", () => groupDuplicates(all.map((a) => ({ headline: a.headline, body: a.body }))));
time("curated topics", () => { const m = new CuratedTopicMatcher(registries.topics); for (const a of all) m.mentions(a.headline, a.body); });
time("language (franc)", () => { for (const a of all) articleLanguage(a.headline, a.body, null, undefined); });
const knownWords = new Set(registries.topics.flatMap((t) => [t.name, ...t.aliases].flatMap(foldedTokens)));
time("entities (compromise)", () => { for (const a of all) findEntities(a.headline, a.body, knownWords); });
time("enrichWithRegistries", () => enrichWithRegistries(dumps, registries));
