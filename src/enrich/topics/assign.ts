/**
 * Topics for every record of the archive, ranked by salience. Curated topics (topics.yaml, all
 * aliases merged) count wherever they are mentioned; named entities that compromise finds in
 * English articles become discovered topics, and a discovered topic is kept only when at least
 * two records share it, so one-off names do not each get a page.
 *
 * Salience of a topic in an article: each mention weighs HEADLINE_WEIGHT in the headline, and
 * between 1 and 1.5 in the body, more the earlier it comes; the article lists its MAX_TOPICS
 * most salient topics, most salient first.
 */
import type { TopicEntry, TopicKind } from "../../model/index.ts";
import { slugify } from "../../model/index.ts";
import { compareStrings, foldedTokens, sha256Hex } from "../text.ts";
import { CuratedTopicMatcher } from "./curated.ts";
import { entitiesIn, entityText, type EntityMention } from "./entities.ts";

export const MAX_TOPICS = 10;
const HEADLINE_WEIGHT = 3;
/** Records that must share a discovered topic for it to be kept. */
export const MIN_RECORDS_FOR_DISCOVERED = 2;

export interface TopicInput {
  headline: string;
  body: readonly string[];
  language: string;
  /** Topics the dump itself states (front matter, keywords): names or slugs. */
  stated: readonly string[];
  /**
   * A key of the headline and body, when the caller has one (the summary key of duplicates.ts):
   * the weights of the curated topics they mention are then looked up in `TopicCaches.curated`.
   */
  textKey?: string;
}

export interface TopicAssignment {
  /** Per input, topic slugs, most salient first. */
  topics: string[][];
  /** Discovered topics that were kept, for the site's topic pages. */
  discovered: TopicEntry[];
}

/**
 * Entity extraction results by the sha256 of the text compromise read, so that re-enrichment
 * does not run compromise twice on the same text. Plain data: a caller may keep it on disk.
 */
export type EntityCache = Map<string, EntityMention[]>;

/** The curated topics a text mentions, each with the weight of its mentions (salience), in order of first mention. */
export type CuratedWeights = Array<[string, number]>;

/** CuratedWeights by `curatedKey`: the matcher's version and the text's key. Plain data. */
export type CuratedCache = Map<string, CuratedWeights>;

/** What topic assignment may find derived already (see enrich/derive-ahead.ts). */
export interface TopicCaches {
  entities?: EntityCache | undefined;
  curated?: CuratedCache | undefined;
}

interface Candidate {
  names: Map<string, number>;
  kinds: Map<TopicKind, number>;
  records: Set<number>;
}

/**
 * `alreadyTagged` counts, per topic slug, the records outside `inputs` (existing records) that
 * carry it: they count towards a discovered topic's two records. `otherNames` are names known
 * not to be topics (outlets).
 */
export function assignTopics(
  inputs: readonly TopicInput[],
  curated: readonly TopicEntry[],
  caches: TopicCaches = {},
  alreadyTagged: ReadonlyMap<string, number> = new Map(),
  otherNames: readonly string[] = [],
): TopicAssignment {
  const matcher = new CuratedTopicMatcher(curated);
  const knownWords = knownNameWords(curated, otherNames);
  const scores: Map<string, number>[] = [];
  const candidates = new Map<string, Candidate>();

  inputs.forEach((input, record) => {
    const score = new Map<string, number>();
    const add = (slug: string, weight: number): void => void score.set(slug, (score.get(slug) ?? 0) + weight);
    for (const [slug, weight] of cachedCuratedWeights(input, matcher, caches.curated)) add(slug, weight);
    const discovered = new Map<string, number>();
    const discover = (name: string, kind: TopicKind, weight: number): void => {
      const curatedTopic = matcher.lookup(name) ?? matcher.bySlug(slugify(name));
      if (curatedTopic) return; // already counted through its aliases
      const slug = slugify(name);
      if (!slug) return;
      discovered.set(slug, (discovered.get(slug) ?? 0) + weight);
      let candidate = candidates.get(slug);
      if (!candidate) {
        candidate = { names: new Map(), kinds: new Map(), records: new Set() };
        candidates.set(slug, candidate);
      }
      candidate.names.set(name, (candidate.names.get(name) ?? 0) + 1);
      candidate.kinds.set(kind, (candidate.kinds.get(kind) ?? 0) + 1);
      candidate.records.add(record);
    };
    for (const name of input.stated) {
      const curatedTopic = matcher.lookup(name);
      if (curatedTopic) add(curatedTopic.slug, HEADLINE_WEIGHT);
      else discover(name, "theme", HEADLINE_WEIGHT);
    }
    if (readsEntities(input.language)) {
      const names = new Map<string, TopicKind>();
      for (const entity of resolvePeople(cachedEntities(input, knownWords, caches.entities))) {
        // A lone first or last name ("Oscar", "Sari") says too little to be a topic of its own.
        if (entity.kind === "person" && !/[\s-]/.test(entity.name)) continue;
        if (!names.has(entity.name)) names.set(entity.name, entity.kind);
      }
      if (names.size > 0) {
        const headline = ` ${foldedTokens(input.headline).join(" ")} `;
        const body = ` ${foldedTokens(input.body.join(" ")).join(" ")} `;
        for (const [name, kind] of names) {
          const weight = occurrenceWeight(name, headline, body);
          if (weight > 0) discover(name, kind, weight);
        }
      }
    }
    for (const [slug, weight] of discovered) score.set(`?${slug}`, weight);
    scores.push(score);
  });

  const kept = new Map<string, TopicEntry>();
  for (const [slug, candidate] of [...candidates].sort(([a], [b]) => compareStrings(a, b))) {
    if (candidate.records.size + (alreadyTagged.get(slug) ?? 0) < MIN_RECORDS_FOR_DISCOVERED) continue;
    const names = [...candidate.names].sort(([a, x], [b, y]) => y - x || compareStrings(a, b)).map(([name]) => name);
    const kind = [...candidate.kinds].sort(([a, x], [b, y]) => y - x || compareStrings(a, b))[0]![0];
    kept.set(slug, { name: names[0]!, slug, kind, aliases: names.slice(1) });
  }

  // Discovered slugs never equal curated ones (those went to the curated topic), so the two
  // kinds of key cannot collide once the "?" is dropped.
  const topics = scores.map((score) =>
    [...score]
      .filter(([key]) => !key.startsWith("?") || kept.has(key.slice(1)))
      .map(([key, weight]): [string, number] => [key.startsWith("?") ? key.slice(1) : key, weight])
      .sort(([a, x], [b, y]) => y - x || compareStrings(a, b))
      .slice(0, MAX_TOPICS)
      .map(([slug]) => slug),
  );
  return { topics, discovered: [...kept.values()] };
}

