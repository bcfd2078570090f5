/**
 * Reading and parsing ahead on worker threads: the cache entries the threads write are exactly
 * what parsing in this thread gives, and a cached dump is not parsed again.
 */
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDumpCached, readCachedParseSync } from "../../src/content/parse-cache.ts";
import { parseAhead } from "../../src/content/parse-pool.ts";
import { parseDump } from "../../src/parse/index.ts";
import { readDump } from "../../src/read/index.ts";
import type { DeriveRequest } from "../../src/content/parse-worker.ts";
import { captureKey, type ParseResult } from "../../src/model/index.ts";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const seed = resolve(projectRoot, "seeds", "000_a614a29300825745.txt");

let root: string;
let files: string[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "newsarchive-parse-pool-"));
  // The same bytes under several names: each name is its own cache entry.
  files = [];
  await mkdir(join(root, "seeds"));
  for (let i = 0; i < 6; i++) {
    const file = join(root, "seeds", `dump-${i}.txt`);
    await copyFile(seed, file);
    files.push(file);
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("parseAhead", () => {
  it("parses the uncached dumps on threads into the cache, as this thread would", async () => {
    const cacheDir = join(root, "cache");
    const read = await parseAhead(files, cacheDir, { threads: 2, minDumps: 2 });
    expect([...read.keys()].sort()).toEqual(files.map((f) => resolve(f)).sort());
    for (const file of files) {
      const { dump, parsed: sent } = read.get(resolve(file))!;
      expect(readCachedParseSync(dump, cacheDir)).toBeDefined();
      const cached = parseDumpCached(dump, cacheDir);
      expect(cached.hit).toBe(true);
      const parsed = JSON.parse(JSON.stringify(parseDump(readDump(file)))) as ParseResult;
      expect(cached.result).toEqual(parsed);
      // The thread sends back the parse's articles and diagnostics and the number of its lines.
      expect(sent).toEqual({ result: { articles: parsed.articles, diagnostics: parsed.diagnostics }, lineCount: parsed.lines.length, cached: false });
      // The thread read the dump: what reading gave comes back, and its text when asked for.
      const { text, ...facts } = readDump(file);
      expect({ ...dump }).toEqual({ ...facts, text });
    }
  });

  it("reads cached parses on the threads too, and says they were cached", async () => {
    const cacheDir = join(root, "cache-again");
    await parseAhead(files, cacheDir, { threads: 2, minDumps: 2 });
    const again = await parseAhead(files, cacheDir, { threads: 2, minDumps: 2 });
    for (const file of files) {
      const parsed = parseDump(readDump(file));
      expect(again.get(resolve(file))!.parsed).toMatchObject({ cached: true, lineCount: parsed.lines.length });
    }
  });

  it("derives on the threads what enrichment looks up from fresh parses, only summaries for captures skipped", async () => {
    const cacheDir = join(root, "cache-derive");
    const skipped = readDump(files[0]!);
    let asked = 0;
    const derive = (): Promise<DeriveRequest> => {
      asked++;
      return Promise.resolve({ knownWords: [], topics: [], skip: [captureKey(skipped.name, skipped.sha256)] });
    };
    const read = await parseAhead(files, cacheDir, { threads: 2, minDumps: 2, derive });
    expect(asked).toBe(1);
    const ofSkipped = read.get(resolve(files[0]!))!.derived;
    expect(ofSkipped?.languages).toEqual([]);
    expect(ofSkipped?.entities).toEqual([]);
    expect(ofSkipped?.curated).toEqual([]);
    const articles = parseDump(skipped).articles.length;
    // The dumps are one text under several names: each thread derives it once and hands it over once.
    const summaries = files.flatMap((file) => read.get(resolve(file))!.derived?.summaries ?? []);
    expect(summaries.length).toBeGreaterThanOrEqual(articles);
    expect(summaries.length).toBeLessThanOrEqual(2 * articles);
    const again = await parseAhead(files, cacheDir, { threads: 2, minDumps: 2, derive });
    expect(files.map((file) => again.get(resolve(file))!.derived)).toEqual(files.map(() => undefined));
  });

  it("leaves a file it cannot read to the caller", async () => {
    const missing = join(root, "seeds", "missing.txt");
    const read = await parseAhead([...files, missing], join(root, "cache-missing"), { threads: 2, minDumps: 2 });
    expect(read.has(resolve(missing))).toBe(false);
    expect(read.size).toBe(files.length);
  });

  it("leaves the cache alone when too few dumps are given", async () => {
    const cacheDir = join(root, "cache-few");
    const read = await parseAhead(files, cacheDir, { threads: 2, minDumps: 10 });
    expect(read.size).toBe(0);
    expect(readCachedParseSync(readDump(files[0]!), cacheDir)).toBeUndefined();
  });
});
