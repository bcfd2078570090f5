import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "../model/index.ts";
import { ContentIndex } from "./content-cache.ts";
import { stampFile } from "./file-stamp.ts";
import { parseContentFile, type ParsedContentFile } from "./parse-file.ts";
import { displayPath, isReservedFolder } from "./paths.ts";
import type { ContentEntry } from "./schema.ts";

export interface LoadContentOptions {
  /** Diagnostics name files relative to this folder (default: the content folder's parent). */
  root?: string;
  /**
   * Keep a content index in this folder (the project's .cache/), so files whose text has not
   * changed are not parsed again. Default: no index, every file is parsed.
   */
  cacheDir?: string;
}

export interface LoadedContent {
  /** Every valid article file, drafts included, sorted by path. */
  entries: ContentEntry[];
  /** Article files that could not be read or have errors: ingest must not write over them. */
  invalid: string[];
  diagnostics: Diagnostic[];
}

/** The content index each load used, for ingest to record the files it writes in it. */
const indexes = new WeakMap<LoadedContent, ContentIndex>();

export function contentIndexOf(loaded: LoadedContent): ContentIndex | undefined {
  return indexes.get(loaded);
}

/** The article files under content/, relative paths with `/`, sorted. Folders starting with `_` or `.` are skipped. */
export async function listContentFiles(contentDir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string, prefix: string): Promise<void> {
    const items = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    for (const item of items) {
      if (isReservedFolder(item.name)) continue;
      if (item.isDirectory()) await walk(join(dir, item.name), `${prefix}${item.name}/`);
      // Files directly in content/ (a README) are not articles: articles live in a folder.
      else if (item.isFile() && prefix !== "" && item.name.endsWith(".md")) found.push(`${prefix}${item.name}`);
    }
  }
  await walk(contentDir, "");
  return found.sort();
}

/**
 * Reads and validates every article in content/. Files with errors are left out of `entries` and
 * reported; two files with one slug or one id are both reported (the site cannot tell them apart).
 */
export async function loadContent(contentDir: string, options: LoadContentOptions = {}): Promise<LoadedContent> {
  const root = options.root ?? join(contentDir, "..");
  const files = await listContentFiles(contentDir);
  const diagnostics: Diagnostic[] = [];
  const index = options.cacheDir === undefined ? undefined : await ContentIndex.open(options.cacheDir);
  // Read in turn and synchronously: thousands of small files read faster so than through the
  // thread pool, and with an index most are not read at all.
  const parsed = files.map((path): ParsedContentFile => {
    const absolute = join(contentDir, ...path.split("/"));
    const shown = displayPath(root, absolute);
    try {
      if (!index) return parseContentFile(readFileSync(absolute, "utf8"), path, shown);
      // The stamp is taken before reading, so a change made while reading shows on the next load.
      const stamp = stampFile(absolute) ?? undefined;
      const recalled = stamp && index.recall(path, stamp, absolute, shown);
      if (recalled) return recalled;
      const text = readFileSync(absolute, "utf8");
      const key = ContentIndex.keyOf(text, shown);
      return index.lookup(path, key, text, absolute, shown, stamp) ?? index.store(path, key, parseContentFile(text, path, shown), absolute, shown, stamp);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { diagnostics: [{ id: "content-file-unreadable", level: "error", message: reason, file: shown } satisfies Diagnostic] };
    }
  });
  await index?.save();
  const entries: ContentEntry[] = [];
  const invalid: string[] = [];
  for (const [i, result] of parsed.entries()) {
    diagnostics.push(...result.diagnostics);
    if (result.entry) entries.push(result.entry);
    else invalid.push(files[i]!);
  }
  diagnostics.push(...findDuplicates(entries, (e) => e.article.slug, "duplicate-slug", "slug", contentDir, root));
  diagnostics.push(...findDuplicates(entries, (e) => e.article.id, "duplicate-id", "id", contentDir, root));
  const loaded: LoadedContent = { entries, invalid, diagnostics };
  if (index) indexes.set(loaded, index);
  return loaded;
}

function findDuplicates(
  entries: readonly ContentEntry[],
  keyOf: (entry: ContentEntry) => string,
  id: string,
  field: string,
  contentDir: string,
  root: string,
): Diagnostic[] {
  const byKey = new Map<string, ContentEntry[]>();
  for (const entry of entries) {
    const key = keyOf(entry);
    const list = byKey.get(key);
    if (list) list.push(entry);
    else byKey.set(key, [entry]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    for (const entry of list) {
      const others = list.filter((e) => e !== entry).map((e) => displayPath(root, join(contentDir, e.path)));
      diagnostics.push({
        id,
        level: "error",
        message: `${field} "${key}" is also used by ${others.join(", ")}`,
        file: displayPath(root, join(contentDir, entry.path)),
      });
    }
  }
  return diagnostics;
}
