import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readDump } from "../../src/read/index.ts";
import { devCorpus, hasDevCorpus } from "./paths.ts";

interface Gold {
  dump: string;
  articles: { body_first?: string; body_last?: string }[];
}

/**
 * Words only, as the scorer compares them: the mis-encoded dumps were re-encoded with
 * transliteration, so their typographic quotes became ASCII ones ("L’AG" is "L'AG" there).
 */
const words = (s: string): string =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201c\u201d"'`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

describe.skipIf(!hasDevCorpus)("the dev corpus reads as the gold's text", () => {
  const golds: Gold[] = hasDevCorpus
    ? readdirSync(devCorpus)
        .filter((f) => f.endsWith(".gold.json"))
        .sort()
        .map((f) => JSON.parse(readFileSync(resolve(devCorpus, f), "utf8")) as Gold)
    : [];

  it("has dumps to check", () => {
    expect(golds.length).toBeGreaterThan(0);
  });

  it.each(golds.map((g) => [g.dump, g] as const))("%s holds every gold body's first and last words", async (_name, gold) => {
    const dump = readDump(resolve(devCorpus, gold.dump));
    expect(dump.diagnostics.filter((d) => d.level === "error")).toEqual([]);
    expect(dump.text).not.toContain("\r");
    expect(dump.text).not.toContain("\uFFFD");
    // HTML dumps hold the words with entities and line breaks; text dumps hold them as printed.
    if (dump.format !== "text") return;
    const text = words(dump.text);
    for (const article of gold.articles) {
      if (article.body_first) expect(text).toContain(words(article.body_first));
      if (article.body_last) expect(text).toContain(words(article.body_last));
    }
  });

  it("decodes the Windows-1252 dump as Windows-1252 and the ISO-8859-1 dump as ISO-8859-1", async () => {
    const chip = readDump(resolve(devCorpus, "chip-aldi-heimwerker-front.txt"));
    expect(chip.encoding).toBe("windows-1252");
    expect(chip.text).toContain("Aldi Süd");
    expect(chip.text).toMatch(/[•–]/);
    const slu = readDump(resolve(devCorpus, "slu-ag-education-idf.txt"));
    expect(slu.encoding).toBe("ISO-8859-1");
    expect(slu.text).toContain("Éducation Île-de-France");
  });

  it("normalises the CRLF dump's line ends", async () => {
    const raw = readFileSync(resolve(devCorpus, "gmw-astronaut-alcohol.txt"));
    expect(raw.includes("\r\n")).toBe(true);
    const dump = readDump(resolve(devCorpus, "gmw-astronaut-alcohol.txt"));
    expect(dump.text.split("\n").length).toBe(raw.toString("utf8").split("\r\n").length);
  });

  it("reads the HTML dumps as HTML", async () => {
    for (const name of ["heraldsun-surveillance.html", "wapo-tunisia-attack.html"]) {
      const dump = readDump(resolve(devCorpus, name));
      expect(dump.format).toBe("html");
      expect(dump.encoding).toBe("UTF-8");
    }
  });
});
