import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { ParsedArticle } from "../../src/model/index.ts";
import { parseHtmlDump } from "../../src/parse/html/index.ts";
import { readDump } from "../../src/read/index.ts";
import { devCorpus, hasDevCorpus, here } from "./paths.ts";

/**
 * The dev corpus's HTML dumps against reviewed expectations in ./expected (the fields, the body's
 * edges and size: never the publishers' text itself). `UPDATE=1 npx vitest run tests/parse-html`
 * rewrites them, to be reviewed in the diff.
 */
const DUMPS = ["heraldsun-surveillance.html", "wapo-tunisia-attack.html"];

function words(text: string, count: number, fromEnd = false): string {
  const all = text.split(/\s+/).filter(Boolean);
  return (fromEnd ? all.slice(-count) : all.slice(0, count)).join(" ");
}

function summary(article: ParsedArticle): Record<string, unknown> {
  return {
    headline: article.headline,
    outlet: article.outlet,
    byline: article.byline,
    date: article.date,
    dateline: article.dateline,
    language: article.language,
    bodyFirst: words(article.body[0] ?? "", 8),
    bodyLast: words(article.body.at(-1) ?? "", 8, true),
    paragraphs: article.body.length,
    related: article.related,
  };
}

describe.skipIf(!hasDevCorpus)("the dev corpus's HTML dumps", () => {
  it.each(DUMPS)("%s parses as reviewed", async (name) => {
    const dump = readDump(resolve(devCorpus, name));
    const result = parseHtmlDump(dump);
    const actual = { articles: result.articles.map(summary) };
    const expectedFile = resolve(here, "expected", name.replace(/\.html$/, ".json"));
    if (process.env["UPDATE"]) writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + "\n");
    expect(existsSync(expectedFile), `${expectedFile} is missing: run with UPDATE=1 and review it`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, "utf8")));
  });

  it.each(DUMPS)("%s: every line has one role, and no markup reaches the article", async (name) => {
    const dump = readDump(resolve(devCorpus, name));
    const result = parseHtmlDump(dump);
    const lineCount = dump.text.split("\n").length;
    expect(result.lines.map((l) => l.line)).toEqual(Array.from({ length: lineCount }, (_, i) => i + 1));
    for (const article of result.articles) {
      for (const text of [article.headline, ...article.body, ...article.related, article.byline ?? ""]) {
        expect(text).not.toMatch(/<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i);
      }
      const [first, last] = article.lines;
      expect(first).toBeGreaterThanOrEqual(1);
      expect(last).toBeLessThanOrEqual(lineCount);
      expect(first).toBeLessThanOrEqual(last);
    }
    const roles = new Set(result.lines.map((l) => l.role));
    for (const role of ["headline", "body", "byline", "related", "junk", "boilerplate"]) expect(roles).toContain(role);
  });
});
