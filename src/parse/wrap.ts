/**
 * Captures rendered at a fixed width (72 or 80 columns, as `lynx -dump` or a mail client makes
 * them) break every paragraph over several lines. The parser reads logical lines: a paragraph
 * broken at the wrap width is joined back, and the report gives its role to each physical line.
 * Dumps whose lines run long (a renderer told not to wrap) are left as they are.
 */

/** Physical line indices, grouped into logical lines, in order. */
export type LineGroups = number[][];

const listStart = /^\s*(?:[•●○◦▪■□*·‣⁃-]|\d{1,2}[.)])\s/u;

/** The wrap width of a dump, or null when its lines were not wrapped. */
export function wrapWidth(lines: readonly string[]): number | null {
  let count = 0;
  let max = 0;
  for (const l of lines) {
    const n = l.trimEnd().length;
    if (n === 0) continue;
    count++;
    if (n > max) max = n;
  }
  if (count < 8 || max > 160 || max < 40) return null;
  // Wrapped text piles up just under the width; unwrapped short lines do not.
  let near = 0;
  let long = 0;
  for (const l of lines) {
    const n = l.trimEnd().length;
    if (n >= 20) long++;
    if (n >= max - 12) near++;
  }
  return long > 0 && near / long >= 0.3 ? max : null;
}

export function wrapGroups(lines: readonly string[], width: number | null = wrapWidth(lines)): LineGroups {
  const groups: LineGroups = [];
  for (let i = 0; i < lines.length; i++) {
    const last = groups.at(-1);
    const prev = i > 0 ? lines[i - 1]!.trimEnd() : "";
    const cur = lines[i]!;
    const joins = width !== null && last !== undefined && prev.length >= width - 20 && cur.trim().length > 0
      && !listStart.test(cur) && last.at(-1) === i - 1;
    if (joins) last.push(i);
    else groups.push([i]);
  }
  return groups;
}

/** The text of a logical line: its physical lines joined by single spaces, the first one's indent kept. */
export function groupText(lines: readonly string[], group: readonly number[]): string {
  if (group.length === 1) return lines[group[0]!]!;
  return group.map((i, n) => (n === 0 ? lines[i]!.trimEnd() : lines[i]!.trim())).join(" ");
}
