/**
 * Stage 3 for the archive: parsed dumps → article records. The steps, each its own module:
 * captures are grouped into stories (duplicates.ts), each story gets an id and a slug
 * (identity.ts), its fields (records.ts: outlet, language, date), topics (topics/) and resolved
 * related links (related.ts). Pure and deterministic: dumps are taken in name order, whatever
 * order they come in, and nothing reads the clock.
 *
 * Ingest may enrich only new dumps. The existing records it passes take part: a new capture of
 * a story already in content/ is added to that record's sources (the record comes back updated),
 * related headlines resolve to existing articles too, and a new article that resolves an existing
 * article's unresolved related headline updates that article. Existing records whose every source
 * is one of the dumps being enriched are made again from those dumps, keeping their ids and slugs
 * (predecessors.ts recognises them without the dump's sha256, which a change of the dump changes).
 * A record has at most one source per dump: a new capture replaces the one from the dump's
 * earlier version.
 *
 * Cost: per-article derived data (language, MinHash summary, entities) can be cached by text hash
 * (`EnrichOptions.cacheDir`), and existing records are only compared with the new captures, so
 * adding a dump to a large archive costs a hash and a few look-ups per existing record.
 */
import type { Article, Diagnostic, Dump, ParseResult, Registries } from "../model/index.ts";
import { ArticleSchema } from "../model/index.ts";
import { groupDuplicates, type DuplicateInput } from "./duplicates.ts";
import { assignSlugs, captureId, contentId, sourceKey } from "./identity.ts";
import { paragraphsToMarkdown } from "./markdown-escape.ts";
import { OutletMatcher } from "./outlets.ts";
import { DerivedCache } from "./derived-cache.ts";
import { matchPredecessors } from "./predecessors.ts";
import { captureDate, captureDuplicateInput, draftRecord, recordText, relatedOf, sortSources, sourceOf, type Capture, type Draft, type RecordText } from "./records.ts";
import { loadRegistries } from "./registries.ts";
import { HeadlineIndex, type Linkable } from "./related.ts";
import { compareStrings, normaliseSpace } from "./text.ts";
import { assignTopics, knownNameWords, type EntityCache, type TopicInput } from "./topics/assign.ts";

export interface ParsedDump {
  dump: Dump;
  result: ParseResult;
  /**
   * `result.articles.length`, known without the result: ingest loads the text and parse of an
   * unchanged dump only when they are first asked for.
   */
  articleCount?: number;
  /** `result.lines.length`, likewise. */
  lineCount?: number;
  /** The parser's warnings and errors (`result.diagnostics` not at level info), likewise. */
  warningCount?: number;
}

export interface EnrichResult {
  /** Records of the stories in the dumps given, and existing records this enrichment updated. */
  articles: Article[];
  diagnostics: Diagnostic[];
  /** The registries the records refer to: curated entries, plus outlets the registry lacks that got a record and discovered topics that were kept. */
  registries: Registries;
}

export interface EnrichOptions {
  /** Remembers entity extraction by text across calls (compromise is the slow step). */
  entityCache?: EntityCache;
  /**
   * A folder (the project's cache folder) where `enrichArchive` keeps per-article derived data
   * between runs (languages, MinHash summaries, entities), keyed by text hash. Default: none.
   */
  cacheDir?: string;
  /** The same data held in memory by the caller (used instead of `cacheDir` when given). */
  derived?: DerivedCache;
  /**
   * The summary key (`summaryKey` of headline, NUL, body) of an existing record, when the caller
   * knows it: content's index does, so an unchanged record's body is not read to find its summary.
   */
  summaryKeyOf?: (article: Article) => string | undefined;
}

/**
 * Enriches parsed dumps. `dataDir` holds outlets.yaml and topics.yaml; `existing` are the records
 * already in content/ (ids and slugs are kept, new captures of their stories merge into them).
 */
export async function enrichArchive(
  dumps: readonly ParsedDump[],
  dataDir: string,
  existing: readonly Article[] = [],
  options: EnrichOptions = {},
): Promise<EnrichResult> {
  if (!Array.isArray(dumps)) throw new TypeError("enrichArchive(dumps, dataDir): dumps must be an array of { dump, result }");
  const loaded = await loadRegistries(dataDir, options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir });
  const derived = options.derived ?? (options.cacheDir !== undefined ? await DerivedCache.load(options.cacheDir) : undefined);
  const enriched = enrichWithRegistries(dumps, loaded.registries, existing, derived ? { ...options, derived } : options);
  if (derived && options.cacheDir !== undefined) await derived.save(options.cacheDir);
  return { ...enriched, diagnostics: [...loaded.diagnostics, ...enriched.diagnostics] };
}

