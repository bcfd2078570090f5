import { readdir } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { ProjectPaths } from "../config.ts";
import {
  DerivedCache,
  enrichArchive,
  loadRegistries,
  registryNameWords,
  saveDiscoveredTopics,
  type DerivedEntries,
  type EnrichOptions,
  type ParsedDump,
} from "../enrich/index.ts";
import { loadCuratedTopics } from "../enrich/registries.ts";
import { captureKey, type Article, type Diagnostic, type Dump, type Registries } from "../model/index.ts";
import { displayPath as shownByReadDump, listDumps, readDump } from "../read/index.ts";
import { applyChanges, type WriteChange } from "./apply.ts";
import { DumpIndex, dumpFromRecord, parsedFromRecord, parseOnDemand, parseWarnings, stampDump, type DumpRecord, type DumpStamps } from "./dump-index.ts";
import { parseDumpCached } from "./parse-cache.ts";
import { parseAhead, type ReadAhead } from "./parse-pool.ts";
import type { DeriveRequest } from "./parse-worker.ts";
import { TIGHT_HEAP_ARTICLES, withTightHeap } from "../heap-growth.ts";
import { displayPath } from "./paths.ts";
import { reconcile } from "./reconcile.ts";
import type { ContentEntry } from "./schema.ts";
import { contentIndexOf, loadContent, type LoadedContent } from "./store.ts";
import type { FileStamp } from "./file-stamp.ts";

export interface IngestOptions {
  paths: ProjectPaths;
  /** Dump files to ingest (default: every dump in seeds/). */
  files?: readonly string[];
  /**
   * `all` (default) reconciles every dump given; `changed` only those whose name and sha256 no
   * article in content/ records yet: new and changed dumps, as `build` wants.
   */
  mode?: "all" | "changed";
  /** Write nothing when any error was found (`build` uses this: a failed build changes nothing). */
  holdOnError?: boolean;
  /** content/ as already loaded, to save reading it twice. */
  content?: LoadedContent;
  /** Called after each dump is read and parsed. */
  onProgress?: (done: number, total: number, file: string) => void;
  /**
   * Parsing threads (default: see parseAhead; below 2, dumps are parsed in this thread), the
   * number of dumps to parse from which they also derive for enrichment (default 2,000), and the
   * threads writing content/ (default: see applyChanges; below 2, files are written in this thread).
   */
  parallel?: { threads?: number; deriveFrom?: number; writeThreads?: number };
}

export interface DumpSummary {
  /** The dump's path as messages show it. */
  file: string;
  name: string;
  /** Articles in content/ that came from this dump, after ingest. */
  articles: number;
  outlets: string[];
  warnings: number;
  errors: number;
  /** Whether the dump was reconciled into content/ in this run (false: unchanged, or unreadable). */
  ingested: boolean;
  /** Whether its parse came from the cache. */
  cached: boolean;
}

export interface IngestResult {
  dumps: DumpSummary[];
  /** Every dump that was read without error, with its parse: what the site's dump pages show. */
  parsed: ParsedDump[];
  /** content/ after ingest (as it would be, when nothing was written because of errors). */
  entries: ContentEntry[];
  written: string[];
  removed: string[];
  /** Edited articles left as the editor had them. */
  kept: number;
  conflicts: number;
  /** Everything found, from reading dumps to reading content/. */
  diagnostics: Diagnostic[];
  /** False when errors held the writes back. */
  applied: boolean;
}

interface ReadOutcome {
  file: string;
  display: string;
  dump?: Dump;
  parsed?: ParsedDump;
  diagnostics: Diagnostic[];
  cached: boolean;
  /** Its record in the dump index, once it has one: its parse can then be read back on demand. */
  record?: DumpRecord;
}

