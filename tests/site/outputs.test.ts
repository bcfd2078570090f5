import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_SHA, SLUGS, seedArticles, seedInput } from "./fixtures.ts";
import { buildInto, type BuiltSite } from "./helpers.ts";

const BASE = "https://archive.example.org";
let site: BuiltSite;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "author", "category", "url", "link"].includes(name) });

beforeAll(async () => {
  site = await buildInto(seedInput(), { baseUrl: BASE, pathPrefix: "/archive/" });
});
afterAll(() => site.remove());

interface AtomEntry {
  id: string;
  title: string;
  link: Array<{ "@href": string }>;
  updated: string;
  published?: string;
  author: Array<{ name: string }>;
  category?: Array<{ "@term": string }>;
  content: { "#text": string; "@type": string };
}

async function feed(path: string): Promise<{ feed: { id: string; title: string; updated: string; entry?: AtomEntry[]; link: Array<{ "@rel": string; "@href": string }> } }> {
  const source = await site.read(path);
  expect(XMLValidator.validate(source)).toBe(true);
  return xml.parse(source) as Awaited<ReturnType<typeof feed>>;
}

describe("Atom feeds", () => {
  it("the site feed is valid XML with one entry per article, newest first, with authors", async () => {
    const { feed: f } = await feed("/feed.xml");
    expect(f.entry).toHaveLength(4);
    expect(f.entry!.map((e) => e.link[0]!["@href"])).toEqual(
      [SLUGS.anbar, SLUGS.agreement, SLUGS.coordinate, SLUGS.rejects].map((s) => `${BASE}/archive/articles/${s}/`),
    );
    const byTitle = new Map(f.entry!.map((e) => [e.title, e]));
    const [coordinate, , anbar, rejects] = seedArticles();
    expect(byTitle.get(coordinate!.headline)!.author.map((a) => a.name)).toEqual(["Manar al-Frieh/ Manal"]);
    // No byline: the outlet is credited, never an invented person.
    expect(byTitle.get(anbar!.headline)!.author.map((a) => a.name)).toEqual(["Fars News Agency"]);
    expect(byTitle.get(anbar!.headline)!.published).toBe("2015-10-14T00:00:00Z");
    expect(byTitle.get(rejects!.headline)!.published).toBeUndefined();
    expect(f.updated).toBe("2015-10-14T00:00:00Z");
    expect(f.link.find((l) => l["@rel"] === "self")!["@href"]).toBe(`${BASE}/archive/feed.xml`);
    expect(new Set(f.entry!.map((e) => e.id)).size).toBe(4);
    expect(byTitle.get(coordinate!.headline)!.content["@type"]).toBe("html");
    expect(byTitle.get(coordinate!.headline)!.content["#text"]).toContain("<p>Russia, Syria, Iran and Iraq have agreed");
  });

  it("each outlet and topic has a feed of its own articles", async () => {
    const outlet = await feed("/outlets/sana/feed.xml");
    expect(outlet.feed.entry!.map((e) => e.title).sort()).toEqual([seedArticles()[0]!.headline, seedArticles()[1]!.headline].sort());
    const topic = await feed("/topics/anbar/feed.xml");
    expect(topic.feed.entry!.map((e) => e.title)).toEqual([seedArticles()[2]!.headline]);
    expect(topic.feed.entry![0]!.category!.map((c) => c["@term"])).toContain("anbar");
  });
});

describe("sitemap and robots.txt", () => {
  it("lists every article and index page with absolute URLs", async () => {
    const source = await site.read("/sitemap.xml");
    expect(XMLValidator.validate(source)).toBe(true);
    const locs = (xml.parse(source) as { urlset: { url: Array<{ loc: string; lastmod?: string }> } }).urlset.url;
    const urls = locs.map((u) => u.loc);
    for (const slug of Object.values(SLUGS)) expect(urls).toContain(`${BASE}/archive/articles/${slug}/`);
    for (const path of ["", "outlets/", "topics/", "topics/iraq/", "dates/2015/", "dates/undated/", "dumps/000-a614a29300825745/", "search/"]) {
      expect(urls).toContain(`${BASE}/archive/${path}`);
    }
    expect(new Set(urls).size).toBe(urls.length);
    expect(locs.find((u) => u.loc.endsWith(`${SLUGS.anbar}/`))!.lastmod).toBe("2015-10-14");
  });

  it("robots.txt points at the sitemap", async () => {
    expect(await site.read("/robots.txt")).toContain(`Sitemap: ${BASE}/archive/sitemap.xml`);
  });
});

describe("JSON API", () => {
  it("articles.json has every record without its body", async () => {
    const api = JSON.parse(await site.read("/api/articles.json")) as { count: number; articles: Array<Record<string, unknown>> };
    expect(api.count).toBe(4);
    expect(api.articles).toHaveLength(4);
    for (const record of api.articles) {
      expect(record).not.toHaveProperty("body");
      expect(record.url).toBe(`${BASE}/archive/articles/${String(record.slug)}/`);
      expect(record.outlet).toEqual(expect.objectContaining({ name: expect.any(String), slug: expect.any(String) }));
      expect(Array.isArray(record.topics)).toBe(true);
      expect(record.sources).toEqual([expect.objectContaining({ sha256: SEED_SHA })]);
    }
    const agreement = api.articles.find((r) => r.slug === SLUGS.agreement)!;
    expect(agreement.related).toEqual([
      { headline: seedArticles()[2]!.headline, url: `${BASE}/archive/articles/${SLUGS.anbar}/` },
      { headline: seedArticles()[3]!.headline, url: `${BASE}/archive/articles/${SLUGS.rejects}/` },
      { headline: "A story the archive does not have" },
    ]);
  });

  it("each article's JSON carries its body", async () => {
    const record = JSON.parse(await site.read(`/api/articles/${SLUGS.coordinate}.json`)) as Record<string, unknown>;
    expect(record.body).toBe(seedArticles()[0]!.body);
    expect(record.headline).toBe(seedArticles()[0]!.headline);
    expect(record.date).toBe("2015-09-27");
  });

  it("outlets.json and topics.json list the registries' entries with counts", async () => {
    const outlets = JSON.parse(await site.read("/api/outlets.json")) as { outlets: Array<Record<string, unknown>> };
    expect(outlets.outlets.map((o) => [o.slug, o.count])).toEqual([["fars-news-agency", 2], ["sana", 2]]);
    const topics = JSON.parse(await site.read("/api/topics.json")) as { topics: Array<Record<string, unknown>> };
    const iraq = topics.topics.find((t) => t.slug === "iraq")!;
    expect(iraq.count).toBe(4);
    expect(iraq.url).toBe(`${BASE}/archive/topics/iraq/`);
    expect(topics.topics.find((t) => t.slug === "islamic-state")!.aliases).toEqual(["Daesh", "ISIS", "ISIL"]);
  });
});
