/**
 * The per-article data enrichment derives from a capture's text alone (its language, its MinHash
 * summary, the named entities of its lead, the curated topics it mentions), derived where the capture is parsed. On a parsing
 * thread this takes the costliest per-article work (compromise above all) off the thread that
 * enriches the archive, which works alone once parsing is done: enrichment then finds it in its
 * DerivedCache. The keys are the ones enrichment computes, from the same functions, so an article
 * enrichment reads differently (a duplicate whose first capture is another) is simply a miss.
 */
import type { DumpFacts, ParsedArticle, TopicEntry } from "../model/index.ts";
import type { DerivedEntries } from "./derived-cache.ts";
import { cachedSummary, type CachedSummary } from "./duplicates.ts";
import { articleLanguage } from "./language.ts";
import { captureDuplicateInput, recordText } from "./records.ts";
import { cachedCuratedWeights, cachedEntities, readsEntities, type CuratedWeights } from "./topics/assign.ts";
import { CuratedTopicMatcher } from "./topics/curated.ts";
import type { EntityMention } from "./topics/entities.ts";

/**
 * Derives, for the articles of dump after dump, what enrichment will look up. Everything derived
 * is remembered, so a text met again (a repost in another dump) is derived once; each dump's
 * call hands over only the entries it added. `knownWords` are the folded words of the
 * registries' names (`registryNameWords`) and `topics` the registries' topics, as enrichment
 * will have them.
 */
export class DeriveAhead {
  readonly #languages = new FreshEntriesMap<string, string>();
  readonly #summaries = new FreshEntriesMap<string, CachedSummary>();
  readonly #entities = new FreshEntriesMap<string, EntityMention[]>();
  readonly #curated = new FreshEntriesMap<string, CuratedWeights>();
  readonly #matcher: CuratedTopicMatcher;

  constructor(
    readonly knownWords: ReadonlySet<string>,
    topics: readonly TopicEntry[],
  ) {
    this.#matcher = new CuratedTopicMatcher(topics);
  }

  derive(articles: readonly ParsedArticle[], dump: DumpFacts): DerivedEntries {
    for (const article of articles) {
      const text = recordText(article);
      const language = articleLanguage(text.headline, text.paragraphs, article.language || null, dump.meta?.language, this.#languages);
      const duplicateInput = captureDuplicateInput(text);
      cachedSummary(duplicateInput, this.#summaries);
      const input = { headline: text.headline, body: text.paragraphs, textKey: duplicateInput.cacheKey };
      cachedCuratedWeights(input, this.#matcher, this.#curated);
      if (readsEntities(language)) cachedEntities(input, this.knownWords, this.#entities);
    }
    return {
      languages: this.#languages.takeFresh(),
      summaries: this.#summaries.takeFresh(),
      entities: this.#entities.takeFresh(),
      curated: this.#curated.takeFresh(),
    };
  }

  /**
   * Only the summaries, for articles whose records content/ has already (a fresh clone's first
   * build parses every dump and enriches none): the next build that enriches compares every
   * existing record with its new captures by summary, but reads no record's language or entities.
   */
  summarise(articles: readonly ParsedArticle[]): DerivedEntries {
    for (const article of articles) cachedSummary(captureDuplicateInput(recordText(article)), this.#summaries);
    return { languages: [], summaries: this.#summaries.takeFresh(), entities: [], curated: [] };
  }
}

/** A Map that also lists the entries set since they were last taken. */
class FreshEntriesMap<K, V> extends Map<K, V> {
  #fresh: [K, V][] = [];

  override set(key: K, value: V): this {
    if (!this.has(key)) this.#fresh.push([key, value]);
    return super.set(key, value);
  }

  takeFresh(): [K, V][] {
    const fresh = this.#fresh;
    this.#fresh = [];
    return fresh;
  }
}
