import { decodeHTML } from "entities";

/**
 * The visible text of an HTML source, read straight from the source lines so every piece of it
 * keeps its line number. linkedom builds a DOM without source positions; this linear scan is how
 * extracted text is traced back to the lines of the dump (see `locate`).
 */

/** A run of visible text between block-level tags, as a browser would break it. */
export interface SourceBlock {
  text: string;
  /** 1-based source lines of its first and last visible characters. */
  line: number;
  lastLine: number;
  /** The tag that began it (`p`, `li`, `br` …), for laying the blocks out as text. */
  opener: string;
}

/** What a source line holds, for giving lines without article text a role (higher wins). */
export const LineContent = {
  /** Nothing but whitespace. */
  Blank: 0,
  /** Tags, attributes, comments: markup a reader never sees. */
  Markup: 1,
  /** Script or style code. */
  Code: 2,
  /** Some visible text. */
  Text: 3,
} as const;
export type LineContent = (typeof LineContent)[keyof typeof LineContent];

export interface SourceText {
  blocks: SourceBlock[];
  /** The visible text as letters and digits only, lower-cased: what extracted text is matched in. */
  keys: string;
  /** The source line of each UTF-16 unit of `keys`. */
  keyLines: Int32Array;
  /** Per source line (index 0 is line 1). */
  lineContent: Uint8Array;
  /**
   * The deepest nesting of elements whose end tag is required (div, span, a …), counted from the
   * tags: a cheap upper bound that spares the DOM builder pathological pages.
   */
  nesting: number;
}

/** Letters and digits only, lower-cased: extracted text and source text are compared in this form. */
export function matchKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

const BLOCK_TAGS = new Set([
  "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog", "div",
  "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
  "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
  "tfoot", "th", "thead", "tr", "ul", "option", "select", "head", "legend",
]);

/** Elements without an end tag, or whose end tag may be left out: not counted for nesting. */
const UNNESTED = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
  "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt",
  "rp", "html", "head", "body",
]);

/** Elements whose content is never shown as text: skipped up to their end tag. */
const HIDDEN_TAGS = new Set(["script", "style", "template", "noscript", "svg", "iframe", "object", "textarea", "title", "math"]);

export function scanSource(source: string): SourceText {
  const lineStarts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lineCount = lineStarts.length;
  const lineContent = new Uint8Array(lineCount);
  const mark = (from: number, to: number, content: LineContent): void => {
    // Raises the lines that [from, to) touches to `content`, never lowering what a line holds.
    if (to <= from) return;
    const last = lineOf(lineStarts, to - 1);
    for (let line = lineOf(lineStarts, from); line <= last; line++) {
      if (lineContent[line]! < content) lineContent[line] = content;
    }
  };

  const blocks: SourceBlock[] = [];
  const keyParts: string[] = [];
  const keyLineParts: { line: number; length: number }[] = [];
  let runs: [number, number][] = [];
  let opener = "body";
  let depth = 0;
  let nesting = 0;

  const flush = (): void => {
    if (runs.length === 0) return;
    let text = "";
    let first = -1;
    let last = -1;
    for (const [from, to] of runs) {
      // Entities never span lines, so each line of a run is decoded and keyed on its own.
      let lineIndex = lineOf(lineStarts, from);
      for (let pos = from; pos < to; lineIndex++) {
        const pieceEnd = Math.min(to, lineStarts[lineIndex + 1] ?? Infinity);
        const piece = decodeHTML(source.slice(pos, pieceEnd));
        if (/\S/.test(piece)) {
          if (first === -1) first = lineIndex + 1;
          last = lineIndex + 1;
          const key = matchKey(piece);
          if (key.length > 0) {
            keyParts.push(key);
            keyLineParts.push({ line: lineIndex + 1, length: key.length });
          }
          mark(pos, pieceEnd, LineContent.Text);
        }
        text += piece;
        pos = pieceEnd;
      }
    }
    runs = [];
    const clean = text.replace(/\s+/g, " ").trim();
    if (clean.length > 0 && first !== -1) blocks.push({ text: clean, line: first, lastLine: last, opener });
  };

  let i = 0;
  let textStart = 0;
  const n = source.length;
  while (i < n) {
    const lt = source.indexOf("<", i);
    if (lt === -1) break;
    const next = source.charCodeAt(lt + 1);
    const isTag = (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || next === 0x2f || next === 0x21 || next === 0x3f;
    if (!isTag) {
      i = lt + 1;
      continue;
    }
    if (lt > textStart) runs.push([textStart, lt]);
    let end: number;
    if (source.startsWith("<!--", lt)) {
      const close = source.indexOf("-->", lt + 4);
      end = close === -1 ? n : close + 3;
      mark(lt, end, LineContent.Markup);
    } else if (next === 0x21 || next === 0x3f) {
      const close = source.indexOf(">", lt);
      end = close === -1 ? n : close + 1;
      mark(lt, end, LineContent.Markup);
    } else {
      end = tagEnd(source, lt);
      const name = /^<\/?([A-Za-z][A-Za-z0-9:-]*)/.exec(source.slice(lt, Math.min(end, lt + 40)))?.[1]?.toLowerCase() ?? "";
      const closing = next === 0x2f;
      mark(lt, end, LineContent.Markup);
      if (!UNNESTED.has(name) && name !== "") {
        if (closing) depth = Math.max(0, depth - 1);
        else if (source.charCodeAt(end - 2) !== 0x2f) nesting = Math.max(nesting, ++depth);
      }
      if (BLOCK_TAGS.has(name)) {
        flush();
        opener = closing ? "p" : name;
      }
      if (!closing && HIDDEN_TAGS.has(name) && !source.slice(lt, end).endsWith("/>")) {
        const close = indexOfCaseless(source, `</${name}`, end);
        const contentEnd = close === -1 ? n : close;
        mark(end, contentEnd, name === "script" || name === "style" ? LineContent.Code : LineContent.Markup);
        end = close === -1 ? n : tagEnd(source, close);
        mark(contentEnd, end, LineContent.Markup);
        flush();
      }
    }
    i = end;
    textStart = end;
  }
  if (textStart < n) runs.push([textStart, n]);
  flush();

  const keys = keyParts.join("");
  const keyLines = new Int32Array(keys.length);
  let at = 0;
  for (const { line, length } of keyLineParts) {
    keyLines.fill(line, at, at + length);
    at += length;
  }
  for (let line = 0; line < lineCount; line++) {
    if (lineContent[line] === LineContent.Blank) {
      const text = source.slice(lineStarts[line], (lineStarts[line + 1] ?? n + 1) - 1);
      if (/\S/.test(text)) lineContent[line] = LineContent.Markup;
    }
  }
  return { blocks, keys, keyLines, lineContent, nesting };
}

/** The index (0-based) of the line holding offset `pos`: binary search over line starts. */
function lineOf(lineStarts: number[], pos: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The offset just past the `>` that ends the tag opening at `lt`, skipping quoted attribute values. */
function tagEnd(source: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      // A quote only opens a value right after `=` (an apostrophe in a broken tag is just text).
      if (source.charCodeAt(i - 1) === 0x3d || /=\s*$/.test(source.slice(Math.max(lt, i - 8), i))) quote = c;
    } else if (c === 0x3e) {
      return i + 1;
    }
  }
  return source.length;
}

