import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_NAME, SEED_SHA, SLUGS, seedArticles, seedInput, seedsDir, syntheticArticles } from "./fixtures.ts";
import { all, buildInto, cells, text, type BuiltSite } from "./helpers.ts";
import { LISTING_MAX, LISTING_MIN } from "../../src/site/view/pagination.ts";

const BASE = "https://archive.example.org";
let site: BuiltSite;

beforeAll(async () => {
  site = await buildInto(seedInput(), { baseUrl: BASE });
});
afterAll(() => site.remove());

describe("article page", () => {
  it("shows headline, linked outlet, byline, date and body", async () => {
    const doc = await site.page(`/articles/${SLUGS.coordinate}/`);
    const article = seedArticles()[0]!;
    expect(text(doc.querySelector("h1"))).toBe(article.headline);
    const outlet = doc.querySelector(".article-outlet a");
    expect(text(outlet)).toBe("SANA");
    expect(outlet?.getAttribute("href")).toBe("/outlets/sana/");
    expect(text(doc.querySelector(".byline"))).toBe("By Manar al-Frieh/ Manal");
    expect(doc.querySelector(".article-meta time")?.getAttribute("datetime")).toBe("2015-09-27");
    expect(text(doc.querySelector(".article-meta time"))).toBe("27 September 2015");
    const paragraphs = all(doc, ".article-body p").map(text);
    expect(paragraphs).toEqual(article.body.split("\n\n"));
  });

  it("keeps the dateline apart from the body and says 'undated' when there is no date", async () => {
    const doc = await site.page(`/articles/${SLUGS.rejects}/`);
    expect(text(doc.querySelector(".dateline"))).toBe("(FNA) ~");
    expect(all(doc, ".article-body p:not(.dateline)").some((p) => text(p).startsWith("(FNA)"))).toBe(false);
    expect(text(doc.querySelector(".article-meta"))).toContain("undated");
    expect(doc.querySelector(".article-meta .undated")?.getAttribute("href")).toBe("/dates/undated/");
    expect(doc.querySelector(".byline")).toBeNull();
  });

  it("links topics, lists related articles resolved first, and shows 'cited by'", async () => {
    const doc = await site.page(`/articles/${SLUGS.agreement}/`);
    expect(all(doc, ".tags a").map((a) => a.getAttribute("href"))).toEqual(
      ["iraq", "islamic-state", "russia", "syria", "iran"].map((t) => `/topics/${t}/`),
    );
    const related = all(doc, "#related-h + ul li");
    expect(related.map((li) => li.querySelector("a")?.getAttribute("href") ?? null)).toEqual([
      `/articles/${SLUGS.anbar}/`,
      `/articles/${SLUGS.rejects}/`,
      null,
    ]);
    expect(text(related[2])).toContain("(not in the archive)");

    const cited = await site.page(`/articles/${SLUGS.anbar}/`);
    expect(all(cited, "#cited-h + ul a").map((a) => a.getAttribute("href")).sort()).toEqual(
      [`/articles/${SLUGS.agreement}/`, `/articles/${SLUGS.coordinate}/`].sort(),
    );
  });

  it("has a provenance panel: dump link, sha256, line range, download", async () => {
    const doc = await site.page(`/articles/${SLUGS.anbar}/`);
    const panel = doc.querySelector(".provenance")!;
    expect(panel.querySelector(`a[href="/dumps/000-a614a29300825745/"]`)).not.toBeNull();
    expect(text(panel.querySelector(".hash"))).toBe(SEED_SHA);
    const lines = panel.querySelector(`a[href="/dumps/000-a614a29300825745/#L34"]`);
    expect(text(lines)).toBe("lines 34–58");
    expect(panel.querySelector("a[download]")?.getAttribute("href")).toBe(`/dumps/000-a614a29300825745/${SEED_NAME}`);
    expect(doc.querySelector("#also-h")).toBeNull();
  });

  it("lists 'also captured in' when a record has several sources", async () => {
    const input = seedInput();
    const merged = input.articles[2]!;
    merged.sources = [...merged.sources, { dump: "gone.txt", sha256: "f".repeat(64), lines: [3, 9] }];
    const other = await buildInto(input);
    try {
      const doc = await other.page(`/articles/${SLUGS.anbar}/`);
      expect(text(doc.querySelector("#also-h + ul"))).toBe("gone.txt, lines 3–9");
      expect(all(doc, ".provenance dl")).toHaveLength(2);
      expect(other.report.diagnostics.filter((d) => d.id === "dump-missing")).toEqual([expect.objectContaining({ level: "warning", file: "seeds/gone.txt" })]);
    } finally {
      await other.remove();
    }
  });

  it("carries canonical URL, OpenGraph and NewsArticle JSON-LD", async () => {
    const doc = await site.page(`/articles/${SLUGS.coordinate}/`);
    const url = `${BASE}/articles/${SLUGS.coordinate}/`;
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(url);
    expect(doc.querySelector('meta[property="og:url"]')?.getAttribute("content")).toBe(url);
    expect(doc.querySelector('meta[property="og:title"]')?.getAttribute("content")).toBe(seedArticles()[0]!.headline);
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!) as Record<string, unknown>;
    expect(ld["@type"]).toBe("NewsArticle");
    expect(ld.headline).toBe(seedArticles()[0]!.headline);
    expect(ld.datePublished).toBe("2015-09-27");
    expect(ld.url).toBe(url);
    expect(ld.author).toEqual([{ "@type": "Person", name: "Manar al-Frieh/ Manal" }]);
  });

  it("ships no script but JSON-LD and weighs at most 30 KB with its stylesheet", async () => {
    for (const slug of Object.values(SLUGS)) {
      const html = await site.read(`/articles/${slug}/`);
      const doc = await site.page(`/articles/${slug}/`);
      expect(all(doc, "script").every((s) => s.getAttribute("type") === "application/ld+json")).toBe(true);
      const css = await site.read(doc.querySelector('link[rel="stylesheet"]')!.getAttribute("href")!);
      expect(Buffer.byteLength(html) + Buffer.byteLength(css)).toBeLessThanOrEqual(30 * 1024);
    }
  });

  it("marks the body, filters and meta for Pagefind", async () => {
    const doc = await site.page(`/articles/${SLUGS.coordinate}/`);
    expect(all(doc, "[data-pagefind-body]")).toHaveLength(1);
    expect(text(doc.querySelector('[data-pagefind-filter="outlet"]'))).toBe("SANA");
    expect(all(doc, '[data-pagefind-filter="topic"]').map(text)).toContain("Islamic State");
    expect(doc.querySelector('[data-pagefind-filter="year:2015"]')).not.toBeNull();
    expect(doc.querySelector('[data-pagefind-meta="title"]')).not.toBeNull();
  });
});

