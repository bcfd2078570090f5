/**
 * Ingest through the parsing threads, with the threads deriving for enrichment and content/
 * written by writing threads, writes exactly what ingest in this thread alone writes: the same
 * content/, byte for byte, recorded in the content index as it is.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectPaths } from "../../src/config.ts";
import { ingest, loadContent } from "../../src/content/index.ts";
import { normalizeBody } from "../../src/content/serialize.ts";
import { DerivedCache } from "../../src/enrich/index.ts";
import { summaryKey } from "../../src/enrich/duplicates.ts";
import { MIN_DUMPS_FOR_THREADS } from "../../src/content/parse-pool.ts";
import { generateProject } from "../bench/generate.ts";
import { hashFiles, projectRoot } from "../e2e/project.ts";

const root = mkdtempSync(join(tmpdir(), "newsarchive-ingest-threads-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("ingest on parsing threads", () => {
  it("writes the same content/ as ingest in this thread, when the threads derive for enrichment", async () => {
    const alone = join(root, "alone");
    const { dumps } = generateProject(projectRoot, alone, 160);
    expect(dumps).toBeGreaterThan(MIN_DUMPS_FOR_THREADS);
    const threaded = join(root, "threaded");
    cpSync(alone, threaded, { recursive: true });

    const inThisThread = await ingest({ paths: projectPaths(alone), parallel: { threads: 0 } });
    const onThreads = await ingest({ paths: projectPaths(threaded), parallel: { threads: 2, deriveFrom: 1, writeThreads: 2 } });
    expect(onThreads.diagnostics.filter((d) => d.level === "error")).toEqual([]);
    expect(onThreads.written.length).toBeGreaterThan(100);
    expect(onThreads.written).toEqual(inThisThread.written);
    expect(await hashFiles(join(threaded, "content"))).toEqual(await hashFiles(join(alone, "content")));
    // The files written on threads are in the content index as written, stamps included: loading
    // content/ with it reads no file again (the index is left as it was), and gives what parsing
    // every file gives.
    const paths = projectPaths(threaded);
    const before = await hashFiles(paths.cache);
    const indexed = await loadContent(paths.content, { root: paths.root, cacheDir: paths.cache });
    expect(await hashFiles(paths.cache)).toEqual(before);
    const parsed = await loadContent(paths.content, { root: paths.root });
    expect(JSON.stringify(indexed.entries)).toBe(JSON.stringify(parsed.entries));
  });

  it("keeps, from a fresh clone's first ingest, the summary of every record for the next enrichment", async () => {
    const fresh = join(root, "fresh");
    generateProject(projectRoot, fresh, 160);
    await ingest({ paths: projectPaths(fresh), parallel: { threads: 2, deriveFrom: 1 } });
    // A fresh clone: seeds/ and content/, no .cache/. Its build's ingest (of the dumps content/
    // lacks) parses every dump and enriches none.
    rmSync(join(fresh, ".cache"), { recursive: true, force: true });
    const again = await ingest({ paths: projectPaths(fresh), mode: "changed", parallel: { threads: 2, deriveFrom: 1 } });
    expect(again.written).toEqual([]);
    const summaries = (await DerivedCache.load(join(fresh, ".cache"))).summaries;
    const records = (await loadContent(join(fresh, "content"), { root: fresh })).entries.map((e) => e.article);
    expect(records.length).toBeGreaterThan(100);
    // The key enrichment looks an existing record's summary up by (content's index records it).
    const missing = records.filter((a) => !summaries.has(summaryKey(`${a.headline}\u0000${normalizeBody(a.body)}`)));
    expect(missing.map((a) => a.slug)).toEqual([]);
  });
});
