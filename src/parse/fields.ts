import type { Draft } from "./assemble.ts";
import { looksLikeName } from "./byline.ts";
import type { ClassifiedLine } from "./classify.ts";
import { findDate } from "./dates.ts";
import { findDateline } from "./dateline.ts";
import { Page } from "./structure.ts";
import { phraseKey, type Vocabulary } from "./vocab.ts";

/** The fields of one article read from its lines (before page-level fallbacks). */
export interface ArticleFields {
  byline: string | null;
  date: string | null;
  outlet: string | null;
  dateline: string | null;
  /** Line of a byline printed after the body, when that is where the byline came from. */
  trailingByline?: number;
  /** Line of a name printed without a "By" above the date, when that is where the byline came from. */
  bareByline?: number;
}

/**
 * "Le Monde | 04.05.2015 à 13h36", "CNET Japan 3/9(木) 18:45配信", "CNNMoney (New York) First
 * published …": a name printed before a date on a meta line credits the outlet.
 */
export function creditBeforeDate(text: string, vocab: Vocabulary): string | null {
  const date = findDate(text, vocab);
  const numeric = /\d{1,4}[/.]\d{1,2}/u.exec(text);
  const cut = date?.index ?? numeric?.index ?? -1;
  if (cut <= 0) return null;
  let head = text.slice(0, cut).replace(/[|•·,:\s-]+$/u, "").trim();
  for (const marker of vocab.publishedMarkers) {
    const key = phraseKey(head);
    if (key === marker) return null;
    // "最終更新:3/12(火)", "公開日 2019/3/12": a label in a script without spaces ends with the marker.
    if (cjkMarker.test(marker) && key.endsWith(marker)) return null;
    if (key.endsWith(" " + marker)) head = head.slice(0, head.length - marker.length).trim();
  }
  if (vocab.weekdays.has(phraseKey(head).replace(/[.,]$/u, ""))) return null;
  head = head.split(/\s*[|•·]\s*/u)[0] ?? "";
  // "By Jane Doe | March 3, 2014": the name before the date is the writer's, not the outlet's.
  if (vocab.patterns.byline.starts.test(phraseKey(head))) return null;
  if (!head || head.split(/\s+/).length > 5 || /\d/u.test(head)) return null;
  return looksLikeName(head.replace(/\([^)]*\)/gu, "").trim() || head, vocab) ? head : null;
}

const cjkMarker = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** "2017-03-10 09:58 来源：网易科学人": a source marker and a colon inside a meta line credit what follows. */
function sourceInside(text: string, vocab: Vocabulary): string | null {
  const lower = text.toLowerCase();
  for (const marker of vocab.sourceMarkers) {
    const at = lower.indexOf(marker);
    if (at < 0 || (at > 0 && /[\p{L}]/u.test(lower[at - 1] ?? "") && !/[\p{Script=Han}]/u.test(marker))) continue;
    const m = /^\s*[:：]\s*([^\s\u3000|]{2,30})/u.exec(text.slice(at + marker.length));
    if (m?.[1]) return m[1];
  }
  return null;
}

export function readFields(lines: ClassifiedLine[], draft: Draft, vocab: Vocabulary): ArticleFields {
  const page = new Page(lines);
  const fields: ArticleFields = { byline: null, date: null, outlet: null, dateline: null };
  for (const m of draft.meta) {
    const l = page.at(m);
    if (l.kind === "byline" && !fields.byline && l.byline) fields.byline = l.byline;
    if (l.kind === "source" && !fields.outlet && l.credit) fields.outlet = l.credit;
    if (!fields.date) fields.date = findDate(l.raw.trim(), vocab)?.iso ?? null;
    if (!fields.outlet && (l.kind === "date" || l.kind === "byline")) fields.outlet = creditBeforeDate(l.text, vocab);
    if (!fields.outlet) fields.outlet = sourceInside(l.text, vocab);
  }
  // A name alone right above the date line ("NATALIYA VASILYEVA" / "Associated Press, December 2"): the byline.
  if (!fields.byline) {
    for (const c of draft.captions) {
      const l = page.at(c);
      const next = page.nextContent(c);
      const words = l.text.split(/\s+/u).length;
      if (words >= 2 && words <= 4 && !/\d/u.test(l.text) && next >= 0 && page.at(next).kind === "date" && c > draft.headline
        && looksLikeName(l.text, vocab) && l.text !== fields.outlet) {
        fields.byline = l.text;
        fields.bareByline = c;
        break;
      }
    }
  }
  const first = draft.body[0];
  if (first !== undefined) {
    const lead = page.at(first).text;
    const dl = findDateline(lead);
    if (dl) {
      fields.dateline = dl.text;
      if (!fields.outlet && dl.outlet) fields.outlet = dl.outlet;
    }
    if (!fields.date) {
      const d = findDate(lead.slice(0, 60), vocab);
      if (d && d.index < 20) fields.date = d.iso;
    }
  }
  // A date printed just above the headline (kicker lines, datelines of teasers).
  if (!fields.date && draft.headline >= 0) {
    let j = draft.headline;
    for (let k = 0; k < 3 && !fields.date; k++) {
      j = page.prevContent(j);
      if (j < 0) break;
      const l = page.at(j);
      if (l.kind === "para") break;
      if (l.kind === "date" || l.kind === "byline") fields.date = findDate(l.raw.trim(), vocab)?.iso ?? null;
    }
  }
  // A credit line after the body: "CNNMoney (New York) First published February 1, 2016".
  if (!fields.outlet) {
    let j = draft.end;
    for (let k = 0; k < 2 && !fields.outlet; k++) {
      j = page.nextContent(j);
      if (j < 0) break;
      const l = page.at(j);
      if (l.kind === "para") break;
      if (l.words <= 12) fields.outlet = creditBeforeDate(l.text, vocab);
    }
  }
  // A byline printed after the body ("By …" or a name line before the comments).
  if (!fields.byline) {
    let j = draft.end;
    for (let k = 0; k < 3; k++) {
      j = page.nextContent(j);
      if (j < 0) break;
      const l = page.at(j);
      if (l.kind === "byline" && l.byline) {
        fields.byline = l.byline;
        fields.trailingByline = j;
        break;
      }
      if (l.kind === "para" || l.kind === "title") break;
    }
  }
  // "By Mark Olsen, CNN" over a "(CNN)" lead: the name after the comma is the outlet, not a writer.
  const outlet = fields.outlet;
  if (fields.byline && outlet && fields.byline.endsWith(`, ${outlet}`) && fields.byline.length > outlet.length + 4) {
    fields.byline = fields.byline.slice(0, -(outlet.length + 2)).trim();
  }
  return fields;
}
