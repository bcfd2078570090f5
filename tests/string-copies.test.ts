import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactString, compactStrings, ownString, ownStrings } from "../src/string-copies.ts";

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

describe("ownStrings", () => {
  it("leaves every string equal, code unit for code unit, lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.nat(40), (text, from) => {
        // Cut from a longer text: what ownString is for.
        const cut = `${"x".repeat(from)}${text}`.slice(from);
        expect(ownString(cut)).toBe(text);
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(ownStrings(structuredClone(value))).toEqual(value);
      }),
    );
  });
});
