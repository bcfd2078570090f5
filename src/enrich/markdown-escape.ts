/**
 * Plain text → Markdown that renders as exactly that text. Article paragraphs are text, never
 * markup: a paragraph that starts with "#" or "1." is not a heading or a list, "*" and "_" are not
 * emphasis, "<script>" is not HTML and "[x](y)" is not a link. CommonMark lets a backslash escape
 * any ASCII punctuation, so we escape the characters that could start a construct and leave the
 * rest alone, to keep content/ files readable for the editors who correct them.
 */
import { normaliseSpace } from "./text.ts";

/** Characters that open or close an inline construct anywhere in a line. */
const INLINE_SPECIAL = /[\\`*_[\]<>~|]/g;
/** An entity or numeric character reference, which Markdown would decode ("&amp;" → "&"). */
const CHARACTER_REFERENCE = /&(?=#?[A-Za-z0-9]+;)/g;
/** Line starts that open a block: headings, quotes, lists, thematic breaks, fences, setext lines. */
const BLOCK_START = /^([#>+\-=]|\d{1,9}(?=[.)]))/;

/**
 * Escapes one paragraph of plain text. White space is normalised (line breaks inside a
 * paragraph become spaces): a paragraph is one line of Markdown.
 */
export function escapeMarkdownText(text: string): string {
  // Control characters have no business in a body (NUL would render as U+FFFD); tabs and line
  // breaks among them are white space.
  const clean = normaliseSpace(text.replace(/\p{Cc}/gu, " "));
  let escaped = clean.replace(INLINE_SPECIAL, "\\$&").replace(CHARACTER_REFERENCE, "\\&");
  const start = BLOCK_START.exec(escaped);
  if (start) {
    const opener = start[0];
    // "1." and "1)" open an ordered list: escape the punctuation after the number.
    escaped = /^\d/.test(opener)
      ? `${opener}\\${escaped.slice(opener.length)}`
      : `\\${escaped}`;
  }
  return escaped;
}

/** Body paragraphs → the Markdown body of an article record: escaped paragraphs, blank-line separated. */
export function paragraphsToMarkdown(paragraphs: readonly string[]): string {
  return paragraphs
    .map(escapeMarkdownText)
    .filter((paragraph) => paragraph.length > 0)
    .join("\n\n");
}
