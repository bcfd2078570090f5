import { phraseKey } from "./vocab.ts";

/** What the parser knows about one line before it decides its role. */
export interface LineFeatures {
  /** 0-based index into the dump's lines. */
  index: number;
  raw: string;
  /** Trimmed, list bullet removed, inner whitespace collapsed. */
  text: string;
  /** `text` lower-cased without trailing punctuation: the form compared with vocabularies. */
  key: string;
  blank: boolean;
  indent: number;
  /** Nothing but bracketed renderer residue: "[INS:[INS::INS]:INS]", "[bbs_fullst]". */
  residue: boolean;
  /** Holds an empty form field as renderers print it: "[            ]". */
  formField: boolean;
  /** Read from a line of side-by-side columns (the widest one). */
  columns: boolean;
  /** Starts with a list bullet (•, *, □, -, 1.) as text renderers print them. */
  bullet: boolean;
  /** Words; for Chinese and Japanese, characters count as half a word each. */
  words: number;
  letters: number;
  /** Mostly Han/Kana characters. */
  cjk: boolean;
  /** Ends like a sentence: . ! ? 。 ！ ？ … or a closing quote after one. */
  terminal: boolean;
  endsWithColon: boolean;
  /** Share of words that start with a capital letter (0 for caseless scripts). */
  capitalised: number;
  upper: boolean;
}

/**
 * Fields classification fills in, present (empty) on every line from the start: objects that gain
 * properties later take different shapes, and code reading lines of many shapes runs slower.
 */
interface ClassificationSlots {
  kind: string | undefined;
  strength: number;
  byline: string | undefined;
  date: string | undefined;
  credit: string | undefined;
  dateRest: number | undefined;
}

