import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, renderBody, startRenderThread } from "../../src/site/index.ts";
import { hostileArticle, seedInput, seedsDir, syntheticArticles, templatesDir } from "./fixtures.ts";
import { all, buildInto, text, type BuiltSite } from "./helpers.ts";

describe("renderBody", () => {
  it("renders Markdown paragraphs and drops raw HTML and script URLs", () => {
    expect(renderBody("One *two*.\n\nThree.")).toBe("<p>One <em>two</em>.</p>\n<p>Three.</p>\n");
    const html = renderBody('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[x](javascript:alert(3))');
    expect(html).not.toMatch(/<script|<img|onerror|javascript:/i);
  });

  it("shows escaped markup as text", () => {
    expect(renderBody("a \\<b>bold\\</b> word")).toBe("<p>a &#x3C;b>bold&#x3C;/b> word</p>\n");
  });
});

/** Text that looks like the marker a view model holds for a body (body-refs.ts), naming no body. */
const markerLookalike = `\uE000body:html:${"0".repeat(64)}`;

describe("hostile text", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    const input = seedInput();
    input.articles.push(hostileArticle());
    input.articles.push({ ...syntheticArticles(1)[0]!, id: "lookalike-1", slug: "marker-lookalike", headline: markerLookalike, byline: markerLookalike });
    site = await buildInto(input, { baseUrl: "https://archive.example.org" });
  });
  afterAll(() => site.remove());

  /** What a reader sees: text nodes only, attributes and scripts left out. */
  function visibleText(doc: Document): string {
    for (const el of all(doc, "script, style")) el.remove();
    return text(doc.body);
  }

  it("markup and template syntax in a record show as text and are never run", async () => {
    const doc = await site.page("/articles/hostile-text/");
    expect(text(doc.querySelector("h1"))).toBe("Hostile <script>alert(1)</script> headline {{ 7 * 7 }}");
    expect(text(doc.querySelector(".byline"))).toBe("By {% raw %}Mallory{% endraw %} <b>bold</b>");
    expect(text(doc.querySelector(".dateline"))).toBe("{{ 7 * 7 }} ~");
    const body = all(doc, ".article-body p:not(.dateline)").map(text);
    expect(body[0]).toBe("The dump said <script>alert(1)</script> in plain text.");
    expect(body).toContain("Template syntax {{ 7 * 7 }} and {% raw %} and {%- if true -%}yes{%- endif -%} stays text.");
    expect(all(doc, "script").map((s) => s.getAttribute("type"))).toEqual(["application/ld+json"]);
    expect(all(doc, "img, iframe, object, [onerror], [onclick]")).toHaveLength(0);
    expect(all(doc, "a[href^='javascript' i]")).toHaveLength(0);
    expect(visibleText(doc)).not.toContain("49");
  });

  it("text that looks like a body's marker is printed as text", async () => {
    const doc = await site.page("/articles/marker-lookalike/");
    expect(text(doc.querySelector("h1"))).toBe(markerLookalike);
    expect(text(doc.querySelector(".byline"))).toBe(`By ${markerLookalike}`);
  });

  it("JSON-LD cannot be broken out of", async () => {
    const html = await site.read("/articles/hostile-text/");
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(script).not.toContain("<");
    expect((JSON.parse(script) as { headline: string }).headline).toBe(hostileArticle().headline);
  });

  it("lists, feeds and the API carry the text escaped too", async () => {
    for (const path of ["/", "/outlets/fars-news-agency/", "/topics/iraq/"]) {
      const doc = await site.page(path);
      expect(all(doc, "script")).toHaveLength(0);
      expect(visibleText(doc)).toContain("Hostile <script>alert(1)</script> headline {{ 7 * 7 }}");
      expect(visibleText(doc)).not.toContain("49");
    }
    const feed = await site.read("/feed.xml");
    expect(feed).toContain("<title>Hostile &lt;script&gt;alert(1)&lt;/script&gt; headline {{ 7 * 7 }}</title>");
    expect(feed).not.toContain("<script");
    const api = JSON.parse(await site.read("/api/articles/hostile-text.json")) as { headline: string };
    expect(api.headline).toBe(hostileArticle().headline);
  });
});

