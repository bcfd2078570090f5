import { Readability } from "@mozilla/readability";
import type { Diagnostic, Dump, LineRole, ParseResult, ParsedArticle } from "../../model/index.ts";
import { findDate } from "../dates.ts";
import { defaultVocabulary } from "../vocab.ts";
import { extractBody } from "./body.ts";
import { articlesInSource, diagnosticsInSource, matchingArticle, readVisibleText, spansOfReading } from "./crosscheck.ts";
import { maxDepth, paragraphsOf, parseDocument } from "./dom.ts";
import { chooseHeadline, chooseOutlet, cleanByline, isPersonCredit, joinNames } from "./fields.ts";
import { lineRoles, type LineSpan } from "./lines.ts";
import { normaliseLanguage, readMetadata } from "./metadata.ts";
import { findRelatedSections } from "./related.ts";
import { findTeasers, type Teaser } from "./teasers.ts";
import { locate, matchKey, scanSource, type SourceText } from "./source-text.ts";

export { scanSource, locate, matchKey } from "./source-text.ts";
export { readMetadata } from "./metadata.ts";

/** Deeper pages skip readability (real pages nest a few dozen elements deep). */
const MAX_READABLE_DEPTH = 150;

/**
 * Stage 2 for saved HTML pages: @mozilla/readability over linkedom finds the article's prose,
 * the page's metadata (JSON-LD, OpenGraph, meta tags, `<html lang>`) gives its fields, related
 * sections are read from the page's own structure, and every source line gets a role by tracing
 * the extracted text back to the source (source-text.ts). Pure; never throws on content.
 */
export function parseHtmlDump(dump: Dump): ParseResult {
  const vocab = defaultVocabulary();
  const source = scanSource(dump.text);
  const diagnostics: Diagnostic[] = [];
  const file = dump.name;
  if (dump.text.trim().length === 0) return { articles: [], lines: lineRoles(source, []), diagnostics };

  const document = parseDocument(dump.text);
  const meta = readMetadata(document, vocab);
  if (meta.badJsonLd > 0) {
    diagnostics.push({ id: "html-bad-json-ld", level: "info", message: `${file}: ${meta.badJsonLd} JSON-LD block(s) are not valid JSON and were ignored`, file });
  }

  // Readability rewrites the document it reads, so it gets its own copy; the original keeps the
  // page's structure for related sections.
  let readable: ReturnType<Readability<Element>["parse"]> = null;
  const depth = maxDepth(document);
  if (depth > MAX_READABLE_DEPTH) {
    // Readability's time grows much faster than the nesting depth; no real page nests this deep.
    diagnostics.push({
      id: "html-too-deep",
      level: "warning",
      message: `${file}: the page nests its elements ${depth} deep; its visible text is read as text instead`,
      file,
    });
  } else try {
    readable = new Readability<Element>(parseDocument(dump.text), { keepClasses: true, serializer: (node) => node as Element }).parse();
  } catch (error) {
    diagnostics.push({
      id: "html-unreadable",
      level: "warning",
      message: `${file}: the article extractor failed on this page (${error instanceof Error ? error.message : String(error)})`,
      file,
    });
  }

  const outletName = chooseOutlet(meta);
  const teasers = readable?.content ? findTeasers(paragraphsOf(readable.content).paragraphs, vocab) : null;
  if (teasers) return teaserResult(teasers, source, { outlet: outletName, language: meta.language ?? normaliseLanguage(readable?.lang), date: meta.date }, diagnostics);

  const headline = chooseHeadline(meta, readable?.title);
  const outlet = outletName;
  const sections = headline ? findRelatedSections(document, vocab, headline) : [];
  const authors = meta.authors.filter((a) => isPersonCredit(a, outlet, vocab));
  const body = readable?.content && headline ? extractBody(readable.content, { headline, authors, vocab }) : null;

  const language = meta.language ?? normaliseLanguage(readable?.lang);
  if (!headline || !body || body.paragraphs.length === 0) {
    // No main article: a section front or a list of teasers. The text pipeline reads the visible text.
    const reading = readVisibleText(source, file, language);
    const articles = articlesInSource(reading).map((a) => ({ ...a, language: a.language ?? language }));
    if (articles.length === 0) {
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

  // Trace the article back to the source lines, in reading order.
  const spans: LineSpan[] = [];
  const firstBody = locate(source, body.paragraphs[0]!);
  const headlineAt = locateBefore(source, headline, firstBody?.start ?? source.keys.length);
  if (headlineAt) spans.push({ role: "headline", line: headlineAt.line, lastLine: headlineAt.lastLine, confidence: 0.9, inArticle: true });
  let cursor = headlineAt?.end ?? 0;
  let unlocated = 0;
  let bodyEnd = 0;
  for (const paragraph of body.paragraphs) {
    const at = locate(source, paragraph, cursor) ?? locate(source, paragraph);
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
  const first = Math.min(...articleLines.map((s) => s.line));
  const last = Math.max(...articleLines.map((s) => s.lastLine));
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

/** A page of teasers: one article per teaser, its summary as body, lines traced in order. */
function teaserResult(
  teasers: Teaser[],
  source: SourceText,
  page: { outlet: string | null; language: string | null; date: string | null },
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
      lines: own.length > 0 ? [Math.min(...own.map((s) => s.line)), Math.max(...own.map((s) => s.lastLine))] : [1, lineCount],
    });
  }
  return { articles, lines: lineRoles(source, spans), diagnostics };
}