/** Every name and alias of the registries' outlets: names topic discovery passes over. */
function outletNames(registries: Registries): string[] {
  return registries.outlets.flatMap((outlet) => [outlet.name, ...outlet.aliases]);
}

/** The folded words of the registries' names, as topic assignment passes over them (see topics/assign.ts). */
export function registryNameWords(registries: Registries): Set<string> {
  return knownNameWords(registries.topics, outletNames(registries));
}

/** An existing record with sources outside the dumps being enriched: it stays, and may gain captures. */
interface Anchor {
  article: Article;
  /** Its sources from dumps not being enriched now (those being enriched are read again). */
  kept: Article["sources"];
}

/** The pure core of `enrichArchive`, for callers that already hold the registries. */
export function enrichWithRegistries(
  dumps: readonly ParsedDump[],
  registries: Registries,
  existing: readonly Article[] = [],
  options: EnrichOptions = {},
): EnrichResult {
  const diagnostics: Diagnostic[] = [];
  const captures = collectCaptures(dumps, diagnostics);
  const enrichedDumps = new Set(captures.map((c) => c.dump.name));
  const anchors: Anchor[] = [];
  /** Records made only from the dumps being enriched: their earlier versions, made again now. */
  const predecessors: Article[] = [];
  for (const article of existing) {
    const kept = article.sources.filter((s) => !enrichedDumps.has(s.dump));
    if (kept.length > 0 || article.sources.length === 0) anchors.push({ article, kept: sortSources(kept) });
    else predecessors.push(article);
  }
  anchors.sort((a, b) => compareStrings(a.article.id, b.article.id));
  const inherited = matchPredecessors(captures, predecessors);

  const derived = options.derived;
  // Each capture's text in the form its record will have (headline, paragraphs, Markdown body),
  // made once: grouping compares it, drafting and the article take it over.
  const captureTexts = captures.map(({ article }) => recordText(article));
  const compared = duplicateInputs(captureTexts, anchors, derived !== undefined, options.summaryKeyOf);
  const groups = splitAnchors(groupDuplicates(compared, derived?.summaries, captures.length), captures.length);

  const ids = assignIds(groups, captures, anchors, existing, inherited);
  const outlets = new OutletMatcher(registries.outlets);
  const drafts: Draft[] = [];
  /** Per draft, the key of its text (for the caches), when grouping had one. */
  const textKeys: (string | undefined)[] = [];
  const updates: { anchor: Anchor; members: Capture[] }[] = [];
  groups.forEach((group, g) => {
    const members = group.filter((i) => i < captures.length).map((i) => captures[i]!);
    const anchorIndex = group.find((i) => i >= captures.length);
    if (anchorIndex === undefined) {
      drafts.push(draftRecord(members, ids[g]!, outlets, diagnostics, derived?.languages, captureTexts[group[0]!]));
      textKeys.push(compared[group[0]!]!.cacheKey);
    } else {
      updates.push({ anchor: anchors[anchorIndex - captures.length]!, members });
    }
  });

  const anchorTopics = new Map<string, number>();
  for (const { article } of anchors) for (const topic of article.topics) anchorTopics.set(topic, (anchorTopics.get(topic) ?? 0) + 1);
  const assignment = assignTopics(
    drafts.map((draft, d): TopicInput => {
      const input: TopicInput = { headline: draft.headline, body: draft.paragraphs, language: draft.language, stated: draft.stated };
      const textKey = textKeys[d];
      if (textKey !== undefined) input.textKey = textKey;
      return input;
    }),
    registries.topics,
    { entities: options.entityCache ?? derived?.entities, curated: derived?.curated },
    anchorTopics,
    outletNames(registries),
  );
  // An earlier version no capture re-derives is gone from its dump: its slug is free again
  // (the new article with that slug takes over its file, see content/reconcile.ts).
  const inheritedIds = new Set(inherited.values());
  const gone = new Set(predecessors.filter((article) => !inheritedIds.has(article.id)));
  const slugs = assignSlugs(
    drafts.map((draft) => ({ id: draft.id, headline: draft.headline })),
    gone.size > 0 ? existing.filter((article) => !gone.has(article)) : existing,
  );
  const linkables: Linkable[] = [
    ...drafts.map((draft) => ({ id: draft.id, slug: slugs.get(draft.id)!, headline: draft.headline, dumps: draft.sources.map((s) => s.dump) })),
    ...anchors.map(({ article }) => ({ id: article.id, slug: article.slug, headline: article.headline, dumps: article.sources.map((s) => s.dump) })),
  ];
  const index = new HeadlineIndex(linkables);

  const articles: Article[] = drafts.map((draft, d) =>
    ArticleSchema.parse({
      id: draft.id,
      slug: slugs.get(draft.id)!,
      headline: draft.headline,
      outlet: draft.outlet,
      byline: draft.byline,
      date: draft.date,
      dateline: draft.dateline,
      body: draft.markdown ?? paragraphsToMarkdown(draft.paragraphs),
      topics: assignment.topics[d]!,
      language: draft.language,
      related: index.resolveAll(draft.related, linkables[d]!),
      sources: draft.sources,
    } satisfies Article),
  );
  // Existing articles' unresolved related headlines can only newly resolve to the new articles.
  const newIndex = new HeadlineIndex(linkables.slice(0, drafts.length));
  const membersOf = new Map(updates.map((update) => [update.anchor.article.id, update.members]));
  for (const anchor of anchors) {
    const updated = updateAnchor(anchor, membersOf.get(anchor.article.id) ?? [], index, newIndex, diagnostics);
    if (updated) articles.push(ArticleSchema.parse(updated));
  }

  diagnostics.push(...outlets.diagnostics());
  for (const topic of assignment.discovered) {
    diagnostics.push({
      id: "discovered-topic",
      level: "info",
      message: `"${topic.name}" (${topic.kind}) is named in several articles and gets a topic page, /topics/${topic.slug}/.`,
      file: "content/_data/discovered-topics.yaml",
      hint: "To curate it (description, aliases), move its entry to content/_data/topics.yaml.",
    });
  }
  return {
    articles,
    diagnostics,
    registries: {
      outlets: [...registries.outlets, ...outlets.unknownOutlets()],
      topics: [...registries.topics, ...assignment.discovered],
    },
  };
}

