/**
 * What a load of content/ keeps in memory: a build holds every record of the archive from start
 * to end, so a record must not hold its body, nor the text of the file it was read from. Measured
 * in a child process whose collector can be run (--expose-gc), with articles whose bodies are
 * large enough to tell held from not held.
 */
import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ingest, listContentFiles } from "../../src/content/index.ts";
import { makeProject, projectRoot, removeProjects } from "../e2e/project.ts";

afterAll(removeProjects);

/** Characters added to each article's body. */
const ADDED = 2_000_000;

/** A script that loads content/ with no index, and reports how much of the heap the records hold. */
const probe = (contentDir: string, cacheDir: string): string => `
import { loadContent } from ${JSON.stringify(pathToFileURL(join(projectRoot, "src", "content", "index.ts")).href)};
// A first load, dropped: what loading needs once (modules, their data) is not counted.
await loadContent(${JSON.stringify(contentDir)}, { cacheDir: ${JSON.stringify(`${cacheDir}-first`)} });
globalThis.gc();
const before = process.memoryUsage().heapUsed;
const loaded = await loadContent(${JSON.stringify(contentDir)}, { cacheDir: ${JSON.stringify(cacheDir)} });
globalThis.gc();
const held = process.memoryUsage().heapUsed - before;
// Every body read in one synchronous run, as a build's listings do to cut their excerpts, and
// measured before the run ends.
const bodyChars = loaded.entries.reduce((n, e) => n + e.article.body.length, 0);
globalThis.gc();
const heldWhileReading = process.memoryUsage().heapUsed - before;
console.log(JSON.stringify({ held, heldWhileReading, articles: loaded.entries.length, bodyChars }));
`;

describe("records loaded from content/", () => {
  it("hold neither their bodies nor their files' text, when no index knew the files, nor every body read in one run", async () => {
    const paths = await makeProject({ templates: false });
    await ingest({ paths });
    const files = await listContentFiles(paths.content);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const absolute = join(paths.content, file);
      await writeFile(absolute, `${await readFile(absolute, "utf8")}\n${"A long paragraph of the body. ".repeat(ADDED / 30)}\n`);
    }
    await rm(paths.cache, { recursive: true, force: true });
    const script = join(paths.root, "probe.mts");
    await writeFile(script, probe(paths.content, paths.cache));
    const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--import", "tsx", script], { cwd: projectRoot });
    const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as { held: number; heldWhileReading: number; articles: number; bodyChars: number };
    const { held, articles, bodyChars } = report;
    expect(articles).toBe(files.length);
    expect(bodyChars).toBeGreaterThan(files.length * ADDED);
    // Held, the bodies (or the texts their fields were cut from) would take more than bodyChars bytes.
    expect(held).toBeLessThan(bodyChars / 10);
    // A body read back is held only while among the last read (content-cache.ts), not for as
    // long as the code that read it runs: here, at most one of the 2 MB bodies.
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(report.heldWhileReading).toBeLessThan(bodyChars / 2);
  });
});
