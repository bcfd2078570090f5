import type { Diagnostic, Dump, ParseResult } from "../../model/index.ts";
import { defaultVocabulary } from "../vocab.ts";
import { articleResult } from "./article.ts";
import { textFallback } from "./crosscheck.ts";
import { paragraphsOf, parseDocument } from "./dom.ts";
import { chooseOutlet } from "./fields.ts";
import { lineRoles } from "./lines.ts";
import { normaliseLanguage, readMetadata } from "./metadata.ts";
import { readArticle } from "./readable.ts";
import { scanSource } from "./source-text.ts";
import { findTeasers, teaserResult } from "./teasers.ts";

export { scanSource, locate, matchKey } from "./source-text.ts";
export { readMetadata } from "./metadata.ts";

/** Pages whose tags nest deeper than this (counted in the source) skip the DOM altogether. */
const MAX_DOM_NESTING = 1000;

/**
 * Stage 2 for saved HTML pages: @mozilla/readability over linkedom finds the article's prose,
 * the page's metadata (JSON-LD, OpenGraph, meta tags, `<html lang>`) gives its fields, related
 * sections are read from the page's own structure, and every source line gets a role by tracing
 * the extracted text back to the source (source-text.ts). A page of teasers gives one article
 * per teaser; a page readability cannot read goes through the text pipeline as visible text.
 * Pure; never throws on content.
 */
export function parseHtmlDump(dump: Dump): ParseResult {
  const vocab = defaultVocabulary();
  const source = scanSource(dump.text);
  const diagnostics: Diagnostic[] = [];
  const file = dump.name;
  if (dump.text.trim().length === 0) return { articles: [], lines: lineRoles(source, []), diagnostics };

  if (source.nesting > MAX_DOM_NESTING) {
    // No real page nests elements this deep, and building its DOM would take minutes.
    diagnostics.push({
      id: "html-too-deep",
      level: "warning",
      message: `${file}: the page nests its elements about ${source.nesting} deep; its visible text is read as text instead`,
      file,
    });
    return textFallback(source, file, dump.meta?.language ?? null, diagnostics);
  }

  const document = parseDocument(dump.text);
  const meta = readMetadata(document, vocab);
  if (meta.badJsonLd > 0) {
    diagnostics.push({ id: "html-bad-json-ld", level: "info", message: `${file}: ${meta.badJsonLd} JSON-LD block(s) are not valid JSON and were ignored`, file });
  }
  const readable = readArticle(dump.text, document, file, diagnostics);
  const outlet = chooseOutlet(meta);
  // An editor's sidecar language decides; else the page's own declaration.
  const language = dump.meta?.language ?? meta.language ?? normaliseLanguage(readable?.lang);

  const teasers = readable?.content ? findTeasers(paragraphsOf(readable.content).paragraphs, vocab) : null;
  if (teasers) return teaserResult(teasers, source, { outlet, language }, diagnostics);
  return (
    articleResult({ file, source, document, meta, readable, outlet, language, vocab, diagnostics }) ??
    textFallback(source, file, language, diagnostics)
  );
}
