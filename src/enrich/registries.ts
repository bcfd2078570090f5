/**
 * Reads the registries editors extend, `outlets.yaml` and `topics.yaml`, and validates every
 * entry with the schemas of src/model/registry.ts. A bad entry is left out and reported with the
 * file, the line and the field to fix; the rest of the registry still loads.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, isSeq, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import {
  OutletEntrySchema,
  TopicEntrySchema,
  type Diagnostic,
  type Registries,
  type TopicEntry,
} from "../model/index.ts";
import { sourceVersion } from "../content/source-version.ts";
import { nameKey } from "./text.ts";

export const OUTLETS_FILE = "outlets.yaml";
export const TOPICS_FILE = "topics.yaml";
/** Written by ingest (see discovered.ts), read after topics.yaml. */
export const DISCOVERED_TOPICS_FILE = "discovered-topics.yaml";

export interface RegistriesLoad {
  registries: Registries;
  diagnostics: Diagnostic[];
}

export interface LoadRegistriesOptions {
  /** The project's cache folder: parsed registries are kept there, so an unchanged one is not parsed again. */
  cacheDir?: string;
}

/** Loads and validates `<dataDir>/outlets.yaml` and `<dataDir>/topics.yaml`. A missing file is an empty registry. */
export async function loadRegistries(dataDir: string, options: LoadRegistriesOptions = {}): Promise<RegistriesLoad> {
  if (typeof dataDir !== "string" || dataDir.length === 0) {
    throw new TypeError("loadRegistries(dataDir): dataDir must be the path of the folder holding outlets.yaml and topics.yaml");
  }
  if (options.cacheDir !== undefined) await readMemo(options.cacheDir);
  const loaded = await loadAll(dataDir);
  if (options.cacheDir !== undefined) await writeMemo(options.cacheDir);
  return loaded;
}

/** The topics editors curate in topics.yaml (without those ingest discovered); none when it is missing or broken. */
export async function loadCuratedTopics(dataDir: string): Promise<TopicEntry[]> {
  return (await loadRegistryFile(resolve(dataDir, TOPICS_FILE), resolve(dataDir, "..", ".."), TopicEntrySchema, "topic")).entries;
}

async function loadAll(dataDir: string): Promise<RegistriesLoad> {
  // Files are named relative to the project root (dataDir is <root>/content/_data) in messages.
  const root = resolve(dataDir, "..", "..");
  const outlets = await loadRegistryFile(resolve(dataDir, OUTLETS_FILE), root, OutletEntrySchema, "outlet");
  const topics = await loadRegistryFile(resolve(dataDir, TOPICS_FILE), root, TopicEntrySchema, "topic");
  // Topics discovered in earlier ingests (see discovered.ts); curated entries win.
  const discovered = await loadRegistryFile(resolve(dataDir, DISCOVERED_TOPICS_FILE), root, TopicEntrySchema, "topic");
  const curated = new Set(topics.entries.map((topic) => topic.slug));
  return {
    registries: { outlets: outlets.entries, topics: [...topics.entries, ...discovered.entries.filter((topic) => !curated.has(topic.slug))] },
    diagnostics: [...outlets.diagnostics, ...topics.diagnostics, ...discovered.diagnostics.filter((d) => d.id !== "missing-registry")],
  };
}

interface Entry {
  name: string;
  slug: string;
  aliases: string[];
}

interface FileLoad<T> {
  entries: T[];
  diagnostics: Diagnostic[];
}

async function loadRegistryFile<T extends Entry>(
  path: string,
  root: string,
  schema: z.ZodType<T>,
  what: "outlet" | "topic",
): Promise<FileLoad<T>> {
  const file = relative(root, path).split("\\").join("/");
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return {
      entries: [],
      diagnostics: [{
        id: "missing-registry",
        level: "info",
        message: `There is no ${file}: every ${what} will be treated as unknown.`,
        file,
        hint: `Create ${file} as a YAML list of ${what} entries (name, slug, aliases …).`,
      }],
    };
  }
  return parseRegistry(source, file, schema, what);
}

/**
 * Registries parsed before, by a hash of their kind, name and text: a build reads the same
 * registries several times (ingest, enrichment, the site), and parsing YAML with positions is
 * not cheap. Kept in memory, and in the cache folder when loadRegistries is given one.
 */
const parsedRegistries = new Map<string, FileLoad<Entry>>();
/** Texts remembered (two registries and the discovered topics, a few versions of each). */
const MEMO_SIZE = 8;
const MEMO_FILE = "registries.json";
let memoGrown = false;
const memoDirsRead = new Set<string>();

function memoKey(source: string, file: string, what: string): string {
  return createHash("sha256").update(`${registryCodeVersion()}\0${what}\0${file}\0`).update(source).digest("hex");
}

/** The code that decides a parsed registry: this folder's and the model's schemas. */
function registryCodeVersion(): string {
  return sourceVersion([fileURLToPath(new URL("./", import.meta.url)), fileURLToPath(new URL("../model/", import.meta.url))]);
}

function remember(key: string, load: FileLoad<Entry>): void {
  parsedRegistries.delete(key);
  parsedRegistries.set(key, load);
  if (parsedRegistries.size > MEMO_SIZE) parsedRegistries.delete(parsedRegistries.keys().next().value!);
}

