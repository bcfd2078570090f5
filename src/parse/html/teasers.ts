import type { Diagnostic, LineRole, ParseResult, ParsedArticle } from "../../model/index.ts";
import { findByline } from "../byline.ts";
import { findDate } from "../dates.ts";
import type { Vocabulary } from "../vocab.ts";
import type { Paragraph } from "./dom.ts";
import { lineRoles, type LineSpan } from "./lines.ts";
import { looksLikeHeadline } from "./related.ts";
import { locate, type SourceText } from "./source-text.ts";

/** One teaser of a section front or feed: a linked headline and the summary under it. */
export interface Teaser {
  headline: string;
  summary: string[];
  byline: string | null;
  date: string | null;
}

/** Teaser headlines are headings (or list terms); a linked paragraph is a promo, not a teaser. */
const TEASER_HEADING = /^(?:h[2-6]|dt)$/;
/** A summary is a paragraph or two; more is an article with linked subheadings. */
const MAX_SUMMARY_PARAGRAPHS = 3;

/**
 * A page of teasers (a section front, a feed, a search page) rather than one article: at least
 * three linked headlines each followed by a summary, together holding most of the text. Each
 * teaser is an article whose body is its summary. Returns null for an ordinary article, even one
 * that ends with a few teasers of related stories.
 */
export function findTeasers(paragraphs: Paragraph[], vocab: Vocabulary): Teaser[] | null {
  const teasers: Teaser[] = [];
  let current: Teaser | null = null;
  let teaserChars = 0;
  let totalChars = 0;
  for (const p of paragraphs) {
    totalChars += p.text.length;
    const linkedHeadline = p.linkShare >= 0.8 && TEASER_HEADING.test(p.tag) && looksLikeHeadline(p.text, vocab) && p.text.length <= 200;
    if (linkedHeadline) {
      current = { headline: p.text, summary: [], byline: null, date: null };
      teasers.push(current);
      teaserChars += p.text.length;
      continue;
    }
    if (!current) continue;
    // A teaser's meta line ("By Jane Doe · 12.11.2018") is read, not kept as summary.
    const byline = p.text.length <= 120 ? findByline(p.text, vocab) : null;
    const date = p.text.length <= 80 ? findDate(p.text, vocab) : null;
    if (byline || (date && p.text.split(/\s+/).length <= 8)) {
      current.byline ??= byline?.name ?? null;
      current.date ??= date?.iso ?? null;
      teaserChars += p.text.length;
      continue;
    }
    if (p.linkShare < 0.5 && p.text.split(/\s+/).length >= 6) {
      current.summary.push(p.text);
      teaserChars += p.text.length;
    } else {
      current = null;
    }
  }
  if (teasers.some((t) => t.summary.length > MAX_SUMMARY_PARAGRAPHS)) return null;
  const withSummary = teasers.filter((t) => t.summary.length > 0);
  if (withSummary.length < 3 || withSummary.length < teasers.length / 2) return null;
  return teaserChars >= totalChars * 0.6 ? withSummary : null;
}

/** A page of teasers: one article per teaser, its summary as body, lines traced in order. */
export function teaserResult(
  teasers: Teaser[],
  source: SourceText,
  page: { outlet: string | null; language: string | null },
  diagnostics: Diagnostic[],
): ParseResult {
  const spans: LineSpan[] = [];
  const articles: ParsedArticle[] = [];
  let cursor = 0;
  for (const teaser of teasers) {
    const article = articles.length;
    const own: LineSpan[] = [];
    const pieces: [string, LineRole][] = [[teaser.headline, "headline"], ...teaser.summary.map((p): [string, LineRole] => [p, "body"])];
    for (const [text, role] of pieces) {
      const at = locate(source, text, cursor) ?? locate(source, text);
      if (!at) continue;
      own.push({ role, line: at.line, lastLine: at.lastLine, confidence: 0.75, inArticle: true, article });
      cursor = Math.max(cursor, at.end);
    }
    spans.push(...own);
    const lineCount = source.lineContent.length;
    articles.push({
      headline: teaser.headline,
      outlet: page.outlet,
      byline: teaser.byline,
      // A page's own publication date is not its teasers' date.
      date: teaser.date,
      dateline: null,
      body: teaser.summary,
      related: [],
      language: page.language,
      lines: own.length > 0 ? [own[0]!.line, own.reduce((m, s) => Math.max(m, s.lastLine), 0)] : [1, lineCount],
    });
  }
  return { articles, lines: lineRoles(source, spans), diagnostics };
}