const bulletPattern = /^(?:[•●○◦▪▫■□◆◇►▶➤→✓✔*·‣⁃?-]|\d{1,2}[.)]|o(?=\s+\p{Lu}))\s+/u;
/** Image and link residue a renderer leaves before text: "[rubon4-69777] Décisions …". */
const residuePrefix = /^(?:\[[^\]\s]{1,40}\]\s*)+(?=\S)/u;
// An ellipsis is not an ending: teasers are cut off with one ("… feminist and…").
const terminalPattern = /(?:[!?。！？]|(?<!\.)\.|[.!?。！？]["'”’»）)\]」』]+|[.!?]\s*\(\w{1,10}\))$/u;

const letterTest = /\p{L}/u;
const upperTest = /\p{Lu}/u;
/** First characters a bullet can start with: most lines are turned away without the pattern. */
const bulletStarts = new Set([..."•●○◦▪▫■□◆◇►▶➤→✓✔*·‣⁃?-0123456789o"].map((ch) => ch.charCodeAt(0)));
/** "… authorities believe.New details »": a sentence with a link glued to its end. */
const linkGlued = /[.!?]["'”’]?\p{Lu}[\p{L} ]{0,30}\s*[»›>→]$/u;
const linkArrows = new Set([..."»›>→"]);
const openers = new Set(["\"", "'", "“", "‘", "(", "«", "¿", "¡"]);

/** The column of a side-by-side line with the most letters, and where it starts. */
function widestColumn(line: string): { text: string; at: number } {
  let best = { text: "", at: 0 };
  let bestLetters = -1;
  const gap = / {6,}/gu;
  let start = 0;
  for (let m = gap.exec(line); ; m = gap.exec(line)) {
    const end = m ? m.index : line.length;
    const segment = line.slice(start, end);
    const text = segment.trim();
    const letters = text.replace(/[^\p{L}]/gu, "").length;
    if (text && letters > bestLetters) {
      best = { text, at: start + (segment.length - segment.trimStart().length) };
      bestLetters = letters;
    }
    if (!m) break;
    start = m.index + m[0].length;
  }
  return best;
}

/** phraseKey for text whose spaces are already collapsed: ASCII needs only lower-casing. */
function keyOf(text: string): string {
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) >= 128) return phraseKey(text);
  return text.toLowerCase();
}

/** Trailing punctuation a key drops (":", "»", "-" …), and the opening brackets and quotes it drops. */
const keyTail = new Set([..." :：.,;!|»>›→-"]);
const keyHead = new Set([..."«‹<[("]);

/**
 * A key without trailing punctuation or leading brackets. A loop over the ends: the equivalent
 * end-anchored regex tried every start position and cost more than the rest of the features.
 */
function trimKey(key: string): string {
  let end = key.length;
  while (end > 0 && (keyTail.has(key[end - 1]!) || isSpace(key.charCodeAt(end - 1)))) end--;
  let start = 0;
  while (start < end && (keyHead.has(key[start]!) || isSpace(key.charCodeAt(start)))) start++;
  return start === 0 && end === key.length ? key : key.slice(start, end);
}

/** What /\s/ matches. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function lineFeatures(raw: string, index: number): LineFeatures {
  // trimEnd/trimStart know every Unicode space (NBSP, ideographic space) and run in linear time.
  const trimmed = raw.trimEnd();
  let text = trimmed.trimStart();
  let indent = trimmed.length - text.length;
  // Table layouts rendered side by side ("Front page            It seems clear that …"): a wide
  // gap separates columns, and the line is read as its most wordy column.
  let columns = false;
  if (text.includes("      ") && /\S {6,}\S/u.test(text)) {
    const column = widestColumn(trimmed);
    text = column.text;
    indent = column.at;
    columns = true;
  }
  // Runs of blanks and single tabs or no-break spaces become one space (single spaces stay as they are).
  if (text.includes("  ") || text.includes("\t") || text.includes("\u00a0")) text = text.replace(/[ \t\u00a0]{2,}|[\t\u00a0]/g, " ");
  let residue = false;
  let formField = false;
  if (text.includes("[")) {
    let unbracketed = text;
    for (let k = 0; k < 3; k++) unbracketed = unbracketed.replace(/\[[^[\]]*\]/gu, "");
    residue = text.length > 0 && unbracketed.trim().length === 0;
    formField = /\[[^\]]*\s{4,}[^\]]*\]|\[\s*\]/u.test(raw);
    text = text.replace(residuePrefix, "");
  }
  const bullet = bulletStarts.has(text.charCodeAt(0)) && bulletPattern.test(text);
  if (bullet) text = text.replace(bulletPattern, "").trim();
  // One pass over the characters: letters, words, capitals, CJK characters. Index loops over
  // char codes: iterating strings character by character allocated more than the parse needed.
  let letters = 0;
  let cjkCount = 0;
  let latinWords = 0;
  let capitals = 0;
  let inWord = false;
  let wordLetters = 0;
  let wordCjk = 0;
  let wordAlnum = false;
  let firstSeen = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || c === 0x2009 || c === 0x202f) {
      if (inWord && wordAlnum && (wordLetters > 0 || wordCjk === 0)) latinWords++;
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      wordLetters = 0;
      wordCjk = 0;
      wordAlnum = false;
      firstSeen = false;
    }
    if (c < 128) {
      const upper = c >= 65 && c <= 90;
      if (upper || (c >= 97 && c <= 122)) {
        letters++;
        wordLetters++;
        wordAlnum = true;
      } else if (c >= 48 && c <= 57) wordAlnum = true;
      if (!firstSeen && c !== 34 && c !== 39 && c !== 40) {
        firstSeen = true;
        if (upper) capitals++;
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue; // second half of a surrogate pair, counted with the first
    // Hiragana, Katakana, CJK ideographs (and extension A, compatibility): one character, half a word.
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) {
      cjkCount++;
      wordCjk++;
      letters++;
      continue;
    }
    // Latin letters with accents and general punctuation are common enough to decide by range.
    const latin = c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;
    const punctuation = c >= 0x2000 && c <= 0x206f;
    const ch = latin || punctuation ? text[k]! : String.fromCodePoint(text.codePointAt(k) ?? c);
    const isLetter = latin || (!punctuation && letterTest.test(ch));
    if (isLetter) {
      letters++;
      wordLetters++;
      wordAlnum = true;
    }
    if (!firstSeen && !openers.has(ch)) {
      firstSeen = true;
      if (isLetter && upperTest.test(ch)) capitals++;
    }
  }
  if (inWord && wordAlnum && (wordLetters > 0 || wordCjk === 0)) latinWords++;
  const cjk = cjkCount > 0 && cjkCount >= letters / 2;
  const words = latinWords + cjkCount / 2;
  let cased = true;
  let upperLetters = 0;
  if (letters >= 4) {
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      // ASCII by code; other characters by case mapping (caseless scripts map to themselves).
      if (c < 128) {
        if (c >= 97 && c <= 122) {
          cased = false;
          break;
        }
        if (c >= 65 && c <= 90) upperLetters++;
        continue;
      }
      const ch = text[k]!;
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      if (lower === upper) continue;
      if (ch === lower) {
        cased = false;
        break;
      }
      upperLetters++;
    }
  }
  const features: LineFeatures & ClassificationSlots = {
    index,
    raw,
    text,
    // Vocabularies match short lines and line starts: the first 200 characters are all a key needs.
    key: trimKey(keyOf(text.length > 200 ? text.slice(0, 200) : text)),
    blank: text.length === 0,
    residue,
    formField,
    columns,
    indent,
    bullet,
    words,
    letters,
    cjk,
    // "… authorities believe.New details »": a sentence with a link glued to its end.
    // Tested on the line's tail only: a pattern anchored at the end still scans from every start.
    terminal: terminalPattern.test(text.slice(-16)) || (linkArrows.has(text.at(-1) ?? "") && linkGlued.test(text.slice(-40))),
    endsWithColon: text.endsWith(":") || text.endsWith("："),
    capitalised: latinWords ? Math.min(1, capitals / latinWords) : 0,
    upper: cased && upperLetters >= 4,
    kind: undefined,
    strength: 0,
    byline: undefined,
    date: undefined,
    credit: undefined,
    dateRest: undefined,
  };
  return features;
}

/** Splits text into lines the way the report counts them: on "\n" only. */
export function splitLines(text: string): string[] {
  return text.split("\n");
}