describe("path prefix", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    const input = seedInput();
    input.articles.push(...syntheticArticles(25));
    site = await buildInto(input, { pathPrefix: "/archive/", baseUrl: null });
  });
  afterAll(() => site.remove());

  it("every href and src of every page lives under the prefix", async () => {
    const pages = (await site.files()).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(20);
    const outside: string[] = [];
    for (const file of pages) {
      const { document } = parseHTML(await readFile(join(site.dir, file), "utf8"));
      for (const el of document.querySelectorAll("[href], [src], [data-shards]")) {
        for (const attr of ["href", "src", "data-shards"]) {
          const value = el.getAttribute(attr);
          if (value === null || value.startsWith("#")) continue;
          if (!value.startsWith("/archive/")) outside.push(`${file}: ${attr}=${value}`);
        }
      }
    }
    expect(outside).toEqual([]);
  });

  it("stylesheet fonts are relative, JSON-LD and feeds use prefixed paths", async () => {
    const doc = await site.page("/");
    const cssPath = doc.querySelector('link[rel="stylesheet"]')!.getAttribute("href")!.replace(/^\/archive/, "");
    const css = await site.read(cssPath);
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((u) => u.startsWith("fonts/"))).toBe(true);
    for (const u of urls) await expect(site.read(`/assets/${u}`)).resolves.toBeDefined();
    const feed = await site.read("/feed.xml");
    for (const href of feed.matchAll(/href="([^"]+)"/g)) expect(href[1]).toMatch(/^\/archive\//);
  });
});

describe("reproducible output", () => {
  it("builds of the same input, in any order, batch size and number of threads, are byte-identical", async () => {
    const input = seedInput();
    input.articles.push(...syntheticArticles(30), hostileArticle());
    const shuffled = { ...input, articles: [...input.articles].reverse() };
    const first = await buildInto(input, { baseUrl: "https://archive.example.org", renderThreads: 0 });
    // The second reuses the first's body cache and renders on two threads in Eleventy runs of 7 pages.
    const second = await buildInto(shuffled, {
      baseUrl: "https://archive.example.org",
      cacheDir: join(first.dir, "..", "cache"),
      pagesPerRun: 7,
      renderThreads: 2,
    });
    // The third starts with no cache: the rendering thread and this one render the bodies.
    const third = await buildInto(input, { baseUrl: "https://archive.example.org", pagesPerRun: 5, renderThreads: 1 });
    try {
      const files = await first.files();
      for (const other of [second, third]) {
        expect(await other.files()).toEqual(files);
        const differing: string[] = [];
        for (const file of files) {
          const [a, b] = await Promise.all([readFile(join(first.dir, file)), readFile(join(other.dir, file))]);
          if (!a.equals(b)) differing.push(file);
        }
        expect(differing).toEqual([]);
      }
    } finally {
      await first.remove();
      await second.remove();
      await third.remove();
    }
  });
});

describe("a rendering thread started before the pages are known", () => {
  it("renders even a site of one small batch, with the same bytes as this thread", async () => {
    const input = seedInput();
    input.articles.push(...syntheticArticles(12));
    const here = await buildInto(input, { renderThreads: 0 });
    const thread = startRenderThread(input.articles.length);
    const early = await buildInto(input, { renderThreads: 1, renderThreadsStarted: [thread] });
    try {
      // One batch, below the size for which threads are started: rendered by the thread given, not here.
      expect(thread.batches).toBe(1);
      const files = await here.files();
      expect(await early.files()).toEqual(files);
      for (const file of files) expect(await early.read(file), file).toBe(await here.read(file));
    } finally {
      await here.remove();
      await early.remove();
    }
  });

  it("fails the build, not hang it, when the thread stopped before it was given a batch", async () => {
    const input = seedInput();
    const thread = startRenderThread(input.articles.length);
    await thread.terminate();
    await expect(buildInto(input, { renderThreads: 1, renderThreadsStarted: [thread] })).rejects.toThrow(/a thread rendering pages stopped/);
  });
});

describe("a page that cannot be rendered", () => {
  it("fails the build on a rendering thread, naming what failed, with batches still queued behind it", async () => {
    const root = await mkdtemp(join(tmpdir(), "newsarchive-broken-template-"));
    try {
      const templates = join(root, "templates");
      await cp(templatesDir, templates, { recursive: true });
      const article = join(templates, "_includes", "pages", "article.njk");
      await writeFile(article, `${await readFile(article, "utf8")}\n{{ notAFilterOrFunction() }}\n`);
      const input = seedInput();
      input.articles.push(...syntheticArticles(40));
      const building = buildSite(input, { outDir: join(root, "out"), seedsDir, templatesDir: templates, cacheDir: join(root, "cache"), pathPrefix: "/", baseUrl: null, pagesPerRun: 5, renderThreads: 1 });
      await expect(building).rejects.toThrow(/rendering a batch failed: .*articles\.njk/s);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
