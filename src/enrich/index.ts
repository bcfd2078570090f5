/**
 * Stage 3, enrichment: parsed dumps → article records that connect (outlets normalised, topics
 * with aliases merged, dates, duplicates merged, related links resolved). The work lives in the
 * modules re-exported here.
 */
export { enrichArchive, enrichWithRegistries, registryNameWords, type EnrichOptions, type EnrichResult, type ParsedDump } from "./archive.ts";
export { loadRegistries, parseRegistry, type RegistriesLoad, DISCOVERED_TOPICS_FILE } from "./registries.ts";
export { saveDiscoveredTopics } from "./discovered.ts";
export { backlinks, articleUrl } from "./related.ts";
export { escapeMarkdownText, paragraphsToMarkdown } from "./markdown-escape.ts";
export { detectLanguage, isRightToLeft, normaliseLanguageTag } from "./language.ts";
export type { EntityCache } from "./topics/assign.ts";
export { DerivedCache, type DerivedEntries } from "./derived-cache.ts";
