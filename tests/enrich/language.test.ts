import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { detectLanguage, isRightToLeft, normaliseLanguageTag } from "../../src/enrich/index.ts";
import { articleLanguage } from "../../src/enrich/language.ts";
import { readDump } from "../../src/read/index.ts";
import { corpusDumps, readAndParse, seedPath, hasCorpus } from "./helpers.ts";

/** The language of each dev corpus page, as a reader sees it. */
const CORPUS_LANGUAGES: Record<string, string> = {
  "bbc-obama-guns.txt": "en",
  "chip-aldi-heimwerker-front.txt": "de",
  "gmw-astronaut-alcohol.txt": "zh",
  "guardian-maori-whales.txt": "en",
  "heise-1password.txt": "de",
  "hukumusume-greedy-dog.txt": "ja",
  "lemonde-renseignement.txt": "fr",
  "reuters-parasite-sag.txt": "en",
  "slu-ag-education-idf.txt": "fr",
  "yahoo-jp-free-wifi-protection.txt": "ja",
  "zeit-ice-barcelona.txt": "de",
};

describe("detectLanguage", () => {
  it.skipIf(!hasCorpus)("recognises the languages of the dev corpus from their prose", async () => {
    const found: Record<string, string> = {};
    for (const path of corpusDumps().filter((p) => basename(p) in CORPUS_LANGUAGES)) {
      const { text } = readDump(path);
      // The page's prose: its longer lines, not its menus.
      const prose = text.split("\n").filter((line) => line.trim().length >= 60).slice(0, 12).join("\n");
      found[basename(path)] = detectLanguage(prose);
    }
    expect(found).toEqual(CORPUS_LANGUAGES);
  });

  it("agrees with the parse of the seed: English", async () => {
    const { result } = await readAndParse(seedPath);
    expect(result.articles.map((a) => articleLanguage(a.headline, a.body, a.language, undefined))).toEqual(["en", "en", "en", "en"]);
  });

  it("tells English from languages that share some of its short words", () => {
    expect(detectLanguage("Die Regierung hat am Montag erklärt, was sie will: The Guardian berichtete, dass die Gespräche in Berlin und Paris weitergehen werden.")).toBe("de");
    expect(detectLanguage("Het is de vraag of de regering in Den Haag de plannen van de minister zal steunen, zei een woordvoerder van de partij.")).toBe("nl");
    expect(detectLanguage("The government said on Monday that it would review the plans, which have been criticised by the opposition and by its own members.")).toBe("en");
  });

  it("answers und rather than guess on text too short to tell", () => {
    expect(detectLanguage("Iraq")).toBe("und");
    expect(detectLanguage("")).toBe("und");
  });

  it("knows Arabic and Persian apart, and that they read right to left", () => {
    const arabic = detectLanguage("اتفقت روسيا وسوريا وإيران والعراق على إنشاء مركز معلومات في العاصمة العراقية بغداد لتنسيق عملياتها ضد تنظيم داعش الإرهابي");
    const persian = detectLanguage("روسیه، سوریه، ایران و عراق توافق کردند که یک مرکز اطلاعاتی در بغداد برای هماهنگی عملیات خود علیه داعش ایجاد کنند و این مرکز را به نوبت اداره خواهند کرد");
    expect([arabic, persian]).toEqual(["ar", "fa"]);
    expect(isRightToLeft(arabic) && isRightToLeft(persian)).toBe(true);
    expect(isRightToLeft("en")).toBe(false);
  });
});

describe("articleLanguage", () => {
  it("prefers the editor's sidecar, then the page's declaration, then detection", () => {
    const body = ["Russia, Syria, Iran and Iraq have agreed to establish an information center in Baghdad."];
    expect(articleLanguage("Headline", body, "fr", "de-AT")).toBe("de-AT");
    expect(articleLanguage("Headline", body, "FR", undefined)).toBe("fr");
    expect(articleLanguage("Headline", body, null, undefined)).toBe("en");
  });
});

describe("normaliseLanguageTag", () => {
  it("turns ISO 639-3 and odd casing into BCP 47, and refuses what is not a tag", () => {
    expect(normaliseLanguageTag("eng")).toBe("en");
    expect(normaliseLanguageTag("EN_gb")).toBe("en-GB");
    expect(normaliseLanguageTag("pt-br")).toBe("pt-BR");
    expect(normaliseLanguageTag("english please")).toBeNull();
    expect(normaliseLanguageTag("")).toBeNull();
  });
});
