/** Small, deterministic text helpers for view models: no locale data, no clock. */

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

export function monthName(month: number): string {
  const name = MONTHS[month - 1];
  if (name === undefined) throw new TypeError(`month must be 1..12, got ${month}`);
  return name;
}

/** `2015-09-27` → `27 September 2015`; null → `undated`. */
export function dateLabel(date: string | null): string {
  if (date === null) return "undated";
  const [year, month, day] = date.split("-");
  return `${Number(day)} ${monthName(Number(month))} ${year}`;
}

/** `2015-09` → `September 2015`. */
export function monthLabel(yearMonth: string): string {
  const [year, month] = yearMonth.split("-");
  return `${monthName(Number(month))} ${year}`;
}

/** Short month for chart axes: `2015-09` → `Sep 2015`. */
export function shortMonthLabel(yearMonth: string): string {
  return monthLabel(yearMonth).replace(/^(\w{3})\w*/, "$1");
}

/** Languages written right to left, by primary subtag. */
const RTL = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"]);

export function textDirection(language: string): "rtl" | "ltr" {
  const primary = language.toLowerCase().split("-")[0] ?? "";
  return RTL.has(primary) ? "rtl" : "ltr";
}

/**
 * Plain text from a Markdown body for excerpts and descriptions: the first paragraph, with
 * Markdown punctuation and backslash escapes removed, cut at a word boundary.
 */
export function excerpt(markdown: string, maxLength = 200): string {
  const firstParagraph = markdown.split(/\n\s*\n/).find((p) => p.trim() !== "") ?? "";
  const plain = firstParagraph
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, "$1")
    .replace(/(\*\*|__|[*_`])/g, "")
    .replace(/^\s{0,3}(#{1,6}|>|[-+*]|\d+\.)\s+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
  if (plain.length <= maxLength) return plain;
  const cut = plain.slice(0, maxLength);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxLength * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}

/** Compares strings the same way on every machine (code units, not the locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `n article(s)`. */
export function countLabel(n: number, singular: string, plural = `${singular}s`): string {
  return `${groupDigits(n)} ${n === 1 ? singular : plural}`;
}

/** `16000` → `16,000`, without locale data. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
