import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Article, Registries } from "../../src/model/index.ts";
import { indexSearch, planShards, type SearchReport } from "../../src/search/index.ts";
import { fixtureArticles } from "./fixture.ts";
import { openSiteSearch } from "./pagefind-node.ts";

const scratch = mkdtempSync(join(tmpdir(), "newsarchive-search-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;

/** Indexes into a fresh site folder with the given cache; small shards so the fixture spans several. */
async function build(articles: Article[], cacheDir: string, pathPrefix = "/"): Promise<{ siteDir: string; report: SearchReport }> {
  const siteDir = join(scratch, `site-${++runs}`);
  const report = await indexSearch({ siteDir, articles, cacheDir, pathPrefix, maxShardSize: 2 });
  return { siteDir, report };
}

/** Every file under a folder with its bytes' hash, for byte-identity checks. */
function treeDigest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

const rebuiltNames = (r: SearchReport): string[] => r.shards.filter((s) => s.rebuilt).map((s) => s.name);

/** The shard `build` (shard size 2) puts an article in: the plan indexSearch follows. */
function shardOf(articles: readonly Article[], slug: string): string {
  return planShards(articles, 2).find((plan) => plan.articles.some((a) => a.slug === slug))!.name;
}

describe("indexSearch", () => {
  const articles = fixtureArticles();
  const cacheDir = join(scratch, "cache");
  let first: { siteDir: string; report: SearchReport };

  it("writes one Pagefind bundle per shard and lists them in bucket order", async () => {
    first = await build(articles, cacheDir);
    const { siteDir, report } = first;
    expect(report.articles).toBe(articles.length);
    expect(report.reused).toBe(0);
    expect(report.shards.reduce((n, s) => n + s.articles, 0)).toBe(articles.length);
    expect(report.shards.length).toBeGreaterThan(1);
    const buckets = report.shards.map((s) => Number(/^shard-(\d+)$/.exec(s.name)?.[1]));
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    const listed = JSON.parse(readFileSync(join(siteDir, "search-index", "shards.json"), "utf8")) as { bundles: string[] };
    expect(listed.bundles).toEqual(report.shards.map((s) => `/search-index/${s.name}/`));
    for (const shard of report.shards) {
      const dir = join(siteDir, "search-index", shard.name);
      const files = readdirSync(dir);
      expect(files).toEqual(expect.arrayContaining(["pagefind.js", "pagefind-ui.js", "pagefind-entry.json", "wasm.en.pagefind"]));
      const entry = JSON.parse(readFileSync(join(dir, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
      expect(entry.languages["en"]?.page_count).toBe(shard.articles);
    }
  });

  it("finds article bodies across merged shards, with meta and filters", async () => {
    const search = await openSiteSearch(first.siteDir);
    const quillwort = await search("quillwort");
    expect(quillwort.map((r) => r.url)).toEqual(["/articles/harbour-cranes-return/"]);
    expect(quillwort[0]?.meta).toMatchObject({ title: "Harbour cranes return to the old port", date: "2019-03-02" });
    expect(quillwort[0]?.filters).toEqual({ outlet: ["Harbour Gazette"], topic: ["ports"], year: ["2019"] });
    // Markdown syntax is not indexed as text: the link's words are, its URL is not.
    expect((await search("union statement")).map((r) => r.url)).toEqual(["/articles/bakery-strike-ends/"]);
    expect(await search("example.org")).toEqual([]);
    const transport = (await search("the", { topic: "transport" })).map((r) => r.url).sort();
    expect(transport).toEqual(["/articles/council-votes-on-trams/", "/articles/ferry-timetable-changes/", "/articles/undated-letter-to-editor/"]);
    expect((await search("the", { year: "undated" })).length).toBe(2);
  });

  it("reuses every shard on a second run, with byte-identical output", async () => {
    const before = statSync(join(cacheDir, "search", first.report.shards[0]!.name, "pagefind-entry.json"));
    const second = await build([...articles].reverse(), cacheDir);
    expect(second.report.rebuilt).toBe(0);
    expect(second.report.reused).toBe(first.report.shards.length);
    expect(statSync(join(cacheDir, "search", first.report.shards[0]!.name, "pagefind-entry.json")).ino).toBe(before.ino);
    expect(treeDigest(join(second.siteDir, "search-index"))).toEqual(treeDigest(join(first.siteDir, "search-index")));
  });

  it("gives the same bytes from an empty cache", async () => {
    const cold = await build(articles, join(scratch, "cold-cache"));
    expect(cold.report.reused).toBe(0);
    expect(treeDigest(join(cold.siteDir, "search-index"))).toEqual(treeDigest(join(first.siteDir, "search-index")));
  });

  it("rebuilds exactly the shard whose article changed", async () => {
    const edited = articles.map((a) => (a.slug === "library-opens-late" ? { ...a, body: `${a.body} The mosswort room reopens too.` } : a));
    const { siteDir, report } = await build(edited, cacheDir);
    const rebuilt = rebuiltNames(report);
    expect(rebuilt).toEqual([shardOf(edited, "library-opens-late")]);
    const changed = report.shards.filter((s) => first.report.shards.find((f) => f.name === s.name)?.hash !== s.hash);
    expect(changed.map((s) => s.name)).toEqual(rebuilt);
    const search = await openSiteSearch(siteDir);
    expect((await search("mosswort")).map((r) => r.url)).toEqual(["/articles/library-opens-late/"]);
    // The new bundle replaced the cached one, which the site's links point at (same files), and
    // its fingerprint was written: nothing set aside or pending is left in the cache.
    const [shard] = report.shards.filter((s) => s.rebuilt);
    const cachedDir = join(cacheDir, "search", shard!.name);
    expect(readFileSync(`${cachedDir}.sha256`, "utf8").trim()).toBe(shard!.hash);
    expect(readdirSync(join(cacheDir, "search")).filter((n) => n.startsWith("."))).toEqual([]);
    const bundle = join(siteDir, "search-index", shard!.name);
    expect(treeDigest(bundle)).toEqual(treeDigest(cachedDir));
    for (const file of Object.keys(treeDigest(bundle))) expect(statSync(join(bundle, file)).ino).toBe(statSync(join(cachedDir, file)).ino);
  });

  it("rebuilds only the shards a new dump changes, and drops shards that are gone", async () => {
    const added: Article = {
      ...articles[0]!,
      id: "fx-99-new",
      slug: "new-pier-opens",
      date: "2022-04-04",
      headline: "New pier opens",
      body: "A pier of larchwood.",
      sources: [{ ...articles[0]!.sources[0]!, dump: "pier.txt" }],
    };
    const before = await build(articles, cacheDir);
    const grown = await build([...articles, added], cacheDir);
    const hashes = new Map(before.report.shards.map((s) => [s.name, s.hash]));
    const changed = grown.report.shards.filter((s) => hashes.get(s.name) !== s.hash).map((s) => s.name);
    expect(rebuiltNames(grown.report)).toEqual(changed);
    expect(changed).toContain(shardOf([...articles, added], "new-pier-opens"));
    expect(changed.length).toBeLessThan(grown.report.shards.length);
    const shrunk = await build(articles.slice(0, 2), cacheDir);
    expect(readdirSync(join(cacheDir, "search")).filter((n) => !n.endsWith(".sha256")).sort()).toEqual(shrunk.report.shards.map((s) => s.name).sort());
  });

  it("rebuilds the shards whose filters change when a topic is renamed in the registry", async () => {
    const registries = (name: string): Registries => ({ outlets: [], topics: [{ name, slug: "labour", kind: "theme", aliases: [] }] });
    const cache = join(scratch, "registry-cache");
    const run = (name: string): Promise<SearchReport> =>
      indexSearch({ siteDir: join(scratch, `site-${++runs}`), articles, cacheDir: cache, pathPrefix: "/", maxShardSize: 2, registries: registries(name) });
    await run("Labour");
    const renamed = await run("Work and labour");
    const holder = renamed.shards.filter((s) => s.rebuilt);
    expect(holder.map((s) => s.name)).toEqual([shardOf(articles, "bakery-strike-ends")]);
  });

  it("puts the path prefix in bundle and result URLs", async () => {
    const { siteDir, report } = await build(articles.slice(0, 3), join(scratch, "prefix-cache"), "/archive/");
    expect(report.shards.every((s) => s.bundle.startsWith("/archive/search-index/"))).toBe(true);
    const search = await openSiteSearch(siteDir, "/archive/");
    expect((await search("quillwort")).map((r) => r.url)).toEqual(["/archive/articles/harbour-cranes-return/"]);
  });

  it("refuses a path prefix without slashes", async () => {
    await expect(indexSearch({ siteDir: scratch, articles, cacheDir, pathPrefix: "archive" })).rejects.toThrow(TypeError);
  });
});

