import type { Draft } from "./assemble.ts";
import type { ClassifiedLine } from "./classify.ts";

/**
 * Pull quotes: magazines print a quotation from the text again, large, between its paragraphs.
 * A short paragraph in quotation marks whose words all stand, in order, inside another paragraph
 * of the same article is a repetition set for display, not text of its own.
 */
const maxWords = 45;
/** Quotation marks around the whole paragraph (a quoted crosshead goes on after its closing mark). */
const quoted = /^["“”„«‘’'].*["“”»’'.!?…]$/u;
const surrounding = /^[\s"“”„«»‘’'—–-]+|[\s"“”„«»‘’'—–.!?…-]+$/gu;

function comparable(text: string): string {
  return text.replace(surrounding, "").replace(/[“”„«»"‘’']/gu, "'").replace(/\s+/gu, " ").toLowerCase();
}

/** Indices (line numbers) of the draft's body paragraphs that repeat a sentence of another one. */
export function pullQuotes(lines: readonly ClassifiedLine[], draft: Draft): number[] {
  if (draft.body.length < 3) return [];
  const texts = draft.body.map((b) => comparable(lines[b]?.text ?? ""));
  const found: number[] = [];
  draft.body.forEach((b, n) => {
    const l = lines[b];
    const own = texts[n] ?? "";
    // Too short to tell a repetition from a common phrase; and set as a quotation (a crosshead
    // also repeats words of the text, but names a topic).
    if (!l || l.words > maxWords || l.words < 5 || own.length < 24 || !quoted.test(l.text.trim())) return;
    if (texts.some((t, m) => m !== n && t.length > own.length && t.includes(own))) found.push(b);
  });
  return found;
}
