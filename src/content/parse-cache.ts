import { hash } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Dump, ParseResult } from "../model/index.ts";
import { parseDump } from "../parse/index.ts";
import { readTextIfPresent } from "../read/text-if-present.ts";
import { writeFileAtomic } from "./atomic.ts";
import { sourceVersion } from "./source-version.ts";

/** Bump when the cache's own file layout changes. */
const CACHE_FORMAT = 1;

/** The stages whose code decides a parse result: reading (decoding) and parsing. */
const stageFolders = ["../read/", "../parse/"].map((folder) => fileURLToPath(new URL(folder, import.meta.url)));

/**
 * The parser's version: a hash of the source of src/read/ and src/parse/ (code and vocabularies).
 * Any change to the parser invalidates the cache by itself, so no one has to remember a bump.
 */
export function parserVersion(): string {
  return `${CACHE_FORMAT}-${sourceVersion(stageFolders)}`;
}

/** The cache key of a dump: its bytes (sha256), name, editor's notes and the parser version. */
export function cacheKey(dump: Pick<Dump, "sha256" | "name" | "meta">): string {
  return hash("sha256", JSON.stringify([parserVersion(), dump.sha256, dump.name, dump.meta ?? null]), "hex");
}

function cacheFile(dump: Pick<Dump, "sha256" | "name" | "meta">, cacheDir: string): string {
  const key = cacheKey(dump);
  return join(cacheDir, "parse", parserVersion(), key.slice(0, 2), `${key}.json`);
}

function isParseResult(value: unknown): value is ParseResult {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v["articles"]) && Array.isArray(v["lines"]) && Array.isArray(v["diagnostics"]);
}

export interface CachedParse {
  result: ParseResult;
  /** Whether the result came from the cache. */
  hit: boolean;
}

/** The cached parse of a dump, read synchronously (for results loaded on demand); undefined when missing or damaged. */
export function readCachedParseSync(dump: Pick<Dump, "sha256" | "name" | "meta">, cacheDir: string): ParseResult | undefined {
  try {
    const text = readTextIfPresent(cacheFile(dump, cacheDir));
    if (text === undefined) return undefined;
    const value: unknown = JSON.parse(text);
    return isParseResult(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses a dump, or takes the result from `<cacheDir>/parse/<version>/` when this exact dump was parsed
 * by this exact parser before. A missing or unreadable cache entry just means parsing again.
 */
export function parseDumpCached(dump: Dump, cacheDir: string): CachedParse {
  const file = cacheFile(dump, cacheDir);
  try {
    const text = readTextIfPresent(file);
    const value: unknown = text === undefined ? undefined : JSON.parse(text);
    if (isParseResult(value)) return { result: value, hit: true };
  } catch {
    // No entry (or a damaged one): parse below and write a fresh entry.
  }
  const result = parseDump(dump);
  pruneOtherVersions(cacheDir);
  writeFileAtomic(file, JSON.stringify(result));
  return { result, hit: false };
}

const pruned = new Set<string>();

/**
 * Entries live in a folder per parser version; when this version first writes, the folders of
 * other versions are removed, so the cache does not grow with every change to the parser.
 */
function pruneOtherVersions(cacheDir: string): void {
  const root = join(cacheDir, "parse");
  if (pruned.has(root)) return;
  pruned.add(root);
  const current = parserVersion();
  let items;
  try {
    items = readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const item of items) {
    if (item.isDirectory() && item.name !== current) rmSync(join(root, item.name), { recursive: true, force: true });
  }
}
