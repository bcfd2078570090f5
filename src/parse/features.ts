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

const bulletPattern = /^(?:[•●○◦▪▫■□◆◇►▶➤→✓✔*·‣⁃?-]|\d{1,2}[.)]|o(?=\s+\p{Lu}))\s+/u;
/** Image and link residue a renderer leaves before text: "[rubon4-69777] Décisions …". */
const residuePrefix = /^(?:\[[^\]\s]{1,40}\]\s*)+(?=\S)/u;
const cjkChar = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
// An ellipsis is not an ending: teasers are cut off with one ("… feminist and…").
const terminalPattern = /(?:[!?。！？]|(?<!\.)\.|[.!?。！？]["'”’»）)\]」』]+|[.!?]\s*\(\w{1,10}\))$/u;

function isLetterCode(c: number, ch: string): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return letterTest.test(ch);
}

const letterTest = /\p{L}/u;
const upperTest = /\p{Lu}/u;
const openers = new Set(["\"", "'", "“", "‘", "(", "«", "¿", "¡"]);

export function lineFeatures(raw: string, index: number): LineFeatures {
  // trimEnd/trimStart know every Unicode space (NBSP, ideographic space) and run in linear time.
  const trimmed = raw.trimEnd();
  let text = trimmed.trimStart();
  const indent = trimmed.length - text.length;
  if (text.includes("  ") || /[\t\u00a0]/.test(text)) text = text.replace(/[ \t\u00a0]+/g, " ");
  let residue = false;
  let formField = false;
  if (text.includes("[")) {
    let unbracketed = text;
    for (let k = 0; k < 3; k++) unbracketed = unbracketed.replace(/\[[^[\]]*\]/gu, "");
    residue = text.length > 0 && unbracketed.trim().length === 0;
    formField = /\[[^\]]*\s{4,}[^\]]*\]|\[\s*\]/u.test(raw);
    text = text.replace(residuePrefix, "");
  }
  const bullet = bulletPattern.test(text);
  if (bullet) text = text.replace(bulletPattern, "").trim();
  // One pass over the words: letters, words, capitals, CJK characters.
  let letters = 0;
  let cjkCount = 0;
  let latinWords = 0;
  let capitals = 0;
  let ascii = true;
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) >= 128) {
    ascii = false;
    break;
  }
  for (const word of text.split(/\s+/u)) {
    if (!word) continue;
    let wordLetters = 0;
    let wordCjk = 0;
    let hasAlnum = false;
    let firstCounted = false;
    for (const ch of ascii ? word : [...word]) {
      const c = ch.codePointAt(0) ?? 0;
      if (!ascii && c >= 0x3040 && cjkChar.test(ch)) {
        wordCjk++;
        letters++;
        continue;
      }
      const isLetter = isLetterCode(c, ch);
      if (isLetter) {
        wordLetters++;
        letters++;
      }
      if (isLetter || (c >= 48 && c <= 57)) hasAlnum = true;
      if (!firstCounted && !openers.has(ch)) {
        firstCounted = true;
        if (c < 128 ? c >= 65 && c <= 90 : upperTest.test(ch)) capitals++;
      }
    }
    cjkCount += wordCjk;
    if (hasAlnum && (wordLetters > 0 || wordCjk === 0)) latinWords++;
  }
  const cjk = cjkCount > 0 && cjkCount >= letters / 2;
  const words = latinWords + cjkCount / 2;
  let cased = true;
  let upperLetters = 0;
  if (letters >= 4) {
    for (let k = 0; k < text.length; k++) {
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
  return {
    index,
    raw,
    text,
    // Vocabularies match short lines and line starts: the first 200 characters are all a key needs.
    key: phraseKey(text.length > 200 ? text.slice(0, 200) : text).replace(/[\s:：.,;!|»>›→-]+$/u, "").replace(/^[\s«‹<[(]+/u, ""),
    blank: text.length === 0,
    residue,
    formField,
    indent,
    bullet,
    words,
    letters,
    cjk,
    // "… authorities believe.New details »": a sentence with a link glued to its end.
    // Tested on the line's tail only: a pattern anchored at the end still scans from every start.
    terminal: terminalPattern.test(text.slice(-16)) || /[.!?]["'”’]?\p{Lu}[\p{L} ]{0,30}\s*[»›>→]$/u.test(text.slice(-40)),
    endsWithColon: text.endsWith(":") || text.endsWith("："),
    capitalised: latinWords ? Math.min(1, capitals / latinWords) : 0,
    upper: cased && upperLetters >= 4,
  };
}

/** Splits text into lines the way the report counts them: on "\n" only. */
export function splitLines(text: string): string[] {
  return text.split("\n");
}
