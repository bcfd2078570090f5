import { findByline } from "./byline.ts";
import { codeAt, isLowerAt, isUpperAt } from "./chars.ts";
import { findDate, isMonthYear } from "./dates.ts";
import type { LineFeatures } from "./features.ts";
import { phraseKey, type Vocabulary } from "./vocab.ts";

/**
 * A line's kind, from its own features and the vocabularies alone. Assembly later turns kinds
 * into report roles using neighbours and position (a `title` becomes a headline, a crosshead
 * inside a body, a caption or a related headline).
 */
export type LineKind =
  | "blank"
  | "junk"
  | "debris"
  | "comment-marker"
  | "related-marker"
  | "byline"
  | "date"
  | "source"
  | "copyright"
  | "caption"
  | "para"
  | "title"
  | "item"
  | "short";

export interface ClassifiedLine extends LineFeatures {
  kind: LineKind;
  /** 0..1: how clearly the features point at the kind. */
  strength: number;
  byline?: string;
  date?: string;
  /** What a `source` or `copyright` line credits. */
  credit?: string;
  /** For a `date` line: how many words it holds besides the date ("Weekly for April 2, 2020": 2). */
  dateRest?: number;
}

/** Text renderers' residue: image placeholders, form fields, markup fragments, file names. */
const residue = /^(?:\[[^\]]{0,80}\]\s*)+$|^<\/?[a-z][a-z0-9]*(?:[\s>]|$)|^\S+\.(?:jpe?g|png|gif|webp|svg|bmp)$/iu;

/**
 * Whether a line can match `residue` at all: it starts with "[" or "<", or ends like a file name
 * (g, f or p, in any case; a character outside ASCII is left to the pattern, which folds case).
 * Most lines are turned away here without running the pattern.
 */
function mayBeResidue(text: string): boolean {
  const length = text.length;
  if (length === 0) return true;
  const first = codeAt(text, 0);
  if (first === 91 || first === 60) return true;
  const last = codeAt(text, length - 1) | 0x20;
  return last === 103 || last === 102 || last === 112 || last >= 128;
}

/** "R E L A T E D :" → "related": letter-spaced words are a styling of one word. */
function unspace(key: string): string {
  return key[1] === " " && /^(?:\p{L} ){2,}\p{L}$/u.test(key) ? key.replace(/ /g, "") : key;
}

/** A clean credit name from "Source: X", "© 2019 X Ltd. All rights reserved." … */
export function creditName(text: string, vocab: Vocabulary): string | null {
  let s = text.replace(/^.*?(?:©|\(c\)|copyright)\s*/iu, "").replace(/(?:©|\(c\)|copyright)\s*/giu, "");
  // "CHIP Digital GmbH 2019Content Management …" / "2017 Breitbart": the name sits before the year, or after it.
  const year = /(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?/u.exec(s);
  if (year) {
    const before = s.slice(0, year.index);
    s = /\p{L}{2}/u.test(before) ? before : s.slice(year.index + year[0].length);
  }
  // "Diario del Centro S.L. Todos …": a suffix with dots ends the name before the dots cut it short.
  // (Lower-cased again only when the name changes, not once per suffix.)
  let lower = s.toLowerCase();
  for (const suffix of vocab.corporateSuffixes) {
    if (!suffix.includes(".") || suffix.startsWith(".")) continue;
    const at = lower.indexOf(" " + suffix);
    const after = s[at + 1 + suffix.length];
    if (at > 0 && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) {
      s = s.slice(0, at);
      lower = s.toLowerCase();
    }
  }
  const reserved = Math.min(...vocab.copyrightMarkers.map((m) => lower.indexOf(m)).filter((n) => n >= 0), s.length);
  s = s.slice(0, reserved).replace(/[.|].*$/u, "").trim();
  lower = s.toLowerCase();
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of vocab.corporateSuffixes) {
      if (lower.endsWith(" " + suffix) || lower.endsWith("," + suffix) || (lower.endsWith(suffix) && suffix.startsWith("."))) {
        s = s.slice(0, s.length - suffix.length).replace(/[\s,&]+$/u, "").trim();
        lower = s.toLowerCase();
        changed = true;
      }
    }
  }
  s = s.replace(/^[\s,:：-]+|[\s,:：-]+$/gu, "");
  // «Вечерний Вестник», „Die Zeitung“: quotes around the whole name are not part of it.
  const quoted = /^[«„“"‘'‹「『](.+?)[»“”"’'›」』]$/u.exec(s);
  if (quoted?.[1]) s = quoted[1].trim();
  return s.length >= 2 && s.length <= 60 ? s : null;
}

