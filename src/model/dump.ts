import type { Diagnostic } from "./diagnostic.ts";

export type DumpFormat = "text" | "html" | "markdown";

/** An editor's notes on a capture, from `seeds/<dump>.meta.yaml`. */
export interface DumpMeta {
  /** The day the page was captured, ISO YYYY-MM-DD: dates relative phrases ("on Saturday"). */
  date?: string;
  /** Where the page was captured from. */
  url?: string;
  /** BCP 47 language of the page, when detection should not decide. */
  language?: string;
  notes?: string;
}

/** A dump as read from seeds/: its bytes decoded to text, and how. Stage 1's output. */
export interface Dump {
  /** File name within seeds/, e.g. `000_a614a29300825745.txt`. */
  name: string;
  /** URL-safe id used for `/dumps/<id>/`: the file name without extension, slugified. */
  id: string;
  /** sha256 of the raw bytes, lower-case hex. */
  sha256: string;
  format: DumpFormat;
  /** The encoding the bytes were decoded from, e.g. `UTF-8`, `windows-1252`, `UTF-16LE`. */
  encoding: string;
  /** How the encoding was known: a byte-order mark, valid UTF-8, or statistical detection. */
  encodingBy: "bom" | "utf-8" | "detected" | "declared";
  /** Decoded text with line ends normalised to `\n` (CRLF and CR both count as one line end). */
  text: string;
  /** The sidecar `seeds/<dump>.meta.yaml`, when there is one: what the editor knows of the capture. */
  meta?: DumpMeta;
  /** Problems met while reading (undecodable bytes, binary content …). */
  diagnostics: Diagnostic[];
}

/**
 * What a line of a dump is. Every line of the dump's text gets exactly one.
 * `blank` is for empty lines, which separate blocks and belong to no article.
 */
export type LineRole =
  | "headline"
  | "kicker"
  | "dateline"
  | "byline"
  | "date"
  | "body"
  | "caption"
  | "related-marker"
  | "related"
  | "attribution"
  | "boilerplate"
  | "junk"
  | "blank";

export interface LineReport {
  /** 1-based line number in the decoded text. */
  line: number;
  role: LineRole;
  /** 0..1: how sure the parser is of this role. */
  confidence: number;
  /** Index into ParseResult.articles of the article this line belongs to, if any. */
  article?: number;
}

/** An article as the parser read it, before enrichment normalises outlets, topics and dates. */
export interface ParsedArticle {
  headline: string;
  /** The outlet as the dump credits it ("FNA", "Fars News", "Reuters"), or null. */
  outlet: string | null;
  byline: string | null;
  /** ISO YYYY-MM-DD when the dump states it, else null. */
  date: string | null;
  dateline: string | null;
  /** Body paragraphs as plain text, in order. */
  body: string[];
  /** Headlines of related items, as printed. */
  related: string[];
  /** BCP 47 language, when the parser knows it (HTML lang, front matter); else null. */
  language: string | null;
  /** Topic names or slugs the dump states (front matter, HTML keywords); enrichment adds more. */
  topics?: string[];
  /** First and last line (1-based, inclusive) of the dump this article was read from. */
  lines: [number, number];
}

/** Stage 2's output for one dump. */
export interface ParseResult {
  articles: ParsedArticle[];
  /** One entry per line of Dump.text, in order. */
  lines: LineReport[];
  diagnostics: Diagnostic[];
}

/** What reading a dump gave, without its text. */
export type DumpFacts = Omit<Dump, "text">;

/**
 * A dump's facts without its text. The text is left unread: a dump whose text is read from its
 * file on demand (a getter) is not read here.
 */
export function dumpFacts(dump: Dump): DumpFacts {
  const { text: _text, ...facts } = Object.getOwnPropertyDescriptors(dump);
  void _text;
  return Object.defineProperties({}, facts) as DumpFacts;
}

/** Names one version of a dump (its name and the sha256 of its bytes), as a record's sources do. */
export function captureKey(name: string, sha256: string): string {
  return `${name}\n${sha256}`;
}