/**
 * What grouping compares: the captures' texts, then the anchors'. With a cache, a capture is
 * compared in the form its record will have, so that a record's summary is found under the same
 * key when it comes back as an existing record (the key is that of its headline, NUL, Markdown
 * body); its Markdown body is made here, and kept for its article.
 */
function duplicateInputs(
  captureTexts: readonly RecordText[],
  anchors: readonly Anchor[],
  cached: boolean,
  summaryKeyOf: EnrichOptions["summaryKeyOf"],
): DuplicateInput[] {
  return [
    ...captureTexts.map((text): DuplicateInput => (cached ? captureDuplicateInput(text) : { headline: text.headline, body: text.paragraphs })),
    // An existing record's paragraphs are needed only when its summary is not cached.
    ...anchors.map(({ article }): DuplicateInput => {
      const key = summaryKeyOf?.(article);
      return {
        headline: article.headline,
        get body(): string[] {
          return article.body.split("\n\n");
        },
        ...(key === undefined ? { cacheText: `${article.headline}\u0000${article.body}` } : { cacheKey: key }),
      };
    }),
  ];
}

/** Every article of every dump, dumps in name order: the archive order everything else follows. */
function collectCaptures(dumps: readonly ParsedDump[], diagnostics: Diagnostic[]): Capture[] {
  const sorted = [...dumps].sort((a, b) => compareStrings(a.dump.name, b.dump.name) || compareStrings(a.dump.sha256, b.dump.sha256));
  const captures: Capture[] = [];
  const seen = new Set<string>();
  for (const { dump, result } of sorted) {
    // The same dump given twice (same name, same bytes) is one capture. Copies under other
    // names are captures of their own, and merge as duplicates.
    const key = `${dump.name}\n${dump.sha256}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.articles.forEach((article, index) => {
      if (normaliseSpace(article.headline).length === 0) {
        diagnostics.push({
          id: "article-without-headline",
          level: "warning",
          message: `Article ${index + 1} of ${dump.name} has no headline and is left out of the archive.`,
          file: `seeds/${dump.name}`,
          line: Math.max(1, article.lines[0]),
          hint: "Check the parse report of this dump (newsarchive parse) and correct the dump's structure or the parser.",
        });
        return;
      }
      const first = Math.max(1, Math.trunc(article.lines[0]));
      const last = Math.max(first, Math.trunc(article.lines[1]));
      captures.push({ dump, article, index, id: captureId(dump.sha256, index), lines: [first, last] });
    });
  }
  return captures;
}

/**
 * Two existing records are never merged with each other by enrichment (an editor may have kept
 * them apart): a group with several anchors is split, and its captures join the first anchor.
 */
function splitAnchors(groups: readonly number[][], captureCount: number): number[][] {
  const out: number[][] = [];
  for (const group of groups) {
    const anchors = group.filter((i) => i >= captureCount);
    if (anchors.length <= 1) {
      out.push(group);
      continue;
    }
    out.push([...group.filter((i) => i < captureCount), anchors[0]!]);
    for (const anchor of anchors.slice(1)) out.push([anchor]);
  }
  return out;
}

/**
 * One id per story: an anchor's own id; else an id an existing record has (found through a capture
 * id, the content id, or a source it lists); else a single capture's id, or the content id of a merge.
 */
function assignIds(
  groups: readonly number[][],
  captures: readonly Capture[],
  anchors: readonly Anchor[],
  existing: readonly Article[],
  inherited: ReadonlyMap<number, string>,
): string[] {
  const existingIds = new Set(existing.map((article) => article.id));
  const bySource = new Map<string, string>();
  for (const article of existing) {
    for (const source of article.sources) {
      const key = sourceKey(source.sha256, source.lines);
      if (!bySource.has(key)) bySource.set(key, article.id);
    }
  }
  const used = new Set(anchors.map((anchor) => anchor.article.id));
  return groups.map((group) => {
    const anchor = group.find((i) => i >= captures.length);
    if (anchor !== undefined) return anchors[anchor - captures.length]!.article.id;
    // A story its dump's earlier version already gave keeps that record's id.
    const earlier = group.map((i) => inherited.get(i)).find((id): id is string => id !== undefined && !used.has(id));
    if (earlier !== undefined) {
      used.add(earlier);
      return earlier;
    }
    const members = group.map((i) => captures[i]!);
    const canonical = members[0]!;
    const own = members.length === 1 ? canonical.id : contentId(canonical.article.headline, canonical.article.body);
    const known = [own, ...members.map((m) => m.id), ...members.map((m) => bySource.get(sourceKey(m.dump.sha256, m.lines)))]
      .filter((id): id is string => id !== undefined && existingIds.has(id) && !used.has(id))
      .sort(compareStrings);
    const id = known.includes(own) ? own : (known[0] ?? own);
    // Two stories never share an id; the second falls back to its own capture id.
    const unique = used.has(id) ? canonical.id : id;
    used.add(unique);
    return unique;
  });
}

/**
 * An existing record after this enrichment: new captures of its story added to its sources, a
 * date if it had none and a capture dates it, related headlines that now resolve. Null when
 * nothing changed. Its other fields are left as content/ has them: an editor may have corrected them.
 */
function updateAnchor(anchor: Anchor, members: readonly Capture[], index: HeadlineIndex, newIndex: HeadlineIndex, diagnostics: Diagnostic[]): Article | null {
  const { article } = anchor;
  // The new captures first: a dump's newest capture replaces an older one.
  const sources = sortSources([...members.map(sourceOf), ...anchor.kept]);
  const date = article.date ?? captureDate(members, article.headline, article.language, diagnostics);
  const from: Linkable = { id: article.id, slug: article.slug, headline: article.headline, dumps: sources.map((s) => s.dump) };
  let linked = false;
  const related: Article["related"] = article.related.map((link) => {
    if (link.url !== undefined) return link;
    const target = newIndex.resolve(link.headline, from);
    if (!target) return link;
    linked = true;
    return { headline: link.headline, url: `/articles/${target.slug}/` };
  });
  if (members.length > 0) {
    const known = new Set(related.map((link) => link.headline));
    for (const link of index.resolveAll(relatedOf(members), from)) {
      if (known.has(link.headline)) continue;
      related.push(link);
      linked = true;
    }
  }

  // Only the fields set here can differ from the record given.
  if (!linked && date === article.date && sameSources(sources, article.sources)) return null;
  const updated: Article = { ...article, sources, date, related };
  if (members.length > 0) {
    diagnostics.push({
      id: "merged-duplicate",
      level: "info",
      message: `"${article.headline}" was captured again (${members.map((m) => `${m.dump.name} lines ${m.lines[0]}–${m.lines[1]}`).join(", ")}); the capture is added to the existing article's sources.`,
      file: `seeds/${members[0]!.dump.name}`,
      line: members[0]!.lines[0],
    });
  }
  return updated;
}

function sameSources(a: readonly Article["sources"][number][], b: readonly Article["sources"][number][]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => {
    const t = b[i]!;
    return s.dump === t.dump && s.sha256 === t.sha256 && s.lines[0] === t.lines[0] && s.lines[1] === t.lines[1];
  });
}
