import type { Diagnostic, LineRole, ParsedArticle, ParseResult } from "../../model/index.ts";
import { parseText } from "../text.ts";
import { similarity } from "./fields.ts";
import { lineRoles, type LineSpan } from "./lines.ts";
import { visibleText, type SourceText } from "./source-text.ts";

/**
 * The text pipeline run on the page's visible text: a second reading that confirms or fills what
 * the page's metadata and readability leave open (a byline printed under the headline, a date in
 * the header), and that takes over when readability finds no article (section fronts, pages of
 * teasers). Its line numbers are mapped back to source lines.
 */
export interface TextReading {
  result: ParseResult;
  /** Source lines [first, last] of each line of the visible text (index 0 is text line 1). */
  sourceLines: [number, number][];
}

export function readVisibleText(source: SourceText, file: string, language: string | null): TextReading {
  const { text, sourceLines } = visibleText(source);
  return { result: parseText(text, file, { language }), sourceLines };
}

/** The text pipeline's article with (nearly) the same headline, or null. */
export function matchingArticle(reading: TextReading, headline: string): ParsedArticle | null {
  let best: ParsedArticle | null = null;
  let bestScore = 0.8;
  for (const article of reading.result.articles) {
    const score = similarity(article.headline, headline);
    if (score >= bestScore) {
      best = article;
      bestScore = score;
    }
  }
  return best;
}

function toSource(reading: TextReading, line: number): [number, number] {
  return reading.sourceLines[line - 1] ?? [line, line];
}

/** The reading's articles with their line ranges in source lines. */
export function articlesInSource(reading: TextReading): ParsedArticle[] {
  return reading.result.articles.map((article) => ({
    ...article,
    lines: [toSource(reading, article.lines[0])[0], toSource(reading, article.lines[1])[1]],
  }));
}

/** The reading's line roles as spans of source lines (its blank lines are the layout's own). */
export function spansOfReading(reading: TextReading): LineSpan[] {
  const spans: LineSpan[] = [];
  for (const report of reading.result.lines) {
    if (report.role === "blank") continue;
    const [line, lastLine] = toSource(reading, report.line);
    const role: LineRole = report.role;
    spans.push({ role, line, lastLine, confidence: report.confidence * 0.9, inArticle: report.article !== undefined, ...(report.article !== undefined ? { article: report.article } : {}) });
  }
  return spans;
}

/** The reading's diagnostics with their lines mapped to source lines. */
export function diagnosticsInSource(reading: TextReading): Diagnostic[] {
  return reading.result.diagnostics.map((d) => {
    if (d.line === undefined) return d;
    return { ...d, line: toSource(reading, d.line)[0] };
  });
}

/** The page read by the text pipeline alone, from its visible text. */
export function textFallback(source: SourceText, file: string, language: string | null, diagnostics: Diagnostic[]): ParseResult {
  const reading = readVisibleText(source, file, language);
  const articles = articlesInSource(reading).map((a) => ({ ...a, language: a.language ?? language }));
  if (articles.length === 0 && !reading.result.diagnostics.some((d) => d.id === "no-articles")) {
    diagnostics.push({
      id: "no-articles",
      level: "warning",
      message: `${file}: no article found in this page`,
      file,
      hint: "a page without a main article (an error page, a login wall) gives no records; save the article's own page",
    });
  }
  return { articles, lines: lineRoles(source, spansOfReading(reading)), diagnostics: [...diagnostics, ...diagnosticsInSource(reading)] };
}