function readAndParse(file: string, paths: ProjectPaths, alreadyRead: ReadAhead | undefined): ReadOutcome {
  const display = displayPath(paths.root, resolve(file));
  let dump: Dump;
  try {
    dump = alreadyRead?.dump ?? readDump(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { file, display, cached: false, diagnostics: [{ id: "dump-unreadable", level: "error", message: reason, file: display }] };
  }
  const diagnostics = [...dump.diagnostics];
  if (diagnostics.some((d) => d.level === "error")) return { file, display, dump, diagnostics, cached: false };
  try {
    if (alreadyRead?.parsed) {
      // Parsed on a thread, which wrote the whole parse into the cache and sent back its articles.
      const { result, lineCount, cached } = alreadyRead.parsed;
      diagnostics.push(...result.diagnostics);
      return { file, display, dump, parsed: parseOnDemand(dump, paths.cache, result, { articles: result.articles.length, lines: lineCount, warnings: parseWarnings(result) }), diagnostics, cached };
    }
    const { result, hit } = parseDumpCached(dump, paths.cache);
    diagnostics.push(...result.diagnostics);
    return { file, display, dump, parsed: { dump, result, articleCount: result.articles.length, lineCount: result.lines.length, warningCount: parseWarnings(result) }, diagnostics, cached: hit };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    diagnostics.push({ id: "parse-failed", level: "error", message: `the parser failed on this dump: ${reason}`, file: display });
    return { file, display, dump, diagnostics, cached: false };
  }
}

/** An unchanged dump, from its record in the dump index: nothing is read until asked for. */
function recalled(file: string, record: DumpRecord, paths: ProjectPaths): ReadOutcome {
  const dump = dumpFromRecord(resolve(file), record);
  const outcome: ReadOutcome = { file, display: displayPath(paths.root, resolve(file)), dump, diagnostics: [...record.diagnostics], cached: record.parsed };
  if (record.parsed) {
    outcome.parsed = parsedFromRecord(dump, record, paths.cache);
    outcome.record = record;
  }
  return outcome;
}

/**
 * A dump just read and parsed, holding no more than a recalled one: its text and line reports
 * are read again when asked for (its dump page), its articles kept (enrichment reads them all).
 * A first ingest of a large archive then holds the articles, not every dump's text and lines.
 */
function unburdened(outcome: ReadOutcome, record: DumpRecord | undefined, paths: ProjectPaths): ReadOutcome {
  if (record === undefined || outcome.parsed === undefined) return outcome;
  const dump = dumpFromRecord(resolve(outcome.file), record);
  const { articles, diagnostics } = outcome.parsed.result;
  return { ...outcome, dump, record, parsed: parsedFromRecord(dump, record, paths.cache, { articles, diagnostics }) };
}

/** Records what reading a dump gave; a dump that could not be read or parsed is read again next time. */
function remember(index: DumpIndex, file: string, stamps: DumpStamps, outcome: ReadOutcome): void {
  const { dump, parsed } = outcome;
  const unparsable = dump !== undefined && dump.diagnostics.some((d) => d.level === "error");
  if (dump && (parsed || unparsable)) index.store(file, stamps, shownByReadDump(file), dump, outcome.diagnostics, parsed);
  else index.forget(file);
}

/**
 * Ingest: dumps → content/. Reads and parses each dump (parses cached by sha256), enriches the
 * new and changed ones against what content/ holds, and reconciles the result with content/
 * without ever overwriting an editor's change (see reconcile). Unchanged input writes nothing.
 */
export async function ingest(options: IngestOptions): Promise<IngestResult> {
  const { paths } = options;
  const seedFiles = await listDumps(paths.seeds);
  // The same dump named twice is read once.
  const files = [...new Map((options.files ?? seedFiles).map((f) => [resolve(f), f])).values()];
  const content = options.content ?? (await loadContent(paths.content, { root: paths.root, cacheDir: paths.cache }));
  const diagnostics: Diagnostic[] = [...content.diagnostics];

  // Dumps whose stamps are unchanged are not read: the dump index knows what reading them gave.
  const dumpIndex = await DumpIndex.open(paths.cache, paths.root);
  // Sidecars are rare: those the listing of seeds/ does not show are not looked for.
  const seedsDir = resolve(paths.seeds);
  const inSeeds = new Set(await readdir(seedsDir).catch(() => []));
  const absent = (path: string): boolean => dirname(resolve(path)) === seedsDir && !inSeeds.has(basename(path));
  const stamps = new Map(files.map((file) => [file, stampDump(file, absent)]));
  const known = new Map<string, DumpRecord>();
  for (const file of files) {
    const record = dumpIndex.lookup(file, stamps.get(file)!, shownByReadDump(file));
    if (record) known.set(file, record);
  }
  // Many dumps missing from the parse cache are parsed on worker threads first (parse-pool.ts).
  // Many, and the threads also derive what enrichment looks up (language, summary, entities): once
  // they are done, enrichment works on this thread alone. For dumps enrichment passes over, only
  // the summaries, which the next enrichment compares its new captures with.
  const toRead = files.filter((file) => !known.has(file));
  const derive = async (): Promise<DeriveRequest> => {
    const { registries } = await loadRegistries(paths.data, { cacheDir: paths.cache });
    return {
      knownWords: [...registryNameWords(registries)],
      topics: registries.topics,
      skip: options.mode === "changed" ? [...recordedCaptures(content)] : [],
    };
  };
  const { threads, deriveFrom = MIN_DUMPS_TO_DERIVE_AHEAD } = options.parallel ?? {};
  const alreadyRead = await parseAhead(toRead, paths.cache, {
    ...(threads === undefined ? {} : { threads }),
    ...(toRead.length >= deriveFrom ? { derive } : {}),
  });
  /** What the threads derived, in the order of the files. */
  const derivedAhead: DerivedEntries[] = [];
  const outcomes: ReadOutcome[] = [];
  /** Articles in the dumps read in this run (not recalled from the index): what enrichment will hold. */
  let readArticles = 0;
  for (const file of files) {
    const record = known.get(file);
    let outcome: ReadOutcome;
    if (record) {
      outcome = recalled(file, record, paths);
    } else {
      const ahead = alreadyRead.get(resolve(file));
      if (ahead?.derived) derivedAhead.push(ahead.derived);
      outcome = readAndParse(file, paths, ahead);
      alreadyRead.delete(resolve(file));
      remember(dumpIndex, file, stamps.get(file)!, outcome);
      outcome = unburdened(outcome, dumpIndex.recordOf(file), paths);
      readArticles += outcome.parsed?.articleCount ?? 0;
    }
    outcomes.push(outcome);
    diagnostics.push(...outcome.diagnostics);
    options.onProgress?.(outcomes.length, files.length, outcome.display);
  }
  await dumpIndex.save();

  // Enriching many articles holds them all at once, and what enrichment made is held until it is
  // written: the heap is kept close to what is live meanwhile (see heap-growth.ts).
  const seedNames = new Set(seedFiles.map((f) => basename(f)));
  const { ingestedNames, parsed, entries, kept, conflicts, applied, hold } = await withTightHeap(readArticles >= TIGHT_HEAP_ARTICLES, () =>
    enrichAndWrite(outcomes, content, seedNames, options, diagnostics, derivedAhead),
  );

  const byDump = new Map<string, ContentEntry[]>();
  for (const entry of entries) {
    for (const dump of new Set(entry.article.sources.map((s) => s.dump))) {
      const list = byDump.get(dump);
      if (list) list.push(entry);
      else byDump.set(dump, [entry]);
    }
  }
  return {
    dumps: outcomes.map((o) => summarize(o, byDump, ingestedNames)),
    parsed,
    entries,
    written: applied.written,
    removed: applied.removed,
    kept,
    conflicts,
    diagnostics,
    applied: !hold,
  };
}

/**
 * Dumps to parse from which the parsing threads derive ahead for enrichment. Each thread then
 * loads compromise (a second of CPU, ~35 MB): measured on two cores, at 550 dumps that cost
 * what it saved; at 8,800 a first ingest took 21.5 s instead of 26.
 */
const MIN_DUMPS_TO_DERIVE_AHEAD = 2000;

/**
 * Enriches the dumps to ingest, reconciles the result with content/ and writes it (unless an
 * error holds the writes back). Releases each outcome's parse once enrichment has read it.
 */
async function enrichAndWrite(
  outcomes: ReadOutcome[],
  content: LoadedContent,
  seedNames: ReadonlySet<string>,
  options: IngestOptions,
  diagnostics: Diagnostic[],
  derivedAhead: readonly DerivedEntries[],
) {
  const { paths } = options;
  const { ingestedNames, generated, discovered } = await enrichNew(
    outcomes.flatMap((o) => (o.parsed ? [o.parsed] : [])),
    content,
    options,
    diagnostics,
    derivedAhead,
  );
  // Enrichment has read every article: from here on a dump's parse is read back from the parse
  // cache when asked for (its page), rather than every article of the archive held to the end.
  outcomes.forEach((outcome, i) => (outcomes[i] = released(outcome, paths)));
  const parsed = outcomes.flatMap((o) => (o.parsed ? [o.parsed] : []));

  const display = (path: string): string => displayPath(paths.root, join(paths.content, ...path.split("/")));
  const plan = reconcile({
    generated,
    existing: content.entries,
    invalid: new Set(content.invalid),
    ingestedDumps: ingestedNames,
    seedDumps: seedNames,
    display,
  });
  diagnostics.push(...plan.diagnostics);

  const hold = options.holdOnError === true && diagnostics.some((d) => d.level === "error");
  const writeThreads = options.parallel?.writeThreads;
  const entries = entriesAfter(content.entries, plan.changes);
  const { kept, conflicts } = plan;
  // The files written are recorded in the content index, so the next load (the build that
  // follows) neither reads nor parses them; recorded as they are written, so that no file's
  // text is held once written (applyChanges consumes the plan's changes); their entries then
  // read their bodies back from the files when asked for, rather than hold them.
  const contentIndex = hold ? undefined : contentIndexOf(content);
  const byPath = new Map(entries.map((e, i) => [e.path, i]));
  const onWritten = (change: WriteChange, stamp: FileStamp | null): void => {
    const at = byPath.get(change.path);
    const absolute = join(paths.content, ...change.path.split("/"));
    if (at !== undefined && contentIndex) entries[at] = contentIndex.written(entries[at]!, change.text, absolute, displayPath(paths.root, absolute), stamp);
  };
  const applied = hold ? { written: [], removed: [] } : await applyChanges(paths.content, plan.changes, { onWritten, consume: true, ...(writeThreads === undefined ? {} : { threads: writeThreads }) });
  // Topics enrichment discovered are named in a registry file of their own, so that later builds,
  // which enrich only new dumps, still know them.
  if (!hold && discovered) await saveDiscoveredTopics(paths.data, discovered, await loadCuratedTopics(paths.data));
  if (contentIndex) {
    for (const path of applied.removed) contentIndex.forget(path);
    await contentIndex.save();
  }
  return { ingestedNames, parsed, entries, kept, conflicts, applied, hold };
}

/**
 * Enriches the dumps to ingest (all, or in mode `changed` those content/ does not record yet)
 * against content/. Its own function, so that nothing here holds the dumps' articles after it.
 */
async function enrichNew(
  parsed: readonly ParsedDump[],
  content: LoadedContent,
  options: IngestOptions,
  diagnostics: Diagnostic[],
  derivedAhead: readonly DerivedEntries[],
): Promise<{ ingestedNames: Set<string>; generated: Article[]; discovered: Registries | undefined }> {
  const { paths } = options;
  const recorded = recordedCaptures(content);
  const toIngest = options.mode === "changed" ? parsed.filter((p) => !recorded.has(captureKey(p.dump.name, p.dump.sha256))) : parsed;
  const ingestedNames = new Set(toIngest.map((p) => p.dump.name));
  // A dump that yields no article has nothing to enrich (its old articles, if any, are dropped by reconcile).
  const toEnrich = toIngest.filter((p) => (p.articleCount ?? p.result.articles.length) > 0);
  if (toEnrich.length === 0) {
    // A fresh clone's first build: nothing to enrich, but the summaries of every record are kept
    // for the next build that adds a dump (measured at 16k: its enrichment took 1.9 s, not 0.3).
    if (derivedAhead.length > 0) await (await derivedCacheWith(paths.cache, derivedAhead)).save(paths.cache);
    return { ingestedNames, generated: [], discovered: undefined };
  }
  // Every record in content/ takes part: enrichment keeps their ids and slugs, merges new
  // captures of their stories into them, resolves related headlines against them, and gives
  // the articles of a changed dump the ids and slugs their earlier versions had.
  const existing = content.entries.map((e) => e.article);
  const summaryKeys = new WeakMap<Article, string>();
  const index = contentIndexOf(content);
  for (const entry of content.entries) {
    const key = index?.summaryKeyOf(entry.path);
    if (key !== undefined) summaryKeys.set(entry.article, key);
  }
  const enrichOptions: EnrichOptions = { cacheDir: paths.cache, summaryKeyOf: (a) => summaryKeys.get(a) };
  if (derivedAhead.length > 0) enrichOptions.derived = await derivedCacheWith(paths.cache, derivedAhead);
  const enriched = await enrichArchive(toEnrich, paths.data, existing, enrichOptions);
  diagnostics.push(...enriched.diagnostics);
  return { ingestedNames, generated: enriched.articles, discovered: enriched.registries };
}

/** The derived cache, with what the parsing threads derived added. */
async function derivedCacheWith(cacheDir: string, derivedAhead: readonly DerivedEntries[]): Promise<DerivedCache> {
  const derived = await DerivedCache.load(cacheDir);
  for (const entries of derivedAhead) derived.absorb(entries);
  return derived;
}

/** The captures (`captureKey`) the articles in content/ were made from. */
function recordedCaptures(content: LoadedContent): Set<string> {
  return new Set(content.entries.flatMap((e) => e.article.sources.map((s) => captureKey(s.dump, s.sha256))));
}

/** An outcome whose parse is no longer held: read back from the parse cache when first asked for. */
function released(outcome: ReadOutcome, paths: ProjectPaths): ReadOutcome {
  const { dump, parsed, record } = outcome;
  if (dump === undefined || parsed === undefined || record === undefined) return outcome;
  return { ...outcome, parsed: parsedFromRecord(dump, record, paths.cache) };
}

/** content/ after a plan, without reading it again. */
function entriesAfter(before: readonly ContentEntry[], changes: ReturnType<typeof reconcile>["changes"]): ContentEntry[] {
  const byPath = new Map(before.map((e) => [e.path, e]));
  for (const change of changes) if (change.kind === "remove") byPath.delete(change.path);
  for (const change of changes) {
    if (change.kind !== "write") continue;
    const entry: ContentEntry = {
      path: change.path,
      article: change.article,
      draft: change.draft,
      generated: change.generated,
      edited: false,
    };
    byPath.set(change.path, entry);
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function summarize(
  outcome: ReadOutcome,
  byDump: ReadonlyMap<string, readonly ContentEntry[]>,
  ingested: ReadonlySet<string>,
): DumpSummary {
  const name = outcome.dump?.name ?? basename(outcome.file);
  const articles = outcome.parsed ? (byDump.get(name) ?? []) : [];
  const outlets = [...new Set(articles.map((e) => e.article.outlet?.name ?? "unattributed"))].sort();
  return {
    file: outcome.display,
    name,
    articles: articles.length,
    outlets,
    warnings: outcome.diagnostics.filter((d) => d.level === "warning").length,
    errors: outcome.diagnostics.filter((d) => d.level === "error").length,
    ingested: outcome.parsed !== undefined && ingested.has(name),
    cached: outcome.cached,
  };
}
