import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseText } from "../../src/parse/index.ts";

// Lines that look like pieces of news pages, so the generator reaches the parser's interesting paths.
const newsLine = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "",
    "By Jane Doe",
    "Von Max Muster",
    "12 March 2021",
    "12.03.2021",
    "R E L A T E D :",
    "Related",
    "Share on Facebook",
    "© 2021 Example Media Ltd. All rights reserved.",
    "LONDON (Reuters) - The council met on Tuesday and voted to approve the plan after a long debate.",
    "(FNA) ~ Officials said the talks would continue next week in the capital, according to the report.",
    "Council approves new ferry route",
    "  • Home",
    "Comments (3)",
    "SANA, Jane Doe",
    "来源：新华社",
    "トレンドマイクロは3月9日、新しいアプリを発表した。",
  ),
  fc.array(fc.constantFrom("the", "council", "said", "on", "Tuesday", "that", "it", "would", "approve", "plan."), { minLength: 5, maxLength: 40 }).map((w) => w.join(" ")),
);
const dumpText = fc.array(newsLine, { maxLength: 60 }).map((ls) => ls.join("\n"));

describe("parser properties", () => {
  it("never throws, on any string", () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => {
      parseText(text, "any.txt");
    }), { numRuns: 300 });
  });

  it("gives every line exactly one role, in order", () => {
    fc.assert(fc.property(dumpText, (text) => {
      const result = parseText(text, "gen.txt");
      expect(result.lines.map((l) => l.line)).toEqual(text.split("\n").map((_, i) => i + 1));
      for (const l of result.lines) {
        expect(l.confidence).toBeGreaterThanOrEqual(0);
        expect(l.confidence).toBeLessThanOrEqual(1);
        if (l.article !== undefined) expect(l.article).toBeLessThan(result.articles.length);
      }
    }), { numRuns: 300 });
  });

  it("is deterministic", () => {
    fc.assert(fc.property(dumpText, (text) => {
      expect(parseText(text, "gen.txt")).toEqual(parseText(text, "gen.txt"));
    }), { numRuns: 200 });
  });

  it("keeps articles inside the dump and their lines in order", () => {
    fc.assert(fc.property(dumpText, (text) => {
      const n = text.split("\n").length;
      for (const a of parseText(text, "gen.txt").articles) {
        expect(a.lines[0]).toBeGreaterThanOrEqual(1);
        expect(a.lines[0]).toBeLessThanOrEqual(a.lines[1]);
        expect(a.lines[1]).toBeLessThanOrEqual(n);
        expect(a.headline.length).toBeGreaterThan(0);
        expect(a.date === null || /^\d{4}-\d{2}-\d{2}$/.test(a.date)).toBe(true);
      }
    }), { numRuns: 200 });
  });

  it("throws a TypeError when misused", () => {
    expect(() => parseText(undefined as unknown as string, "x.txt")).toThrow(TypeError);
  });
});
