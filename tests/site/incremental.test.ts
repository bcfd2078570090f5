/**
 * Incremental builds: a rebuild links unchanged pages from the previous site and renders only
 * what changed, and its output is byte for byte what a full build of the same input gives.
 */
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/model/index.ts";
import { buildSite, commitManifest, type SiteInput, type SiteReport } from "../../src/site/index.ts";
import { registries, seedDump, seedsDir, syntheticArticles, templatesDir } from "./fixtures.ts";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "newsarchive-incremental-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function input(articles: Article[]): SiteInput {
  return { articles, dumps: [seedDump()], registries };
}

async function build(name: string, site: SiteInput, cache: string, previous: string | null, title?: string): Promise<{ dir: string; report: SiteReport }> {
  const dir = join(root, name);
  const report = await buildSite(site, {
    outDir: dir,
    seedsDir,
    templatesDir,
    cacheDir: cache,
    pathPrefix: "/",
    baseUrl: "https://example.org",
    renderThreads: 0,
    ...(previous === null ? {} : { previousDir: previous }),
    ...(title === undefined ? {} : { siteTitle: title }),
  });
  // What the pipeline does once the new site is live.
  await commitManifest(cache);
  return { dir, report };
}

async function contents(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path, "utf8"));
  }
  return files;
}

describe("rebuilding on top of the previous site", () => {
  const articles = syntheticArticles(90);
  const added: Article = { ...articles[0]!, id: "added-1", slug: "a-newly-added-article", headline: "A newly added article", date: "2001-01-01" };

  it("reuses every file when nothing changed, and the output is the same", async () => {
    const cache = join(root, "cache-same");
    const first = await build("same-1", input(articles), cache, null);
    expect(first.report.reused).toBe(0);
    const second = await build("same-2", input(articles), cache, first.dir);
    expect(second.report.reused).toBeGreaterThan(first.report.pages);
    expect(await contents(second.dir)).toEqual(await contents(first.dir));
    // Linked, not copied: the same file on disk.
    const page = `articles/${articles[5]!.slug}/index.html`;
    expect((await stat(join(second.dir, page))).ino).toBe((await stat(join(first.dir, page))).ino);
  });

  it("renders the new article and the pages that list it, and matches a full build", async () => {
    const cache = join(root, "cache-add");
    const first = await build("add-1", input(articles), cache, null);
    const second = await build("add-2", input([...articles, added]), cache, first.dir);
    const full = await build("add-full", input([...articles, added]), join(root, "cache-add-full"), null);
    expect(await contents(second.dir)).toEqual(await contents(full.dir));
    expect(second.report.reused).toBeGreaterThan(0);
    // The new article's page and every page linking it cannot have been reused.
    const fresh = (await stat(join(second.dir, "articles", added.slug, "index.html"))).nlink;
    expect(fresh).toBe(1);
    const untouched = `articles/${articles[7]!.slug}/index.html`;
    expect((await stat(join(second.dir, untouched))).ino).toBe((await stat(join(first.dir, untouched))).ino);
  });

  it("reuses nothing when a site-wide setting changes", async () => {
    const cache = join(root, "cache-title");
    const first = await build("title-1", input(articles), cache, null);
    const second = await build("title-2", input(articles), cache, first.dir, "Another title");
    expect(second.report.reused).toBe(0);
    expect(await contents(second.dir)).toEqual(await contents((await build("title-full", input(articles), join(root, "cache-title-full"), null, "Another title")).dir));
  });

  it("a build that never went live leaves the live site's manifest in force", async () => {
    const cache = join(root, "cache-uncommitted");
    const first = await build("live-1", input(articles), cache, null);
    // A build whose manifest is written but never committed (say, its search stage failed)...
    await buildSite(input([...articles, added]), { outDir: join(root, "live-failed"), seedsDir, templatesDir, cacheDir: cache, pathPrefix: "/", baseUrl: "https://example.org", renderThreads: 0, previousDir: first.dir });
    // ...leaves the manifest of the site that is live: the next build still links from it.
    const third = await build("live-3", input(articles), cache, first.dir);
    expect(await contents(third.dir)).toEqual(await contents(first.dir));
    expect(third.report.reused).toBeGreaterThan(0);
  });
});
