import { hash } from "node:crypto";

/**
 * Text helpers shared by the enrichment steps: the one way names and texts are normalised for
 * matching, word tokens, and small fast hashes. Everything here is pure and locale-independent.
 */

/** Scripts written without spaces between words: tokenised one character at a time. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD = /[\p{L}\p{N}]+/gu;
/** WORD for text that is all ASCII. */
const ASCII_WORD = /[A-Za-z0-9]+/g;

/** Folds case, compatibility forms and accents: "Télé" and "TELE" fold to the same string. */
export function fold(text: string): string {
  // Plain ASCII has no compatibility forms or accents: the common case skips normalisation.
  if (!NOT_ASCII.test(text) || asciiButInert(text)) return text.toLowerCase();
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
}
/** Anything but printable ASCII and white space: the texts that need normalising. */
const NOT_ASCII = /[^\t\n\r -~]/;
/** Any character beyond ASCII. */
const BEYOND_ASCII = /[\u0080-\uffff]/g;

/**
 * Whether every character of `text` beyond ASCII is inert: no letter, digit or mark, unchanged
 * by NFKD, NFKC and lower-casing (curly quotes, dashes, bullets, ©). Normalising, folding and
 * splitting such a text into words then gives what they give on ASCII, for much less: English
 * prose is ASCII but for its punctuation, and one curly quote would send it down the slow path.
 */
function asciiButInert(text: string): boolean {
  BEYOND_ASCII.lastIndex = 0;
  for (let match = BEYOND_ASCII.exec(text); match !== null; match = BEYOND_ASCII.exec(text)) {
    if (!isInert(match[0].charCodeAt(0))) return false;
  }
  return true;
}

/** Per UTF-16 code unit: 0 not known yet, 1 inert, 2 not. */
const inertness = new Uint8Array(0x10000);

function isInert(code: number): boolean {
  let known = inertness[code]!;
  if (known === 0) {
    const char = String.fromCharCode(code);
    const inert =
      // Halves of a surrogate pair stand for characters of their own: never inert.
      !(code >= 0xd800 && code <= 0xdfff) &&
      !/[\p{L}\p{N}\p{M}]/u.test(char) &&
      char.normalize("NFKD") === char &&
      char.normalize("NFKC") === char &&
      char.toLowerCase() === char;
    known = inert ? 1 : 2;
    inertness[code] = known;
  }
  return known === 1;
}

/**
 * Word tokens of a text, folded. Punctuation separates words (so "al-Shaabi" is two tokens and
 * "U.S." is "u", "s"); runs of Chinese, Japanese or Thai become one token per character.
 */
export function foldedTokens(text: string): string[] {
  return splitWords(fold(text));
}

/** Word tokens with their case kept: matching acronyms ("US", "FNA") needs it. */
export function rawTokens(text: string): string[] {
  if (!NOT_ASCII.test(text) || asciiButInert(text)) return text.match(ASCII_WORD) ?? [];
  return splitWords(text.normalize("NFKC"));
}

/**
 * `rawTokens(text)` and each of them folded (`fold`), in one go: for text that is ASCII but for
 * inert punctuation, the folded tokens are the words of the text lower-cased, which costs one
 * lower-casing of the text rather than one fold per word.
 */
export function rawAndFoldedTokens(text: string): { raw: string[]; folded: string[] } {
  if (!NOT_ASCII.test(text) || asciiButInert(text)) {
    return { raw: text.match(ASCII_WORD) ?? [], folded: text.toLowerCase().match(ASCII_WORD) ?? [] };
  }
  const raw = rawTokens(text);
  return { raw, folded: raw.map(fold) };
}

function splitWords(text: string): string[] {
  // ASCII text (most of an English archive) needs no Unicode classes, which cost several times more.
  if (!NOT_ASCII.test(text) || asciiButInert(text)) return text.match(ASCII_WORD) ?? [];
  // Most texts have no unspaced script at all: one test, then a plain split.
  if (!UNSPACED_SCRIPT.test(text)) return text.match(WORD) ?? [];
  const out: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (UNSPACED_SCRIPT.test(word)) {
      // Split mixed runs ("LAN を") into Latin words and single characters.
      for (const part of word.match(/[\p{Script=Latin}\p{N}]+|./gu) ?? []) out.push(part);
    } else {
      out.push(word);
    }
  }
  return out;
}

/** A name as a matching key: case, accents and punctuation ignored ("Fars News." ≡ "fars news"). */
export function nameKey(name: string): string {
  return foldedTokens(name).join(" ");
}

/** Collapses runs of white space (including line breaks and no-break spaces) to one space, trimmed. */
export function normaliseSpace(text: string): string {
  // Most text is already normal: a test is much cheaper than a replacement.
  return ODD_SPACE.test(text) ? text.replace(/\s+/gu, " ").trim() : text.trim();
}
/** White space other than single plain spaces. */
const ODD_SPACE = /[^\S ]| {2}/;

export function sha256Hex(text: string): string {
  // The one-shot form: no Hash object per call (it hashes many small texts).
  return hash("sha256", text, "hex");
}

/** 32-bit FNV-1a of a string: a fast, well-spread hash for shingles and buckets (not for security). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: mixes the bits of a 32-bit value so that nearby inputs spread out. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Compares strings by code unit: locale-independent, so orderings are the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
