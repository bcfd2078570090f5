import type { Draft } from "./assemble.ts";
import { looksLikeName } from "./byline.ts";
import type { ClassifiedLine } from "./classify.ts";
import { Page } from "./structure.ts";
import type { Vocabulary } from "./vocab.ts";

export interface TrailerCredit {
  outlet: string | null;
  byline: string | null;
}

export interface Trailer {
  lines: number[];
  credits: TrailerCredit[];
}

const creditKinds = new Set(["title", "short", "byline"]);

/**
 * Reposts end with the credits of the articles they copy, one short line per article, in order:
 * "SANA, Manar al-Frieh/ Manal", "Fars News". Only read on pages with several articles, from the
 * first lines after the last one.
 */
export function readTrailer(lines: ClassifiedLine[], drafts: Draft[], vocab: Vocabulary): Trailer | null {
  if (drafts.length < 2) return null;
  const page = new Page(lines);
  const last = drafts.reduce((m, d) => Math.max(m, d.end), -1);
  const trailer: Trailer = { lines: [], credits: [] };
  let j = page.nextContent(last);
  while (j >= 0 && trailer.lines.length < drafts.length) {
    const l = page.at(j);
    if (!creditKinds.has(l.kind) || l.words > 8 || l.terminal || l.endsWithColon) break;
    const [outlet = "", ...rest] = l.text.split(/\s*,\s*/u);
    const byline = rest.join(", ").trim();
    if (!looksLikeName(outlet, vocab)) break;
    trailer.lines.push(j);
    trailer.credits.push({ outlet, byline: byline && looksLikeName(byline, vocab) ? byline : null });
    const next = j + 1;
    if (next >= lines.length || page.at(next).blank) break;
    j = next;
  }
  return trailer.lines.length >= 2 ? trailer : null;
}
