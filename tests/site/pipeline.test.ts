/**
 * The site from the real pipeline on the seed dump: read → parse → enrich → buildSite, read back
 * the way a reader would. Fields are compared with the records the pipeline produced, not with
 * hand-written expectations, so this follows the parser as it improves.
 */
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enrichArchive } from "../../src/enrich/index.ts";
import type { Article } from "../../src/model/index.ts";
import { parseDump } from "../../src/parse/index.ts";
import { readDump } from "../../src/read/index.ts";
import { SEED_NAME, projectRoot, seedsDir } from "./fixtures.ts";
import { all, buildInto, text, type BuiltSite } from "./helpers.ts";

let site: BuiltSite;
let articles: Article[];
let dumpId: string;

beforeAll(async () => {
  const dump = readDump(resolve(seedsDir, SEED_NAME));
  const result = parseDump(dump);
  dumpId = dump.id;
  const enriched = await enrichArchive([{ dump, result }], resolve(projectRoot, "content", "_data"));
  articles = enriched.articles;
  site = await buildInto({ articles, dumps: [{ dump, result }], registries: enriched.registries }, { pathPrefix: "/archive/" });
});
afterAll(() => site.remove());

describe("the seed through the real pipeline", () => {
  it("gives every record a page with its headline, outlet, byline and body", async () => {
    expect(articles.length).toBeGreaterThan(0);
    for (const article of articles) {
      const doc = await site.page(`/articles/${article.slug}/`);
      expect(text(doc.querySelector("h1"))).toBe(article.headline);
      expect(text(doc.querySelector(".article-outlet"))).toBe(article.outlet?.name ?? "Unknown outlet");
      expect(text(doc.querySelector(".byline"))).toBe(article.byline === null ? "" : `By ${article.byline}`);
      expect(all(doc, ".article-body p:not(.dateline)").length).toBe(article.body.split(/\n\s*\n/).filter((p) => p.trim() !== "").length);
      expect(doc.querySelector(`.provenance a[href="/archive/dumps/${dumpId}/"]`)).not.toBeNull();
    }
  });

  it("links related records that resolve, and lists every record on the dump page", async () => {
    const dumpPage = await site.page(`/dumps/${dumpId}/`);
    const linked = all(dumpPage, ".run-head a").map((a) => a.getAttribute("href"));
    for (const article of articles) {
      expect(linked).toContain(`/archive/articles/${article.slug}/`);
      const doc = await site.page(`/articles/${article.slug}/`);
      const hrefs = all(doc, "#related-h + ul a").map((a) => a.getAttribute("href"));
      expect(hrefs).toEqual(article.related.filter((r) => r.url !== undefined).map((r) => `/archive${r.url}`));
    }
  });

  it("builds every index the records call for", async () => {
    const outlets = new Set(articles.flatMap((a) => (a.outlet === null ? [] : [a.outlet.slug])));
    for (const slug of outlets) expect(text((await site.page(`/outlets/${slug}/`)).querySelector("h1"))).not.toBe("");
    for (const topic of new Set(articles.flatMap((a) => a.topics))) await expect(site.read(`/topics/${topic}/`)).resolves.toContain("<h1>");
    const api = JSON.parse(await site.read("/api/articles.json")) as { articles: Array<{ slug: string }> };
    expect(api.articles.map((a) => a.slug).sort()).toEqual(articles.map((a) => a.slug).sort());
  });
});
