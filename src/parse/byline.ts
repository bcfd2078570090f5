import { codeAt } from "./chars.ts";
import { findDate } from "./dates.ts";
import { phraseKey, type Vocabulary } from "./vocab.ts";


/** The byline found in a line, or null. */
export interface FoundByline {
  name: string;
  /** True when the line is nothing but the credit (no marker, e.g. a desk credit). */
  desk: boolean;
}

/**
 * Cleans what follows a byline marker into the credited names: drops dates, handles, job titles
 * after a comma, and contributors with a non-writing role ("(photography)").
 */
export function cleanName(rest: string, vocab: Vocabulary): string | null {
  let s = rest.trim();
  const date = findDate(s, vocab);
  if (date) s = s.slice(0, date.index);
  s = s.replace(/\s*[@|•·;].*$/u, "").replace(/\d.*$/u, "");
  s = s.replace(/^[:：︱|/\s-]+/u, "").replace(/[\s,;:：–—-]+$/u, "");
  // "Jane Doe, Senior Staff Technologist, …": a title after the name, not another name.
  const comma = s.indexOf(",");
  if (comma > 0 && s.slice(comma + 1).trim().split(/\s+/).length >= 3) s = s.slice(0, comma);
  // "A (reporting) and B (photography)": keep the writers.
  const pieces = s.split(vocab.nameJoiner);
  if (pieces.length > 1) {
    let kept = "";
    for (let k = 0; k < pieces.length; k += 2) {
      const part = pieces[k] ?? "";
      const role = /\(([^)]*)\)\s*$/u.exec(part)?.[1];
      if (role && vocab.nonWritingRoles.has(role.trim().toLowerCase())) continue;
      kept += (kept ? (pieces[k - 1] ?? " ") : "") + part;
    }
    s = kept;
  }
  s = s.replace(/\s*\(([^)]{1,20})\)/gu, (all, role: string) => (vocab.writingRoles.has(role.trim().toLowerCase()) ? "" : all)).trim();
  if (!s) return null;
  return looksLikeName(s, vocab) ? s : null;
}

/** Capitalised words (allowing particles), or a short CJK name. */
export function looksLikeName(s: string, vocab: Vocabulary): boolean {
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(s)) return s.length <= 12 && !/[。！？]/u.test(s);
  const words = s.replace(/\([^)]*\)/gu, " ").split(/[\s/]+/u).filter(Boolean);
  if (words.length === 0 || words.length > 9) return false;
  // Scripts without case (Arabic, Hebrew, Devanagari …) cannot show a name by its capitals: a
  // short run of their words passes, and the marker or position that asked decides.
  const caseless = words.every((w) => /^\p{Lo}/u.test(w));
  if (caseless) return words.length <= 5 && !/[.!?؟۔]$/u.test(s);
  let named = 0;
  for (const w of words) {
    if (/^\p{Lu}/u.test(w) || /^\p{Lu}[\p{L}'’.-]*$/u.test(w)) named++;
    else if (!vocab.nameParticles.has(w.toLowerCase()) && !vocab.nameParticles.has(w.toLowerCase().split("-")[0] ?? "")) return false;
  }
  return named >= 1 && !/[.!?]$/u.test(s.replace(/\b\p{Lu}\.$/u, ""));
}

/** Reads a byline ("By …", "Par …", "Von …", "Reporting by …", "作者：…", a desk credit) from one line. */
export function findByline(text: string, vocab: Vocabulary): FoundByline | null {
  if (text.length > 160) return null;
  for (const segment of text.split(/\s+[|•·]\s+|\s*\|\s*/u)) {
    const key = phraseKey(segment).replace(/^[•·*\s]+/u, "");
    if (vocab.bylineDesks.has(key.replace(/[.:]$/u, ""))) return { name: segment.replace(/^[•·*\s]+/u, "").trim(), desk: true };
    for (const marker of vocab.bylineMarkers) {
      if (!key.startsWith(marker)) continue;
      const after = segment.trimStart().replace(/^[•·*\s]+/u, "").slice(marker.length);
      const cjkMarker = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(marker);
      // Latin markers need a space ("By Jane"), CJK markers a separator ("作者：").
      if (cjkMarker ? !/^\s*[:：︱|/]/u.test(after) : !/^\s*:?\s+\S/u.test(after)) continue;
      const name = cleanName(after, vocab);
      if (name) return { name, desk: false };
      return null;
    }
  }
  return null;
}

/**
 * A line about the article's author rather than the article: a role with its outlet
 * ("Journaliste au Monde", "Reporter at the Post"), or a name followed by a role ("Jane Doe is a
 * senior reporter for …", "Martin Untersinger, journaliste", "Max Muster ist Redakteur …").
 * Roles and verbs come from the vocabularies; only the line's shape is looked at, so callers ask
 * where a bio can stand (after the body, above a list of links).
 */
export function isAuthorBio(text: string, vocab: Vocabulary): boolean {
  if (text.length > 400) return false;
  const words = spaceSeparated(text, 61);
  // A role first: a short line, not a sentence ("Journalist arrested in Turkey." has no link word).
  if (words <= 20 && !/[.!?]$/u.test(text) && vocab.authorBio.roleFirst.test(text.toLowerCase())) return true;
  if (words > 60) return false;
  const name = vocab.authorBio.name.exec(text);
  return name !== null && vocab.authorBio.afterName.test(text.toLowerCase().slice(name[0].length));
}

/** `text.split(" ").length`, counted without splitting, up to `atMost`. */
function spaceSeparated(text: string, atMost: number): number {
  let n = 1;
  for (let k = 0, length = text.length; k < length && n < atMost; k++) if (codeAt(text, k) === 32) n++;
  return n;
}
