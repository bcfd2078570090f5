import { codeAt, isSpace } from "./chars.ts";
import type { Vocabulary } from "./vocab.ts";

/** A calendar date found in a line, with where it was. */
export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

interface DatePatterns {
  patterns: { re: RegExp; order: "ymd" | "dmy" | "mdy" | "dMy" | "Mdy" | "slash" }[];
  /**
   * What follows the month in "Feb. 23, 2015": a day and a year after white space. Tested first,
   * by digits: the month names, tried at every position of the line, cost more than the rest.
   */
  dayYear: RegExp;
  /** The whole text is a month and a year: "June 2021", "März 2019". */
  monthYear: RegExp;
  months: Map<string, number>;
}

const fourDigits = /\d{4}/;
/** Where a lower-case letter runs into a capital: the end of the match. */
const gluePoint = /\p{Ll}(?=\p{Lu})/gu;
const cache = new WeakMap<Vocabulary, DatePatterns>();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function patternsFor(vocab: Vocabulary): DatePatterns {
  const hit = cache.get(vocab);
  if (hit) return hit;
  const names = [...vocab.months.keys()].sort((a, b) => b.length - a.length).map(escape).join("|");
  const month = `(?<![\\p{L}])(${names})(?![\\p{L}])\\.?`;
  const built: DatePatterns = {
    months: vocab.months,
    monthYear: new RegExp(`^${month}\\s+(?:19|20)\\d\\d$`, "iu"),
    dayYear: /\s\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}(?!\d)/iu,
    patterns: [
      { re: /(?<!\d)(\d{4})\s*[-年/]\s*(\d{1,2})\s*[-月/]\s*(\d{1,2})(?!\d)/u, order: "ymd" },
      { re: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/u, order: "dmy" },
      { re: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/u, order: "slash" },
      { re: new RegExp(`(?<!\\d)(\\d{1,2})(?:\\.|er|st|nd|rd|th)?\\s+(?:de\\s+)?${month}\\s*(?:de\\s+|,\\s*)?(\\d{4})(?!\\d)`, "iu"), order: "dMy" },
      { re: new RegExp(`${month}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, "iu"), order: "Mdy" },
    ],
  };
  cache.set(vocab, built);
  return built;
}

function iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * The earliest full calendar date (day, month and year) written in `text`, in the common formats
 * of the vocabularies' languages: 2017-03-10, 2017年3月10日, 12.11.2018, 24 July 2015,
 * 10. September 2019, 3 de marzo de 2017, Feb. 23, 2015. Ambiguous numeric dates (3/4/2015) give
 * nothing: null rather than a guess.
 */
export function findDate(text: string, vocab: Vocabulary): FoundDate | null {
  // Every format needs a four-digit year: most lines are turned away here, cheaply.
  if (!fourDigits.test(text)) return null;
  const found = findDateIn(text, vocab);
  if (found) return found;
  // "Associated PressDecember 2, 2016": a renderer glued the credit to the date.
  if (!/\p{Ll}\p{Lu}/u.test(text)) return null;
  // One space at each glue point; origin maps the unglued text's characters back to the line's.
  let unglued = "";
  const origin: number[] = [];
  let from = 0;
  for (const m of text.matchAll(gluePoint)) {
    const at = m.index + m[0].length;
    for (let k = from; k < at; k++) origin.push(k);
    unglued += text.slice(from, at) + " ";
    origin.push(at);
    from = at;
  }
  for (let k = from; k < text.length; k++) origin.push(k);
  unglued += text.slice(from);
  const found2 = findDateIn(unglued, vocab);
  if (!found2) return null;
  const first = origin[found2.index] ?? 0;
  const last = origin[found2.index + found2.length - 1] ?? text.length - 1;
  return { iso: found2.iso, index: first, length: last - first + 1 };
}

function findDateIn(text: string, vocab: Vocabulary): FoundDate | null {
  const { patterns, months, dayYear } = patternsFor(vocab);
  let best: FoundDate | null = null;
  for (const { re, order } of patterns) {
    if (order === "Mdy" && !dayYear.test(text)) continue;
    const m = re.exec(text);
    if (!m || (best && m.index >= best.index)) continue;
    const [a = "", b = "", c = ""] = [m[1], m[2], m[3]];
    let value: string | null = null;
    if (order === "ymd") value = iso(+a, +b, +c);
    else if (order === "dmy") value = iso(+c, +b, +a);
    else if (order === "slash") {
      if (+a > 12) value = iso(+c, +b, +a);
      else if (+b > 12) value = iso(+c, +a, +b);
    } else if (order === "dMy") value = iso(+c, months.get(b.toLowerCase()) ?? 0, +a);
    else value = iso(+c, months.get(a.toLowerCase()) ?? 0, +b);
    if (value) best = { iso: value, index: m.index, length: m[0].length };
  }
  return best;
}

/**
 * Whether a line is only a month and a year ("June 2021"): a magazine's issue date. It names no
 * day, so it gives no date, but it is a date line, not a paragraph.
 */
export function isMonthYear(text: string, vocab: Vocabulary): boolean {
  if (text.length > 24) return false;
  const trimmed = text.trim();
  return endsWithYear(trimmed) && patternsFor(vocab).monthYear.test(trimmed);
}

/**
 * Whether text ends with white space and a year of this or the last century ("… 2021"), as every
 * month-and-year line does: checked by code before the month names are tried.
 */
function endsWithYear(text: string): boolean {
  const n = text.length;
  if (n < 5 || !isSpace(codeAt(text, n - 5))) return false;
  const c0 = codeAt(text, n - 4);
  const c1 = codeAt(text, n - 3);
  const century = (c0 === 49 && c1 === 57) || (c0 === 50 && c1 === 48);
  return century && isDigit(codeAt(text, n - 2)) && isDigit(codeAt(text, n - 1));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