describe("index pages", () => {
  it("home lists the latest articles, outlets, topics and dumps", async () => {
    const doc = await site.page("/");
    expect(all(doc, ".items .item-title a").map((a) => a.getAttribute("href"))).toEqual([
      `/articles/${SLUGS.anbar}/`,
      `/articles/${SLUGS.agreement}/`,
      `/articles/${SLUGS.coordinate}/`,
      `/articles/${SLUGS.rejects}/`,
    ]);
    expect(doc.querySelector('.list-aside a[href="/outlets/sana/"]')).not.toBeNull();
    expect(doc.querySelector('.list-aside a[href="/topics/islamic-state/"]')).not.toBeNull();
    expect(doc.querySelector('.list-aside a[href="/dumps/000-a614a29300825745/"]')).not.toBeNull();
    expect(doc.querySelector(".pager")).toBeNull();
  });

  it("paginates listings 10 to 40 a page with numbered navigation; the home lists the latest 20", async () => {
    const input = seedInput();
    input.articles.push(...syntheticArticles(81));
    const big = await buildInto(input);
    try {
      // SANA has 2 + 41 synthetic articles: more than one page holds.
      const counts: number[] = [];
      for (let n = 1; ; n++) {
        const path = n === 1 ? "/outlets/sana/" : `/outlets/sana/page/${n}/`;
        const page = await big.read(path).then(() => big.page(path), () => null);
        if (page === null) break;
        counts.push(all(page, ".items > li").length);
      }
      expect(counts.reduce((a, b) => a + b, 0)).toBe(43);
      expect(counts.length).toBeGreaterThan(1);
      for (const count of counts.slice(0, -1)) expect(count).toBeGreaterThanOrEqual(LISTING_MIN);
      for (const count of counts) expect(count).toBeLessThanOrEqual(LISTING_MAX);
      const second = await big.page("/outlets/sana/page/2/");
      const numbers = Array.from({ length: Math.min(counts.length, 4) }, (_, i) => `Page ${i + 1}=${i === 0 ? "/outlets/sana/" : `/outlets/sana/page/${i + 1}/`}`);
      expect(all(second, ".pager a").map((a) => `${text(a)}=${a.getAttribute("href")}`)).toEqual([
        "Previous page=/outlets/sana/",
        ...numbers,
        ...(counts.length > 2 ? ["Next page=/outlets/sana/page/3/"] : []),
      ]);
      expect(second.querySelector('.pager a[aria-current="page"]')?.getAttribute("href")).toBe("/outlets/sana/page/2/");
      expect(second.querySelector('meta[name="robots"]')?.getAttribute("content")).toContain("noindex");
      // The home: the latest 20, no pages after it, and the way to the rest.
      const home = await big.page("/");
      expect(all(home, ".items > li")).toHaveLength(20);
      expect(home.querySelector(".pager")).toBeNull();
      expect(text(home.querySelector(".more-link a")!)).toBe("All 85 articles, by date");
      expect(home.querySelector(".more-link a")?.getAttribute("href")).toBe("/dates/");
      await expect(big.read("/page/2/")).rejects.toThrow();
    } finally {
      await big.remove();
    }
  });

  it("outlet page: registry description, count, date range, timeline with a text alternative", async () => {
    const doc = await site.page("/outlets/fars-news-agency/");
    expect(text(doc.querySelector("h1"))).toBe("Fars News Agency");
    expect(text(doc.querySelector(".lead"))).toBe("An Iranian news agency.");
    const facts = all(doc, ".facts > div").map(cells);
    expect(facts).toEqual(["Articles 2 articles", "Dates 14 October 2015", "Undated 1 article", "Country Iran"]);
    const svg = doc.querySelector("figure.chart svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(text(svg.querySelector("title"))).toBe("Articles per month from Fars News Agency");
    expect(all(svg, "rect")).toHaveLength(1);
    expect(all(doc, "figure.chart tbody tr").map(cells)).toEqual(["October 2015 1"]);
    expect(doc.querySelector('link[rel="alternate"][href="/outlets/fars-news-agency/feed.xml"]')).not.toBeNull();
  });

  it("topic page: description, aliases, attention chart by outlet, related topics", async () => {
    const doc = await site.page("/topics/islamic-state/");
    expect(text(doc.querySelector("h1"))).toBe("Islamic State");
    expect(text(doc.querySelector(".aliases"))).toBe("Also known as Daesh, ISIS, ISIL");
    expect(all(doc, ".legend-item").map(text)).toEqual(["SANA", "Fars News Agency"]);
    expect(all(doc, "figure.chart tbody tr").map(cells)).toEqual(["September 2015 2 0 2", "October 2015 0 1 1"]);
    const related = all(doc, "#rt-h + ul a").map((a) => a.getAttribute("href"));
    expect(related[0]).toBe("/topics/iraq/");
    expect(related).toContain("/topics/anbar/");
    expect(related).not.toContain("/topics/islamic-state/");
    expect(all(doc, ".items > li")).toHaveLength(4);
  });

  it("date archives by year, month and undated", async () => {
    const year = await site.page("/dates/2015/");
    expect(all(year, "#months-h + ul a").map((a) => a.getAttribute("href"))).toEqual(["/dates/2015/09/", "/dates/2015/10/"]);
    expect(all(year, ".items > li")).toHaveLength(3);
    expect(all(await site.page("/dates/2015/09/"), ".items > li")).toHaveLength(2);
    const undated = await site.page("/dates/undated/");
    expect(all(undated, ".items .item-title a").map((a) => a.getAttribute("href"))).toEqual([`/articles/${SLUGS.rejects}/`]);
    const dates = await site.page("/dates/");
    expect(dates.querySelector('a[href="/dates/undated/"]')).not.toBeNull();
  });

  it("directories of outlets, topics and dumps", async () => {
    expect(all(await site.page("/outlets/"), ".directory a").map(text)).toEqual(["Fars News Agency", "SANA"]);
    const topics = await site.page("/topics/");
    expect(all(topics, "h2").map(text)).toEqual(["Places", "Organisations"]);
    expect(all(await site.page("/dumps/"), ".directory a").map(text)).toEqual([SEED_NAME]);
  });
});

describe("dump page", () => {
  it("shows every line with its role, links article lines, and lists warnings", async () => {
    const doc = await site.page("/dumps/000-a614a29300825745/");
    const seed = (await readFile(join(seedsDir, SEED_NAME), "utf8")).split("\n");
    const rows = all(doc, "tr[id^=L]");
    expect(rows).toHaveLength(seed.length);
    expect(rows.map((r) => r.querySelector(".text")?.textContent)).toEqual(seed);
    expect(doc.getElementById("L18")?.className).toBe("r-caption");
    expect(text(doc.getElementById("L18")?.querySelector(".role"))).toBe("caption?");
    expect(text(doc.getElementById("L30")?.querySelector(".role"))).toBe("related-marker");
    const heads = all(doc, ".run-head a").map((a) => a.getAttribute("href"));
    for (const slug of Object.values(SLUGS)) expect(heads).toContain(`/articles/${slug}/`);
    // The blank lines inside an article stay in its run.
    expect(doc.getElementById("L5")?.closest("tbody")).toBe(doc.getElementById("L16")?.closest("tbody"));
    expect(all(doc, ".role-legend .role-chip").map(text)).toContain("caption");
    expect(text(doc.querySelector(".warnings"))).toContain("line 18");
  });

  it("offers the raw file, byte for byte", async () => {
    const doc = await site.page("/dumps/000-a614a29300825745/");
    const href = doc.querySelector("a[download]")!.getAttribute("href")!;
    const copied = await readFile(join(site.dir, href));
    expect(copied.equals(await readFile(join(seedsDir, SEED_NAME)))).toBe(true);
  });
});

describe("search page", () => {
  it("mounts the search script and keeps a plain list of outlets and topics", async () => {
    const doc = await site.page("/search/");
    expect(doc.querySelector("#search")?.getAttribute("data-shards")).toBe("/search-index/shards.json");
    expect(doc.querySelector("script[src^='/assets/search.']")).not.toBeNull();
    expect(all(doc, "#b-outlets + ul a").map(text)).toEqual(["Fars News Agency", "SANA"]);
    expect(all(doc, "#b-topics + ul a")).toHaveLength(7);
  });
});
