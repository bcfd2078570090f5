import { paths } from "../urls.ts";
import type { PageNav, PageNumber } from "./types.ts";

/** Index pages list this many articles each (DESIGN.md). */
export const PAGE_SIZE = 20;

/** Splits a list into pages of `size`; an empty list still makes one (empty) page. */
export function chunk<T>(items: readonly T[], size: number = PAGE_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new TypeError(`page size must be a positive integer, got ${size}`);
  if (items.length === 0) return [[]];
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages;
}

/**
 * Numbered navigation for page `current` of `count` pages under `base`: the first and last
 * pages, two either side of the current one, and null for each gap between them.
 */
export function pageNav(base: string, current: number, count: number, label: string): PageNav | null {
  if (count <= 1) return null;
  const wanted = new Set([1, count]);
  for (let n = current - 2; n <= current + 2; n++) if (n >= 1 && n <= count) wanted.add(n);
  // A gap of one page is shown as that page: "1 2 3" reads better than "1 … 3".
  for (const n of [...wanted]) {
    if (wanted.has(n + 2) && !wanted.has(n + 1)) wanted.add(n + 1);
  }
  const numbers = [...wanted].sort((a, b) => a - b);
  const pages: Array<PageNumber | null> = [];
  numbers.forEach((n, i) => {
    if (i > 0 && n - numbers[i - 1]! > 1) pages.push(null);
    pages.push({ n, url: paths.page(base, n), current: n === current });
  });
  return {
    label,
    pages,
    prev: current > 1 ? paths.page(base, current - 1) : null,
    next: current < count ? paths.page(base, current + 1) : null,
    pageCount: count,
  };
}
