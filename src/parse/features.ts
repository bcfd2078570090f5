import { CharSet, codeAt, isLetterAt, isSpace, isUpperAt, unitHasCase, unitIsOwnLower } from "./chars.ts";
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
/** The characters a match of terminalPattern can end with: other lines are turned away without it. */
const terminalEnds = new CharSet("!?。！？.\"'”’»）)]」』");
/** First characters a bullet can start with: most lines are turned away without the pattern. */
const bulletStarts = new CharSet("•●○◦▪▫■□◆◇►▶➤→✓✔*·‣⁃?-0123456789o");
/** "… authorities believe.New details »": a sentence with a link glued to its end. */
const linkGlued = /[.!?]["'”’]?\p{Lu}[\p{L} ]{0,30}\s*[»›>→]$/u;
const linkArrows = new CharSet("»›>→");
const openers = new CharSet("\"'“‘(«¿¡");

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

/** Trailing punctuation a key drops (":", "»", "-" …), and the opening brackets and quotes it drops. */
const keyTail = new CharSet(" :：.,;!|»>›→-");
const keyHead = new CharSet("«‹<[(");

/**
 * A key without trailing punctuation or leading brackets. A loop over the ends: the equivalent
 * end-anchored regex tried every start position and cost more than the rest of the features.
 */
function trimKey(key: string): string {
  const length = key.length;
  let end = length;
  while (end > 0 && (keyTail.has(codeAt(key, end - 1)) || isSpace(codeAt(key, end - 1)))) end--;
  let start = 0;
  while (start < end && (keyHead.has(codeAt(key, start)) || isSpace(codeAt(key, start)))) start++;
  return start === 0 && end === length ? key : key.slice(start, end);
}


/** What one pass over a line's characters finds. */
interface CharStats {
  letters: number;
  /** Hiragana, Katakana and CJK ideographs. */
  cjkCount: number;
  /** Words holding a letter or digit (CJK characters are counted apart). */
  latinWords: number;
  /** Words whose first character (after opening quotes and brackets) is a capital. */
  capitals: number;
  /** Characters with case that are not lower case (ASCII and other). */
  upperLetters: number;
  lowerSeen: boolean;
  /** Six spaces in a row: perhaps columns side by side. */
  wideGap: boolean;
  /** Two spaces in a row, a tab or a no-break space: white space to collapse. */
  loose: boolean;
  bracket: boolean;
  /** Where the first character outside ASCII is, or -1. */
  firstNonAscii: number;
}

/**
 * Letters, words, capitals, CJK characters, case, and the white space and brackets that decide
 * which rewrites the line needs: one pass over char codes. (Iterating strings character by
 * character allocated more than the parse needed, and a pass per question cost more than the
 * questions: per-character work is most of what reading a line costs.)
 */
function charStats(text: string): CharStats {
  let letters = 0;
  let cjkCount = 0;
  let latinWords = 0;
  let capitals = 0;
  let upperLetters = 0;
  let lowerSeen = false;
  let wideGap = false;
  let loose = false;
  let bracket = false;
  let firstNonAscii = -1;
  let spaces = 0;
  let inWord = false;
  let wordLetters = 0;
  let wordCjk = 0;
  let wordAlnum = false;
  let firstSeen = false;
  for (let k = 0, length = text.length; k < length; k++) {
    const c = codeAt(text, k);
    const ascii = c < 128;
    if (!ascii && firstNonAscii < 0) firstNonAscii = k;
    // Word ends: spaces, tabs, no-break, ideographic, thin and narrow spaces.
    if (c === 32) {
      spaces++;
      if (spaces >= 2) loose = true;
      if (spaces >= 6) wideGap = true;
      if (inWord && wordAlnum && (wordLetters > 0 || wordCjk === 0)) latinWords++;
      inWord = false;
      continue;
    }
    spaces = 0;
    if (ascii ? c === 9 : c === 0xa0 || c === 0x3000 || c === 0x2009 || c === 0x202f) {
      if (c === 9 || c === 0xa0) loose = true;
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
    if (ascii) {
      const upper = c >= 65 && c <= 90;
      const lower = c >= 97 && c <= 122;
      if (upper || lower) {
        letters++;
        wordLetters++;
        wordAlnum = true;
        if (upper) upperLetters++;
        else lowerSeen = true;
      } else if (c >= 48 && c <= 57) wordAlnum = true;
      else if (c === 91) bracket = true;
      if (!firstSeen && c !== 34 && c !== 39 && c !== 40) {
        firstSeen = true;
        if (upper) capitals++;
      }
      continue;
    }
    // (White space, surrogate halves, CJK characters and general punctuation have no case.)
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
    // (Other characters are tested as whole code points: a surrogate pair is one letter.)
    const isLetter = latin || (!punctuation && isLetterAt(text, k, c));
    if (isLetter) {
      letters++;
      wordLetters++;
      wordAlnum = true;
    }
    if (!firstSeen && !openers.has(c)) {
      firstSeen = true;
      if (isLetter && isUpperAt(text, k, c)) capitals++;
    }
    // Case by the code unit's own mapping (caseless scripts map to themselves).
    if (!punctuation && unitHasCase(c)) {
      if (unitIsOwnLower(c)) lowerSeen = true;
      else upperLetters++;
    }
  }
  if (inWord && wordAlnum && (wordLetters > 0 || wordCjk === 0)) latinWords++;
  return { letters, cjkCount, latinWords, capitals, upperLetters, lowerSeen, wideGap, loose, bracket, firstNonAscii };
}

export function lineFeatures(raw: string, index: number): LineFeatures {
  // Trimmed by code, as trimEnd and trimStart trim (every Unicode space: NBSP, ideographic space).
  const rawLength = raw.length;
  let end = rawLength;
  while (end > 0 && isSpace(codeAt(raw, end - 1))) end--;
  let start = 0;
  while (start < end && isSpace(codeAt(raw, start))) start++;
  let text = start === 0 && end === rawLength ? raw : raw.slice(start, end);
  let indent = start;
  let stats = charStats(text);
  // Table layouts rendered side by side ("Front page            It seems clear that …"): a wide
  // gap separates columns, and the line is read as its most wordy column.
  let columns = false;
  if (stats.wideGap && /\S {6,}\S/u.test(text)) {
    const column = widestColumn(raw.slice(0, end));
    text = column.text;
    indent = column.at;
    columns = true;
    stats = charStats(text);
  }
  // Most lines need none of the rewrites below; a line that does is counted again after them.
  let rewritten = false;
  // Runs of blanks and single tabs or no-break spaces become one space (single spaces stay as they are).
  if (stats.loose) {
    text = text.replace(/[ \t\u00a0]{2,}|[\t\u00a0]/g, " ");
    rewritten = true;
  }
  let residue = false;
  let formField = false;
  if (stats.bracket) {
    let unbracketed = text;
    for (let k = 0; k < 3; k++) unbracketed = unbracketed.replace(/\[[^[\]]*\]/gu, "");
    residue = text.length > 0 && unbracketed.trim().length === 0;
    formField = /\[[^\]]*\s{4,}[^\]]*\]|\[\s*\]/u.test(raw);
    text = text.replace(residuePrefix, "");
    rewritten = true;
  }
  const bullet = text.length > 0 && bulletStarts.has(codeAt(text, 0)) && bulletPattern.test(text);
  if (bullet) {
    text = text.replace(bulletPattern, "").trim();
    rewritten = true;
  }
  if (rewritten) stats = charStats(text);
  const { letters, cjkCount, latinWords, capitals } = stats;
  const length = text.length;
  const cjk = cjkCount > 0 && cjkCount >= letters / 2;
  const words = latinWords + cjkCount / 2;
  const last = length > 0 ? codeAt(text, length - 1) : -1;
  // Vocabularies match short lines and line starts: the first 200 characters are all a key needs.
  // (Plain ASCII needs only lower-casing: known from the pass over the characters.)
  const head = length > 200 ? text.slice(0, 200) : text;
  const asciiHead = stats.firstNonAscii < 0 || stats.firstNonAscii >= 200;
  const features: LineFeatures & ClassificationSlots = {
    index,
    raw,
    text,
    key: trimKey(asciiHead ? head.toLowerCase() : phraseKey(head)),
    blank: length === 0,
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
    terminal: (terminalEnds.has(last) && terminalPattern.test(text.slice(-16))) || (linkArrows.has(last) && linkGlued.test(text.slice(-40))),
    endsWithColon: last === 58 || last === 0xff1a,
    capitalised: latinWords ? Math.min(1, capitals / latinWords) : 0,
    // Upper case: four letters or more, none of them lower case.
    upper: letters >= 4 && !stats.lowerSeen && stats.upperLetters >= 4,
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
