import { fnv1a } from "../../enrich/text.ts";
import { paths } from "../urls.ts";
import type { PageNav, PageNumber } from "./types.ts";

/** The dumps directory lists this many dumps a page, and the home page this many articles. */
export const PAGE_SIZE = 20;

/** Splits a list into pages of `size`; an empty list still makes one (empty) page. */
export function chunk<T>(items: readonly T[], size: number = PAGE_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new TypeError(`page size must be a positive integer, got ${size}`);
  if (items.length === 0) return [[]];
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages;
}

/** A listing page holds at least this many articles (all but the last page)… */
export const LISTING_MIN = 10;
/** …and at most this many; about 20 on average. */
export const LISTING_MAX = 40;
/** After LISTING_MIN, one article in this many ends its page. */
const LISTING_BREAK_ODDS = 10;

/**
 * Splits a listing into pages whose ends are chosen by the articles themselves: a page ends at
 * an article whose key hashes to a break (once the page has LISTING_MIN), or at LISTING_MAX.
 * Pages of a fixed 20 shift every page after an inserted article by one place: adding an
 * article dated in the middle of a topic's 150 pages remade 75 of them, and every new article
 * at the top of a listing remade all of them. Here the pages before and after the page an
 * article lands in keep their articles, so a page changes only when its own articles do, or
 * when the count of pages before it does (its number shifts then: about one add in ten).
 * A pure function of the keys in order, so a fresh build pages exactly as an incremental one.
 */
export function listingChunks<T>(items: readonly T[], key: (item: T) => string): T[][] {
  if (items.length === 0) return [[]];
  const pages: T[][] = [];
  let page: T[] = [];
  for (const item of items) {
    page.push(item);
    if (page.length >= LISTING_MAX || (page.length >= LISTING_MIN && fnv1a(key(item)) % LISTING_BREAK_ODDS === 0)) {
      pages.push(page);
      page = [];
    }
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** All that `pageNav` reads of `count`: pages whose reach is the same have the same navigation. */
export const navReach = (current: number, count: number): number => Math.min(count, current + 3);

/**
 * Numbered navigation for page `current` of `count` pages under `base`: the first page, two
 * either side of the current one, and null for each gap. It names no page beyond that window,
 * neither the last nor how many there are, so that a listing that grows by a page changes the
 * navigation of its last few pages only, and an archive that adds one dump remakes one or two
 * pages of a long listing, not all of them (every page named the last one before).
 */
export function pageNav(base: string, current: number, count: number, label: string): PageNav | null {
  if (count <= 1) return null;
  const last = Math.min(count, current + 2);
  const wanted = new Set([1]);
  for (let n = Math.max(1, current - 2); n <= last; n++) wanted.add(n);
  // A gap of one page is shown as that page: "1 2 3" reads better than "1 … 3".
  if (wanted.has(3)) wanted.add(2);
  const numbers = [...wanted].sort((a, b) => a - b);
  const pages: Array<PageNumber | null> = [];
  numbers.forEach((n, i) => {
    if (i > 0 && n - numbers[i - 1]! > 1) pages.push(null);
    pages.push({ n, url: paths.page(base, n), current: n === current });
  });
  // More pages than the window shows: a closing gap, whose presence stays the same as the listing grows.
  if (count > last) pages.push(null);
  return {
    label,
    pages,
    prev: current > 1 ? paths.page(base, current - 1) : null,
    next: current < count ? paths.page(base, current + 1) : null,
  };
}
