import { createHash } from "node:crypto";
import type { Article } from "../model/index.ts";
import { articleKeys } from "./schema.ts";
import { emitFrontMatter } from "./yaml-emit.ts";

/** What a content file holds beyond the record. */
export interface WorkflowFields {
  draft?: boolean;
  /** The record hash ingest writes; absent for hand-written files. */
  generated?: string;
}

/**
 * Normalises a Markdown body the way it is stored and compared: `\n` line ends, no blank lines
 * before the first paragraph, no trailing whitespace at the end. Inner text is left alone.
 */
export function normalizeBody(body: string): string {
  return body
    .replace(/\r\n?/g, "\n")
    .replace(/^(?:[ \t]*\n)+/, "")
    // What /\s+$/ strips, without its retry at every run of spaces inside a long body.
    .trimEnd();
}

/** JSON with object keys sorted at every depth, so equal records give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A short hash of a record's content (every field, the body normalised). Ingest writes it as
 * `generated:`; a file whose record no longer hashes to it has been edited.
 * 64 bits: collisions between an edit and the original are not a practical concern.
 */
export function recordHash(article: Article): string {
  const fields = articleKeys.map((key) => [key, key === "body" ? normalizeBody(article.body) : article[key]]);
  return createHash("sha256").update(canonicalJson(fields)).digest("hex").slice(0, 16);
}

/** The names of the record fields whose values differ between two versions of an article. */
export function changedFields(a: Article, b: Article): string[] {
  return articleKeys.filter((key) =>
    key === "body"
      ? normalizeBody(a.body) !== normalizeBody(b.body)
      : canonicalJson(a[key]) !== canonicalJson(b[key]),
  );
}

/**
 * A content file's text: YAML front matter between `---` lines, a blank line, the Markdown body.
 * Deterministic: fixed key order, no line folding, `lines: [first, last]` on one line, so the
 * same record always gives the same bytes (re-ingesting unchanged dumps writes nothing).
 */
export function serializeContentFile(article: Article, workflow: WorkflowFields = {}): string {
  const body = normalizeBody(article.body);
  return `---\n${emitFrontMatter(article, workflow)}---\n${body === "" ? "" : `\n${body}\n`}`;
}
