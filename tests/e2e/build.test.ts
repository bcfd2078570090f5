import { copyFile, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, describe, expect, it } from "vitest";
import type { ProjectPaths } from "../../src/config.ts";
import { crawlSite } from "../../src/cli/check/crawl.ts";
import { runBuild, type BuildResult } from "../../src/cli/pipeline/run-build.ts";
import { loadContent } from "../../src/content/index.ts";
import { SlugSchema } from "../../src/model/index.ts";
import { fixturesDir, hashFiles, hashTree, listTree, makeProject, removeProjects } from "./project.ts";

afterAll(removeProjects);

async function build(paths: ProjectPaths, pathPrefix = "/"): Promise<BuildResult> {
  return runBuild({ paths, pathPrefix, baseUrl: null });
}

function errorsOf(result: BuildResult): string[] {
  return result.diagnostics.filter((d) => d.level === "error").map((d) => `${d.file}:${d.line ?? ""} ${d.id} ${d.message}`);
}

async function page(paths: ProjectPaths, sitePath: string): Promise<Document> {
  const html = await readFile(join(paths.dist, ...sitePath.split("/").filter(Boolean), "index.html"), "utf8");
  return parseHTML(html).document;
}

/** A file that is plainly not text: a PNG header and zeros. */
const binaryBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(4096, 0)]);

describe("build: the seed dump becomes a site", () => {
  it("renders a page for every article, and check finds nothing broken", async () => {
    const paths = await makeProject();
    const result = await build(paths);
    expect(errorsOf(result)).toEqual([]);
    expect(result.ok).toBe(true);
    const { entries } = await loadContent(paths.content);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const doc = await page(paths, `/articles/${entry.article.slug}/`);
      expect(doc.querySelector("h1")?.textContent).toContain(entry.article.headline);
    }
    const crawl = await crawlSite({ distDir: paths.dist, pathPrefix: "/" });
    expect(crawl.links).toBeGreaterThan(0);
    expect(crawl.diagnostics).toEqual([]);
  });

  it("is reproducible: two builds, and a build in another folder, give identical dist/", async () => {
    const paths = await makeProject();
    expect((await build(paths)).ok).toBe(true);
    const first = await hashFiles(paths.dist);
    expect((await build(paths)).ok).toBe(true);
    const second = await hashFiles(paths.dist);
    expect([...second]).toEqual([...first]);

    const elsewhere = await makeProject();
    expect((await build(elsewhere)).ok).toBe(true);
    expect([...(await hashFiles(elsewhere.dist))]).toEqual([...first]);
  });
});

/** A short wire story, as a second dump. */
const ADDED_DUMP = [
  "Village opens its first public library",
  "",
  "By Jane Reporter",
  "",
  "The village of Number Nine opened its first public library on Monday, officials said, after a decade of fundraising by residents.",
  "",
  "The library holds some 4,000 books and a reading room for children, the mayor told reporters at the opening.",
  "",
].join("\n");

describe("build: incremental builds with search", () => {
  it("a dump added, a build without search and one with it again each give the site a full build gives", async () => {
    const paths = await makeProject();
    expect((await build(paths)).ok).toBe(true);
    await writeFile(join(paths.seeds, "001_added.txt"), ADDED_DUMP);
    const added = await build(paths);
    expect(added.ok).toBe(true);
    expect(added.reused).toBeGreaterThan(0);
    const fresh = await makeProject();
    await writeFile(join(fresh.seeds, "001_added.txt"), ADDED_DUMP);
    expect((await build(fresh)).ok).toBe(true);
    const full = await hashFiles(fresh.dist);
    expect([...(await hashFiles(paths.dist))]).toEqual([...full]);

    // Without search the index goes; with it again, it comes back as it was.
    expect((await runBuild({ paths, pathPrefix: "/", baseUrl: null, skipSearch: true })).ok).toBe(true);
    expect([...(await hashFiles(paths.dist))].some(([file]) => file.startsWith("search-index/"))).toBe(false);
    expect((await build(paths)).ok).toBe(true);
    expect([...(await hashFiles(paths.dist))]).toEqual([...full]);
  });
});

