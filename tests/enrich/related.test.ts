import { describe, expect, it } from "vitest";
import { backlinks } from "../../src/enrich/index.ts";
import { HeadlineIndex, type Linkable } from "../../src/enrich/related.ts";
import { ArticleSchema, type Article } from "../../src/model/index.ts";

const items: Linkable[] = [
  { id: "a-1", slug: "iraqi-popular-forces-not-to-fight-alongside-americans-in-anbar", headline: "Iraqi Popular Forces Not to Fight alongside Americans in Anbar", dumps: ["seed.txt"] },
  { id: "a-2", slug: "iraq-rejects-us-request-for-partnership-in-combat-against-isil", headline: "Iraq Rejects US Request for Partnership in Combat against ISIL", dumps: ["seed.txt"] },
  { id: "b-1", slug: "iraq-rejects-us-request", headline: "Iraq rejects US request", dumps: ["other.txt"] },
];
const index = new HeadlineIndex(items);
const from: Linkable = { id: "z-1", slug: "z", headline: "Something else", dumps: ["seed.txt"] };

describe("HeadlineIndex", () => {
  it("resolves headlines that differ in case, quotes and punctuation", () => {
    expect(index.resolve("IRAQI POPULAR FORCES NOT TO FIGHT ALONGSIDE AMERICANS IN ANBAR", from)?.id).toBe("a-1");
    expect(index.resolve("Iraq rejects U.S. request for partnership in combat against ISIL", from)?.id).toBe("a-2");
    expect(index.resolve("“Iraqi Popular Forces Not to Fight alongside Americans in Anbar”", from)?.id).toBe("a-1");
  });

  it("resolves a truncated headline ending in an ellipsis", () => {
    expect(index.resolve("Iraqi Popular Forces Not to Fight…", from)?.id).toBe("a-1");
  });

  it("leaves headlines that match nothing unresolved, and never links an article to itself", () => {
    expect(index.resolve("Russia launches air strikes in Syria", from)).toBeUndefined();
    expect(index.resolve("Iraq", from)).toBeUndefined();
    expect(index.resolve(items[0]!.headline, items[0]!)).toBeUndefined();
  });

  it("gives resolved links a URL and keeps the rest as text", () => {
    expect(index.resolveAll(["Iraqi Popular Forces Not to Fight alongside Americans in Anbar", "Not in the archive at all", " "], from)).toEqual([
      { headline: "Iraqi Popular Forces Not to Fight alongside Americans in Anbar", url: "/articles/iraqi-popular-forces-not-to-fight-alongside-americans-in-anbar/" },
      { headline: "Not in the archive at all" },
    ]);
  });
});

describe("HeadlineIndex over a large archive", () => {
  it("finds a headline among thousands that share most of its words", () => {
    const topics = ["Iraq", "Syria", "Iran", "Russia", "Turkey"];
    const many: Linkable[] = Array.from({ length: 4000 }, (_, i) => ({
      id: `m-${i}`,
      slug: `m-${i}`,
      headline: `${topics[i % 5]} talks on security resume in ${topics[(i + 1) % 5]} after week ${Math.floor(i / 5)}`,
      dumps: ["many.txt"],
    }));
    const large = new HeadlineIndex(many);
    expect(large.resolve("IRAQ TALKS ON SECURITY RESUME IN SYRIA AFTER WEEK 731", from)?.id).toBe("m-3655");
    // Words that hundreds of headlines share say nothing about which one is meant.
    expect(large.resolve("Syria talks on security resume in Iran after week…", from)).toBeUndefined();
    expect(large.resolve("Iraq talks on security resume in Syria after week 9999", from)).toBeUndefined();
  });
});

describe("backlinks", () => {
  const record = (id: string, slug: string, related: Article["related"]): Article =>
    ArticleSchema.parse({ id, slug, headline: slug, outlet: null, byline: null, date: null, dateline: null, body: "", topics: [], language: "en", related, sources: [] });

  it("lists, for each article, the articles that link to it", () => {
    const target = record("t", "target", []);
    const one = record("o", "one", [{ headline: "Target", url: "/articles/target/" }, { headline: "Target again", url: "/articles/target/" }]);
    const two = record("w", "two", [{ headline: "Target", url: "/articles/target/" }, { headline: "Elsewhere" }]);
    const links = backlinks([target, one, two]);
    expect(links.get("t")?.map((a) => a.id)).toEqual(["o", "w"]);
    expect(links.has("o")).toBe(false);
  });
});
