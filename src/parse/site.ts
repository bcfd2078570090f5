import { codeAt, isSpace, isUpperAt } from "./chars.ts";
import type { ClassifiedLine } from "./classify.ts";

/**
 * The page's own name, for articles that credit no outlet: the copyright holder, unless the page
 * keeps naming itself otherwise ("LWN.net" on a page © Eklektix, "CNET" on a page © CBS
 * Interactive). Candidates are the copyright credit, domain-like names (LWN.net) and short
 * all-capitals names (CNET, ZEIT); the page's own repetition decides.
 */
/** What separates words: white space (as /\s/ matches it), punctuation, quotes, brackets, bars and slashes. */
const asciiSeparators = new Uint8Array(128);
for (const ch of "\t\n\v\f\r ,;:!?()[]\"'|/") asciiSeparators[ch.charCodeAt(0)] = 1;
const otherSeparators = new Set([..."\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff“”‘’«»"].map((ch) => ch.charCodeAt(0)));

/**
 * Whether a char code separates words. Scanned by code rather than matched by a global pattern:
 * a match object for every word of every candidate line cost more than the rest of the search.
 */
function isSeparator(c: number): boolean {
  return c < 128 ? asciiSeparators[c] === 1 : (c >= 0x2000 && c <= 0x200a) || otherSeparators.has(c);
}

export function siteName(lines: ClassifiedLine[], headlines: readonly string[] = []): string | null {
  const copyright = lines.findLast((l) => l.kind === "copyright" && l.credit)?.credit ?? null;
  const counts = new Map<string, number>();
  const domain = /^[\p{Lu}][\p{L}\p{N}-]{1,30}\.(?:net|com|org|info|de|fr|it|es|nl|jp|cn|co\.uk)$/u;
  const capitals = /^\p{Lu}{3,8}$/u;
  // Site names live in the page's chrome (header, navigation, footer), topics in its prose.
  const head = new Set<string>();
  const tail = new Set<string>();
  const edge = Math.ceil(lines.length * 0.2);
  for (const l of lines) {
    if (l.blank || l.kind === "para") continue;
    // Only lines with a run of capitals or a dot inside a word can hold a candidate.
    if (!mayHoldName(l.text)) continue;
    const inHead = l.index < edge;
    const inTail = l.index >= lines.length - edge;
    const text = l.text;
    const length = text.length;
    for (let start = 0; start < length; ) {
      if (isSeparator(codeAt(text, start))) {
        start++;
        continue;
      }
      // The word, and what it holds: dots, and ASCII characters other than capitals.
      let end = start;
      let dots = 0;
      let notCapitals = 0;
      for (; end < length; end++) {
        const c = codeAt(text, end);
        if (c < 128) {
          if (isSeparator(c)) break;
          if (c === 46) dots++;
          if (c < 65 || c > 90) notCapitals++;
        } else if (isSeparator(c)) break;
      }
      // Both kinds of name start with a capital: other words are passed over without a copy.
      const first = codeAt(text, start);
      if (first >= 128 || (first >= 65 && first <= 90)) {
        // The name without a full stop after it.
        const stop = codeAt(text, end - 1) === 46 ? 1 : 0;
        const nameEnd = end - stop;
        // A domain-like name holds a dot, a name in capitals nothing but capitals (three or more):
        // a word that can be neither is not copied to be tested.
        let weight = 0;
        if (dots - stop > 0) {
          const t = text.slice(start, nameEnd);
          // A domain-like name is a site's name far more often than a word in capitals is.
          if (domain.test(t)) weight = 3;
        } else if (notCapitals - stop === 0 && nameEnd - start >= 3) {
          if (capitals.test(text.slice(start, nameEnd))) weight = 1;
        }
        if (weight > 0) {
          const t = text.slice(start, nameEnd);
          counts.set(t, (counts.get(t) ?? 0) + weight);
          if (inHead) head.add(t);
          if (inTail) tail.add(t);
        }
      }
      start = end;
    }
  }
  const copyrightCount = copyright ? countOf(lines, copyright) : 0;
  let best = copyright;
  let bestCount = 0;
  for (const [name, n] of counts) {
    if (n < 4 || n <= 2 * copyrightCount || n <= bestCount) continue;
    // A domain-like name in the header or footer; a word in capitals in both.
    const placed = domain.test(name) ? head.has(name) || tail.has(name) : head.has(name) && tail.has(name);
    // A name the page's own headlines use is their subject, not the page's name.
    if (placed && !(copyright && copyright.includes(name)) && !headlines.some((h) => h.includes(name))) {
      best = name;
      bestCount = n;
    }
  }
  return best ?? mastheadName(lines, headlines);
}

