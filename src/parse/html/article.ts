import type { Diagnostic, ParsedArticle, ParseResult } from "../../model/index.ts";
import { findDate } from "../dates.ts";
import type { Vocabulary } from "../vocab.ts";
import { extractBody } from "./body.ts";
import { matchingArticle, readVisibleText } from "./crosscheck.ts";
import { chooseHeadline, cleanByline, isPersonCredit, joinNames } from "./fields.ts";
import { lineRoles, type LineSpan } from "./lines.ts";
import type { PageMetadata } from "./metadata.ts";
import type { Readable } from "./readable.ts";
import { findRelatedSections } from "./related.ts";
import { locate, matchKey, type SourceText } from "./source-text.ts";

/** How many body paragraphs may be searched for from the top of the page again. */
const MAX_RESCANS = 20;

/** What the single-article reading of a page starts from. */
export interface ArticleInput {
  file: string;
  source: SourceText;
  /** The page's DOM as parsed (not readability's rewritten copy). */
  document: Document;
  meta: PageMetadata;
  readable: Readable | null;
  outlet: string | null;
  language: string | null;
  vocab: Vocabulary;
  diagnostics: Diagnostic[];
}

/**
 * The page read as one article: readability's prose, the metadata's fields (filled from the
 * text pipeline's reading where they are missing), related headlines from the page's sections,
 * and every source line's role traced from the extracted text. Null when there is no article.
 */
export function articleResult(input: ArticleInput): ParseResult | null {
  const { file, source, document, meta, readable, outlet, language, vocab, diagnostics } = input;
  const headline = chooseHeadline(meta, readable?.title);
  const authors = meta.authors.filter((a) => isPersonCredit(a, outlet, vocab));
  const body = readable?.content && headline ? extractBody(readable.content, { headline, authors, vocab }) : null;
  if (!headline || !body || body.paragraphs.length === 0) return null;
  const sections = findRelatedSections(document, vocab, headline);

  // Trace the article back to the source lines, in reading order.
  const spans: LineSpan[] = [];
  const firstBody = locate(source, body.paragraphs[0]!);
  const headlineAt = locateBefore(source, headline, firstBody?.start ?? source.keys.length);
  if (headlineAt) spans.push({ role: "headline", line: headlineAt.line, lastLine: headlineAt.lastLine, confidence: 0.9, inArticle: true });
  let cursor = headlineAt?.end ?? 0;
  let unlocated = 0;
  let bodyEnd = 0;
  // A paragraph not found after the previous one is looked for from the top, a bounded number of
  // times: each such search scans the whole page.
  let rescans = 0;
  for (const paragraph of body.paragraphs) {
    const at = locate(source, paragraph, cursor) ?? (cursor > 0 && rescans++ < MAX_RESCANS ? locate(source, paragraph) : null);
    if (!at) {
      unlocated++;
      continue;
    }
    spans.push({ role: "body", line: at.line, lastLine: at.lastLine, confidence: 0.85, inArticle: true });
    cursor = at.end;
    bodyEnd = Math.max(bodyEnd, at.end);
  }
  if (unlocated > 0) {
    diagnostics.push({
      id: "html-text-not-located",
      level: "info",
      message: `${file}: ${unlocated} of ${body.paragraphs.length} body paragraphs could not be traced to source lines; the line report is approximate there`,
      file,
    });
  }

  // Byline: person authors from metadata, else one printed in the article, else an element marked
  // as a byline (or readability's pick) when it sits between the headline and the end of the
  // body: not a teaser's byline in a sidebar.
  let byline = joinNames(authors);
  if (!byline) byline = joinNames(body.bylines.filter((b) => isPersonCredit(b, outlet, vocab)));
  for (const candidate of [...meta.bylineTexts, readable?.byline ?? ""]) {
    if (byline || !candidate) break;
    const cleaned = cleanByline(candidate, vocab);
    const at = cleaned ? locate(source, candidate, headlineAt?.start ?? 0) : null;
    if (cleaned && at && at.end <= bodyEnd && isPersonCredit(cleaned, outlet, vocab)) byline = cleaned;
  }
  // Date: metadata, else a date printed between the headline and the body.
  let date = meta.date;
  if (!date && headlineAt && firstBody) {
    for (const block of source.blocks) {
      if (block.line < headlineAt.line || block.line > firstBody.line) continue;
      const found = block.text.length <= 120 ? findDate(block.text, vocab) : null;
      if (found) {
        date = found.iso;
        spans.push({ role: "date", line: block.line, lastLine: block.lastLine, confidence: 0.7, inArticle: true });
        break;
      }
    }
  }

  // The text pipeline's reading of the visible text fills what metadata and readability left open.
  let dateline = body.dateline;
  let filledOutlet = outlet;
  if (!byline || !date || !dateline || !filledOutlet) {
    const twin = matchingArticle(readVisibleText(source, file, language), headline);
    if (twin) {
      if (!byline && twin.byline && isPersonCredit(twin.byline, outlet, vocab)) byline = twin.byline;
      date ??= twin.date;
      dateline ??= twin.dateline;
      filledOutlet ??= twin.outlet;
    }
  }

  if (byline) {
    const at = locate(source, byline, headlineAt?.start ?? 0);
    if (at && at.end <= bodyEnd) spans.push({ role: "byline", line: at.line, lastLine: at.lastLine, confidence: 0.8, inArticle: true });
  }

  const related = dedupe([...body.related, ...sections.flatMap((s) => s.items)], headline);
  for (const marker of [...body.relatedMarkers, ...sections.map((s) => s.marker)]) {
    const at = locate(source, marker, bodyEnd) ?? locate(source, marker);
    if (at) spans.push({ role: "related-marker", line: at.line, lastLine: at.lastLine, confidence: 0.75, inArticle: true });
  }
  for (const item of related) {
    const at = locate(source, item, bodyEnd) ?? locate(source, item);
    if (at) spans.push({ role: "related", line: at.line, lastLine: at.lastLine, confidence: 0.75, inArticle: true });
  }
  for (const caption of body.captions) {
    const at = locate(source, caption);
    if (at) spans.push({ role: "caption", line: at.line, lastLine: at.lastLine, confidence: 0.7, inArticle: true });
  }

  const articleLines = spans.filter((s) => s.role === "headline" || s.role === "body" || s.role === "byline");
  const first = articleLines.reduce((m, s) => Math.min(m, s.line), Infinity);
  const last = articleLines.reduce((m, s) => Math.max(m, s.lastLine), 0);
  const lineCount = source.lineContent.length;
  const article: ParsedArticle = {
    headline,
    outlet: filledOutlet,
    byline,
    date,
    dateline,
    body: body.paragraphs,
    related,
    language,
    lines: articleLines.length > 0 ? [first, last] : [1, lineCount],
  };
  if (meta.keywords.length > 0) article.topics = meta.keywords;
  return { articles: [article], lines: lineRoles(source, spans), diagnostics };
}

/** The last occurrence of `text` that starts before `limit` (the headline just above the body), else the first. */
function locateBefore(source: SourceText, text: string, limit: number): ReturnType<typeof locate> {
  let found = locate(source, text);
  if (!found || found.start >= limit) return found;
  for (let next = locate(source, text, found.start + 1); next && next.start < limit; next = locate(source, text, next.start + 1)) {
    found = next;
  }
  return found;
}

function dedupe(items: string[], headline: string): string[] {
  const seen = new Set([matchKey(headline)]);
  return items.filter((item) => {
    const key = matchKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

