/**
 * A parsing thread: reads dumps, parses each into the parse cache (see parse-pool.ts) and replies
 * with what reading gave (without the text) and the parse's articles, so the caller need neither
 * read the dump nor read the parse back.
 */
import { parentPort } from "node:worker_threads";
import { captureKey, dumpFacts, type Dump, type DumpFacts, type ParseResult, type TopicEntry } from "../model/index.ts";
import { readDump } from "../read/index.ts";
import { DeriveAhead } from "../enrich/derive-ahead.ts";
import type { DerivedEntries } from "../enrich/derived-cache.ts";
import { compactStrings } from "../string-copies.ts";
import { parseDumpCached } from "./parse-cache.ts";

/** Asks the thread to finish: it exits on its own (so that a --cpu-prof profile of it is written). */
export interface CloseRequest {
  close: true;
}

/**
 * Asks the thread to derive, from each dump it parses afresh, what enrichment will look up
 * (enrich/derive-ahead.ts). `knownWords`: the folded words of the registries' names; `topics`:
 * the registries' topics. `skip`: captures (`captureKey`) enrichment will not read, as content/
 * has their articles already: of those, only the summaries (DeriveAhead.summarise).
 */
export interface DeriveRequest {
  knownWords: string[];
  topics: TopicEntry[];
  skip: string[];
}

export interface ParseRequest {
  /** Names the request in its reply: a thread has several at once, and answers as each is done. */
  id: number;
  /** The dump's file, as the caller names it (readDump's diagnostics name it the same way). */
  file: string;
  cacheDir: string;
}

/**
 * What a thread sends back: the dump as read, and its parse unless reading found an error or the
 * parser failed (the caller then parses it itself, and reports why it failed): the parse's
 * articles and diagnostics, whether it came from the cache, and the number of its line reports,
 * which stay in the parse cache (they are most of a parse, and only a dump's page reads them).
 * `ok: false`: the dump could not be read (the caller reads it and reports why).
 */
export type ParseReply =
  | { id: number; ok: true; dump: DumpFacts; parsed?: { result: Omit<ParseResult, "lines">; lineCount: number; cached: boolean }; derived?: DerivedEntries }
  | { id: number; ok: false; error: string };

/** Derives ahead for enrichment, once a DeriveRequest came, and for which captures not. */
let deriving: { ahead: DeriveAhead; skip: ReadonlySet<string> } | undefined;

function readAndParse({ id, file, cacheDir }: ParseRequest): ParseReply {
  let dump: Dump;
  try {
    dump = readDump(file);
  } catch (error) {
    return { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const facts = dumpFacts(dump);
  if (dump.diagnostics.some((d) => d.level === "error")) return { id, ok: true, dump: facts };
  try {
    const { result, hit } = parseDumpCached(dump, cacheDir);
    // A dump whose parse was cached was enriched before: its derived data is likely cached too.
    const derived = deriving !== undefined && !hit ? derive(deriving.ahead, result.articles, facts, deriving.skip.has(captureKey(dump.name, dump.sha256))) : undefined;
    // Compacted here, on the parsing thread: the caller keeps every article until enrichment is done.
    const sent = compactStrings({ articles: result.articles, diagnostics: result.diagnostics });
    const reply: ParseReply = { id, ok: true, dump: facts, parsed: { result: sent, lineCount: result.lines.length, cached: hit } };
    if (derived) reply.derived = derived;
    return reply;
  } catch {
    return { id, ok: true, dump: facts };
  }
}

/**
 * What `deriveAhead` gives (only the summaries for a dump enrichment `skips`); none if it fails
 * (enrichment derives it again, and reports the failure).
 */
function derive(ahead: DeriveAhead, articles: ParseResult["articles"], dump: DumpFacts, skips: boolean): DerivedEntries | undefined {
  try {
    return skips ? ahead.summarise(articles) : ahead.derive(articles, dump);
  } catch {
    return undefined;
  }
}

if (parentPort === null) throw new TypeError("parse-worker.ts runs as a worker thread of parse-pool.ts");
const port = parentPort;
port.on("message", (request: ParseRequest | DeriveRequest | CloseRequest) => {
  if ("close" in request) {
    port.close();
    return;
  }
  if ("knownWords" in request) {
    deriving = { ahead: new DeriveAhead(new Set(request.knownWords), request.topics), skip: new Set(request.skip) };
    return;
  }
  port.postMessage(readAndParse(request));
});
