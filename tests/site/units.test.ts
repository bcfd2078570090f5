import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { absoluteUrl, normaliseBaseUrl, normalisePathPrefix, prefixedPath, rawDumpFileName } from "../../src/site/urls.ts";
import { monthRange, topicAttention } from "../../src/site/view/charts.ts";
import { dateLabel, excerpt, textDirection } from "../../src/site/view/format.ts";
import { dumpsDirectory } from "../../src/site/view/directories.ts";
import { chunk, LISTING_MAX, LISTING_MIN, listingChunks, navReach, pageNav } from "../../src/site/view/pagination.ts";
import { escapeXml, urnUuid, xmlSafe } from "../../src/site/view/feeds.ts";
import { dumpLineRows, escapeHtml } from "../../src/site/view/line-rows.ts";
import { scriptSafeJson } from "../../src/site/view/article-page.ts";
import { BodyRefs, renderDeferred } from "../../src/site/body-refs.ts";
import { batches, type BatchData } from "../../src/site/eleventy.ts";
import { BodyCache, renderBody } from "../../src/site/render-body.ts";
import { buildSiteData } from "../../src/site/site-data.ts";
import type { Article } from "../../src/model/index.ts";
import type { ArticlePage, DumpLine, FeedEntry } from "../../src/site/view/types.ts";
import { hostileArticle, plainSiteDataOptions, registries, seedDump, syntheticArticles } from "./fixtures.ts";

describe("urls", () => {
  it("normalises path prefixes and base URLs", () => {
    expect(["", "/", "archive", "/archive", "/archive/", "archive/"].map(normalisePathPrefix)).toEqual(["/", "/", "/archive/", "/archive/", "/archive/", "/archive/"]);
    expect(normaliseBaseUrl("https://example.org/")).toBe("https://example.org");
    expect(normaliseBaseUrl("https://example.org/news/")).toBe("https://example.org/news");
    expect(() => normaliseBaseUrl("example.org")).toThrow(TypeError);
    expect(() => normaliseBaseUrl("ftp://example.org")).toThrow(TypeError);
  });

  it("puts site paths under the prefix and the base URL", () => {
    expect(prefixedPath("/articles/x/", "/archive/")).toBe("/archive/articles/x/");
    expect(prefixedPath("/", "/archive/")).toBe("/archive/");
    expect(prefixedPath("#L4", "/archive/")).toBe("#L4");
    expect(() => prefixedPath("articles/x/", "/")).toThrow(TypeError);
    expect(absoluteUrl("/feed.xml", "/archive/", "https://example.org")).toBe("https://example.org/archive/feed.xml");
    expect(absoluteUrl("/feed.xml", "/", null)).toBe("/feed.xml");
  });

  it("serves every raw dump but plain text under a .txt name", () => {
    expect(rawDumpFileName("a.txt")).toBe("a.txt");
    expect(rawDumpFileName("page.html")).toBe("page.html.txt");
  });
});

