import { describe, expect, it } from "vitest";
import { CharSet, codeAt, isLetterAt, isLetterOrNumberAt, isLowerAt, isNfkcStable, isSpace, isUpperAt, unitHasCase, unitIsOwnLower } from "../../src/parse/chars.ts";

// The parser's char-code tests stand in for Unicode patterns and string methods: they must give
// the same answer for every character, or parse results would change.
describe("char-code tests agree with the patterns they replace", () => {
  it("for every BMP code unit", () => {
    const mismatches: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const text = `a${ch}b`;
      const expected = {
        space: /\s/.test(ch),
        letter: /\p{L}/u.test(ch),
        upper: /\p{Lu}/u.test(ch),
        lower: /\p{Ll}/u.test(ch),
        wordChar: /[\p{L}\p{N}]/u.test(ch),
        hasCase: ch.toLowerCase() !== ch.toUpperCase(),
        ownLower: ch === ch.toLowerCase(),
      };
      const actual = {
        space: isSpace(c),
        letter: isLetterAt(text, 1, c),
        upper: isUpperAt(text, 1, c),
        lower: isLowerAt(text, 1, c),
        wordChar: isLetterOrNumberAt(text, 1, c),
        hasCase: unitHasCase(c),
        ownLower: unitIsOwnLower(c),
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(c.toString(16));
    }
    expect(mismatches).toEqual([]);
  });

  it("for characters outside the BMP, as whole code points", () => {
    for (const ch of ["𐐀", "𐐨", "😀", "𝐀", "𠀀", "𝟘"]) {
      const c = ch.charCodeAt(0);
      expect(isLetterAt(ch, 0, c)).toBe(/\p{L}/u.test(ch));
      expect(isUpperAt(ch, 0, c)).toBe(/\p{Lu}/u.test(ch));
      expect(isLowerAt(ch, 0, c)).toBe(/\p{Ll}/u.test(ch));
      expect(isLetterOrNumberAt(ch, 0, c)).toBe(/[\p{L}\p{N}]/u.test(ch));
    }
    // A lone surrogate is no letter.
    expect(isLetterAt("\ud801x", 0, 0xd801)).toBe(false);
  });

  it("reads char codes of strings of any shape", () => {
    const base = "Zürich, 東京 and Αθήνα ".repeat(4);
    const shapes = [base, base.slice(3, 60), base.slice(0, 20) + base.slice(30), base.toLowerCase(), base.replace(/a/g, "ä")];
    for (const s of shapes) for (let k = 0; k < s.length; k++) expect(codeAt(s, k)).toBe(s.charCodeAt(k));
  });

  it("CharSet holds exactly its characters", () => {
    const set = new CharSet("ab»“\u3000");
    for (let c = 0; c < 0x10000; c++) expect(set.has(c)).toBe("ab»“\u3000".includes(String.fromCharCode(c)));
    expect(set.has(-1)).toBe(false);
    expect(() => new CharSet("😀")).toThrow(TypeError);
  });

  it("isNfkcStable is only true where NFKC changes nothing", () => {
    const samples = ["plain ASCII", "Zürich – “quoted” • 5 €", "ﬁne", "…", "Ａ", "e\u0301", "東京", "½", "\u00a0", "™"];
    for (const s of samples) if (isNfkcStable(s)) expect(s.normalize("NFKC")).toBe(s);
    expect(isNfkcStable("Zürich – “quoted”")).toBe(true);
    expect(isNfkcStable("ﬁne")).toBe(false);
  });
});
