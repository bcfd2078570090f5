import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { crawlSite, cssReferences, htmlReferences } from "../../src/cli/check/crawl.ts";
import { fileForRequest } from "../../src/cli/serve/static-server.ts";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function site(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), "newsarchive-crawl-"));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const layout = (prefix: string, body: string): string =>
  `<!doctype html>\n<html>\n<head>\n<link rel="stylesheet" href="${prefix}assets/site.css">\n</head>\n<body>\n${body}\n</body>\n</html>\n`;

describe("htmlReferences and cssReferences", () => {
  it("finds hrefs, srcs and srcsets with their lines, and decodes entities", () => {
    const refs = htmlReferences('<p>\n<a href="/a/?x=1&amp;y=2">a</a>\n<img src=\'/i.png\' srcset="/i-2x.png 2x, /i-3x.png 3x">\n</p>');
    expect(refs).toEqual([
      { url: "/a/?x=1&y=2", line: 2, asset: false },
      { url: "/i.png", line: 3, asset: true },
      { url: "/i-2x.png", line: 3, asset: true },
      { url: "/i-3x.png", line: 3, asset: true },
    ]);
  });

  it("does not take link-like text for a link", () => {
    expect(htmlReferences("<p>see href=\"/nowhere/\" in the text</p>")).toEqual([]);
  });

  it("finds url() in stylesheets", () => {
    expect(cssReferences("a{}\nb { background: url('/img/x.svg') }\n@font-face{src:url(font.woff2)}")).toEqual([
      { url: "/img/x.svg", line: 2, asset: true },
      { url: "font.woff2", line: 3, asset: true },
    ]);
  });
});

describe("crawlSite", () => {
  it("passes a site whose links and assets all exist, relative links included", async () => {
    const root = await site({
      "index.html": layout("/", '<a href="/articles/x/">x</a> <a href="articles/x/#top">x again</a> <a href="https://example.org/">out</a> <a href="#main">skip</a>'),
      "articles/x/index.html": layout("/", '<a href="../../">home</a> <a href="/api/x.json">json</a>'),
      "api/x.json": "{}",
      "assets/site.css": "body { background: url(bg.png) }",
      "assets/bg.png": "png",
    });
    const result = await crawlSite({ distDir: root, pathPrefix: "/" });
    expect(result.diagnostics).toEqual([]);
    expect(result.pages).toBe(2);
    expect(result.links).toBe(7);
  });

  it("reports a missing page, a missing asset and a link outside the prefix, each once", async () => {
    const root = await site({
      "index.html": layout("/archive/", '<a href="/archive/gone/">gone</a>\n<a href="/elsewhere/">out</a>\n<img src="/archive/missing.png">'),
      "other/index.html": layout("/archive/", '<a href="/archive/gone/">gone again</a>'),
      "assets/site.css": "",
    });
    const result = await crawlSite({ distDir: root, pathPrefix: "/archive/" });
    const byId = Object.fromEntries(result.diagnostics.map((d) => [d.id, d]));
    expect(Object.keys(byId).sort()).toEqual(["broken-link", "link-outside-prefix", "missing-asset"]);
    expect(byId["broken-link"]).toMatchObject({ file: "dist/index.html", line: 7 });
    expect(byId["broken-link"]?.message).toContain("also on 1 more place");
    expect(byId["link-outside-prefix"]?.message).toContain("/elsewhere/");
    expect(byId["missing-asset"]?.message).toContain("/archive/missing.png");
  });
});

describe("crawlSite and the sitemap", () => {
  it("checks every page the sitemap lists, absolute under the base URL or as paths", async () => {
    const root = await site({
      "index.html": layout("/archive/", "<p>no links</p>"),
      "assets/site.css": "",
      "kept/index.html": layout("/archive/", ""),
      "sitemap.xml":
        '<?xml version="1.0"?>\n<urlset>\n<url><loc>https://example.org/archive/kept/</loc></url>\n' +
        "<url><loc>https://example.org/archive/deleted/</loc></url>\n<url><loc>/archive/also-deleted/</loc></url>\n" +
        "<url><loc>https://elsewhere.example/x/</loc></url>\n</urlset>\n",
    });
    const result = await crawlSite({ distDir: root, pathPrefix: "/archive/", baseUrl: "https://example.org" });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.id} ${d.message}`)).toEqual([
      "dist/sitemap.xml:4 broken-link links to /archive/deleted/, which does not exist",
      "dist/sitemap.xml:5 broken-link links to /archive/also-deleted/, which does not exist",
    ]);
  });
});

describe("the preview server's file mapping", () => {
  it("serves files and folder indexes under the prefix only, never outside dist/", async () => {
    const root = await site({ "index.html": "home", "articles/x/index.html": "x", "assets/a.css": "a" });
    expect(await fileForRequest(root, "/archive/", "/archive/")).toBe(join(root, "index.html"));
    expect(await fileForRequest(root, "/archive/", "/archive")).toBe(join(root, "index.html"));
    expect(await fileForRequest(root, "/archive/", "/archive/articles/x/")).toBe(join(root, "articles", "x", "index.html"));
    expect(await fileForRequest(root, "/archive/", "/archive/assets/a.css?v=1")).toBe(join(root, "assets", "a.css"));
    expect(await fileForRequest(root, "/archive/", "/articles/x/")).toBeUndefined();
    expect(await fileForRequest(root, "/archive/", "/archive/../../etc/passwd")).toBeUndefined();
    expect(await fileForRequest(root, "/archive/", "/archive/%2e%2e/%2e%2e/etc/passwd")).toBeUndefined();
    expect(await fileForRequest(root, "/", "/nothing-here")).toBeUndefined();
  });
});