describe("pagination", () => {
  it("chunks by 20 and always makes at least one page", () => {
    expect(chunk(Array.from({ length: 41 }, (_, i) => i)).map((c) => c.length)).toEqual([20, 20, 1]);
    expect(chunk([])).toEqual([[]]);
  });

  it("numbers pages around the current one with gaps", () => {
    const shown = (current: number, count: number): string =>
      pageNav("/topics/x/", current, count, "Pages")!.pages.map((p) => (p === null ? "…" : p.current ? `[${p.n}]` : String(p.n))).join(" ");
    expect(shown(10, 30)).toBe("1 … 8 9 [10] 11 12 …");
    expect(shown(4, 6)).toBe("1 2 3 [4] 5 6");
    expect(shown(30, 30)).toBe("1 … 28 29 [30]");
    const nav = pageNav("/topics/x/", 10, 30, "Pages")!;
    expect(nav.prev).toBe("/topics/x/page/9/");
    expect(nav.next).toBe("/topics/x/page/11/");
    expect(pageNav("/", 1, 4, "Pages")!.pages.map((p) => p?.url)).toEqual(["/", "/page/2/", "/page/3/", undefined]);
    expect(pageNav("/", 1, 1, "Pages")).toBeNull();
  });

  describe("listing pages", () => {
    const id = (i: number): string => createHash("sha256").update(`article ${i}`).digest("hex").slice(0, 16);
    const listing = Array.from({ length: 3000 }, (_, i) => id(i));
    const pages = (list: readonly string[], paging: (list: readonly string[]) => string[][]): string[] => paging(list).map((page) => page.join(" "));
    const byKey = (list: readonly string[]): string[][] => listingChunks(list, (key) => key);

    it("keep every article once, in order, 10 to 40 a page and about 20 on average", () => {
      const chunks = byKey(listing);
      expect(chunks.flat()).toEqual(listing);
      const sizes = chunks.map((page) => page.length);
      expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(LISTING_MIN);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(LISTING_MAX);
      expect(listing.length / chunks.length).toBeGreaterThan(15);
      expect(listing.length / chunks.length).toBeLessThan(25);
      expect(byKey([])).toEqual([[]]);
    });

    it("change where an article is inserted, not on every page after it", () => {
      // Insertions at spread positions; pages of a fixed 20 are the yardstick.
      const trials = Array.from({ length: 200 }, (_, t) => {
        const list = [...listing];
        list.splice((t * 7919) % (listing.length + 1), 0, id(100_000 + t));
        return list;
      });
      const changes = (paging: (list: readonly string[]) => string[][]) => {
        const before = pages(listing, paging);
        const known = new Set(before);
        return trials.map((list) => {
          const after = pages(list, paging);
          return { renumbered: after.filter((page, n) => page !== before[n]).length, remade: after.filter((page) => !known.has(page)).length };
        });
      };
      const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
      const fixed = changes((list) => chunk(list));
      const stable = changes(byKey);
      expect(mean(fixed.map((c) => c.renumbered))).toBeGreaterThan(50);
      expect(Math.max(...stable.map((c) => c.remade))).toBeLessThanOrEqual(4);
      expect(mean(stable.map((c) => c.renumbered))).toBeLessThan(mean(fixed.map((c) => c.renumbered)) / 8);
    });
  });

  it("gives a page the same navigation whatever the count, within its reach", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (current, a, b) => {
        const [one, two] = [current + a, current + b];
        const same = navReach(current, one) === navReach(current, two);
        expect(same).toBe(JSON.stringify(pageNav("/", current, one, "P")) === JSON.stringify(pageNav("/", current, two, "P")));
      }),
    );
  });

  it("remakes only the last pages of the dumps directory when a dump opens a new page", () => {
    const base = seedDump();
    const dumps = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...base, dump: { ...base.dump, name: `dump-${String(i).padStart(4, "0")}.txt`, id: `d${i}` } }));
    const before = dumpsDirectory(dumps(200)).map((page) => JSON.stringify(page));
    const after = dumpsDirectory(dumps(201)).map((page) => JSON.stringify(page));
    expect([before.length, after.length]).toEqual([10, 11]);
    // Page 1 counts the dumps; pages 8 to 10 reach the new page 11; 2 to 7 stay as they were.
    expect(after.map((page, i) => page === before[i])).toEqual([false, true, true, true, true, true, true, false, false, false, false]);
  });
});

describe("charts", () => {
  it("spans every month between the first and last, across years", () => {
    expect(monthRange("2015-11", "2016-02")).toEqual(["2015-11", "2015-12", "2016-01", "2016-02"]);
  });

  it("stacks a topic's months by outlet, and its table sums to the dated articles", () => {
    const articles = syntheticArticles(40);
    const chart = topicAttention("iraq", "Iraq", articles, (slug) => slug.toUpperCase())!;
    const dated = articles.filter((a) => a.date !== null).length;
    const total = chart.table.rows.reduce((sum, row) => sum + Number(row[row.length - 1]), 0);
    expect(total).toBe(dated);
    expect(chart.legend.map((l) => l.label)).toEqual(["FARS-NEWS-AGENCY", "SANA"]);
    for (const bar of chart.bars) {
      expect(bar.y).toBeGreaterThanOrEqual(chart.plot.top);
      expect(bar.y + bar.height).toBeLessThanOrEqual(chart.plot.bottom + 0.1);
    }
    expect(topicAttention("x", "X", articles.filter((a) => a.date === null), (s) => s)).toBeNull();
  });
});