function indexOfCaseless(source: string, needle: string, from: number): number {
  const re = new RegExp(needle.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), "ig");
  re.lastIndex = from;
  return re.exec(source)?.index ?? -1;
}

/**
 * Finds extracted text in the source: the lines from its first to its last letter or digit,
 * searching forward from `from` (an index into `keys`) so repeated text (a headline in the
 * title bar and above the article) resolves to the occurrence in reading order. Long texts are
 * matched by their first and last 40 keys, so inner differences (a dropped inline ad) do not
 * matter. Returns null when the text is not in the source.
 */
export function locate(source: SourceText, text: string, from = 0): { line: number; lastLine: number; start: number; end: number } | null {
  const key = matchKey(text);
  if (key.length === 0) return null;
  const edge = 40;
  const head = key.slice(0, edge);
  const start = source.keys.indexOf(head, from);
  if (start === -1) return null;
  let end = start + head.length;
  if (key.length > edge) {
    const tail = key.slice(-edge);
    // The tail must follow within reach of the text's length, not in some later section; only
    // that window is searched, so a text whose tail is missing costs its own length, not the page's.
    const window = source.keys.slice(start, start + 2 * key.length + 200 + tail.length);
    const tailAt = window.indexOf(tail);
    if (tailAt === -1) return null;
    end = start + tailAt + tail.length;
  }
  return { line: source.keyLines[start]!, lastLine: source.keyLines[end - 1]!, start, end };
}

/** Tags whose blocks follow the previous one on the next line rather than after a blank line. */
const LINE_OPENERS = new Set(["li", "br", "td", "th", "tr", "option", "dt", "dd"]);

/**
 * The page's visible text laid out like a text capture (paragraphs apart, list items and cells on
 * consecutive lines), one block per line, with the source lines of each text line.
 */
export function visibleText(source: SourceText): { text: string; sourceLines: [number, number][] } {
  const out: string[] = [];
  const sourceLines: [number, number][] = [];
  for (const block of source.blocks) {
    if (out.length > 0 && !LINE_OPENERS.has(block.opener)) {
      out.push("");
      sourceLines.push([block.line, block.line]);
    }
    out.push(block.text);
    sourceLines.push([block.line, block.lastLine]);
  }
  return { text: out.join("\n"), sourceLines };
}