/** A word, a page number, a short word or a slash, the page count. */
const pagination = /^\p{L}+\.?\s+\d{1,3}\s*(?:\p{L}{1,4}|\/)\s*\d{1,3}$/u;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Digits, parentheses or brackets, as in "Comments (12)": what a count leaves in a key. By code: a pattern cost more. */
function holdsCountMarks(key: string): boolean {
  for (let k = 0, length = key.length; k < length; k++) {
    const c = codeAt(key, k);
    if ((c >= 48 && c <= 57) || c === 40 || c === 41 || c === 91 || c === 93) return true;
  }
  return false;
}

/** How often a lower-case letter runs straight into a capital ("DownloadHandyvergleich": 1). */
function gluedWords(text: string): number {
  // Char codes with an ASCII fast path: a global regex match over every short line cost more than
  // the rest of classification.
  let n = 0;
  let lowerBefore = false;
  for (let k = 0, length = text.length; k < length; k++) {
    const c = codeAt(text, k);
    if (c < 128) {
      const upper = c >= 65 && c <= 90;
      if (upper && lowerBefore) n++;
      lowerBefore = c >= 97 && c <= 122;
      continue;
    }
    // Latin-1 letters by code too (À–Þ capitals, ß–ÿ small, × and ÷ neither); the rest by pattern.
    if (c >= 0xc0 && c <= 0xff) {
      const upper = c <= 0xde && c !== 0xd7;
      if (upper && lowerBefore) n++;
      lowerBefore = c >= 0xdf && c !== 0xf7;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    if (lowerBefore && isUpperAt(text, k, c)) n++;
    lowerBefore = isLowerAt(text, k, c);
  }
  return n;
}

/** "HeadlineHeadline": the same text twice over. Compared in place: slicing every line cost more. */
function printedTwice(text: string): boolean {
  if (text.length % 2 !== 0) return false;
  const half = text.length / 2;
  for (let k = 0; k < half; k++) if (codeAt(text, k) !== codeAt(text, half + k)) return false;
  return true;
}

/** Which of the phrase sets a key belongs to, as bits. */
const inRelated = 1;
const inComment = 2;
const inDesks = 4;
const inDebris = 8;

/**
 * The phrase sets a line's key is looked up in, merged into one map from phrase to the sets that
 * hold it: one look-up per line instead of one per set. Built once per vocabulary (and again if
 * one of its sets is replaced).
 */
interface PhraseSets {
  related: ReadonlySet<string>;
  comment: ReadonlySet<string>;
  desks: ReadonlySet<string>;
  debris: ReadonlySet<string>;
  membership: Map<string, number>;
  /** The longest phrase: longer keys are turned away without hashing them (most lines are longer). */
  longest: number;
}

const phraseSetsCache = new WeakMap<Vocabulary, PhraseSets>();

function phraseSets(vocab: Vocabulary): PhraseSets {
  const hit = phraseSetsCache.get(vocab);
  if (hit && hit.related === vocab.relatedMarkers && hit.comment === vocab.commentMarkers && hit.desks === vocab.bylineDesks && hit.debris === vocab.debris) return hit;
  const membership = new Map<string, number>();
  let longest = 0;
  const add = (phrases: ReadonlySet<string>, bit: number): void => {
    for (const p of phrases) {
      membership.set(p, (membership.get(p) ?? 0) | bit);
      longest = Math.max(longest, p.length);
    }
  };
  add(vocab.relatedMarkers, inRelated);
  add(vocab.commentMarkers, inComment);
  add(vocab.bylineDesks, inDesks);
  add(vocab.debris, inDebris);
  const sets: PhraseSets = { related: vocab.relatedMarkers, comment: vocab.commentMarkers, desks: vocab.bylineDesks, debris: vocab.debris, membership, longest };
  phraseSetsCache.set(vocab, sets);
  return sets;
}

/** The phrase sets that hold a key, as bits (0 for none). */
function setsHolding(sets: PhraseSets, key: string): number {
  return key.length <= sets.longest ? sets.membership.get(key) ?? 0 : 0;
}

type Extra = { byline?: string; date?: string; credit?: string; dateRest?: number };

/** The features object is extended in place: copying it for every line cost more than the rest. */
function mark(f: LineFeatures, kind: LineKind, strength: number, extra?: Extra): ClassifiedLine {
  const line = f as ClassifiedLine;
  line.kind = kind;
  line.strength = strength;
  if (extra) {
    if (extra.byline !== undefined) line.byline = extra.byline;
    if (extra.date !== undefined) line.date = extra.date;
    if (extra.credit !== undefined) line.credit = extra.credit;
    if (extra.dateRest !== undefined) line.dateRest = extra.dateRest;
  }
  return line;
}

export function classifyLine(f: LineFeatures, vocab: Vocabulary): ClassifiedLine {
  if (f.blank) return mark(f, "blank", 1);
  const key = unspace(f.key);
  if (f.letters === 0 && f.words <= 6) {
    const date = findDate(f.text, vocab);
    if (date && f.text.length - date.length <= 12) return mark(f, "date", 0.85, { date: date.iso });
  }
  if (f.letters === 0 || f.residue || (mayBeResidue(f.text) && residue.test(f.text))) return mark(f, "junk", 0.95);
  // "HeadlineHeadline": an image title printed twice by the renderer.
  if (f.text.length >= 16 && printedTwice(f.text)) return mark(f, "caption", 0.7);
  // Form fields as text renderers print them: "Your name * [Anonymous      ]".
  if (f.formField && f.words <= 12) return mark(f, "debris", 0.8);
  const sets = phraseSets(vocab);
  const member = setsHolding(sets, key);
  if ((member & inRelated) !== 0 || (f.endsWithColon && f.words <= 6 && vocab.patterns.related.starts.test(key))) {
    return mark(f, "related-marker", 0.9);
  }
  const bareKey = f.words <= 6 && holdsCountMarks(key) ? key.replace(/[\d()[\]]+/gu, " ").replace(/\s+/g, " ").trim() : key;
  const bareMember = bareKey === key ? member : setsHolding(sets, bareKey);
  if ((f.words <= 6 && ((bareMember & inComment) !== 0 || vocab.commentCount.test(key))) || (f.words <= 20 && vocab.commentCountFirst.test(key))) {
    return mark(f, "comment-marker", 0.85);
  }
  // "2007-2019 Sauvons l'Université !": a span of years before a name is a copyright line without the sign.
  const yearSpan = f.words <= 8 && /^(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\s+\p{L}/u.test(f.text);
  if (yearSpan || (key.length > 0 && codeAt(key, 0) === 0xa9) || (codeAt(f.text, 0) === 40 && /^\(c\)\s/iu.test(f.text)) || key.startsWith("copyright") || vocab.patterns.copyright.contains.test(key)) {
    const credit = creditName(f.text, vocab);
    return mark(f, "copyright", 0.9, credit ? { credit } : {});
  }
  const segmented = f.words <= 40 && /\s[|•]\s/u.test(f.text);
  if ((f.words <= 16 && (vocab.patterns.byline.starts.test(key.replace(/^[•·*\s]+/u, "")) || (member & inDesks) !== 0)) || segmented) {
    const byline = findByline(f.text, vocab);
    if (byline) return mark(f, "byline", byline.desk ? 0.7 : 0.9, { byline: byline.name });
  }
  const source = vocab.patterns.source.starts.test(key);
  if (source && /^[^:：]{0,12}[:：]\s*\S/u.test(f.text) && f.words <= 10) {
    const credit = f.text.replace(/^[^:：]*[:：]\s*/u, "").split(/\s{2,}|\u3000|作者|[|]/u)[0]?.trim() ?? "";
    if (credit) return mark(f, "source", 0.85, { credit });
  }
  if ((member & inDebris) !== 0 || (bareMember & inDebris) !== 0) return mark(f, "debris", 0.9);
  if (vocab.patterns.debrisStarts.starts.test(key)) return mark(f, "debris", 0.8);
  const captionStart = vocab.patterns.caption.starts.test(key);
  if (captionStart && !f.terminal) return mark(f, "caption", 0.85);
  // A photo credit at the end of a short line: "JIM WATSON/AFP/Getty Images".
  if (f.words <= 20 && !captionStart && vocab.patterns.captionInside.contains.test(key)) return mark(f, "caption", 0.7);
  // On the line as printed: "14. Januar 2020" must not lose its day to the list-number rule.
  // (A line ending like a sentence is never a date line: no need to look for its date.)
  const dateText = f.terminal ? "" : f.raw.trim();
  const date = f.terminal ? null : findDate(dateText, vocab);
  if (date) {
    // A date line: dates, times, weekdays, zones and "updated" words, little else.
    let rest = dateText;
    for (let d: typeof date | null = date, n = 0; d && n < 4; d = findDate(rest, vocab), n++) {
      rest = rest.slice(0, d.index) + " " + rest.slice(d.index + d.length);
    }
    const restWords = rest
      .replace(/\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?/giu, " ")
      .split(/[^\p{L}]+/u)
      .filter((w) => w && !vocab.weekdays.has(w.toLowerCase()) && !/^\p{Lu}{2,4}$/u.test(w));
    if (restWords.length <= 4 && !f.terminal) return mark(f, "date", 0.85, { date: date.iso, dateRest: restWords.length });
  }
  if (f.words <= 3 && !f.terminal && isMonthYear(f.text, vocab)) return mark(f, "date", 0.6, { dateRest: 0 });
  if (f.words <= 8 && vocab.commentCountInside.test(key)) return mark(f, "debris", 0.75);
  // "Page 1 of 5", "Seite 2 von 4", "Pagina 1 di 3": where a paged article stands, in any language.
  if (f.words <= 5 && isDigitCode(codeAt(f.text, f.text.length - 1)) && pagination.test(f.text)) return mark(f, "debris", 0.8);
  // "CNET Japan 3/9(木) 18:45配信", "Posted 18:45": a time and a publishing word, but no full date.
  if (f.words <= 10 && !f.terminal && /\d{1,2}:\d{2}/u.test(f.text) && vocab.patterns.published.contains.test(key)) return mark(f, "date", 0.6, { dateRest: 3 });
  // Breadcrumbs: "Mac & i > News > 2015 > KW 15 > …".
  if (f.words <= 40 && !f.terminal && (f.text.match(/\s[>»›/]\s/gu) ?? []).length >= 2) return mark(f, "debris", 0.75);
  // Link lists run together ("Windows 10 DownloadHandyvergleichTop-100-Downloads"): words glued at capitals.
  if (f.words <= 80 && !f.terminal) {
    const glued = gluedWords(f.text);
    if (glued >= 3 && glued >= f.words * 0.15) return mark(f, "debris", 0.6);
  }
  // A paragraph signed with a photo credit, "… (Oleg Urusov/ Roscosmos photo via AP)", is a caption.
  if (f.words >= 8 && /\)[.\s]*$/u.test(f.text.slice(-4))) {
    const credit = /\(([^()]{3,120})\)[.\s]*$/u.exec(f.text.slice(-130))?.[1];
    if (credit && vocab.patterns.caption.contains.test(phraseKey(credit))) return mark(f, "caption", 0.7);
  }
  // Title Case without a closing full stop is a headline even when it ends with "?" or "!".
  const fullStop = /[.。]["'”’»)]*$/u.test(f.text.slice(-8));
  if (!f.bullet && !f.cjk && !fullStop && f.capitalised >= 0.7 && f.words >= 3 && f.words <= 24) return mark(f, "title", 0.65);
  if (f.bullet && (f.cjk ? f.words < 30 : f.words < 15)) return mark(f, "item", 0.6);
  const long = f.cjk ? f.words >= 30 : f.words >= 25;
  if (long || (f.terminal && (f.cjk ? f.words >= 10 : f.words >= 8))) return mark(f, "para", long ? 0.9 : 0.75);
  if (f.endsWithColon && f.words >= 6) return mark(f, "para", 0.6);
  if (f.terminal && f.words >= 4 && f.capitalised < 0.6 && !f.bullet) return mark(f, "para", 0.55);
  if (!f.bullet && (f.cjk ? f.words >= 2 && f.words <= 25 : f.words >= 2 && f.words <= 24) && f.letters >= 4 && !/[.。]$/u.test(f.text)) {
    return mark(f, "title", 0.6);
  }
  if (f.bullet) return mark(f, "item", 0.6);
  return mark(f, "short", 0.5);
}
