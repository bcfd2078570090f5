/**
 * Ids and slugs: the names a record keeps for life. An id comes from where the article was first
 * read (the dump's sha256 and the article's place in it) or, for a story merged from several
 * captures, from its content; an id an existing record already has is kept. A slug comes from the
 * headline; a slug already taken gets a short suffix derived from the id (never a number that
 * depends on what else is in the archive), and a record that already has a slug keeps it.
 */
import type { Article } from "../model/index.ts";
import { slugify } from "../model/index.ts";
import { foldedTokens, nameKey, sha256Hex } from "./text.ts";

/** The id of the article at `index` (0-based) in the dump with this sha256. */
export function captureId(dumpSha256: string, index: number): string {
  return `${dumpSha256.slice(0, 12)}-${index + 1}`;
}

/** The id of a story merged from several captures: from its headline and body text. */
export function contentId(headline: string, body: readonly string[]): string {
  return `c${sha256Hex(`${nameKey(headline)}\n${foldedTokens(body.join(" ")).join(" ")}`).slice(0, 15)}`;
}

/** A source's identity for matching existing records: which dump, which lines. */
export function sourceKey(sha256: string, lines: readonly [number, number]): string {
  return `${sha256}:${lines[0]}-${lines[1]}`;
}

/**
 * The slug a headline gives, or "" when it gives none worth having: headlines written mostly in
 * scripts with no Latin form (Arabic, Chinese …) would slug to a few stray Latin words.
 */
export function headlineSlug(headline: string): string {
  const letters = headline.match(/\p{L}/gu)?.length ?? 0;
  const latin = headline.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (letters === 0 || latin * 2 < letters) return "";
  return slugify(headline);
}

/** A short suffix derived from an id: stable whatever else the archive holds. */
export function idSuffix(id: string, length = 6): string {
  return sha256Hex(id).slice(0, length);
}

export interface SlugRequest {
  id: string;
  headline: string;
}

/**
 * Assigns unique slugs. Existing records keep theirs and reserve them; the others, in the order
 * given, take their headline's slug, or that slug plus an id-derived suffix when it is taken.
 */
export function assignSlugs(requests: readonly SlugRequest[], existing: readonly Article[]): Map<string, string> {
  const taken = new Map<string, string>();
  const existingById = new Map<string, Article>();
  for (const article of existing) {
    existingById.set(article.id, article);
    if (!taken.has(article.slug)) taken.set(article.slug, article.id);
  }
  const out = new Map<string, string>();
  for (const { id } of requests) {
    const kept = existingById.get(id);
    if (kept && taken.get(kept.slug) === id) out.set(id, kept.slug);
  }
  for (const { id, headline } of requests) {
    if (out.has(id)) continue;
    const base = headlineSlug(headline) || id;
    let slug = base;
    for (let length = 6; taken.has(slug) && taken.get(slug) !== id; length += 2) {
      slug = `${base}-${idSuffix(id, length)}`;
    }
    taken.set(slug, id);
    out.set(id, slug);
  }
  return out;
}
