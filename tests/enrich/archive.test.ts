import { describe, expect, it } from "vitest";
import { backlinks, enrichArchive, type ParsedDump } from "../../src/enrich/index.ts";
import { ArticleSchema, type Article } from "../../src/model/index.ts";
import { article, corpusDumps, dataDir, parsedDump, readAndParse, repostPath, seedPath, hasCorpus } from "./helpers.ts";

const seed = await readAndParse(seedPath);
const repost = await readAndParse(repostPath);
const seedOnly = await enrichArchive([seed], dataDir);
const byHeadline = (articles: Article[], start: string): Article => articles.find((a) => a.headline.startsWith(start))!;

describe("the seed", () => {
  const [first, second, third, fourth] = seedOnly.articles;

  it("gives four valid records with the outlets normalised", () => {
    expect(seedOnly.articles).toHaveLength(4);
    for (const record of seedOnly.articles) expect(ArticleSchema.parse(record)).toEqual(record);
    expect(seedOnly.articles.map((a) => a.outlet)).toEqual([
      { name: "SANA", slug: "sana" },
      { name: "SANA", slug: "sana" },
      { name: "Fars News Agency", slug: "fars-news-agency" },
      { name: "Fars News Agency", slug: "fars-news-agency" },
    ]);
    expect(seedOnly.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
  });

  it("tags the Islamic State and Iraq on all four, Russia, Syria and Iran on the first two", () => {
    for (const record of seedOnly.articles) expect(record.topics).toEqual(expect.arrayContaining(["islamic-state", "iraq"]));
    for (const record of [first!, second!]) expect(record.topics).toEqual(expect.arrayContaining(["russia", "syria", "iran"]));
    expect(third!.topics).toContain("popular-mobilization-forces");
    expect(fourth!.topics).toContain("popular-mobilization-forces");
  });

  it("links the first two articles' related headlines to the two FNA articles", () => {
    const fnaUrls = [third!, fourth!].map((a) => `/articles/${a.slug}/`);
    expect(first!.related.map((r) => r.url)).toEqual(fnaUrls);
    expect(second!.related.map((r) => r.url)).toEqual(fnaUrls);
    const citedBy = backlinks(seedOnly.articles);
    expect(citedBy.get(third!.id)?.map((a) => a.id)).toEqual([first!.id, second!.id]);
  });

  it("keeps the dateline out of the body and escapes the body as text", () => {
    expect(third!.dateline).toBe("(FNA) ~");
    expect(third!.body.startsWith("A senior leader")).toBe(true);
    expect(third!.body.split("\n\n")).toHaveLength(12);
  });

  it("leaves articles undated when nothing dates them", () => {
    expect(seedOnly.articles.map((a) => a.date)).toEqual([null, null, null, null]);
  });

  it("records where every article came from", () => {
    expect(first!.sources).toEqual([{ dump: seed.dump.name, sha256: seed.dump.sha256, lines: [4, 16] }]);
    expect(first!.id).toBe(`${seed.dump.sha256.slice(0, 12)}-1`);
  });
});

describe("a second dump reposting a Fars News story with different debris", () => {
  it("merges into the existing record: one article, two sources, same id and slug", async () => {
    const { articles, diagnostics } = await enrichArchive([repost, seed], dataDir, seedOnly.articles);
    expect(articles).toHaveLength(4);
    const merged = byHeadline(articles, "Iraq Rejects US Request");
    const before = byHeadline(seedOnly.articles, "Iraq Rejects US Request");
    expect(merged.sources.map((s) => [s.dump, s.lines])).toEqual([[seed.dump.name, [62, 74]], [repost.dump.name, [8, 20]]]);
    expect([merged.id, merged.slug]).toEqual([before.id, before.slug]);
    expect(diagnostics.map((d) => d.id)).toContain("merged-duplicate");
    // The repost's sidecar capture date and "on Wednesday" date the story.
    expect(merged.date).toBe("2015-09-30");
    // The other three are unchanged apart from nothing.
    for (const other of articles.filter((a) => a !== merged)) {
      expect(other).toEqual(seedOnly.articles.find((a) => a.id === other.id));
    }
  });

  it("merges when only the new dump is enriched, returning the existing record updated", async () => {
    const { articles } = await enrichArchive([repost], dataDir, seedOnly.articles);
    const before = byHeadline(seedOnly.articles, "Iraq Rejects US Request");
    expect(articles).toHaveLength(1);
    expect(articles[0]).toEqual({
      ...before,
      date: "2015-09-30",
      sources: [...before.sources, { dump: repost.dump.name, sha256: repost.dump.sha256, lines: [8, 20] }],
    });
  });

  it("keeps the merge when the repost's dump changes and is enriched again", async () => {
    const merged = (await enrichArchive([repost], dataDir, seedOnly.articles)).articles[0]!;
    const archive = seedOnly.articles.map((a) => (a.id === merged.id ? merged : a));
    const changed = { ...repost, dump: { ...repost.dump, sha256: "f".repeat(64) } };
    const { articles } = await enrichArchive([changed], dataDir, archive);
    expect(articles).toHaveLength(1);
    expect(articles[0]!.id).toBe(merged.id);
    expect(articles[0]!.sources.map((s) => s.sha256)).toEqual([seed.dump.sha256, "f".repeat(64)]);
  });

  it("resolves an existing article's related headline when the article it names arrives", async () => {
    const [first, second] = seedOnly.articles;
    const unresolved = [first!, second!].map((a) => ({ ...a, related: a.related.map(({ headline }) => ({ headline })) }));
    const { articles } = await enrichArchive([repost], dataDir, unresolved);
    const arrived = articles.find((a) => a.sources.some((s) => s.dump === repost.dump.name))!;
    expect(arrived.sources).toHaveLength(1);
    const updated = articles.filter((a) => a !== arrived);
    expect(updated.map((a) => a.id)).toEqual([first!.id, second!.id]);
    for (const article of updated) {
      expect(article.related).toEqual([
        { headline: "Iraqi Popular Forces Not to Fight alongside Americans in Anbar" },
        { headline: "Iraq Rejects US Request for Partnership in Combat against ISIL", url: `/articles/${arrived.slug}/` },
      ]);
    }
  });

  it("never duplicates on re-enrichment, and gives the same records each time", async () => {
    const once = await enrichArchive([seed, repost], dataDir, seedOnly.articles);
    const twice = await enrichArchive([seed, repost], dataDir, once.articles);
    expect(twice.articles).toEqual(once.articles);
    expect(new Set(twice.articles.map((a) => a.id)).size).toBe(4);
  });

  it("merges under a content-derived id when there is no existing record", async () => {
    const { articles } = await enrichArchive([seed, repost], dataDir);
    const merged = byHeadline(articles, "Iraq Rejects US Request");
    expect(merged.sources).toHaveLength(2);
    expect(merged.id).toMatch(/^c[0-9a-f]{15}$/);
  });
});

describe("a dump whose text changes and is enriched again with the whole archive", () => {
  /** The seed with one word of one article's body changed: a new sha256, the same articles. */
  const edited = (): ParsedDump => {
    const articles = seed.result.articles.map((a, i) => (i === 2 ? { ...a, body: a.body.map((p, k) => (k === 3 ? p.replace(/\bthe\b/, "that") : p)) } : a));
    expect(articles[2]!.body).not.toEqual(seed.result.articles[2]!.body);
    return { dump: { ...seed.dump, sha256: "e".repeat(64) }, result: { ...seed.result, articles } };
  };

  it("keeps every id and slug: an article's earlier version is not another story", async () => {
    const { articles } = await enrichArchive([edited()], dataDir, seedOnly.articles);
    expect(articles.map((a) => [a.id, a.slug])).toEqual(seedOnly.articles.map((a) => [a.id, a.slug]));
    for (const record of articles) expect(record.sources).toEqual([{ dump: seed.dump.name, sha256: "e".repeat(64), lines: expect.any(Array) }]);
    // The related links still point at the same pages.
    expect(articles[0]!.related).toEqual(seedOnly.articles[0]!.related);
  });

  it("keeps ids and slugs when the changed article moved within its dump", async () => {
    const moved = edited();
    moved.result = { ...moved.result, articles: moved.result.articles.map((a) => ({ ...a, lines: [a.lines[0] + 3, a.lines[1] + 3] as [number, number] })) };
    const { articles } = await enrichArchive([moved], dataDir, seedOnly.articles);
    expect(articles.map((a) => [a.id, a.slug])).toEqual(seedOnly.articles.map((a) => [a.id, a.slug]));
  });

  it("keeps a merged record's id with one source per dump, the newest capture replacing the old", async () => {
    const merged = (await enrichArchive([repost], dataDir, seedOnly.articles)).articles[0]!;
    const archive = seedOnly.articles.map((a) => (a.id === merged.id ? merged : a));
    const changedRepost = { ...repost, dump: { ...repost.dump, sha256: "d".repeat(64) } };
    const { articles } = await enrichArchive([edited(), changedRepost], dataDir, archive);
    expect(articles).toHaveLength(4);
    const again = articles.find((a) => a.id === merged.id)!;
    expect(again.slug).toBe(merged.slug);
    expect(again.sources.map((s) => [s.dump, s.sha256])).toEqual([[seed.dump.name, "e".repeat(64)], [repost.dump.name, "d".repeat(64)]]);
  });

  it("gives the slug of an article its dump no longer has to a new article of that dump", async () => {
    const [first] = seedOnly.articles;
    const rewritten = parsedDump(seed.dump.name, [
      { ...seed.result.articles[0]!, body: ["Entirely new text, written again from the start, about the same subject."], lines: [3, 5] },
    ]);
    const { articles } = await enrichArchive([rewritten], dataDir, seedOnly.articles);
    expect(articles).toHaveLength(1);
    expect(articles[0]!.slug).toBe(first!.slug);
  });

  it("gives a record at most one source per dump, even when a dump holds its story twice", async () => {
    const story = seed.result.articles[2]!;
    const twice = parsedDump("020_twice.txt", [story, { ...story, body: ["Share this: Facebook Twitter", ...story.body], lines: [40, 60] }]);
    const { articles } = await enrichArchive([twice], dataDir);
    expect(articles).toHaveLength(1);
    expect(articles[0]!.sources.map((s) => s.dump)).toEqual(["020_twice.txt"]);
  });
});

describe("enrichArchive", () => {
  it("gives the same output whatever order the dumps come in", async () => {
    const a = await enrichArchive([seed, repost], dataDir);
    const b = await enrichArchive([repost, seed], dataDir);
    expect(b).toEqual(a);
  });

  it("files an unknown outlet under its own name, warns once, and lists it in the registries", async () => {
    const dump = parsedDump("010_example.txt", [
      article({ headline: "First story from the Daily Example", outlet: "The Daily Example", body: ["Some text about Iraq."], lines: [1, 3] }),
      article({ headline: "Second story from the Daily Example", outlet: "the daily example.", body: ["More text."], lines: [5, 7] }),
    ]);
    const { articles, diagnostics, registries } = await enrichArchive([dump], dataDir);
    expect(articles.map((a) => a.outlet)).toEqual([
      { name: "The Daily Example", slug: "the-daily-example" },
      { name: "The Daily Example", slug: "the-daily-example" },
    ]);
    const warnings = diagnostics.filter((d) => d.id === "unknown-outlet");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: "warning", file: "seeds/010_example.txt", line: 1 });
    expect(warnings[0]!.hint).toContain("outlets.yaml");
    expect(registries.outlets.find((o) => o.slug === "the-daily-example")?.name).toBe("The Daily Example");
  });

  it("lists kept discovered topics in the registries, with the articles that carry them", async () => {
    const dump = parsedDump("011_geneva.txt", [
      article({ headline: "Talks open in Geneva", body: ["Delegations arrived in Geneva on Monday for talks."], lines: [1, 3] }),
      article({ headline: "Geneva talks stall", body: ["The talks in Geneva stalled over the agenda."], lines: [5, 7] }),
    ]);
    const { articles, registries, diagnostics } = await enrichArchive([dump], dataDir);
    expect(registries.topics.find((t) => t.slug === "geneva")).toMatchObject({ name: "Geneva", kind: "place" });
    expect(diagnostics.filter((d) => d.id === "discovered-topic").map((d) => d.message)).toEqual([expect.stringContaining("/topics/geneva/")]);
    expect(articles.every((a) => a.topics.includes("geneva"))).toBe(true);
  });

  it("handles Arabic: language, right-to-left script, an id-based slug", async () => {
    const dump = parsedDump("012_arabic.txt", [
      article({
        headline: "روسيا وسوريا وإيران والعراق تنسق عملياتها ضد داعش",
        outlet: "SANA",
        body: ["اتفقت روسيا وسوريا وإيران والعراق على إنشاء مركز معلومات في العاصمة العراقية بغداد لتنسيق عملياتها ضد تنظيم داعش الإرهابي."],
        lines: [1, 3],
      }),
    ]);
    const [record] = (await enrichArchive([dump], dataDir)).articles;
    expect(record!.language).toBe("ar");
    expect(record!.slug).toBe(record!.id);
    expect(record!.outlet?.slug).toBe("sana");
    // Curated aliases in Arabic script tag it too.
    expect(record!.topics).toEqual(expect.arrayContaining(["russia", "islamic-state"]));
  });

  it("dates from the capture date only what the text dates, and keeps a parsed date first", async () => {
    const dump = parsedDump(
      "014_dates.txt",
      [
        article({ headline: "Library opens", body: ["The library opened on Saturday to crowds."], lines: [1, 2] }),
        article({ headline: "Museum plans", body: ["The museum plans to expand next year."], lines: [4, 5] }),
        article({ headline: "Park closes", date: "2015-09-01", body: ["The park closed on Saturday."], lines: [7, 8] }),
      ],
      { date: "2015-09-29" },
    );
    const { articles } = await enrichArchive([dump], dataDir);
    expect(articles.map((a) => a.date)).toEqual(["2015-09-26", null, "2015-09-01"]);
  });

  it("takes a sidecar's language over detection", async () => {
    const dump = parsedDump("013_lang.txt", [article({ headline: "A headline in English", body: ["And a body in English too, long enough to detect."], lines: [1, 2] })], { language: "en-GB" });
    expect((await enrichArchive([dump], dataDir)).articles[0]!.language).toBe("en-GB");
  });

  it("merges byte-identical copies of a dump under another name, and ignores the same dump given twice", async () => {
    const copy = { ...seed, dump: { ...seed.dump, name: "zz-copy.txt" } };
    const { articles } = await enrichArchive([seed, seed, copy], dataDir);
    expect(articles).toHaveLength(4);
    for (const record of articles) expect(record.sources.map((s) => s.dump)).toEqual([seed.dump.name, "zz-copy.txt"]);
  });

  it("throws on misuse", async () => {
    await expect(enrichArchive(null as unknown as ParsedDump[], dataDir)).rejects.toThrow(TypeError);
  });

  it.skipIf(!hasCorpus)("turns the whole dev corpus into valid records with unique ids and slugs", async () => {
    const dumps: ParsedDump[] = [seed];
    for (const path of corpusDumps()) dumps.push(await readAndParse(path));
    const { articles } = await enrichArchive(dumps, dataDir);
    expect(articles.length).toBeGreaterThan(20);
    for (const record of articles) ArticleSchema.parse(record);
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    expect(new Set(articles.map((a) => a.slug)).size).toBe(articles.length);
    // The seed appears in the corpus too: the same file, read twice, is one capture.
    expect(articles.filter((a) => a.sources.some((s) => s.sha256 === seed.dump.sha256))).toHaveLength(4);
  });
});
