/**
 * Character tests for the parser's per-line loops, by char code.
 *
 * Lines reach the parser as strings of many internal shapes (slices of the dump, joined,
 * replaced, lower-cased). A string method looked up on such strings inside a loop became a
 * generic property look-up for every character, which made the loops several times slower than
 * the same loop over strings of one shape: `codeAt` calls the method through the prototype, a
 * look-up the compiler resolves once. The Unicode tests (\p{L}, \p{Lu}, case mapping) run once
 * per distinct code unit and are remembered, instead of once per character with a new string.
 */
/**
 * `text.charCodeAt(k)`, fast whatever the string's internal shape, for `k` inside the string
 * only: one read past the end (NaN) makes the compiler give up the fast form for every caller.
 */
export function codeAt(text: string, k: number): number {
  // (Looked up from the global each time: the compiler folds that to a constant, not a module variable.)
  return String.prototype.charCodeAt.call(text, k);
}

/**
 * A set of BMP characters asked about by char code: ASCII by a table read, the rest by hash
 * (most characters asked about are ASCII).
 */
export class CharSet {
  private readonly ascii = new Uint8Array(128);
  private readonly other = new Set<number>();

  constructor(chars: string) {
    for (let k = 0; k < chars.length; k++) {
      const c = chars.charCodeAt(k);
      if (c >= 0xd800 && c <= 0xdfff) throw new TypeError("CharSet: characters outside the BMP are not supported");
      if (c < 128) this.ascii[c] = 1;
      else this.other.add(c);
    }
  }

  has(c: number): boolean {
    if (c < 128) return c >= 0 && this.ascii[c] === 1;
    return this.other.has(c);
  }
}

/** What /\s/ (and `trim`) treats as white space. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const known = 1;
const letter = 2;
const upper = 4;
const lower = 8;
/** `ch.toLowerCase() !== ch.toUpperCase()`: the character has case. */
const cased = 16;
/** `ch === ch.toLowerCase()`. */
const asLower = 32;
const number = 64;

const letterTest = /\p{L}/u;
const upperTest = /\p{Lu}/u;
const lowerTest = /\p{Ll}/u;
const numberTest = /\p{N}/u;

/** Properties of each BMP code unit, filled in the first time a unit is asked about. */
const properties = new Uint8Array(0x10000);

/** A look-up, small enough for the compiler to inline into the loops; the tests run once per unit. */
function propertiesOf(c: number): number {
  const bits = properties[c]!;
  return bits !== 0 ? bits : testProperties(c);
}

function testProperties(c: number): number {
  // A lone surrogate code unit has no properties (as a one-unit string tests).
  const ch = String.fromCharCode(c);
  const lowerCh = ch.toLowerCase();
  const bits = known
    | (letterTest.test(ch) ? letter : 0)
    | (upperTest.test(ch) ? upper : 0)
    | (lowerTest.test(ch) ? lower : 0)
    | (numberTest.test(ch) ? number : 0)
    | (lowerCh !== ch.toUpperCase() ? cased : 0)
    | (ch === lowerCh ? asLower : 0);
  properties[c] = bits;
  return bits;
}

/** The code point at `k` as the u-flag patterns see it: a surrogate pair is one character. */
function codePointString(text: string, k: number): string {
  return String.fromCodePoint(text.codePointAt(k) ?? codeAt(text, k));
}

/** Whether the character starting at `k` (a whole surrogate pair) is a letter: /\p{L}/u. */
export function isLetterAt(text: string, k: number, c: number): boolean {
  if (c >= 0xd800 && c <= 0xdbff) return letterTest.test(codePointString(text, k));
  return (propertiesOf(c) & letter) !== 0;
}

/** Whether the character starting at `k` (a whole surrogate pair) is an upper-case letter: /\p{Lu}/u. */
export function isUpperAt(text: string, k: number, c: number): boolean {
  if (c >= 0xd800 && c <= 0xdbff) return upperTest.test(codePointString(text, k));
  return (propertiesOf(c) & upper) !== 0;
}

/** Whether the character starting at `k` (a whole surrogate pair) is a lower-case letter: /\p{Ll}/u. */
export function isLowerAt(text: string, k: number, c: number): boolean {
  if (c >= 0xd800 && c <= 0xdbff) return lowerTest.test(codePointString(text, k));
  return (propertiesOf(c) & lower) !== 0;
}

/** Whether the character starting at `k` (a whole surrogate pair) is a letter or a number: /[\p{L}\p{N}]/u. */
export function isLetterOrNumberAt(text: string, k: number, c: number): boolean {
  if (c >= 0xd800 && c <= 0xdbff) {
    const ch = codePointString(text, k);
    return letterTest.test(ch) || numberTest.test(ch);
  }
  return (propertiesOf(c) & (letter | number)) !== 0;
}

/** Whether one UTF-16 code unit taken alone has case: its `toLowerCase()` and `toUpperCase()` differ. */
export function unitHasCase(c: number): boolean {
  return (propertiesOf(c) & cased) !== 0;
}

/** Whether one UTF-16 code unit taken alone is its own `toLowerCase()`. */
export function unitIsOwnLower(c: number): boolean {
  return (propertiesOf(c) & asLower) !== 0;
}

/**
 * Characters NFKC leaves as they are, besides ASCII: Latin-1 letters and signs, typographic quotes
 * and dashes, the bullet and the euro. Text made of them only needs no normalising, which is most
 * keys of Latin-script pages (normalising every line's key cost more than matching it).
 */
const stableCodes = new Set([
  ...[..."¡¢£¤¥¦§©«¬®°±¶·»¿–—‘’‚“”„•€"].map((ch) => ch.charCodeAt(0)),
]);

/** Whether NFKC would leave `text` unchanged, decided cheaply (false when unsure). */
export function isNfkcStable(text: string): boolean {
  for (let k = 0, length = text.length; k < length; k++) {
    const c = codeAt(text, k);
    if (c < 0xa0 || (c >= 0xc0 && c <= 0xff) || stableCodes.has(c)) continue;
    return false;
  }
  return true;
}
