/**
 * Discovered topics kept between builds. Ingest may enrich only new dumps, so the topics it
 * discovered earlier would be nameless on the next build: `saveDiscoveredTopics` records them in
 * `discovered-topics.yaml` beside topics.yaml, and `loadRegistries` reads them back after the
 * curated ones. The file is written by the program; editors promote an entry by moving it to
 * topics.yaml (with a description), where it then wins.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { stringify } from "yaml";
import { TopicEntrySchema, type Registries, type TopicEntry } from "../model/index.ts";
import { DISCOVERED_TOPICS_FILE, parseRegistry } from "./registries.ts";
import { compareStrings } from "./text.ts";

const HEADER = [
  "# Topics found in articles (named entities shared by at least two articles), written by",
  "# `newsarchive ingest`. Do not edit here: to curate a topic, move its entry to topics.yaml",
  "# and give it a description; the entry there takes precedence.",
  "",
].join("\n");

/**
 * Adds the discovered topics of `registries` (those not in `curated`) to discovered-topics.yaml,
 * keeping the entries already there. Writes only when the file's content changes; returns
 * whether it did.
 */
export async function saveDiscoveredTopics(dataDir: string, registries: Registries, curated: readonly TopicEntry[]): Promise<boolean> {
  const path = resolve(dataDir, DISCOVERED_TOPICS_FILE);
  const curatedSlugs = new Set(curated.map((topic) => topic.slug));
  let before = "";
  try {
    before = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const previous = before ? parseRegistry(before, DISCOVERED_TOPICS_FILE, TopicEntrySchema, "topic").entries : [];
  const bySlug = new Map<string, TopicEntry>();
  for (const topic of [...previous, ...registries.topics]) {
    if (curatedSlugs.has(topic.slug) || bySlug.has(topic.slug)) continue;
    bySlug.set(topic.slug, { name: topic.name, slug: topic.slug, kind: topic.kind, aliases: [...topic.aliases] });
  }
  const entries = [...bySlug.values()].sort((a, b) => compareStrings(a.slug, b.slug));
  const text = HEADER + (entries.length > 0 ? stringify(entries, { lineWidth: 0 }) : "[]\n");
  if (text === before) return false;
  const temporary = `${path}.${process.pid}.tmp`;
  // A project may start without content/_data/ (the registries are optional).
  await mkdir(dirname(path), { recursive: true });
  await writeFile(temporary, text, "utf8");
  await rename(temporary, path);
  return true;
}