/** "Headline | Site Name", "Headline - Site Name": the top line a browser would show as the page's title. */
const titleSeparator = /\s+(?:\||–|—|-|::)\s+/u;

/**
 * The site's name from the top of the page, when no copyright line gives it: the part after the
 * separator of a title line that starts with an article's headline, or a short masthead line at
 * the top that the page prints again further down ("Subscribe to The Long View").
 */
function mastheadName(lines: ClassifiedLine[], headlines: readonly string[]): string | null {
  const top: ClassifiedLine[] = [];
  for (const l of lines) {
    if (top.length === 6) break;
    if (!l.blank) top.push(l);
  }
  for (const l of top) {
    // (Only a line that starts with a headline can be one: others are not split.)
    const title = l.text.trim();
    if (!headlines.some((h) => title.startsWith(h))) continue;
    const parts = title.split(titleSeparator);
    const name = parts.at(-1) ?? "";
    if (parts.length === 2 && headlines.includes(parts[0] ?? "") && name.split(/\s+/u).length <= 5) return name;
  }
  for (const l of top) {
    // The masthead alone on its line, or first in a bar of links ("The Long View  Subscribe  Sign in").
    // (Not an indented entry of a menu.)
    if (/^\s/u.test(l.raw)) continue;
    const name = firstCell(l.raw.trim());
    // (A long line is turned away before it is split into its words.)
    if (moreWordsThan(name, 5)) continue;
    const words = name.split(/\s+/u);
    if (!/^\p{Lu}/u.test(name) || headlines.includes(name)) continue;
    if (words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length < 0.6) continue;
    if (countOf(lines, name, 2) >= 2) return name;
  }
  return null;
}

/** The text before its first gap of two or more white-space characters: `text.split(/\s{2,}/u)[0]`. */
function firstCell(text: string): string {
  const gap = /\s{2,}/u.exec(text);
  return gap ? text.slice(0, gap.index) : text;
}

/** Whether `text.split(/\s+/u)` has more than `n` pieces, counted without splitting. */
function moreWordsThan(text: string, n: number): boolean {
  let pieces = 1;
  let inSpace = false;
  for (let k = 0, length = text.length; k < length; k++) {
    const space = isSpace(codeAt(text, k));
    if (space && !inSpace && ++pieces > n) return true;
    inSpace = space;
  }
  return false;
}

/** How many lines print `name` (counting stops at `atMost`). */
function countOf(lines: ClassifiedLine[], name: string, atMost = Infinity): number {
  let n = 0;
  for (const l of lines) {
    if (!l.blank && l.text.includes(name)) n++;
    if (n >= atMost) break;
  }
  return n;
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Three capitals in a row, or a dot inside a word ("LWN.net"): what a line needs to hold a site's
 * name. A loop over char codes: the equivalent Unicode pattern, tried at every position of every
 * line, cost more than the rest of the search.
 */
function mayHoldName(text: string): boolean {
  let run = 0;
  for (let k = 0, length = text.length; k < length; k++) {
    const c = codeAt(text, k);
    if (c === 46 && k > 0 && k + 1 < length && isWordCode(codeAt(text, k - 1)) && isWordCode(codeAt(text, k + 1))) return true;
    let upper: boolean;
    if (c < 128) upper = c >= 65 && c <= 90;
    else if (c >= 0xd800 && c <= 0xdbff) {
      upper = isUpperAt(text, k, c);
      if (upper && ++run >= 3) return true;
      if (!upper) run = 0;
      k++;
      continue;
    } else upper = isUpperAt(text, k, c);
    run = upper ? run + 1 : 0;
    if (run >= 3) return true;
  }
  return false;
}
