import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold, foldedTokens, rawAndFoldedTokens, rawTokens } from "../../src/enrich/text.ts";

// The definitions the fast paths of text.ts must agree with: full Unicode normalisation and
// Unicode word classes, whatever the text holds.
const WORD = /[\p{L}\p{N}]+/gu;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const referenceFold = (text: string): string => text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
function referenceSplit(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (UNSPACED.test(word)) out.push(...(word.match(/[\p{Script=Latin}\p{N}]+|./gu) ?? []));
    else out.push(word);
  }
  return out;
}

// Prose-like text: ASCII words and punctuation, typographic punctuation, and characters that
// do need normalising (accents, ligatures, no-break and full-width forms, marks, other scripts).
const pieces = [
  "Reuters", "said", "the", "US", "al-Sari", "2024", " ", " ", ", ", ". ", "\n", "\t", "'",
  "“", "”", "‘", "’", "—", "–", "•", "©", "®", "°", "€", "…", "\u00a0", "½", "ﬁ", "Télé", "É",
  "e\u0301", "Ångström", "Ｔｏｋｙｏ", "東京", "タワー", "กรุงเทพ", "Москва", "İstanbul", "ΣΟΦΙΑ", "😀", "\u0007",
];
const prose = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(""));

describe("text folding and tokens", () => {
  it("fold gives what full normalisation gives", () => {
    fc.assert(
      fc.property(prose, (text) => {
        expect(fold(text)).toBe(referenceFold(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("foldedTokens, rawTokens and rawAndFoldedTokens give what Unicode word classes give", () => {
    fc.assert(
      fc.property(prose, (text) => {
        expect(foldedTokens(text)).toEqual(referenceSplit(referenceFold(text)));
        const raw = referenceSplit(text.normalize("NFKC"));
        expect(rawTokens(text)).toEqual(raw);
        expect(rawAndFoldedTokens(text)).toEqual({ raw, folded: raw.map(referenceFold) });
      }),
      { numRuns: 2000 },
    );
  });

  it("treats typographic punctuation as a separator, as in plain ASCII", () => {
    expect(foldedTokens("“Peace,” she said — twice • ©2024")).toEqual(["peace", "she", "said", "twice", "2024"]);
    expect(rawTokens("The US’s “plan”")).toEqual(["The", "US", "s", "plan"]);
  });
});
