import { extname } from "node:path";
import type { DumpFormat } from "../model/index.ts";

/** Extensions of HTML dumps. */
const HTML_EXTENSIONS = new Set([".html", ".htm", ".xhtml", ".shtml"]);
const MARKDOWN_EXTENSIONS = new Set([".md", ".markdown"]);

/** True when the text starts like an HTML document (after whitespace and comments). */
export function looksLikeHtml(text: string): boolean {
  const head = text
    .slice(0, 2048)
    .replace(/^\uFEFF/, "")
    .replace(/^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*\?>)*/, "");
  return /^<(?:!doctype\s+html|html[\s>]|head[\s>])/i.test(head);
}

/** True when the text opens with a YAML front matter fence. */
export function hasFrontMatter(text: string): boolean {
  return /^\uFEFF?---[ \t]*\r?\n/.test(text);
}

/**
 * The dump's format, from its extension, confirmed by its first bytes: `.html` is HTML; `.md` is
 * a record only with front matter (a Markdown file without it is read as text); anything else is
 * text unless it opens like an HTML document (a saved page renamed `.txt`). A `.txt` that merely
 * contains some markup further down (a text capture with a stray ad snippet) stays text.
 */
export function detectFormat(fileName: string, text: string): DumpFormat {
  const ext = extname(fileName).toLowerCase();
  if (HTML_EXTENSIONS.has(ext)) return "html";
  if (MARKDOWN_EXTENSIONS.has(ext)) return hasFrontMatter(text) ? "markdown" : "text";
  return looksLikeHtml(text) ? "html" : "text";
}
