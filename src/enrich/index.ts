import type { Article, Diagnostic, Dump, ParseResult } from "../model/index.ts";

export interface ParsedDump {
  dump: Dump;
  result: ParseResult;
}

export interface EnrichResult {
  articles: Article[];
  diagnostics: Diagnostic[];
}

/**
 * Stage 3: parsed dumps → article records for the whole archive: outlets normalised through the
 * registry, topics, dates, duplicates merged, related links resolved, ids and slugs assigned.
 * `dataDir` holds outlets.yaml and topics.yaml.
 */
export async function enrichArchive(dumps: ParsedDump[], dataDir: string): Promise<EnrichResult> {
  throw new Error(`enrichArchive(${dumps.length} dumps, ${dataDir}): not implemented yet`);
}
