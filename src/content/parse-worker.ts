/**
 * A parsing thread: reads dumps, parses each into the parse cache (see parse-pool.ts) and replies
 * with what reading gave (without the text) and the parse's articles, so the caller need neither
 * read the dump nor read the parse back.
 */
import { parentPort } from "node:worker_threads";
import type { Dump, ParseResult } from "../model/index.ts";
import { readDump } from "../read/index.ts";
import { compactStrings } from "../workers/compact-strings.ts";
import { parseDumpCached } from "./parse-cache.ts";

/** Asks the thread to finish: it exits on its own (so that a --cpu-prof profile of it is written). */
export interface CloseRequest {
  close: true;
}

export interface ParseRequest {
  /** Names the request in its reply: a thread has several at once, and answers as each is done. */
  id: number;
  /** The dump's file, as the caller names it (readDump's diagnostics name it the same way). */
  file: string;
  cacheDir: string;
}

/** A dump as read, without its text: the caller reads the text again if asked for it. */
export type DumpFacts = Omit<Dump, "text">;

/**
 * What a thread sends back: the dump as read, and its parse unless reading found an error or the
 * parser failed (the caller then parses it itself, and reports why it failed): the parse's
 * articles and diagnostics, whether it came from the cache, and the number of its line reports,
 * which stay in the parse cache (they are most of a parse, and only a dump's page reads them).
 * `ok: false`: the dump could not be read (the caller reads it and reports why).
 */
export type ParseReply =
  | { id: number; ok: true; dump: DumpFacts; parsed?: { result: Omit<ParseResult, "lines">; lineCount: number; cached: boolean } }
  | { id: number; ok: false; error: string };

function readAndParse({ id, file, cacheDir }: ParseRequest): ParseReply {
  let dump: Dump;
  try {
    dump = readDump(file);
  } catch (error) {
    return { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const { text: _text, ...facts } = dump;
  void _text;
  if (dump.diagnostics.some((d) => d.level === "error")) return { id, ok: true, dump: facts };
  try {
    const { result, hit } = parseDumpCached(dump, cacheDir);
    // Compacted here, on the parsing thread: the caller keeps every article until enrichment is done.
    const sent = compactStrings({ articles: result.articles, diagnostics: result.diagnostics });
    return { id, ok: true, dump: facts, parsed: { result: sent, lineCount: result.lines.length, cached: hit } };
  } catch {
    return { id, ok: true, dump: facts };
  }
}

if (parentPort === null) throw new TypeError("parse-worker.ts runs as a worker thread of parse-pool.ts");
const port = parentPort;
port.on("message", (request: ParseRequest | CloseRequest) => {
  if ("close" in request) {
    port.close();
    return;
  }
  port.postMessage(readAndParse(request));
});
