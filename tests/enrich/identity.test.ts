import { describe, expect, it } from "vitest";
import { assignSlugs, captureId, contentId, headlineSlug, idSuffix } from "../../src/enrich/identity.ts";
import { ArticleSchema, SlugSchema, type Article } from "../../src/model/index.ts";

const existingArticle = (id: string, slug: string): Article =>
  ArticleSchema.parse({
    id, slug, headline: "x", outlet: null, byline: null, date: null, dateline: null, body: "", topics: [], language: "en", related: [], sources: [],
  });

describe("ids", () => {
  it("come from the dump's sha256 and the article's place, or from content", () => {
    const sha = "a".repeat(64);
    expect(captureId(sha, 0)).toBe("aaaaaaaaaaaa-1");
    expect(contentId("A Headline", ["Same words."])).toBe(contentId("a headline!", ["Same   words"]));
    expect(contentId("A Headline", ["Same words."])).not.toBe(contentId("A Headline", ["Other words."]));
  });
});

describe("headlineSlug", () => {
  it("slugs Latin headlines and declines scripts without a Latin form", () => {
    expect(headlineSlug("Iraq: agreement on anti-ISIS joint information center")).toBe("iraq-agreement-on-anti-isis-joint-information-center");
    expect(headlineSlug("Mal mit Druck durchwischen: Aldi Süd")).toBe("mal-mit-druck-durchwischen-aldi-sud");
    expect(headlineSlug("روسيا وسوريا وإيران والعراق تنسق عملياتها ضد داعش")).toBe("");
    expect(headlineSlug("トレンドマイクロ、公衆無線LANを安全に使うためのアプリ「フリーWi-Fiプロテクション」")).toBe("");
  });
});

describe("assignSlugs", () => {
  it("gives a colliding headline an id-derived suffix, whatever the order", () => {
    const requests = [{ id: "aaa-1", headline: "Same headline" }, { id: "bbb-1", headline: "Same headline" }];
    const slugs = assignSlugs(requests, []);
    expect(slugs.get("aaa-1")).toBe("same-headline");
    expect(slugs.get("bbb-1")).toBe(`same-headline-${idSuffix("bbb-1")}`);
    // A third story with the same headline does not renumber the others.
    const more = assignSlugs([...requests, { id: "ccc-1", headline: "Same headline" }], []);
    expect([more.get("aaa-1"), more.get("bbb-1")]).toEqual([slugs.get("aaa-1"), slugs.get("bbb-1")]);
    expect(more.get("ccc-1")).toBe(`same-headline-${idSuffix("ccc-1")}`);
  });

  it("keeps an existing record's slug, even when the headline now slugs otherwise", () => {
    const existing = [existingArticle("bbb-1", "same-headline")];
    const slugs = assignSlugs([{ id: "aaa-1", headline: "Same headline" }, { id: "bbb-1", headline: "Edited headline" }], existing);
    expect(slugs.get("bbb-1")).toBe("same-headline");
    expect(slugs.get("aaa-1")).toBe(`same-headline-${idSuffix("aaa-1")}`);
  });

  it("never hands out a slug an existing record holds", () => {
    const slugs = assignSlugs([{ id: "new-1", headline: "Taken" }], [existingArticle("hand-made", "taken")]);
    expect(slugs.get("new-1")).not.toBe("taken");
  });

  it("uses the id for headlines without a Latin form, and every slug is valid", () => {
    const slugs = assignSlugs([{ id: "750b8e75f58e-1", headline: "宇航员在太空中喝酒会怎么样？后果很严重" }, { id: "x-2", headline: "¿¡!?" }], []);
    expect(slugs.get("750b8e75f58e-1")).toBe("750b8e75f58e-1");
    for (const slug of slugs.values()) expect(SlugSchema.safeParse(slug).success).toBe(true);
  });
});