describe("text for pages and feeds", () => {
  it("formats dates without locale data and says undated", () => {
    expect(dateLabel("2015-09-07")).toBe("7 September 2015");
    expect(dateLabel(null)).toBe("undated");
  });

  it("makes excerpts from the first paragraph, without Markdown", () => {
    expect(excerpt("A *short* \\<b> [link](/x).\n\nSecond.")).toBe("A short <b> link.");
    expect(excerpt("word ".repeat(100), 50).length).toBeLessThanOrEqual(51);
  });

  it("knows right-to-left languages", () => {
    expect(["ar", "fa-IR", "he", "en", "fr"].map(textDirection)).toEqual(["rtl", "rtl", "rtl", "ltr", "ltr"]);
  });

  it("keeps XML well-formed and JSON inside script elements inert", () => {
    expect(xmlSafe("a\u0000b\u000Bc\uD800d\tok")).toBe("abcd\tok");
    expect(escapeXml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
    expect(urnUuid("article:1")).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(urnUuid("article:1")).toBe(urnUuid("article:1"));
    const json = scriptSafeJson({ headline: "</script><script>alert(1)</script>\u2028" });
    expect(json).not.toMatch(/[<>\u2028]/);
    expect(JSON.parse(json)).toEqual({ headline: "</script><script>alert(1)</script>\u2028" });
  });
});

describe("article bodies by reference", () => {
  /** The one batch of a small site's pages, its bodies as `refs`' markers. */
  function batchOf(articles: Article[], refs: BodyRefs): BatchData {
    const { data } = buildSiteData({ articles, dumps: [seedDump()], registries }, { ...plainSiteDataOptions(), renderBody: (article, use) => refs.ref(article, use) });
    const all = [...batches(data, 100_000)];
    expect(all).toHaveLength(1);
    return all[0]!;
  }
  const pageOf = (batch: BatchData, article: Article): ArticlePage => batch.articles.find((page) => page.slug === article.slug)!;
  const homeFeedEntry = (batch: BatchData, article: Article): FeedEntry => batch.feeds.find((feed) => feed.path === "/feed.xml")!.entries.find((entry) => entry.title === article.headline)!;

  it("puts in on a rendering thread what this thread would: cached bodies here, the others from their Markdown", async () => {
    const dir = await mkdtemp(join(tmpdir(), "newsarchive-bodies-"));
    try {
      // The last body holds a character XML 1.0 forbids: feeds print it without.
      const articles = [...syntheticArticles(3), { ...hostileArticle(), body: "A form feed \f in a body." }];
      const cache = new BodyCache(dir);
      const refs = new BodyRefs(cache, xmlSafe);
      // The first body is rendered (and cached) before; the others are not.
      const firstHtml = pageOf(refs.hydrate(batchOf(articles.slice(0, 1), refs)), articles[0]!).bodyHtml;
      const view = batchOf(articles, refs);
      const { view: partly, bodies } = refs.deferred(view);
      expect(Object.values(bodies).sort()).toEqual(articles.slice(1).map((a) => a.body).sort());
      expect(pageOf(partly, articles[0]!).bodyHtml).toBe(firstHtml);
      expect(pageOf(partly, articles[1]!).bodyHtml).toBe(pageOf(view, articles[1]!).bodyHtml);
      expect(partly.dumps).toBe(view.dumps);

      const { view: done, rendered } = renderDeferred(partly, bodies, xmlSafe);
      expect(done).toEqual(refs.hydrate(view));
      expect(pageOf(done, articles[3]!).bodyHtml).toContain("\f");
      expect(homeFeedEntry(done, articles[3]!).contentHtml).toBe(xmlSafe(pageOf(done, articles[3]!).bodyHtml));
      expect(homeFeedEntry(done, articles[3]!).contentHtml).not.toContain("\f");
      expect(rendered.map(([key]) => key).sort()).toEqual(Object.keys(bodies).sort());
      refs.rendered(rendered);
      for (const key of refs.keys) expect(cache.lookup(key)).toBeDefined();
      expect(() => renderDeferred(partly, {}, xmlSafe)).toThrow(/without its body/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("puts a body into the body fields only: text elsewhere that looks like a marker stays text", async () => {
    const dir = await mkdtemp(join(tmpdir(), "newsarchive-bodies-"));
    try {
      const refs = new BodyRefs(new BodyCache(dir), xmlSafe);
      const [article] = syntheticArticles(1);
      const marker = refs.ref(article!);
      const lookalike = { ...article!, slug: "lookalike", id: "lookalike", headline: marker, byline: `${marker}x` };
      const done = refs.hydrate(batchOf([article!, lookalike], refs));
      expect(pageOf(done, article!).bodyHtml).toBe(renderBody(article!.body));
      expect(pageOf(done, lookalike).headline).toBe(marker);
      expect(pageOf(done, lookalike).byline).toBe(`${marker}x`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("dump line rows", () => {
  it("escapes as the templates' autoescape does", () => {
    expect(escapeHtml(`<a href="x">&'\\ plain`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&#92; plain");
    expect(escapeHtml("Ünïcode — as is")).toBe("Ünïcode — as is");
  });

  const role = fc.constantFrom("headline", "body", "blank", "junk", 'x" onclick="alert(1)');
  // Texts without NUL or CR, which HTML parsers replace (dump lines have no CR: line ends are normalised).
  const line = fc.record({ n: fc.nat(100_000), role, text: fc.string({ unit: "binary" }).map((t) => t.replace(/[\0\r]/g, "")), unsure: fc.boolean() });

  it("gives one row per line whose cells read back as the line, whatever its text", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines: DumpLine[]) => {
        const { document } = parseHTML(`<table><tbody>${dumpLineRows(lines)}</tbody></table>`);
        const rows = [...document.querySelectorAll("tr")];
        expect(rows).toHaveLength(lines.length);
        expect(document.querySelectorAll("td")).toHaveLength(3 * lines.length);
        expect(document.querySelectorAll("span")).toHaveLength(lines.filter((l) => l.unsure && l.role !== "blank").length);
        rows.forEach((row, i) => {
          const { n, role, text, unsure } = lines[i]!;
          expect(row.getAttribute("id")).toBe(`L${n}`);
          expect(row.getAttribute("class")).toBe(`r-${role}`);
          expect(row.querySelector(".ln")?.textContent).toBe(String(n));
          expect(row.querySelector(".role")?.textContent).toBe(role === "blank" ? "" : unsure ? `${role}?` : role);
          expect(row.querySelector(".text")?.textContent).toBe(text);
        });
      }),
    );
  });
});