/**
 * Salience of a name in an article, counted over the whole text: HEADLINE_WEIGHT if the headline
 * has it, plus 1 to 1.5 for each time the body has it, more the earlier.
 */
function occurrenceWeight(name: string, headline: string, body: string): number {
  const needle = ` ${foldedTokens(name).join(" ")} `;
  if (needle.trim() === "") return 0;
  let weight = headline.includes(needle) ? HEADLINE_WEIGHT : 0;
  for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, at + needle.length - 1)) {
    weight += 1 + 0.5 * (1 - at / body.length);
  }
  return weight;
}

/**
 * The folded words of known names: topics, and `otherNames` such as outlets. A lead whose
 * capitalised words are all among them names no one new, and compromise need not read it.
 */
export function knownNameWords(curated: readonly TopicEntry[], otherNames: readonly string[]): Set<string> {
  return new Set([...curated.flatMap((topic) => [topic.name, ...topic.aliases]), ...otherNames].flatMap(foldedTokens));
}

/** Whether named entities are looked for in articles of `language`: compromise reads English. */
export function readsEntities(language: string): boolean {
  return language === "en" || language.startsWith("en-");
}

/** The named entities of an article, from `cache` (by the text compromise reads) when it has them. */
export function cachedEntities(input: Pick<TopicInput, "headline" | "body">, knownWords: ReadonlySet<string>, cache: EntityCache | undefined): EntityMention[] {
  const { text, headlineEnd } = entityText(input.headline, input.body, knownWords);
  if (text === "") return [];
  if (!cache) return entitiesIn(text, headlineEnd);
  const key = sha256Hex(text);
  let found = cache.get(key);
  if (!found) {
    found = entitiesIn(text, headlineEnd);
    cache.set(key, found);
  }
  return found;
}

/** The weights of the curated topics an article mentions (see the salience rule above). */
function curatedWeights(matcher: CuratedTopicMatcher, headline: string, body: readonly string[]): CuratedWeights {
  const weights = new Map<string, number>();
  for (const mention of matcher.mentions(headline, body)) {
    weights.set(mention.slug, (weights.get(mention.slug) ?? 0) + (mention.inHeadline ? HEADLINE_WEIGHT : 1 + 0.5 * (1 - mention.position)));
  }
  return [...weights];
}

/** The key of a text's CuratedWeights: the matcher's version, and the text's key (TopicInput.textKey). */
function curatedKey(matcher: CuratedTopicMatcher, textKey: string): string {
  return `${matcher.version}\0${textKey}`;
}

/** CuratedWeights of an article, from `cache` when its text has a key and the cache has them. */
export function cachedCuratedWeights(input: Pick<TopicInput, "headline" | "body" | "textKey">, matcher: CuratedTopicMatcher, cache: CuratedCache | undefined): CuratedWeights {
  if (!cache || input.textKey === undefined) return curatedWeights(matcher, input.headline, input.body);
  const key = curatedKey(matcher, input.textKey);
  let found = cache.get(key);
  if (!found) {
    found = curatedWeights(matcher, input.headline, input.body);
    cache.set(key, found);
  }
  return found;
}

/**
 * Within one article, "Sari" after "Hassan al-Sari" is the same person: a one-word name that ends
 * a longer person's name in the article is counted as that person.
 */
function resolvePeople(mentions: readonly EntityMention[]): EntityMention[] {
  const fullNames = mentions.filter((m) => m.kind === "person" && /\s/.test(m.name));
  return mentions.map((mention) => {
    if (mention.kind !== "person" || /\s/.test(mention.name)) return mention;
    const full = fullNames.find((candidate) => candidate.name.split(/[\s-]/).at(-1) === mention.name);
    return full ? { ...mention, name: full.name } : mention;
  });
}
