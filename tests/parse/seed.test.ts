import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseText } from "../../src/parse/index.ts";
import { projectRoot } from "./helpers.ts";

// The seed as issue 2 describes it, asserted field by field (the fixture loop snapshots the rest).
const seedPath = resolve(projectRoot, "seeds/000_a614a29300825745.txt");
const text = readFileSync(seedPath, "utf8");
const result = parseText(text, "000_a614a29300825745.txt");
const lines = text.split("\n");
const roleOf = (needle: string): string | undefined => {
  const n = lines.findIndex((l) => l.trim().startsWith(needle));
  return result.lines[n]?.role;
};

describe("the seed dump", () => {
  it("holds four articles with their headlines", () => {
    expect(result.articles.map((a) => a.headline)).toEqual([
      "Russia, Syria, Iran and Iraq coordinate their operations against Daesh",
      "Iraq: agreement on anti-ISIS joint information center with Russia, Syria and Iran",
      "Iraqi Popular Forces Not to Fight alongside Americans in Anbar",
      "Iraq Rejects US Request for Partnership in Combat against ISIL",
    ]);
  });

  it("maps the trailing attribution lines to the articles in order", () => {
    expect(result.articles.map((a) => a.outlet)).toEqual(["SANA", "SANA", "Fars News", "Fars News"]);
    expect(result.articles.map((a) => a.byline)).toEqual(["Manar al-Frieh/ Manal", "R.J./H. Said", null, null]);
  });

  it("reads (FNA) ~ as a dateline", () => {
    expect(result.articles.map((a) => a.dateline)).toEqual([null, null, "(FNA) ~", "(FNA) ~"]);
  });

  it("makes the two FNA items the related articles of the first two", () => {
    const fna = [result.articles[2]!.headline, result.articles[3]!.headline];
    expect(result.articles[0]!.related).toEqual(fna);
    expect(result.articles[1]!.related).toEqual(fna);
    expect(result.articles[2]!.related).toEqual([]);
  });

  it("keeps captions, markers and repost debris out of the bodies, with their roles", () => {
    expect(roleOf("Iraqi Popular Forces-3")).toBe("caption");
    expect(roleOf("Iraqi Army")).toBe("caption");
    expect(lines.filter((l) => l.trim() === "Iraqi Popular Forces").length).toBe(1);
    expect(roleOf("Iraqi Popular Forces")).toBe("caption");
    expect(roleOf("R E L A T E D :")).toBe("related-marker");
    expect(roleOf(", , ,")).toBe("junk");
    expect(roleOf("SANA, Manar")).toBe("attribution");
    expect(roleOf("Submitted by")).toBe("boilerplate");
    expect(roleOf("War Press Info Network at:")).toBe("boilerplate");
    expect(roleOf("NOTE: The contents")).toBe("boilerplate");
    const bodies = result.articles.flatMap((a) => a.body).join("\n");
    for (const debris of ["Iraqi Popular Forces-3", "R E L A T E D", "Submitted by", "Re-publications", "NOTE:"]) {
      expect(bodies).not.toContain(debris);
    }
    expect(result.articles.map((a) => a.body.length)).toEqual([6, 4, 12, 6]);
  });

  it("gives every line exactly one role", () => {
    expect(result.lines.map((l) => l.line)).toEqual(lines.map((_, i) => i + 1));
  });
});
