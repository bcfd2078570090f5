/**
 * Incremental builds: a rebuild on top of the live site makes only the files that changed,
 * moves them into the live site and deletes what the site no longer has; the live site is then
 * byte for byte what a full build of the same input gives. Also: an update interrupted midway is
 * finished by the next build.
 */
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishInterruptedUpdate, publish } from "../../src/cli/pipeline/publish.ts";
import { digestOfBody, knowBodyDigest, type Article } from "../../src/model/index.ts";
import { buildSite, type SiteInput, type SiteReport } from "../../src/site/index.ts";
import { bodyHash } from "../../src/site/render-body.ts";
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

interface Built {
  live: string;
  report: SiteReport;
  /** Files the build made (what its staging folder held). */
  made: string[];
}

/** Builds into a staging folder next to `live`; unless `publishIt` is false, puts it live as the pipeline does. */
async function build(live: string, site: SiteInput, cache: string, options: { title?: string; publishIt?: boolean } = {}): Promise<Built & { staging: string }> {
  await mkdir(dirname(live), { recursive: true });
  const staging = await mkdtemp(`${live}-staging-`);
  const report = await buildSite(site, {
    outDir: staging,
    seedsDir,
    templatesDir,
    cacheDir: cache,
    pathPrefix: "/",
    baseUrl: "https://example.org",
    renderThreads: 0,
    previousDir: live,
    ...(options.title === undefined ? {} : { siteTitle: options.title }),
  });
  const made = [...(await contents(staging)).keys()];
  if (options.publishIt !== false) await publish(live, cache, report.incremental, { staging, remove: report.removed, replaceDirs: [], removeDirs: [] });
  return { live, report, made, staging };
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

async function folders(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

const inode = async (file: string): Promise<number> => (await stat(file)).ino;

describe("rebuilding on top of the live site", () => {
  const articles = syntheticArticles(90);
  const added: Article = { ...articles[0]!, id: "added-1", slug: "a-newly-added-article", headline: "A newly added article", date: "2001-01-01" };

  it("makes no page when nothing changed, and the live site stays the same", async () => {
    const live = join(root, "same", "dist");
    const first = await build(live, input(articles), join(root, "same", "cache"));
    expect(first.report.incremental).toBe(false);
    expect(first.report.reused).toBe(0);
    const before = await contents(live);
    const page = join(live, "articles", articles[5]!.slug, "index.html");
    const pageInode = await inode(page);
    const second = await build(live, input(articles), join(root, "same", "cache"));
    expect(second.report.incremental).toBe(true);
    expect(second.made.filter((f) => f.endsWith(".html"))).toEqual([]);
    expect(second.report.reused).toBe(second.report.files - second.made.length);
    expect(second.report.pages).toBe(first.report.pages);
    expect(await contents(live)).toEqual(before);
    expect(await inode(page)).toBe(pageInode);
  });

  it("takes a damaged manifest for none: the build makes every file, and fails on nothing", async () => {
    const live = join(root, "damaged", "dist");
    const cache = join(root, "damaged", "cache");
    await build(live, input(articles), cache);
    const manifest = join(cache, "site", "manifest.json");
    const saved = JSON.parse(await readFile(manifest, "utf8")) as { files: unknown[] };
    expect(saved.files.length).toBeGreaterThan(0);
    const before = await contents(live);
    for (const damage of [null, ["articles/x/index.html"], "articles/x/index.html"]) {
      await writeFile(manifest, JSON.stringify({ ...saved, files: [...saved.files.slice(1), damage] }));
      const again = await build(live, input(articles), cache);
      expect(again.report.incremental).toBe(false);
      expect(again.report.reused).toBe(0);
      expect(await contents(live)).toEqual(before);
    }
  });

  it("adding an article makes its page and the pages that list it, and matches a full build", async () => {
    const live = join(root, "add", "dist");
    const cache = join(root, "add", "cache");
    await build(live, input(articles), cache);
    const untouched = join(live, "articles", articles[7]!.slug, "index.html");
    const untouchedInode = await inode(untouched);
    const second = await build(live, input([...articles, added]), cache);
    const full = await build(join(root, "add-full", "dist"), input([...articles, added]), join(root, "add-full", "cache"));
    expect(await contents(live)).toEqual(await contents(full.live));
    expect(second.made).toContain(`articles/${added.slug}/index.html`);
    expect(second.made).toContain("index.html");
    expect(second.made).not.toContain(`articles/${articles[7]!.slug}/index.html`);
    expect(second.made.length).toBeLessThan(full.made.length / 2);
    expect(await inode(untouched)).toBe(untouchedInode);
  });

  it("reads the bodies of the pages it makes and of no other article", async () => {
    const live = join(root, "bodies", "dist");
    const cache = join(root, "bodies", "cache");
    await build(live, input(articles), cache);
    // The records as content's index gives them: the body read from the file when asked for, its digest known.
    const read = new Set<string>();
    const withCountedBody = (article: Article): Article => {
      const { body, ...fields } = article;
      const counted = Object.defineProperty({ ...fields }, "body", {
        enumerable: true,
        get: () => {
          read.add(article.slug);
          return body;
        },
      }) as Article;
      knowBodyDigest(counted, digestOfBody(body));
      return counted;
    };
    const before = await contents(live);
    const same = await build(live, input(articles.map(withCountedBody)), cache);
    expect(same.made.filter((f) => f.endsWith(".html"))).toEqual([]);
    expect([...read]).toEqual([]);
    expect(await contents(live)).toEqual(before);

    const old = { ...added, date: "1990-01-01" };
    await build(live, input([...articles, old].map(withCountedBody)), cache);
    expect(read.has(old.slug)).toBe(true);
    expect(read.size).toBeLessThan(articles.length / 4);
  });

  it("keeps the rendered bodies of the pages it did not make", async () => {
    const live = join(root, "body-cache", "dist");
    const cache = join(root, "body-cache", "cache");
    const cachedBodies = async (): Promise<Set<string>> => {
      const dir = join(cache, "site", "bodies");
      const keys = new Set<string>();
      for (const file of await readdir(dir)) for (const key of Object.keys(JSON.parse(await readFile(join(dir, file), "utf8")) as object)) keys.add(key);
      return keys;
    };
    await build(live, input(articles), cache);
    const before = await cachedBodies();
    expect(before.size).toBeGreaterThanOrEqual(articles.length);
    // A new body that goes into a cache file holding bodies already, so that file is written again.
    const buckets = new Set([...before].map((key) => key.slice(0, 2)));
    let n = 0;
    while (!buckets.has(bodyHash(digestOfBody(`A body no other article has, number ${n}.`)).slice(0, 2))) n++;
    await build(live, input([...articles, { ...added, body: `A body no other article has, number ${n}.` }]), cache);
    const after = await cachedBodies();
    expect([...before].filter((key) => !after.has(key))).toEqual([]);
    expect(after.size).toBeGreaterThan(before.size);
  });

  it("removing an article deletes its page and its folder, and matches a full build", async () => {
    const live = join(root, "remove", "dist");
    const cache = join(root, "remove", "cache");
    await build(live, input([...articles, added]), cache);
    const second = await build(live, input(articles), cache);
    expect(second.report.removed).toContain(`articles/${added.slug}/index.html`);
    const full = await build(join(root, "remove-full", "dist"), input(articles), join(root, "remove-full", "cache"));
    expect(await contents(live)).toEqual(await contents(full.live));
    expect(await folders(live)).toEqual(await folders(full.live));
  });

  it("makes everything anew when a site-wide setting changes", async () => {
    const live = join(root, "title", "dist");
    const cache = join(root, "title", "cache");
    await build(live, input(articles), cache);
    const second = await build(live, input(articles), cache, { title: "Another title" });
    expect(second.report.incremental).toBe(false);
    expect(second.report.reused).toBe(0);
    const full = await build(join(root, "title-full", "dist"), input(articles), join(root, "title-full", "cache"), { title: "Another title" });
    expect(await contents(live)).toEqual(await contents(full.live));
  });

  it("a build that never went live leaves the live site's manifest in force", async () => {
    const live = join(root, "uncommitted", "dist");
    const cache = join(root, "uncommitted", "cache");
    await build(live, input(articles), cache);
    const before = await contents(live);
    // A build whose manifest is written but never put live (say, its search stage failed)...
    const failed = await build(live, input([...articles, added]), cache, { publishIt: false });
    await rm(failed.staging, { recursive: true, force: true });
    // ...leaves the manifest of the site that is live: the next build still keeps its files.
    const third = await build(live, input(articles), cache);
    expect(third.report.incremental).toBe(true);
    expect(third.made.filter((f) => f.endsWith(".html"))).toEqual([]);
    expect(await contents(live)).toEqual(before);
  });

  it("an update interrupted while moving files is finished by the next build", async () => {
    const live = join(root, "interrupted", "dist");
    const cache = join(root, "interrupted", "cache");
    await build(live, input(articles), cache);
    const next = await build(live, input([...articles, added]), cache, { publishIt: false });
    // What publish() had done when the process died: journal written, half the files moved.
    const journal = { staging: next.staging, remove: next.report.removed, replaceDirs: [], removeDirs: [] };
    await writeFile(join(cache, "publish-journal.json"), JSON.stringify(journal));
    for (const file of next.made.slice(0, Math.floor(next.made.length / 2))) {
      await mkdir(dirname(join(live, file)), { recursive: true });
      await rename(join(next.staging, file), join(live, file));
    }
    expect(await finishInterruptedUpdate(live, cache)).toBe(true);
    expect(await finishInterruptedUpdate(live, cache)).toBe(false);
    const full = await build(join(root, "interrupted-full", "dist"), input([...articles, added]), join(root, "interrupted-full", "cache"));
    expect(await contents(live)).toEqual(await contents(full.live));
    // The manifest of the finished update is in force: a rebuild of the same input makes no page.
    const again = await build(live, input([...articles, added]), cache);
    expect(again.made.filter((f) => f.endsWith(".html"))).toEqual([]);
  });
});

describe("a live site changed by hand", () => {
  it("is built whole again when it was emptied", async () => {
    const articles = syntheticArticles(20);
    const live = join(root, "emptied", "dist");
    const cache = join(root, "emptied", "cache");
    const first = await build(live, input(articles), cache);
    const before = await contents(live);
    for (const entry of await readdir(live)) await rm(join(live, entry), { recursive: true, force: true });
    const second = await build(live, input(articles), cache);
    expect(second.report.incremental).toBe(false);
    expect(second.report.files).toBe(first.report.files);
    expect(await contents(live)).toEqual(before);
  });
});

describe("dump pages, known by their inputs", () => {
  it("are made again only when their dump's capture details or records change", async () => {
    const articles = syntheticArticles(10);
    const live = join(root, "dumps", "dist");
    const cache = join(root, "dumps", "cache");
    const dump = seedDump();
    const page = `dumps/${dump.dump.id}/index.html`;
    await build(live, { articles, dumps: [dump], registries }, cache);
    const same = await build(live, { articles, dumps: [seedDump()], registries }, cache);
    expect(same.made).not.toContain(page);
    const noted = { ...dump, dump: { ...dump.dump, meta: { ...dump.dump.meta, url: "https://example.org/captured-page" } } };
    const changed = await build(live, { articles, dumps: [noted], registries }, cache);
    expect(changed.made).toContain(page);
    expect(await readFile(join(live, page), "utf8")).toContain("https://example.org/captured-page");
    const full = await build(join(root, "dumps-full", "dist"), { articles, dumps: [noted], registries }, join(root, "dumps-full", "cache"));
    expect(await contents(live)).toEqual(await contents(full.live));
  });
});
