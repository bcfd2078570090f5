import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactString, compactStrings } from "../../src/workers/compact-strings.ts";

describe("compactStrings", () => {
  it("leaves every value equal, at any depth", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = structuredClone(value);
        expect(compactStrings(copy)).toEqual(value);
      }),
    );
  });

  it("returns strings beyond Latin-1 as they are, and equal strings otherwise", () => {
    const curly = "“Quoted” words, and more words after them.";
    expect(compactString(curly)).toBe(curly);
    const plain = `${"a plain paragraph of Latin-1 text, café ".repeat(3)}“`.slice(0, -1);
    expect(compactString(plain)).toBe(plain);
  });

  it("compacts in place, in arrays and objects", () => {
    const article = { headline: "A headline long enough", body: ["First paragraph of the body.", "Second paragraph."], lines: [1, 4] };
    expect(compactStrings(article)).toBe(article);
    expect(article).toEqual({ headline: "A headline long enough", body: ["First paragraph of the body.", "Second paragraph."], lines: [1, 4] });
  });
});
