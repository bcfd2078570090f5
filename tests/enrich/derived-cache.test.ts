import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DerivedCache } from "../../src/enrich/derived-cache.ts";
import { groupDuplicates } from "../../src/enrich/duplicates.ts";
import { DeriveAhead } from "../../src/enrich/derive-ahead.ts";
import { enrichArchive, loadRegistries, registryNameWords } from "../../src/enrich/index.ts";
import { corpusDumps, dataDir, readAndParse, repostPath, seedPath } from "./helpers.ts";

const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), "enrich-cache-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const seed = await readAndParse(seedPath);
const repost = await readAndParse(repostPath);

describe("the derived-data cache", () => {
  it("gives the same records as no cache, on a first run and on a run from the saved file", async () => {
    const dumps = [seed, repost, ...(await Promise.all(corpusDumps().slice(0, 6).map(readAndParse)))];
    const plain = await enrichArchive(dumps, dataDir);
    const dir = await tempDir();
    const cold = await enrichArchive(dumps, dataDir, [], { cacheDir: dir });
    expect(cold).toEqual(plain);
    expect((await readdir(dir)).filter((name) => name.startsWith("enrich-"))).toEqual([expect.stringMatching(/^enrich-v\d+\.json$/)]);
    const loaded = await DerivedCache.load(dir);
    expect(loaded.summaries.size).toBeGreaterThanOrEqual(plain.articles.length);
    expect(loaded.languages.size).toBeGreaterThan(0);
    const warm = await enrichArchive(dumps, dataDir, [], { cacheDir: dir });
    expect(warm).toEqual(plain);
  });

  it("round-trips MinHash summaries exactly, so duplicates group the same from the file", async () => {
    const texts = [seed, repost].flatMap((d) => d.result.articles.map((a) => ({ headline: a.headline, body: a.body })));
    const fresh = new DerivedCache();
    const groups = groupDuplicates(texts, fresh.summaries);
    const dir = await tempDir();
    expect(await fresh.save(dir)).toBe(true);
    const loaded = await DerivedCache.load(dir);
    expect([...loaded.summaries]).toEqual([...fresh.summaries]);
    expect(groupDuplicates(texts, loaded.summaries)).toEqual(groups);
    // Nothing new: nothing written.
    expect(await loaded.save(dir)).toBe(false);
  });

  it("rewrites its file only once it has grown by a hundredth of what the file held", async () => {
    const dir = await tempDir();
    const made = new DerivedCache();
    for (let i = 0; i < 1000; i++) made.languages.set(`text-${i}`, "en");
    expect(await made.save(dir)).toBe(true);
    const file = join(dir, (await readdir(dir)).find((name) => name.startsWith("enrich-"))!);
    const written = await readFile(file, "utf8");

    // A run that adds a few entries (one dump added to a large archive) leaves the file alone…
    const next = await DerivedCache.load(dir);
    for (let i = 0; i < 9; i++) next.languages.set(`new-${i}`, "fr");
    expect(await next.save(dir)).toBe(false);
    expect(await readFile(file, "utf8")).toBe(written);
    // …and the run that brings the gain to a hundredth writes it all.
    next.languages.set("new-9", "fr");
    expect(await next.save(dir)).toBe(true);
    expect((await DerivedCache.load(dir)).languages.size).toBe(1010);
  });

  it("reads what it holds instead of deriving it again", async () => {
    const cache = new DerivedCache();
    await enrichArchive([seed], dataDir, [], { derived: cache });
    expect(cache.languages.size).toBeGreaterThan(0);
    // Poison every language entry: a cached answer shows in the records.
    for (const key of cache.languages.keys()) cache.languages.set(key, "tr");
    const again = await enrichArchive([seed], dataDir, [], { derived: cache });
    expect(again.articles.map((a) => a.language)).toEqual(seed.result.articles.map(() => "tr"));
  });

  it("holds, once derived ahead as the parsing threads do, every entry enrichment looks up", async () => {
    const dumps = [seed, repost, ...(await Promise.all(corpusDumps().slice(0, 12).map(readAndParse)))];
    const plain = await enrichArchive(dumps, dataDir);
    const { registries } = await loadRegistries(dataDir);
    const ahead = new DeriveAhead(registryNameWords(registries), registries.topics);
    const cache = new DerivedCache();
    for (const { dump, result } of dumps) cache.absorb(ahead.derive(result.articles, dump));
    const sizes = (): number[] => [cache.languages.size, cache.summaries.size, cache.entities.size, cache.curated.size];
    const before = sizes();
    expect(before.every((size) => size > 0)).toBe(true);
    // Enrichment finds what it looks up (nothing is added) and makes the same records.
    expect(await enrichArchive(dumps, dataDir, [], { derived: cache })).toEqual(plain);
    expect(sizes()).toEqual(before);
  });

  it("derives a text met again only once, and hands over each entry once", () => {
    const ahead = new DeriveAhead(new Set(), []);
    const first = ahead.derive(seed.result.articles, seed.dump);
    expect(first.summaries.length).toBe(seed.result.articles.length);
    const again = ahead.derive(seed.result.articles, seed.dump);
    expect(again).toEqual({ languages: [], summaries: [], entities: [], curated: [] });
  });

  it("treats a damaged or foreign file as empty", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "enrich-v2.json"), "{ not json");
    expect((await DerivedCache.load(dir)).summaries.size).toBe(0);
    await writeFile(join(dir, "enrich-v2.json"), JSON.stringify({ version: 0, languages: [["a", "en"]], summaries: [], entities: [] }));
    expect((await DerivedCache.load(dir)).languages.size).toBe(0);
    expect((await DerivedCache.load(join(dir, "missing"))).entities.size).toBe(0);
  });
});
