/** Shared by the enrichment tests: where things are, and hand-made parsed dumps. */
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Dump, DumpMeta, ParsedArticle } from "../../src/model/index.ts";
import type { ParsedDump } from "../../src/enrich/index.ts";
import { readDump } from "../../src/read/index.ts";
import { parseDump } from "../../src/parse/index.ts";

export const projectRoot = resolve(import.meta.dirname, "../..");
export const dataDir = resolve(projectRoot, "content/_data");
export const corpusDir = resolve(projectRoot, "../shared/corpus/dev");
/** Whether the dev corpus is beside the project (CI has it); tests that read it are skipped without it. */
export const hasCorpus = existsSync(corpusDir);
export const seedPath = resolve(projectRoot, "seeds/000_a614a29300825745.txt");
export const repostPath = resolve(import.meta.dirname, "fixtures/001_fna-repost.txt");

/** A parsed article with defaults for the fields a test does not care about. */
export function article(fields: Partial<ParsedArticle> & Pick<ParsedArticle, "headline">): ParsedArticle {
  return {
    outlet: null,
    byline: null,
    date: null,
    dateline: null,
    body: [],
    related: [],
    language: null,
    lines: [1, 1],
    ...fields,
  };
}

/** A parsed dump made by hand: its sha256 is that of its name and articles, so it is stable. */
export function parsedDump(name: string, articles: ParsedArticle[], meta?: DumpMeta): ParsedDump {
  const text = articles.map((a) => [a.headline, ...a.body].join("\n\n")).join("\n\n");
  const sha256 = createHash("sha256").update(`${name}\n${text}`).digest("hex");
  const dump: Dump = {
    name,
    id: name.replace(/\.[^.]+$/, ""),
    sha256,
    format: "text",
    encoding: "UTF-8",
    encodingBy: "utf-8",
    text,
    diagnostics: [],
  };
  if (meta) dump.meta = meta;
  return { dump, result: { articles, lines: [], diagnostics: [] } };
}

/** Reads and parses a dump file with the project's own stages 1 and 2. */
export async function readAndParse(path: string): Promise<ParsedDump> {
  const dump = readDump(path);
  return { dump, result: parseDump(dump) };
}

/** The dev corpus's dump files (text and HTML), by name; empty when the corpus is not beside the project. */
export function corpusDumps(): string[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir)
    .filter((name) => /\.(txt|html?)$/.test(name))
    .sort()
    .map((name) => resolve(corpusDir, name));
}
