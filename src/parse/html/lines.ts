import type { LineReport, LineRole } from "../../model/index.ts";
import { LineContent, type SourceText } from "./source-text.ts";

/** A stretch of source lines holding one extracted piece of the article. */
export interface LineSpan {
  role: LineRole;
  line: number;
  lastLine: number;
  confidence: number;
  /** Whether the lines belong to an article or to none. */
  inArticle: boolean;
  /** Which article, when several (default 0). */
  article?: number;
}

/** Later roles win where spans overlap (a one-line minified page is all body). */
const PRIORITY: Record<LineRole, number> = {
  blank: 0, junk: 1, boilerplate: 2, caption: 3, "related-marker": 4, related: 5, attribution: 6, kicker: 6,
  date: 7, dateline: 7, byline: 8, headline: 9, body: 10,
};

/**
 * Gives every line of the HTML source one role. Lines start from what they hold (blank; markup
 * and code are junk; visible text is boilerplate), then the located spans of the extracted
 * article (see source-text.ts `locate`) claim their lines, the higher role winning a shared line.
 * Blank lines inside a span stay blank; markup lines inside a span take its role, since they are
 * the paragraph's own tags.
 */
export function lineRoles(source: SourceText, spans: LineSpan[]): LineReport[] {
  const count = source.lineContent.length;
  const reports: LineReport[] = [];
  for (let i = 0; i < count; i++) {
    const content = source.lineContent[i]!;
    const role: LineRole =
      content === LineContent.Blank ? "blank" : content === LineContent.Text ? "boilerplate" : "junk";
    const confidence = content === LineContent.Blank ? 1 : content === LineContent.Text ? 0.6 : 0.9;
    reports.push({ line: i + 1, role, confidence });
  }
  for (const span of spans) {
    for (let line = Math.max(1, span.line); line <= Math.min(count, span.lastLine); line++) {
      const report = reports[line - 1]!;
      if (report.role === "blank" || PRIORITY[report.role] > PRIORITY[span.role]) continue;
      report.role = span.role;
      report.confidence = span.confidence;
      if (span.inArticle) report.article = span.article ?? 0;
      else delete report.article;
    }
  }
  return reports;
}
