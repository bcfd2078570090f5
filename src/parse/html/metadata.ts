import { findDate } from "../dates.ts";
import type { Vocabulary } from "../vocab.ts";
import { textOf } from "./dom.ts";
import { plainText, readJsonLd } from "./jsonld.ts";

/** What a page says about itself, outside its visible article: JSON-LD, OpenGraph, meta tags. */
export interface PageMetadata {
  /** Headline candidates, most trusted first (JSON-LD headline, og:title, twitter:title). */
  titles: string[];
  /** `<title>`, as is. */
  documentTitle: string | null;
  /** The texts of the page's `<h1>` elements. */
  h1s: string[];
  /** og:site_name, application-name. */
  siteName: string | null;
  /** JSON-LD publisher's name. */
  publisher: string | null;
  /** Person authors from JSON-LD and author meta tags. */
  authors: string[];
  /** Publication date, ISO, and where it came from. */
  date: string | null;
  dateFrom: string | null;
  /** BCP 47, normalised (`en-AU`), or null. */
  language: string | null;
  keywords: string[];
  /** Canonical URL of the page. */
  url: string | null;
  /** Texts of elements marked as bylines (`rel=author`, `itemprop=author`, class byline/author), in page order. */
  bylineTexts: string[];
  /** How many JSON-LD scripts did not parse. */
  badJsonLd: number;
}

/** Class or id words of byline elements. */
const BYLINE_CLASS = /(?:^|[\s_-])(?:byline|by-line|author|authors|writer|contributor|p-author|autor|auteur|autore)(?:$|[\s_-])/i;

/** A map of meta name/property/itemprop (lower-cased) → contents, in document order. */
function metaTags(document: Document): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const meta of Array.from(document.querySelectorAll("meta"))) {
    const content = plainText(meta.getAttribute("content") ?? "");
    if (!content) continue;
    for (const attr of ["name", "property", "itemprop", "http-equiv"]) {
      const key = meta.getAttribute(attr)?.trim().toLowerCase();
      if (!key) continue;
      map.set(key, [...(map.get(key) ?? []), content]);
    }
  }
  return map;
}

/** Meta keys that carry the publication date, most specific first. */
const DATE_KEYS = [
  "article:published_time", "og:article:published_time", "og:published_time", "published_time", "datepublished",
  "article:publicationdate", "article.published", "pubdate", "publishdate", "publish-date", "publish_date",
  "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
];
/** Meta keys that carry person authors. */
const AUTHOR_KEYS = ["author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl"];

/** A YYYY-MM-DD from a machine-written or printed date, taken as written (no time-zone shift). */
export function isoDateOf(value: string, vocab: Vocabulary): string | null {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value);
  if (iso) return validDate(+iso[1]!, +iso[2]!, +iso[3]!);
  const found = findDate(value, vocab);
  if (found) return found.iso;
  // "Fri Mar 13 21:30:09 EST 2015": a month name and day, the year further on.
  const loose = /(?<![\p{L}])(\p{L}{3,9})\.?\s+(\d{1,2})\b.*?\b((?:19|20)\d{2})\b/u.exec(value);
  if (loose) {
    const month = vocab.months.get(loose[1]!.toLowerCase());
    if (month) return validDate(+loose[3]!, month, +loose[2]!);
  }
  return null;
}

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** `/2015/03/18/` or `/2015-03-18/` in a URL. */
export function urlDate(url: string | null): string | null {
  const m = url ? /\/((?:19|20)\d{2})[/-]([01]\d)[/-]([0-3]\d)(?:[/-]|$)/.exec(url) : null;
  return m ? validDate(+m[1]!, +m[2]!, +m[3]!) : null;
}

/** A BCP 47 tag in our form (`en-AU`), or null when the value is not one. */
export function normaliseLanguage(value: string | null | undefined): string | null {
  if (!value) return null;
  const parts = value.trim().replace(/_/g, "-").split("-").filter(Boolean);
  const [primary, ...rest] = parts;
  if (!primary || !/^[a-z]{2,3}$/i.test(primary)) return null;
  const tag = [primary.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p))].join("-");
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : null;
}

function notUrl(s: string): boolean {
  return !/^(?:https?:|www\.)|\/\/|@/.test(s);
}

export function readMetadata(document: Document, vocab: Vocabulary): PageMetadata {
  const meta = metaTags(document);
  const first = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = meta.get(key)?.[0];
      if (value) return value;
    }
    return null;
  };
  const { article: ld, bad } = readJsonLd(
    Array.from(document.querySelectorAll('script[type="application/ld+json"]')).map((s) => s.textContent ?? ""),
  );

  const titles = [ld?.headline, first("og:title"), first("twitter:title")].filter((t): t is string => !!t);
  const h1s = Array.from(document.querySelectorAll("h1")).map((h) => textOf(h)).filter((t) => t.length > 0);

  const authors: string[] = [...(ld?.persons ?? [])];
  for (const key of AUTHOR_KEYS) {
    for (const value of meta.get(key) ?? []) {
      const name = value.replace(/^by\s+/i, "").trim();
      if (name && notUrl(name)) authors.push(name);
    }
  }

  const url = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? first("og:url");
  let date: string | null = null;
  let dateFrom: string | null = null;
  const tryDate = (value: string | null | undefined, from: string): void => {
    if (date || !value) return;
    const iso = isoDateOf(value, vocab);
    if (iso) {
      date = iso;
      dateFrom = from;
    }
  };
  tryDate(ld?.datePublished, "JSON-LD datePublished");
  for (const key of DATE_KEYS) tryDate(first(key), `<meta ${key}>`);
  for (const [key, values] of meta) {
    if (/publi(?:shed|cation)?[_.:-]?(?:date|time)|date[_.-]?published/.test(key)) tryDate(values[0], `<meta ${key}>`);
  }
  for (const el of Array.from(document.querySelectorAll('[itemprop="datePublished"], time[pubdate]'))) {
    tryDate(el.getAttribute("datetime") ?? el.getAttribute("content") ?? textOf(el), "itemprop=datePublished");
  }
  tryDate(urlDate(url), "the page's URL");

  const language =
    normaliseLanguage(document.documentElement?.getAttribute("lang")) ??
    normaliseLanguage(document.documentElement?.getAttribute("xml:lang")) ??
    normaliseLanguage(ld?.language) ??
    normaliseLanguage(first("og:locale")) ??
    normaliseLanguage(first("content-language", "language", "dc.language"));

  const keywordSource = ld?.keywords.length ? ld.keywords : (meta.get("article:tag") ?? first("news_keywords", "keywords")?.split(",") ?? []);
  const keywords = [...new Set(keywordSource.map((k) => k.trim()).filter((k) => k.length > 1 && k.length < 60))].slice(0, 12);

  const bylineTexts: string[] = [];
  for (const el of Array.from(document.querySelectorAll("[rel~=author], [itemprop~=author], [class], [id]"))) {
    const marked = el.matches("[rel~=author], [itemprop~=author]") || BYLINE_CLASS.test(`${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`);
    if (!marked || el.closest("script, style, nav")) continue;
    const text = textOf(el);
    if (text.length > 0 && text.length <= 120 && bylineTexts.length < 50) bylineTexts.push(text);
  }

  return {
    titles,
    documentTitle: textOf(document.querySelector("title")) || null,
    h1s,
    siteName: first("og:site_name", "application-name"),
    publisher: ld?.publisher ?? (ld?.organisations[0] ?? null),
    authors: [...new Set(authors)],
    date,
    dateFrom,
    language,
    keywords,
    url,
    bylineTexts,
    badJsonLd: bad,
  };
}