async function readMemo(cacheDir: string): Promise<void> {
  if (memoDirsRead.has(cacheDir)) return;
  memoDirsRead.add(cacheDir);
  try {
    const data = JSON.parse(await readFile(join(cacheDir, MEMO_FILE), "utf8")) as unknown;
    if (!Array.isArray(data)) return;
    for (const item of data as unknown[]) {
      if (!Array.isArray(item) || typeof item[0] !== "string" || item[1] === null || typeof item[1] !== "object") continue;
      if (!parsedRegistries.has(item[0])) remember(item[0], item[1] as FileLoad<Entry>);
    }
  } catch {
    // No memo yet, or a damaged one: registries are parsed again.
  }
}

async function writeMemo(cacheDir: string): Promise<void> {
  if (!memoGrown) return;
  memoGrown = false;
  await mkdir(cacheDir, { recursive: true });
  const path = join(cacheDir, MEMO_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify([...parsedRegistries]), "utf8");
  await rename(temporary, path);
}

/** Parses one registry's YAML text. Exported for tests that feed it hand-made text. */
export function parseRegistry<T extends Entry>(
  source: string,
  file: string,
  schema: z.ZodType<T>,
  what: "outlet" | "topic",
): FileLoad<T> {
  // Only the registries' own schemas are remembered: the key names the kind, not the schema.
  const given: unknown = schema;
  const own = what === "outlet" ? given === OutletEntrySchema : given === TopicEntrySchema;
  if (!own) return parseRegistryText(source, file, schema, what);
  const key = memoKey(source, file, what);
  let parsed = parsedRegistries.get(key) as FileLoad<T> | undefined;
  if (!parsed) {
    parsed = parseRegistryText(source, file, schema, what);
    remember(key, parsed);
    memoGrown = true;
  }
  // A copy: callers may change what they are given.
  return structuredClone(parsed);
}

function parseRegistryText<T extends Entry>(
  source: string,
  file: string,
  schema: z.ZodType<T>,
  what: "outlet" | "topic",
): FileLoad<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const lineAt = (offset: number | undefined): number | undefined =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;

  for (const error of doc.errors) {
    diagnostics.push(withLine({
      id: "registry-yaml-error",
      level: "error",
      message: `${file} is not valid YAML: ${error.message.split("\n")[0] ?? error.message}`,
      file,
      hint: "Fix the YAML syntax; the registry is ignored until it parses.",
    }, lineAt(error.pos[0])));
  }
  if (doc.errors.length > 0) return { entries: [], diagnostics };
  if (doc.contents === null) return { entries: [], diagnostics };
  if (!isSeq(doc.contents)) {
    diagnostics.push(withLine({
      id: "registry-not-a-list",
      level: "error",
      message: `${file} must be a YAML list of ${what} entries.`,
      file,
      hint: `Start each ${what} with "- name: …".`,
    }, lineAt(doc.contents.range?.[0])));
    return { entries: [], diagnostics };
  }

  const entries: T[] = [];
  const slugs = new Map<string, string>();
  const keys = new Map<string, string>();
  const data: unknown = doc.toJS();
  const items = Array.isArray(data) ? data : [];
  items.forEach((item: unknown, index) => {
    const entryLine = lineAt(nodeRange(doc, [index])?.[0]);
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String);
        const field = path.join(".") || "(entry)";
        diagnostics.push(withLine({
          id: `invalid-${what}`,
          level: "error",
          message: `${what[0]!.toUpperCase()}${what.slice(1)} entry ${index + 1} in ${file}, field "${field}": ${issue.message}.`,
          file,
          hint: `Correct "${field}" of this ${what}; the entry is left out until it validates.`,
        }, lineAt(nodeRange(doc, [index, ...issue.path.map((part) => (typeof part === "number" ? part : String(part)))])?.[0]) ?? entryLine));
      }
      return;
    }
    const entry: Entry = parsed.data;
    const clash = slugs.get(entry.slug);
    if (clash !== undefined) {
      diagnostics.push(withLine({
        id: `duplicate-${what}-slug`,
        level: "error",
        message: `${file}: "${entry.name}" has the slug "${entry.slug}", already used by "${clash}".`,
        file,
        hint: "Give each entry its own slug, or merge the two entries and keep the other name as an alias.",
      }, entryLine));
      return;
    }
    slugs.set(entry.slug, entry.name);
    for (const alias of [entry.name, ...entry.aliases]) {
      const key = nameKey(alias);
      const owner = keys.get(key);
      if (owner !== undefined && owner !== entry.name) {
        diagnostics.push(withLine({
          id: `ambiguous-${what}-alias`,
          level: "warning",
          message: `${file}: "${alias}" names both "${owner}" and "${entry.name}"; it will mean "${owner}".`,
          file,
          hint: `Keep "${alias}" on one ${what} only.`,
        }, entryLine));
      } else {
        keys.set(key, entry.name);
      }
    }
    entries.push(parsed.data);
  });
  return { entries, diagnostics };
}

function nodeRange(doc: Document, path: (string | number)[]): readonly [number, number, number] | undefined {
  // Walk up the path until a node exists: a missing field is reported at its entry.
  for (let length = path.length; length > 0; length--) {
    const node: unknown = doc.getIn(path.slice(0, length), true);
    if (node && typeof node === "object" && "range" in node) {
      const range = (node as { range?: [number, number, number] | null }).range;
      if (range) return range;
    }
  }
  return undefined;
}

function withLine(diagnostic: Diagnostic, line: number | undefined): Diagnostic {
  return line === undefined ? diagnostic : { ...diagnostic, line };
}
