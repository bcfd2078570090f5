import matter from "gray-matter";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { SlugSchema, type Article, type Diagnostic } from "../model/index.ts";
import { FrontMatterSchema, isFrontMatterKey, type ContentEntry } from "./schema.ts";
import { normalizeBody, recordHash } from "./serialize.ts";
import { lineOfKey, lineOfPath } from "./yaml-lines.ts";

export interface ParsedContentFile {
  /** The entry, unless the file has errors. */
  entry?: ContentEntry;
  diagnostics: Diagnostic[];
  /** Where the Markdown body starts in the normalised text (the content cache keeps it). */
  bodyOffset?: number;
}

/** gray-matter only splits; the YAML is parsed by `yaml` (1.2 core schema: `2015-10-03` stays a string). */
const splitOnly = { engines: { yaml: () => ({}) } };

/** A content file's text as it is parsed: no byte-order mark, `\n` line ends. */
export function normalizeContentText(raw: string): string {
  return raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/** Where parseContentFile finds the body of a file's text (normalised), without parsing the front matter. */
export function bodyOffsetOf(raw: string): number | undefined {
  const text = normalizeContentText(raw);
  if (!hasClosedFrontMatter(text)) return undefined;
  // gray-matter closes the front matter at the first line after the opening one that starts with
  // `---`; when that line is just `---`, the body starts after it (the common case, found without
  // gray-matter: ingest asks this of every file it writes).
  const close = text.indexOf("\n---", 3);
  if (text.startsWith("---\n") && close !== -1 && text.startsWith("\n---\n", close)) return close + 5;
  return text.length - matter(text, splitOnly).content.length;
}

function hasClosedFrontMatter(text: string): boolean {
  return /^---[ \t]*\n(?:[\s\S]*?\n)?---[ \t]*(?:\n|$)/.test(text);
}

function describeValue(value: unknown): string {
  if (value === undefined) return "";
  const shown = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return ` (found ${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown})`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join("");
}

/**
 * Reads one content file's text: splits the front matter (gray-matter), parses the YAML keeping
 * positions, validates it against the schema. Every problem is a Diagnostic naming the file, the
 * line of the field and the reason; `entry` is set only when there is no error.
 *
 * `path` is the file's path relative to the content folder (used for the default slug) and
 * `displayPath` how diagnostics name it (relative to the project root).
 */
export function parseContentFile(raw: string, path: string, displayPath: string = path): ParsedContentFile {
  const text = normalizeContentText(raw);
  const diagnostics: Diagnostic[] = [];
  const report = (id: string, message: string, line?: number, level: Diagnostic["level"] = "error"): void => {
    diagnostics.push({ id, level, message, file: displayPath, ...(line === undefined ? {} : { line }) });
  };

  if (!hasClosedFrontMatter(text)) {
    report(
      "front-matter-missing",
      text.startsWith("---") ? "the front matter is not closed by a `---` line" : "the file does not start with `---` front matter",
      1,
    );
    return { diagnostics };
  }
  const split = matter(text, splitOnly);
  const yamlText = split.matter;
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const line = error.linePos?.[0].line;
      const message = (error.message.split("\n")[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, "");
      report("front-matter-syntax", message, line);
    }
    return { diagnostics };
  }
  const data: unknown = doc.toJS() ?? {};
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    report("front-matter-syntax", "the front matter must be `field: value` lines", 2);
    return { diagnostics };
  }

  for (const key of Object.keys(data)) {
    if (!isFrontMatterKey(key)) {
      report("front-matter-unknown-field", `unknown field \`${key}\` is ignored`, lineOfKey(doc, yamlText, key), "warning");
    }
  }

  const parsed = FrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportIssue(issue);
    return { diagnostics };
  }

  const fileSlug = (path.split("/").pop() ?? path).replace(/\.md$/i, "");
  const front = parsed.data;
  let slug = front.slug;
  if (slug === undefined) {
    if (!SlugSchema.safeParse(fileSlug).success) {
      report("front-matter-field", `no \`slug:\` and the file name "${fileSlug}" is not a slug; add a slug field`, 1);
      return { diagnostics };
    }
    slug = fileSlug;
  } else if (slug !== fileSlug) {
    report("slug-file-mismatch", `the slug is "${slug}" but the file is named "${fileSlug}.md"`, lineOfKey(doc, yamlText, "slug"), "warning");
  }

  const article: Article = {
    id: front.id ?? slug,
    slug,
    headline: front.headline,
    outlet: front.outlet,
    byline: front.byline,
    date: front.date,
    dateline: front.dateline,
    body: normalizeBody(split.content),
    topics: front.topics,
    language: front.language,
    related: front.related,
    sources: front.sources,
  };
  const edited = front.generated === undefined || recordHash(article) !== front.generated;
  const entry: ContentEntry = { path, article, draft: front.draft, edited };
  if (front.generated !== undefined) entry.generated = front.generated;
  return { entry, diagnostics, bodyOffset: text.length - split.content.length };

  function reportIssue(issue: z.core.$ZodIssue): void {
    const field = fieldName(issue.path);
    if (issue.code === "invalid_type" && valueAt(data, issue.path) === undefined) {
      report("front-matter-field", `\`${field}\` is missing`, lineOfPath(doc, yamlText, issue.path.slice(0, -1)) ?? 1);
      return;
    }
    const line = lineOfPath(doc, yamlText, issue.path) ?? 1;
    report("front-matter-field", `\`${field || "front matter"}\`: ${issue.message}${describeValue(valueAt(data, issue.path))}`, line);
  }
}
