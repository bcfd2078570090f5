import type { Article } from "../model/index.ts";
import { compareText } from "./view/format.ts";

/**
 * "Cited by": for each article slug, the articles whose related links resolve to it, in a
 * stable order (by headline, then slug). Enrichment resolves related headlines to
 * `/articles/<slug>/` URLs; an unresolved related item cites nothing.
 */
export function backlinks(articles: readonly Article[]): Map<string, Article[]> {
  const known = new Set(articles.map((a) => a.slug));
  const citing = new Map<string, Article[]>();
  for (const article of articles) {
    const cited = new Set<string>();
    for (const related of article.related) {
      const slug = related.url === undefined ? undefined : /^\/articles\/([^/]+)\/$/.exec(related.url)?.[1];
      if (slug === undefined || slug === article.slug || !known.has(slug) || cited.has(slug)) continue;
      cited.add(slug);
      const list = citing.get(slug);
      if (list === undefined) citing.set(slug, [article]);
      else list.push(article);
    }
  }
  for (const list of citing.values()) {
    list.sort((a, b) => compareText(a.headline, b.headline) || compareText(a.slug, b.slug));
  }
  return citing;
}
