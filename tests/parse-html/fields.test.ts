import { describe, expect, it } from "vitest";
import { joinNames, similarity, splitTitle } from "../../src/parse/html/fields.ts";
import { plainText } from "../../src/parse/html/jsonld.ts";
import { isoDateOf, normaliseLanguage, urlDate } from "../../src/parse/html/metadata.ts";
import { defaultVocabulary } from "../../src/parse/vocab.ts";

describe("splitTitle", () => {
  it.each([
    ["Angry media won’t buckle | Herald Sun", "Angry media won’t buckle", "Herald Sun"],
    ["Attack stokes fears - The Washington Post", "Attack stokes fears", "The Washington Post"],
    ["BBC News - Obama admits failure on guns", "Obama admits failure on guns", "BBC News"],
    ["Brexit: May wins the vote", "Brexit: May wins the vote", null],
    ["A - B - Site", "A - B", "Site"],
    ["Just a headline", "Just a headline", null],
    ["港の桜が満開に、週末は見物客で混雑の見込み｜みなと新聞", "港の桜が満開に、週末は見物客で混雑の見込み", "みなと新聞"],
  ])("%s", (title, headline, site) => {
    expect(splitTitle(title)).toEqual({ headline, site });
  });
});

describe("field helpers", () => {
  it("joins names as a byline prints them, once each", () => {
    expect(joinNames(["A B"])).toBe("A B");
    expect(joinNames(["A B", "C D", "a b"])).toBe("A B and C D");
    expect(joinNames(["A", "B", "C"])).toBe("A, B and C");
    expect(joinNames([])).toBeNull();
  });

  it("measures headline similarity by shared words", () => {
    expect(similarity("Night trains return", "night trains return")).toBe(1);
    expect(similarity("Night trains", "Day buses")).toBe(0);
  });
});

describe("metadata values", () => {
  const vocab = defaultVocabulary();
  it.each([
    ["2015-03-13T21:30:09+11:00", "2015-03-13"],
    ["2015-03-13", "2015-03-13"],
    ["Fri Mar 13 21:30:09 EST 2015", "2015-03-13"],
    ["March 18, 2015", "2015-03-18"],
    ["18 mars 2015", "2015-03-18"],
    ["not a date", null],
    ["2015-02-30", null],
  ])("date %s → %s, as written (no time-zone shift)", (value, iso) => {
    expect(isoDateOf(value, vocab)).toBe(iso);
  });

  it("reads a date from a URL's path", () => {
    expect(urlDate("http://x.example/world/a-story/2015/03/18/abc_story.html")).toBe("2015-03-18");
    expect(urlDate("http://x.example/2015-03-18/story")).toBe("2015-03-18");
    expect(urlDate("http://x.example/story-1227261886014")).toBeNull();
    expect(urlDate(null)).toBeNull();
  });

  it("normalises language tags to BCP 47 as the schema writes them", () => {
    expect(normaliseLanguage("en-au")).toBe("en-AU");
    expect(normaliseLanguage("de_AT")).toBe("de-AT");
    expect(normaliseLanguage("FR")).toBe("fr");
    expect(normaliseLanguage("english")).toBeNull();
    expect(normaliseLanguage("")).toBeNull();
  });
});

describe("plainText for metadata strings", () => {
  it("drops markup and decodes entities, keeping text that merely contains < and >", () => {
    expect(plainText("Fish &amp; chips <em>return</em> to the pier")).toBe("Fish & chips return to the pier");
    // Escaped markup is the text it spells, to be shown escaped; real markup is dropped.
    expect(plainText("&lt;b&gt; is bold <b>here</b>")).toBe("<b> is bold here");
    expect(plainText("Prices: 1 < 2 > 0")).toBe("Prices: 1 < 2 > 0");
    expect(plainText("  spaced\n out ")).toBe("spaced out");
  });
});
