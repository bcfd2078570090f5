import type { Draft } from "./assemble.ts";
import { CharSet, codeAt, isSpace } from "./chars.ts";
import type { ClassifiedLine } from "./classify.ts";

/**
 * Pull quotes: magazines print a quotation from the text again, large, between its paragraphs.
 * A short paragraph in quotation marks whose words all stand, in order, inside another paragraph
 * of the same article is a repetition set for display, not text of its own.
 */
const maxWords = 45;
/** Quotation marks around the whole paragraph (a quoted crosshead goes on after its closing mark). */
const quoted = /^["“”„«‘’'].*["“”»’'.!?…]$/u;
/** The marks a quotation opens with: paragraphs starting otherwise are passed over without the pattern. */
const openingMarks = new CharSet("\"“”„«‘’'");
const surrounding = /^[\s"“”„«»‘’'—–-]+|[\s"“”„«»‘’'—–.!?…-]+$/gu;

function comparable(text: string): string {
  return text.replace(surrounding, "").replace(/[“”„«»"‘’']/gu, "'").replace(/\s+/gu, " ").toLowerCase();
}

/**
 * Whether a paragraph is shaped like a pull quote: short, but not too short to tell a repetition
 * from a common phrase, and set as a quotation (a crosshead also repeats words of the text, but
 * names a topic).
 */
function quoteShaped(l: ClassifiedLine | undefined): l is ClassifiedLine {
  if (l === undefined || l.words > maxWords || l.words < 5 || l.text.length === 0) return false;
  const first = codeAt(l.text, 0);
  return (openingMarks.has(first) || isSpace(first)) && quoted.test(l.text.trim());
}

/**
 * The longest run of ASCII letters and digits in a comparable text: a repetition of the text
 * holds it too, and so does the other paragraph merely lower-cased (lower-casing, the only change
 * comparable() makes to letters and digits, maps them alike wherever they stand).
 */
function probeOf(own: string): string {
  let best = "";
  let start = -1;
  for (let k = 0, length = own.length; k <= length; k++) {
    const c = k < length ? codeAt(own, k) : -1;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = k;
      continue;
    }
    if (start >= 0 && k - start > best.length) best = own.slice(start, k);
    start = -1;
  }
  return best;
}

/** Indices (line numbers) of the draft's body paragraphs that repeat a sentence of another one. */
export function pullQuotes(lines: readonly ClassifiedLine[], draft: Draft): number[] {
  if (draft.body.length < 3) return [];
  // Most articles set no paragraph as a quotation: their paragraphs are never normalised.
  if (!draft.body.some((b) => quoteShaped(lines[b]))) return [];
  const textOf = (n: number): string => lines[draft.body[n] ?? -1]?.text ?? "";
  // Normalised on demand: only paragraphs that hold the quotation's longest word are compared.
  const texts: (string | undefined)[] = [];
  const lowered: (string | undefined)[] = [];
  const comparableAt = (n: number): string => (texts[n] ??= comparable(textOf(n)));
  const found: number[] = [];
  draft.body.forEach((b, n) => {
    if (!quoteShaped(lines[b])) return;
    const own = comparableAt(n);
    if (own.length < 24) return;
    const probe = probeOf(own);
    for (let m = 0; m < draft.body.length; m++) {
      if (m === n) continue;
      if (probe.length > 0 && !(lowered[m] ??= textOf(m).toLowerCase()).includes(probe)) continue;
      const t = comparableAt(m);
      if (t.length > own.length && t.includes(own)) {
        found.push(b);
        return;
      }
    }
  });
  return found;
}
