/**
 * Copies of strings that live long or travel. Strings sent between threads keep their
 * representation: a string V8 holds with two bytes per character stays so in the receiving
 * thread, even when every character would fit in one. A parser's strings are slices of a dump's
 * text, and one curly quote anywhere in a dump makes the whole text, and every slice of it, two
 * bytes per character. Copying each string whose characters all fit in Latin-1 through a
 * Latin-1 buffer makes it one byte per character: the same value, half the memory, in the
 * thread that keeps it. And a slice kept keeps its whole text alive (see ownString).
 */

/** Any character outside Latin-1: a string with one cannot be stored one byte per character. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** A string equal to `text`, held one byte per character when its characters allow it. */
export function compactString(text: string): string {
  // Short strings cost more to copy than they save.
  if (text.length < 16 || BEYOND_LATIN1.test(text)) return text;
  return Buffer.from(text, "latin1").toString("latin1");
}

/**
 * `value` with every string in it (in arrays and plain objects, at any depth) compacted, in place.
 * Meant for data about to be posted to another thread: plain data, no cycles.
 */
export function compactStrings<T>(value: T): T {
  return replaceStrings(value, compactString);
}

/** The shortest substring V8 keeps as a slice of its parent string rather than as a copy. */
const SLICE_MIN_LENGTH = 13;

/**
 * A string equal to `text` that holds on to no other string. V8 keeps a substring of 13 or more
 * characters as a slice of the string it was cut from: a record whose fields were parsed from a
 * file keeps the whole text of the file alive, body included, for as long as the record lives.
 * The copy is held one byte per character when its characters allow it, and is exact, lone
 * surrogates included (UTF-16 code units in, the same code units out).
 */
export function ownString(text: string): string {
  if (text.length < SLICE_MIN_LENGTH) return text;
  return Buffer.from(text, "utf16le").toString("utf16le");
}

/** `value` with every string in it (in arrays and plain objects, at any depth) made its own (ownString), in place. */
export function ownStrings<T>(value: T): T {
  return replaceStrings(value, ownString);
}

function replaceStrings<T>(value: T, replace: (text: string) => string): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      value[i] = typeof item === "string" ? replace(item) : replaceStrings(item, replace);
    }
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      record[key] = typeof item === "string" ? replace(item) : replaceStrings(item, replace);
    }
  }
  return value;
}
