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
  return best;
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
