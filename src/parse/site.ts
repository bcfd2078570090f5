import type { ClassifiedLine } from "./classify.ts";

/**
 * The page's own name, for articles that credit no outlet: the copyright holder, unless the page
 * keeps naming itself otherwise ("LWN.net" on a page © Eklektix, "CNET" on a page © CBS
 * Interactive). Candidates are the copyright credit, domain-like names (LWN.net) and short
 * all-capitals names (CNET, ZEIT); the page's own repetition decides.
 */
/** A word between separators (spaces, punctuation, quotes, brackets, bars and slashes). */
const token = /[^\s,;:!?()[\]"'“”‘’«»|/]+/gu;

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
    // Tokens by a global pattern: split() with a pattern builds a new RegExp on every call.
    for (const match of l.text.matchAll(token)) {
      const t = match[0].endsWith(".") ? match[0].slice(0, -1) : match[0];
      // A domain-like name is a site's name far more often than a word in capitals is.
      const weight = domain.test(t) ? 3 : capitals.test(t) ? 1 : 0;
      if (weight === 0) continue;
      counts.set(t, (counts.get(t) ?? 0) + weight);
      if (inHead) head.add(t);
      if (inTail) tail.add(t);
    }
  }
  const copyrightCount = copyright ? countOf(lines, copyright) : 0;
  let best = copyright;
  let bestCount = 0;
  for (const [name, n] of counts) {
    // A domain-like name in the header or footer; a word in capitals in both.
    const placed = domain.test(name) ? head.has(name) || tail.has(name) : head.has(name) && tail.has(name);
    // A name the page's own headlines use is their subject, not the page's name.
    if (headlines.some((h) => h.includes(name))) continue;
    if (n >= 4 && placed && n > 2 * copyrightCount && n > bestCount && !(copyright && copyright.includes(name))) {
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
  const top = lines.filter((l) => !l.blank).slice(0, 6);
  for (const l of top) {
    const parts = l.text.trim().split(titleSeparator);
    const name = parts.at(-1) ?? "";
    if (parts.length === 2 && headlines.includes(parts[0] ?? "") && name.split(/\s+/u).length <= 5) return name;
  }
  for (const l of top) {
    // The masthead alone on its line, or first in a bar of links ("The Long View  Subscribe  Sign in").
    // (Not an indented entry of a menu.)
    if (/^\s/u.test(l.raw)) continue;
    const name = l.raw.trim().split(/\s{2,}/u)[0] ?? "";
    const words = name.split(/\s+/u);
    if (words.length > 5 || !/^\p{Lu}/u.test(name) || headlines.includes(name)) continue;
    if (words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length < 0.6) continue;
    if (countOf(lines, name) >= 2) return name;
  }
  return null;
}

function countOf(lines: ClassifiedLine[], name: string): number {
  let n = 0;
  for (const l of lines) if (!l.blank && l.text.includes(name)) n++;
  return n;
}

const upperTest = /\p{Lu}/u;

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
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 46 && k > 0 && isWordCode(text.charCodeAt(k - 1)) && isWordCode(text.charCodeAt(k + 1))) return true;
    let upper: boolean;
    if (c < 128) upper = c >= 65 && c <= 90;
    else if (c >= 0xd800 && c <= 0xdbff) {
      upper = upperTest.test(String.fromCodePoint(text.codePointAt(k) ?? c));
      if (upper && ++run >= 3) return true;
      if (!upper) run = 0;
      k++;
      continue;
    } else upper = upperTest.test(text[k]!);
    run = upper ? run + 1 : 0;
    if (run >= 3) return true;
  }
  return false;
}
