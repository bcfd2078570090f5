/**
 * Reads the registries editors extend, `outlets.yaml` and `topics.yaml`, and validates every
 * entry with the schemas of src/model/registry.ts. A bad entry is left out and reported with the
 * file, the line and the field to fix; the rest of the registry still loads.
 */
import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { LineCounter, isSeq, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import {
  OutletEntrySchema,
  TopicEntrySchema,
  type Diagnostic,
  type Registries,
} from "../model/index.ts";
import { nameKey } from "./text.ts";

export const OUTLETS_FILE = "outlets.yaml";
export const TOPICS_FILE = "topics.yaml";
/** Written by ingest (see discovered.ts), read after topics.yaml. */
export const DISCOVERED_TOPICS_FILE = "discovered-topics.yaml";

export interface RegistriesLoad {
  registries: Registries;
  diagnostics: Diagnostic[];
}

/** Loads and validates `<dataDir>/outlets.yaml` and `<dataDir>/topics.yaml`. A missing file is an empty registry. */
export async function loadRegistries(dataDir: string): Promise<RegistriesLoad> {
  if (typeof dataDir !== "string" || dataDir.length === 0) {
    throw new TypeError("loadRegistries(dataDir): dataDir must be the path of the folder holding outlets.yaml and topics.yaml");
  }
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

/** Parses one registry's YAML text. Exported for tests that feed it hand-made text. */
export function parseRegistry<T extends Entry>(
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
