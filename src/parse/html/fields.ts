import { cleanName, findByline } from "../byline.ts";
import type { Vocabulary } from "../vocab.ts";
import type { PageMetadata } from "./metadata.ts";
import { matchKey } from "./source-text.ts";
import { tokenF1 } from "../overlap.ts";

/**
 * Choosing the article's fields among what the page offers. Each function takes candidates from
 * the most trusted source down and returns null rather than a guess.
 */

/** Separators between a title's headline and site name; the full-width bar needs no spaces. */
const TITLE_SEPARATOR = /\s+(?:[|–—·»]|-{1,2}|::)\s+|\s*｜\s*/g;

/**
 * `<title>` split into the headline and the site part ("… | Herald Sun", "BBC News - …"): the site
 * is a short part after the last separator (or before the first), the headline is the rest.
 * A colon is no separator: "Brexit: May wins vote" is one headline.
 */
export function splitTitle(title: string | null): { headline: string | null; site: string | null } {
  const clean = title?.replace(/\s+/g, " ").trim();
  if (!clean) return { headline: null, site: null };
  const separators = [...clean.matchAll(TITLE_SEPARATOR)];
  const last = separators.at(-1);
  const first = separators[0];
  if (!last || !first) return { headline: clean, site: null };
  const short = (s: string): boolean => s.length > 0 && s.split(" ").length <= 5;
  const suffix = clean.slice(last.index + last[0].length);
  const beforeSuffix = clean.slice(0, last.index);
  if (short(suffix) && beforeSuffix.length >= suffix.length) return { headline: beforeSuffix, site: suffix };
  const prefix = clean.slice(0, first.index);
  const afterPrefix = clean.slice(first.index + first[0].length);
  if (short(prefix) && afterPrefix.length > prefix.length) return { headline: afterPrefix, site: prefix };
  return { headline: clean, site: null };
}

function tokens(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Token F1 of two texts (0..1). */
export function similarity(a: string, b: string): number {
  return tokenF1(tokens(a), tokens(b));
}

/** Removes a trailing or leading site name from a title ("Headline - The Washington Post"). */
function withoutSite(title: string, sites: (string | null)[]): string {
  const parts = splitTitle(title);
  if (parts.site && parts.headline && sites.some((s) => s && similarity(s, parts.site!) >= 0.5)) return parts.headline;
  return title;
}

/**
 * The headline: the page's `<h1>` when it agrees with the metadata titles (it is the headline as
 * displayed), else the most trusted metadata title without its site suffix, else readability's
 * title, else the first `<h1>`.
 */
export function chooseHeadline(meta: PageMetadata, readabilityTitle: string | null | undefined): string | null {
  const site = splitTitle(meta.documentTitle).site;
  const titles = [...meta.titles, readabilityTitle, splitTitle(meta.documentTitle).headline]
    .filter((t): t is string => !!t && t.trim().length > 0)
    .map((t) => withoutSite(t.replace(/\s+/g, " ").trim(), [meta.siteName, meta.publisher, site]));
  for (const title of titles) {
    const h1 = meta.h1s.find((h) => similarity(h, title) >= 0.8);
    if (h1) return h1;
  }
  return titles[0] ?? meta.h1s[0] ?? null;
}

/** Spaces, case and a leading "the" do not make two names of an outlet different. */
function compact(name: string): string {
  return matchKey(name.replace(/^the\s+/i, ""));
}

/**
 * The outlet: JSON-LD publisher, else og:site_name, written as the title bar writes it when the
 * two are the same name (og:site_name "HeraldSun", title "… | Herald Sun"), else the title's site part.
 */
export function chooseOutlet(meta: PageMetadata): string | null {
  const titleSite = splitTitle(meta.documentTitle).site;
  const candidates = [meta.publisher, meta.siteName].filter((c): c is string => !!c && !/^https?:/i.test(c));
  for (const candidate of candidates) {
    if (titleSite && compact(titleSite) === compact(candidate)) return titleSite;
    if (titleSite && compact(titleSite).includes(compact(candidate)) && titleSite.split(/\s+/).length <= 4) return titleSite;
  }
  return candidates[0] ?? titleSite ?? null;
}

/** Names joined as a byline is printed: "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string | null {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const clean = name.replace(/\s+/g, " ").trim();
    const key = matchKey(clean);
    if (key && !byKey.has(key)) byKey.set(key, clean);
  }
  const unique = [...byKey.values()];
  if (unique.length === 0) return null;
  if (unique.length === 1) return unique[0]!;
  return `${unique.slice(0, -1).join(", ")} and ${unique[unique.length - 1]}`;
}

/** A credited name that is really the outlet, a URL or a handle is no byline. */
export function isPersonCredit(name: string, outlet: string | null, vocab: Vocabulary): boolean {
  if (!name || /^(?:https?:|www\.)|\/|@/.test(name)) return false;
  if (outlet && (compact(name) === compact(outlet) || similarity(name, outlet) >= 0.8)) return false;
  if (name.split(/\s+/).length > 12) return false;
  return cleanName(name, vocab) !== null || vocab.bylineDesks.has(name.toLowerCase());
}

/** Readability's byline ("By Erin Cunningham", "JOE HILDEBRAND") cleaned to the names. */
export function cleanByline(raw: string, vocab: Vocabulary): string | null {
  const text = raw.replace(/\s+/g, " ").trim();
  const found = findByline(text, vocab);
  if (found) return found.name;
  return cleanName(text, vocab);
}
