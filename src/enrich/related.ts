/**
 * Related headlines → archive articles. A related section prints headlines as the linking site
 * wrote them: case, quotes, punctuation and a trailing "…" differ from the article's own headline.
 * We compare normalised word sets through an inverted index (word → headlines), so each lookup
 * touches only headlines that share a distinctive word with it, never the whole archive.
 */
import type { Article, Related } from "../model/index.ts";
import { foldedTokens } from "./text.ts";

/** Share of words two headlines must have in common (of the longer one) to be the same. */
const SAME_HEADLINE = 0.75;
/** Words in more headlines than this say nothing about which headline is meant and are not looked up. */
const MAX_POSTING = 500;
const STOPWORDS = new Set(["a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "with", "from", "is", "are", "as", "its"]);

export interface Linkable {
  id: string;
  slug: string;
  headline: string;
  /** Which dumps the article came from: a related section links first to its own page's articles. */
  dumps: readonly string[];
}

export class HeadlineIndex {
  readonly #items: { item: Linkable; words: Set<string> }[] = [];
  readonly #postings = new Map<string, number[]>();

  constructor(items: readonly Linkable[]) {
    items.forEach((item, index) => {
      const words = headlineWords(item.headline);
      this.#items.push({ item, words });
      for (const word of words) {
        const posting = this.#postings.get(word);
        if (posting) posting.push(index);
        else this.#postings.set(word, [index]);
      }
    });
  }

  /** The article a related headline means, or undefined. `from` is the linking article. */
  resolve(headline: string, from: Linkable): Linkable | undefined {
    const words = headlineWords(headline);
    if (words.size === 0) return undefined;
    const truncated = /(?:…|\.\.\.)\s*$/.test(headline.trim());
    // A match shares at least SAME_HEADLINE of the words, so it misses at most `missable` of
    // them: any `missable + 1` words include one it has. Looking up only that many of the
    // rarest words finds every match, and a lookup touches few headlines however large the
    // archive. Words in more than MAX_POSTING headlines say nothing about which one is meant.
    const missable = Math.floor(words.size * (1 - SAME_HEADLINE) + 1e-9);
    const postings = [...words].map((word) => this.#postings.get(word) ?? []).sort((a, b) => a.length - b.length);
    const looked = postings.slice(0, missable + 1).filter((posting) => posting.length <= MAX_POSTING);
    if (looked.length === 0 || looked.every((posting) => posting.length === 0)) return undefined;
    const candidates = new Set<number>();
    for (const posting of looked) for (const index of posting) candidates.add(index);
    let best: { item: Linkable; score: number } | undefined;
    for (const index of [...candidates].sort((a, b) => a - b)) {
      const { item, words: theirs } = this.#items[index]!;
      if (item.id === from.id) continue;
      // Count shared words exactly (only the rarest words were looked up).
      let common = 0;
      for (const word of words) if (theirs.has(word)) common++;
      const score = truncated ? common / words.size : common / Math.max(words.size, theirs.size);
      if (score < SAME_HEADLINE) continue;
      const sameDump = item.dumps.some((dump) => from.dumps.includes(dump));
      const ranked = score + (sameDump ? 0.01 : 0);
      if (!best || ranked > best.score || (ranked === best.score && item.id < best.item.id)) best = { item, score: ranked };
    }
    return best?.item;
  }

  /** Resolves every related headline of an article; unresolved ones stay text. */
  resolveAll(related: readonly string[], from: Linkable): Related[] {
    const seen = new Set<string>();
    const out: Related[] = [];
    for (const raw of related) {
      const headline = raw.replace(/\s+/g, " ").trim();
      if (!headline || seen.has(headline)) continue;
      seen.add(headline);
      const target = this.resolve(headline, from);
      out.push(target ? { headline, url: articleUrl(target.slug) } : { headline });
    }
    return out;
  }
}

export function articleUrl(slug: string): string {
  return `/articles/${slug}/`;
}

function headlineWords(headline: string): Set<string> {
  return new Set(foldedTokens(headline).filter((word) => !STOPWORDS.has(word)));
}

/**
 * "Cited by": for each article id, the articles whose related links point at it, in the order
 * of `articles`, each once.
 */
export function backlinks(articles: readonly Article[]): Map<string, Article[]> {
  const byUrl = new Map<string, Article>();
  for (const article of articles) byUrl.set(articleUrl(article.slug), article);
  const out = new Map<string, Article[]>();
  for (const article of articles) {
    for (const related of article.related) {
      if (!related.url) continue;
      const target = byUrl.get(related.url);
      if (!target || target.id === article.id) continue;
      const citing = out.get(target.id) ?? [];
      if (!citing.includes(article)) citing.push(article);
      out.set(target.id, citing);
    }
  }
  return out;
}
