/**
 * A parsing thread: receives dumps already read, parses each into the parse cache (see
 * parse-pool.ts) and replies with the parse's articles, so the caller need not read it back.
 */
import { parentPort } from "node:worker_threads";
import type { Dump, ParseResult } from "../model/index.ts";
import { parseDumpCached } from "./parse-cache.ts";

export interface ParseRequest {
  /** Names the request in its reply: a thread has several at once, and answers as each is done. */
  id: number;
  dump: Dump;
  cacheDir: string;
}

/**
 * A parse as sent back: its articles and diagnostics, and the number of its line reports, which
 * stay in the parse cache (they are most of a parse, and only a dump's page reads them).
 */
export type ParseReply = { id: number; ok: true; result: Omit<ParseResult, "lines">; lineCount: number } | { id: number; ok: false; error: string };

if (parentPort === null) throw new TypeError("parse-worker.ts runs as a worker thread of parse-pool.ts");
const port = parentPort;
port.on("message", (request: ParseRequest) => {
  const { id } = request;
  parseDumpCached(request.dump, request.cacheDir).then(
    ({ result }) => port.postMessage({ id, ok: true, result: { articles: result.articles, diagnostics: result.diagnostics }, lineCount: result.lines.length } satisfies ParseReply),
    // The caller parses this dump again itself and reports the failure as a diagnostic.
    (error: unknown) => port.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies ParseReply),
  );
});
