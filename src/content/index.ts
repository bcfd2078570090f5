/** Reading and writing content/: one Markdown file with YAML front matter per article. */
export { FrontMatterSchema, frontMatterKeys, articleKeys, type ContentEntry, type FrontMatter } from "./schema.ts";
export { serializeContentFile, recordHash, changedFields, normalizeBody, type WorkflowFields } from "./serialize.ts";
export { parseContentFile, type ParsedContentFile } from "./parse-file.ts";
export { contentPathOf, resolveContentPath, isInside, UNATTRIBUTED_FOLDER } from "./paths.ts";
export { loadContent, listContentFiles, type LoadedContent, type LoadContentOptions } from "./store.ts";
export { writeFileAtomic, writeIfChanged } from "./atomic.ts";
export { reconcile, type ContentChange, type ReconcileInput, type ReconcilePlan } from "./reconcile.ts";
export { applyChanges, type AppliedChanges } from "./apply.ts";
export { parseDumpCached, parserVersion, type CachedParse } from "./parse-cache.ts";
export { ingest, type IngestOptions, type IngestResult, type DumpSummary } from "./ingest.ts";
