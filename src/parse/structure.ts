import { codeAt, isLetterOrNumberAt, isNfkcStable } from "./chars.ts";
import type { ClassifiedLine } from "./classify.ts";
import { findDateline } from "./dateline.ts";
import { tokenF1 } from "./overlap.ts";

// A headline opens with a capital, a digit, or a letter of a script without case (Arabic,
// Hebrew, CJK, Devanagari …: \p{Lo}), where capitals cannot tell a title from a fragment.
const headlineStart = /^["'“‘«„¿¡\p{Lu}\p{Lt}\p{Lo}\p{N}【「『]/u;
const headlineEnd = /[,;、，]$/u;

/**
 * Structural questions about classified lines, asked by assembly: where the next content line is,
 * whether a line can head an article, whether a short line heads a new article or is a crosshead.
 */
export class Page {
  readonly lines: ClassifiedLine[];
  private counts: Map<string, number> | undefined;
  private readonly shaped: (boolean | undefined)[] = [];
  constructor(lines: ClassifiedLine[]) {
    this.lines = lines;
  }

  /** Whether the page prints this line's text more than once (as a line or list item). */
  repeated(i: number): boolean {
    const key = this.at(i).key;
    this.counts ??= this.countTitleKeys();
    let n = this.counts.get(key);
    if (n === undefined) {
      n = 0;
      for (const l of this.lines) if (!l.blank && l.key === key) n++;
      this.counts.set(key, n);
    }
    return n >= 2;
  }

  /**
   * How often each title line's key occurs on the page: assembly asks about titles only. Keys of
   * other lengths are passed over without hashing them (hashing every line cost more than the
   * questions asked).
   */
  private countTitleKeys(): Map<string, number> {
    const counts = new Map<string, number>();
    let longest = 0;
    for (const l of this.lines) if (l.kind === "title") longest = Math.max(longest, l.key.length);
    const lengths = new Uint8Array(longest + 1);
    for (const l of this.lines) {
      if (l.kind !== "title") continue;
      lengths[l.key.length] = 1;
      counts.set(l.key, 0);
    }
    for (const l of this.lines) {
      if (l.blank || l.key.length > longest || lengths[l.key.length] === 0) continue;
      const n = counts.get(l.key);
      if (n !== undefined) counts.set(l.key, n + 1);
    }
    return counts;
  }

  get length(): number {
    return this.lines.length;
  }

  at(i: number): ClassifiedLine {
    const line = this.lines[i];
    if (!line) throw new RangeError(`line index ${i} outside 0..${this.lines.length - 1}`);
    return line;
  }

  /** Index of the next non-blank line after i, or -1. */
  nextContent(i: number): number {
    for (let j = i + 1; j < this.lines.length; j++) if (!this.at(j).blank) return j;
    return -1;
  }

  /** Index of the next line after i that is neither blank nor residue or debris, or -1. */
  nextMeaningful(i: number): number {
    for (let j = this.nextContent(i); j >= 0; j = this.nextContent(j)) {
      const k = this.at(j).kind;
      if (k !== "junk" && k !== "debris") return j;
    }
    return -1;
  }

  /** Index of the previous non-blank line before i, or -1. */
  prevContent(i: number): number {
    for (let j = i - 1; j >= 0; j--) if (!this.at(j).blank) return j;
    return -1;
  }

  /** Can this line be a headline at all: a title-shaped line that starts like one and holds no date. */
  headlineShaped(i: number): boolean {
    const l = this.at(i);
    if (l.kind !== "title") return false;
    // Asked again and again for the same lines while assembling: remembered per line.
    const known = this.shaped[i];
    if (known !== undefined) return known;
    const shaped = headlineStart.test(l.text) && !headlineEnd.test(l.text);
    this.shaped[i] = shaped;
    return shaped;
  }

  /**
   * From a headline-shaped line, the first body paragraph it leads to, passing over meta lines
   * (bylines, dates, sources), captions, residue and other short lines; -1 if none is near.
   */
  leadsTo(i: number, maxLines = 6): number {
    let j = i;
    for (let seen = 0; seen < maxLines; seen++) {
      j = this.nextContent(j);
      if (j < 0) return -1;
      const k = this.at(j).kind;
      if (k === "para") return j;
      if (k === "related-marker" || k === "copyright") return -1;
      if (k === "title" && this.headlineShaped(j) && this.at(j).words >= this.at(i).words + 2) return -1;
    }
    return -1;
  }

  /** Meta lines (byline, date, source) between a headline and its first paragraph. */
  metaBetween(from: number, to: number): number[] {
    const out: number[] = [];
    for (let j = from + 1; j < to; j++) {
      const k = this.at(j).kind;
      if (k === "byline" || k === "date" || k === "source") out.push(j);
    }
    return out;
  }

  /**
   * Whether a headline-shaped line starts a new article rather than being a crosshead or caption
   * inside the current one: it is followed by meta lines or a dateline, or the lead repeats it.
   */
  startsArticle(i: number): boolean {
    return this.articleEvidence(i) !== null;
  }

  /**
   * The evidence that a headline-shaped line starts an article: meta lines or a dateline under
   * it, or a lead that repeats it ("confirmed"); only its layout, a teaser printing its headline
   * twice or a kicker date above it ("layout"); null when it is no article's start.
   */
  articleEvidence(i: number): "confirmed" | "layout" | null {
    if (!this.headlineShaped(i)) return null;
    const lead = this.leadsTo(i);
    if (lead < 0) return null;
    if (this.metaBetween(i, lead).length > 0) return "confirmed";
    if (findDateline(this.at(lead).text)) return "confirmed";
    const prev = this.prevContent(i);
    // A teaser prints its headline twice (a list entry, then the heading itself).
    for (let k = 0, j = i; k < 4; k++) {
      j = this.prevContent(j);
      if (j < 0 || this.at(j).kind === "para") break;
      if (this.at(j).key === this.at(i).key) return "layout";
    }
    // A kicker date or byline right above it, with no paragraph between: a teaser of a feed.
    if (prev >= 0 && (this.at(prev).kind === "date" || this.at(prev).kind === "byline")) return "layout";
    const head = this.at(i);
    if (head.cjk ? head.words < 5 : head.words < 6) return null;
    // Straight after a paragraph, a line that echoes the text is a crosshead; a new article is set apart.
    if (prev >= 0 && this.at(prev).kind === "para") return null;
    return leadOverlap(head.text, this.at(lead).text) >= 0.34 ? "confirmed" : null;
  }
}

// Stems are asked for the same headlines again and again while comparing; remember the last few thousand.
const stemCache = new Map<string, string[]>();

function stems(text: string): string[] {
  const hit = stemCache.get(text);
  if (hit) return hit;
  const computed = computeStems(text);
  if (stemCache.size > 4096) stemCache.clear();
  stemCache.set(text, computed);
  return computed;
}

/** Han, Hiragana and Katakana characters: all of them, and their surrogate halves, are at U+2E80 or above. */
const cjkScripts = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function computeStems(text: string): string[] {
  const lower = (isNfkcStable(text) ? text : text.normalize("NFKC")).toLowerCase();
  if (hasCodeFrom(lower, 0x2e80) && cjkScripts.test(lower)) {
    const chars = lower.replace(/[^\p{Script=Han}\p{Script=Katakana}]/gu, "");
    const grams: string[] = [];
    for (let k = 0; k + 1 < chars.length; k++) grams.push(chars.slice(k, k + 2));
    return grams;
  }
  // Words (runs of letters and numbers, as /[^\p{L}\p{N}]+/u splits) of four code units or more,
  // cut to their first five. Read by code: splitting long leads into arrays cost more.
  const out: string[] = [];
  const length = lower.length;
  let start = -1;
  for (let k = 0; k < length; k++) {
    const c = codeAt(lower, k);
    const pair = c >= 0xd800 && c <= 0xdbff && k + 1 < length && isLowSurrogate(codeAt(lower, k + 1));
    const word = c < 128 ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) : isLetterOrNumberAt(lower, k, c);
    if (word) {
      if (start < 0) start = k;
    } else if (start >= 0) {
      if (k - start >= 4) out.push(lower.slice(start, Math.min(start + 5, k)));
      start = -1;
    }
    if (pair) k++;
  }
  if (start >= 0 && length - start >= 4) out.push(lower.slice(start, Math.min(start + 5, length)));
  return out;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Whether any code unit of `text` is `from` or above. */
function hasCodeFrom(text: string, from: number): boolean {
  for (let k = 0, length = text.length; k < length; k++) if (codeAt(text, k) >= from) return true;
  return false;
}

/** Share of a headline's content words (crudely stemmed) that its lead paragraph repeats. */
export function leadOverlap(headline: string, lead: string): number {
  const h = [...new Set(stems(headline))];
  if (h.length === 0) return 0;
  const l = new Set(stems(lead));
  return h.filter((w) => l.has(w)).length / h.length;
}

/** Token F1 of two strings: how alike two headlines or summaries are. */
export function similarity(a: string, b: string): number {
  return tokenF1(stems(a), stems(b));
}

/**
 * Texts indexed by their stems, to find the first one alike to a query without comparing the
 * query with every text: only texts sharing a stem with it can be alike, and on long pages
 * (fronts, feeds) comparing every teaser with every article grew with the square of the page.
 */
export class AlikeIndex {
  private readonly texts: readonly string[];
  /** Built on the first question: most pages ask none (they have no teasers to match). */
  private postings: Map<string, number[]> | undefined;

  constructor(texts: readonly string[]) {
    this.texts = texts;
  }

  private index(): Map<string, number[]> {
    const postings = new Map<string, number[]>();
    this.texts.forEach((text, n) => {
      for (const stem of new Set(stems(text))) {
        const list = postings.get(stem);
        if (list) list.push(n);
        else postings.set(stem, [n]);
      }
    });
    return postings;
  }

  /** Index of the first text whose similarity with `query` is at least `min`, or -1. */
  firstAlike(query: string, min: number): number {
    this.postings ??= this.index();
    const candidates = new Set<number>();
    for (const stem of stems(query)) for (const n of this.postings.get(stem) ?? []) candidates.add(n);
    let first = -1;
    for (const n of candidates) if ((first < 0 || n < first) && similarity(this.texts[n] ?? "", query) >= min) first = n;
    return first;
  }
}
