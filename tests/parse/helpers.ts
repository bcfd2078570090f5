import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ParsedArticle, ParseResult } from "../../src/model/index.ts";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const fixturesDir = resolve(projectRoot, "tests/fixtures");
export const corpusDir = resolve(projectRoot, "../shared/corpus/dev");
export const updating = process.env["UPDATE"] === "1";

function words(text: string, n: number, fromEnd: boolean): string {
  const all = text.split(/\s+/u).filter(Boolean);
  // Chinese and Japanese: characters, not spaces, make the words.
  if (all.length <= 2 && /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) {
    const chars = [...text.replace(/\s+/gu, "")];
    return (fromEnd ? chars.slice(-n * 2) : chars.slice(0, n * 2)).join("");
  }
  return (fromEnd ? all.slice(-n) : all.slice(0, n)).join(" ");
}

/** What a reviewed expectation records of an article: its fields, and only the edges of its text. */
export interface ArticleSummary {
  headline: string;
  outlet: string | null;
  byline: string | null;
  date: string | null;
  dateline: string | null;
  bodyFirst: string;
  bodyLast: string;
  paragraphs: number;
  related: string[];
  lines: [number, number];
}

export function summarise(a: ParsedArticle): ArticleSummary {
  const body = a.body.join("\n\n");
  return {
    headline: a.headline,
    outlet: a.outlet,
    byline: a.byline,
    date: a.date,
    dateline: a.dateline,
    bodyFirst: words(body, 8, false),
    bodyLast: words(body, 8, true),
    paragraphs: a.body.length,
    related: a.related,
    lines: a.lines,
  };
}

/** A compact report: one role letter-code per line would hide too much; the role names, run-length encoded. */
export function roleRuns(result: ParseResult): string[] {
  const runs: string[] = [];
  let start = 0;
  result.lines.forEach((l, i) => {
    const next = result.lines[i + 1];
    if (next && next.role === l.role && next.article === l.article) return;
    const first = result.lines[start]!.line;
    runs.push(`${first === l.line ? first : `${first}-${l.line}`} ${l.role}${l.article === undefined ? "" : ` #${l.article}`}`);
    start = i + 1;
  });
  return runs;
}

/** Reads an expectation, or writes it when UPDATE=1 (then review the diff). */
export function expectation<T>(path: string, actual: T): T | undefined {
  if (updating) {
    writeFileSync(path, JSON.stringify(actual, null, 1) + "\n");
    return actual;
  }
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as T;
}
