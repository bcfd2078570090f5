/**
 * Ingest through the parsing threads, with the threads deriving for enrichment, writes exactly
 * what ingest in this thread alone writes: the same content/, byte for byte. Bodies rendered
 * ahead meanwhile are the ones a build of that content/ looks up.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectPaths } from "../../src/config.ts";
import { ingest, loadContent, type BodiesAhead } from "../../src/content/index.ts";
import { bodyDigest, digestOfBody } from "../../src/model/index.ts";
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
    const paths = projectPaths(threaded);
    const handed: string[] = [];
    const calls: string[] = [];
    const bodiesAhead: BodiesAhead = {
      chars: 1_000_000,
      add: (bodies) => handed.push(...bodies),
      parsed: () => calls.push("parsed"),
      stop: () => Promise.resolve(void calls.push("stop")),
    };
    const onThreads = await ingest({ paths, parallel: { threads: 2, deriveFrom: 1 }, bodiesAhead });
    expect(onThreads.diagnostics.filter((d) => d.level === "error")).toEqual([]);
    expect(onThreads.written.length).toBeGreaterThan(100);
    expect(onThreads.written).toEqual(inThisThread.written);
    expect(await hashFiles(join(threaded, "content"))).toEqual(await hashFiles(join(alone, "content")));

    // Bodies were handed over while parsing, and the work on them stopped once content/ was written.
    expect(calls).toEqual(["parsed", "stop"]);
    // The build reads content/ back and looks bodies up by their digest: those handed over are them.
    const handedDigests = new Set(handed.map(digestOfBody));
    const articles = (await loadContent(paths.content)).entries.map((entry) => entry.article);
    const missing = articles.filter((article) => !handedDigests.has(bodyDigest(article)));
    // Only a duplicate's record may have a body no single capture had.
    expect(missing.length).toBeLessThan(articles.length / 20);
    expect(handed.length).toBeLessThanOrEqual(articles.length * 1.2);
  });
});