describe("build: a rendering thread started with the build", () => {
  it("renders an added dump's pages into the site a full build gives", async () => {
    const paths = await makeProject();
    expect((await build(paths)).ok).toBe(true);
    // The last build as a large site's: the next build starts its rendering thread first.
    const lastBuild = join(paths.cache, "last-build.json");
    const last = JSON.parse(await readFile(lastBuild, "utf8")) as { pages: number };
    expect(last.pages).toBeGreaterThan(0);
    await writeFile(lastBuild, JSON.stringify({ ...last, pages: 100_000 }));
    await writeFile(join(paths.seeds, "001_added.txt"), ADDED_DUMP);
    expect((await build(paths)).ok).toBe(true);
    const fresh = await makeProject();
    await writeFile(join(fresh.seeds, "001_added.txt"), ADDED_DUMP);
    expect((await build(fresh)).ok).toBe(true);
    expect([...(await hashFiles(paths.dist))]).toEqual([...(await hashFiles(fresh.dist))]);
  });
});

describe("build: live search bundles", () => {
  it("stay where they are through a build with nothing to do", async () => {
    const paths = await makeProject();
    expect((await build(paths)).ok).toBe(true);
    const { bundles } = JSON.parse(await readFile(join(paths.dist, "search-index", "shards.json"), "utf8")) as { bundles: string[] };
    expect(bundles.length).toBeGreaterThan(0);
    // A bundle's folder: linked anew from the cache, it would be a new folder (its files are the cache's either way).
    const folders = bundles.map((bundle) => join(paths.dist, ...bundle.split("/").filter(Boolean)));
    const inodes = async (): Promise<number[]> => Promise.all(folders.map(async (folder) => (await stat(folder)).ino));
    const before = await inodes();
    const site = await hashFiles(paths.dist);
    expect((await build(paths)).ok).toBe(true);
    // Not indexed, linked or moved again: the very same folders.
    expect(await inodes()).toEqual(before);
    expect([...(await hashFiles(paths.dist))]).toEqual([...site]);
  });
});

describe("build: the editing workflow", () => {
  it("keeps an editor's correction through ingest and build, and shows it", async () => {
    const paths = await makeProject();
    expect((await build(paths)).ok).toBe(true);
    const { entries } = await loadContent(paths.content);
    const target = entries[0]!;
    const file = join(paths.content, target.path);
    const edited = (await readFile(file, "utf8")).replace(/^headline: .*$/m, "headline: Headline Corrected By The Desk");
    await writeFile(file, edited);

    const result = await build(paths);
    expect(errorsOf(result)).toEqual([]);
    expect(await readFile(file, "utf8")).toBe(edited);
    const doc = await page(paths, `/articles/${target.article.slug}/`);
    expect(doc.querySelector("h1")?.textContent).toContain("Headline Corrected By The Desk");
  });

  it("hides drafts and publishes articles added by hand", async () => {
    const paths = await makeProject();
    expect((await build(paths)).ok).toBe(true);
    const { entries } = await loadContent(paths.content);
    const hidden = entries[0]!;
    const file = join(paths.content, hidden.path);
    await writeFile(file, (await readFile(file, "utf8")).replace(/^generated:/m, "draft: true\ngenerated:"));
    await mkdir(join(paths.content, "unattributed"), { recursive: true });
    await writeFile(
      join(paths.content, "unattributed", "notes-from-the-archive.md"),
      "---\nheadline: Notes From The Archive\ndate: 2016-01-02\n---\n\nWritten by hand for **readers**.\n",
    );

    const result = await build(paths);
    expect(errorsOf(result)).toEqual([]);
    const pages = await listTree(paths.dist);
    expect(pages).not.toContain(`articles/${hidden.article.slug}/index.html`);
    expect(await readFile(join(paths.dist, "api", "articles.json"), "utf8")).not.toContain(hidden.article.slug);
    const doc = await page(paths, "/articles/notes-from-the-archive/");
    expect(doc.querySelector("h1")?.textContent).toContain("Notes From The Archive");
    expect(doc.body.textContent).toContain("Written by hand for");
    expect(doc.querySelector("strong")?.textContent).toBe("readers");
    // Links to the hidden article (related items, listings) must not survive it.
    expect((await crawlSite({ distDir: paths.dist, pathPrefix: "/" })).diagnostics).toEqual([]);
  });

  it("keeps the articles of a dump removed from seeds/, with a warning, and still builds a sound site", async () => {
    const paths = await makeProject();
    await copyFile(join(fixturesDir, "hostile.txt"), join(paths.seeds, "hostile.txt"));
    expect((await build(paths)).ok).toBe(true);
    const before = await hashTree(paths.content);
    await rm(join(paths.seeds, "hostile.txt"));

    const result = await build(paths);
    expect(errorsOf(result)).toEqual([]);
    // Said once, though both ingest and the site find it.
    expect(result.diagnostics.filter((d) => d.id === "dump-missing")).toEqual([expect.objectContaining({ level: "warning", file: "seeds/hostile.txt" })]);
    expect(await hashTree(paths.content)).toBe(before);
    const { entries } = await loadContent(paths.content);
    const kept = entries.find((e) => e.article.sources.some((s) => s.dump === "hostile.txt"));
    expect(kept).toBeDefined();
    expect(await listTree(paths.dist)).toContain(`articles/${kept!.article.slug}/index.html`);
    expect((await crawlSite({ distDir: paths.dist, pathPrefix: "/" })).diagnostics).toEqual([]);
  });

  it("stops on malformed front matter, naming file, line and field, and leaves dist/ alone", async () => {
    const paths = await makeProject();
    expect((await build(paths)).ok).toBe(true);
    const before = await hashTree(paths.dist);
    const { entries } = await loadContent(paths.content);
    const file = join(paths.content, entries[0]!.path);
    const text = (await readFile(file, "utf8")).replace(/^date: .*$/m, "date: last Tuesday");
    await writeFile(file, text);
    const line = text.split("\n").findIndex((l) => l.startsWith("date:")) + 1;

    const result = await build(paths);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ id: "front-matter-field", file: `content/${entries[0]!.path}`, line, message: expect.stringContaining("`date`") }),
    );
    expect(await hashTree(paths.dist)).toBe(before);
  });
});

