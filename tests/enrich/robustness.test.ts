import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enrichWithRegistries, loadRegistries } from "../../src/enrich/index.ts";
import { ArticleSchema, type ParsedArticle } from "../../src/model/index.ts";
import { dataDir, parsedDump } from "./helpers.ts";

const { registries } = await loadRegistries(dataDir);

/** Text as dumps bring it: any characters, Markdown and template syntax, other scripts, blanks. */
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", "   ", "# Iraq", "ISIS", "<script>x</script>", "{{ 7 * 7 }}", "عاجل", "速報", "on Saturday", "Fars News", "1. Daesh"),
);
const parsed: fc.Arbitrary<ParsedArticle> = fc.record({
  headline: text,
  outlet: fc.option(text),
  byline: fc.option(text),
  date: fc.option(fc.constantFrom("2015-09-26", "2015-13-45", "yesterday", "")),
  dateline: fc.option(text),
  body: fc.array(text, { maxLength: 4 }),
  related: fc.array(text, { maxLength: 2 }),
  language: fc.option(fc.constantFrom("en", "EN-us", "ara", "not a tag", "")),
  lines: fc.tuple(fc.integer({ min: -2, max: 50 }), fc.integer({ min: -2, max: 50 })),
});

describe("enrichWithRegistries on arbitrary parser output", () => {
  it("never throws, and every record it returns is valid with a unique id and slug", () => {
    fc.assert(
      fc.property(fc.array(fc.array(parsed, { maxLength: 4 }), { minLength: 1, maxLength: 3 }), fc.option(fc.constantFrom("2015-09-29", "bad")), (dumps, date) => {
        const input = dumps.map((articles, i) => parsedDump(`${i}.txt`, articles, date === null ? undefined : { date }));
        const { articles } = enrichWithRegistries(input, registries);
        for (const article of articles) expect(ArticleSchema.safeParse(article).success).toBe(true);
        expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
        expect(new Set(articles.map((a) => a.slug)).size).toBe(articles.length);
      }),
      { numRuns: 150 },
    );
  });
});