describe("build: bad input", () => {
  it("fails on a binary dump, naming it, and leaves dist/ and content/ untouched", async () => {
    const paths = await makeProject();
    expect((await build(paths)).ok).toBe(true);
    const dist = await hashTree(paths.dist);
    const content = await hashTree(paths.content);
    await writeFile(join(paths.seeds, "scan-0042.txt"), binaryBytes);
    await copyFile(join(fixturesDir, "hostile.txt"), join(paths.seeds, "hostile.txt"));

    const result = await build(paths);
    expect(result.ok).toBe(false);
    expect(errorsOf(result).join("\n")).toContain("scan-0042.txt");
    expect(await hashTree(paths.dist)).toBe(dist);
    expect(await hashTree(paths.content)).toBe(content);
  });

  it("shows hostile, Windows-1252, UTF-16 (CRLF) and empty dumps as safe, intact text", async () => {
    const paths = await makeProject();
    await copyFile(join(fixturesDir, "hostile.txt"), join(paths.seeds, "hostile.txt"));
    await copyFile(join(fixturesDir, "windows-1252.txt"), join(paths.seeds, "windows-1252.txt"));
    await writeFile(join(paths.seeds, "empty.txt"), "");
    const utf16 = [
      "Zürich Museum Reopens After Two-Year Renovation",
      "",
      "ZÜRICH — The city’s art museum reopened on Saturday after a renovation that cost 80 million francs, its director said.",
      "",
      "“The building is finally ready for the next century,” said the director, Anna Müller, standing in the restored hall.",
      "",
      "Visitors queued for more than an hour to see the new wing, which houses works by Giacometti and Klee.",
    ].join("\r\n");
    await writeFile(join(paths.seeds, "utf-16-crlf.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, "utf16le")]));

    const result = await build(paths);
    expect(errorsOf(result)).toEqual([]);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ level: "warning", file: expect.stringContaining("empty.txt") }));

    const { entries } = await loadContent(paths.content);
    const from = (dump: string) => entries.filter((e) => e.article.sources.some((s) => s.dump === dump));
    expect(from("empty.txt")).toEqual([]);

    const hostile = from("hostile.txt");
    expect(hostile.length).toBeGreaterThan(0);
    const hostileText = (await Promise.all(hostile.map(async (e) => (await page(paths, `/articles/${e.article.slug}/`)).body.textContent))).join("\n");
    expect(hostileText).toContain("{{ 7 * 7 }}");
    expect(hostileText).toContain('{% include "secret.njk" %}');
    expect(hostileText).toContain("<script>alert(1)</script>");
    expect(hostileText).toContain("onerror=alert(2)");

    // Nothing of it runs: no injected script, handler or javascript: link on any page.
    for (const file of (await listTree(paths.dist)).filter((f) => f.endsWith(".html"))) {
      const doc = parseHTML(await readFile(join(paths.dist, file), "utf8")).document;
      for (const script of Array.from(doc.querySelectorAll("script"))) {
        const code = script.textContent ?? "";
        // JSON-LD is data, never run; it only must not be able to close its element early.
        if (script.getAttribute("type") === "application/ld+json") expect(code, file).not.toMatch(/<\//);
        else expect(code, file).not.toMatch(/alert\(/);
      }
      expect(doc.querySelectorAll("[onerror], [onclick], [onload]").length, file).toBe(0);
      for (const link of Array.from(doc.querySelectorAll("[href], [src]"))) {
        expect(`${link.getAttribute("href") ?? ""}${link.getAttribute("src") ?? ""}`, file).not.toMatch(/^\s*javascript:/i);
      }
    }

    const cafe = from("windows-1252.txt");
    expect(cafe.length).toBeGreaterThan(0);
    const cafeText = (await Promise.all(cafe.map(async (e) => (await page(paths, `/articles/${e.article.slug}/`)).body.textContent))).join("\n");
    expect(cafeText).toContain("Montréal");
    expect(cafeText).toContain("city’s “new licence fees”");
    expect(cafeText).toContain("Hélène Côté");
    expect(cafeText).not.toContain("\uFFFD");

    const museum = from("utf-16-crlf.txt");
    expect(museum.length).toBeGreaterThan(0);
    const museumText = (await Promise.all(museum.map(async (e) => (await page(paths, `/articles/${e.article.slug}/`)).body.textContent))).join("\n");
    expect(museumText).toContain("Zürich Museum Reopens");
    expect(museumText).toContain("the director, Anna Müller, standing");
    expect(museumText).not.toContain("\r");
  });
});

describe("build: headlines in scripts without a Latin form", () => {
  async function buildScript(dump: string, headline: string): Promise<void> {
    const paths = await makeProject();
    await copyFile(join(fixturesDir, dump), join(paths.seeds, dump));
    const result = await build(paths);
    expect(errorsOf(result)).toEqual([]);
    const { entries } = await loadContent(paths.content);
    const articles = entries.filter((e) => e.article.sources.some((s) => s.dump === dump));
    expect(articles.length).toBeGreaterThan(0);
    for (const entry of articles) expect(SlugSchema.safeParse(entry.article.slug).success, entry.path).toBe(true);
    const texts = await Promise.all(articles.map(async (e) => (await page(paths, `/articles/${e.article.slug}/`)).body.textContent ?? ""));
    expect(texts.join("\n")).toContain(headline);
  }

  it("gives a Chinese article a plain slug and shows its text intact", async () => {
    await buildScript("chinese.txt", "市中心新图书馆正式开放");
  });

  it("gives an Arabic article a plain slug and shows its text intact", async () => {
    await buildScript("arabic.txt", "افتتاح مكتبة عامة جديدة في وسط المدينة");
  });
});

describe("build: hosting in a subfolder", () => {
  it("puts every internal link and asset under --path-prefix", async () => {
    const paths = await makeProject();
    const result = await build(paths, "/archive/");
    expect(errorsOf(result)).toEqual([]);
    const crawl = await crawlSite({ distDir: paths.dist, pathPrefix: "/archive/" });
    expect(crawl.links).toBeGreaterThan(0);
    expect(crawl.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([]);
  });

  it("check finds a deleted page", async () => {
    const paths = await makeProject();
    expect((await build(paths)).ok).toBe(true);
    const { entries } = await loadContent(paths.content);
    await rm(join(paths.dist, "articles", entries[0]!.article.slug), { recursive: true });
    const crawl = await crawlSite({ distDir: paths.dist, pathPrefix: "/" });
    expect(crawl.diagnostics).toContainEqual(
      expect.objectContaining({ id: "broken-link", message: expect.stringContaining(`/articles/${entries[0]!.article.slug}/`) }),
    );
  });
});
