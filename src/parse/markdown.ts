import matter from "gray-matter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node as YamlNode } from "yaml";
import { z } from "zod";
import { IsoDateSchema } from "../model/index.ts";
import type { Diagnostic, Dump, LineReport, LineRole, ParseResult, ParsedArticle } from "../model/index.ts";

/**
 * Stage 2 for `.md` dumps with YAML front matter: the file is an already-parsed record. The front
 * matter gives the fields (validated by zod, problems reported with file, line and field), the
 * Markdown's blocks give the body as plain-text paragraphs.
 */

const text = z.string().trim().min(1);
const names = z.union([text, z.array(text).min(1)]);

/** Front matter fields, with the aliases people write (`title`, `author`, `tags`, `lang`). */
const FrontMatterSchema = z.object({
  headline: text.optional(),
  title: text.optional(),
  outlet: z.union([text, z.object({ name: text }).transform((o) => o.name)]).nullable().optional(),
  byline: names.nullable().optional(),
  author: names.nullable().optional(),
  authors: names.nullable().optional(),
  date: IsoDateSchema.nullable().optional(),
  dateline: text.nullable().optional(),
  topics: z.union([text, z.array(text)]).optional(),
  tags: z.union([text, z.array(text)]).optional(),
  related: z.array(z.union([text, z.object({ headline: text, url: z.string().optional() }).transform((r) => r.headline)])).optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a language is a BCP 47 tag such as en or pt-BR").optional(),
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a language is a BCP 47 tag such as en or pt-BR").optional(),
});

/** Fields of a content file (content/*.md) that a record copied into seeds/ may carry; not errors, not used. */
const TOLERATED = new Set(["id", "slug", "sources", "draft", "generated", "summary", "description", "url", "notes"]);

/** Front matter line roles by field. */
const FIELD_ROLES: Record<string, LineRole> = {
  headline: "headline", title: "headline", outlet: "attribution", byline: "byline", author: "byline", authors: "byline",
  date: "date", dateline: "dateline", related: "related",
};

export function parseMarkdownDump(dump: Dump): ParseResult {
  const file = dump.name;
  const sourceLines = dump.text.split("\n");
  const lines: LineReport[] = sourceLines.map((l, i) => ({ line: i + 1, role: l.trim() === "" ? "blank" : "junk", confidence: l.trim() === "" ? 1 : 0.9 }));
  const diagnostics: Diagnostic[] = [];

  // gray-matter only splits front matter from content (its engine is a no-op); yaml (1.2, with
  // positions) reads the fields, so dates stay strings and every problem gets its line. Passing
  // options also keeps gray-matter from caching every file it sees.
  const split = matter(dump.text, { engines: { yaml: () => ({}) } });
  const yamlText = split.matter.replace(/^\r?\n/, "");
  // The front matter starts on line 2, after the opening `---`.
  const firstYamlLine = 2;
  const closeLine = firstYamlLine + (yamlText === "" ? 0 : yamlText.split("\n").length - (yamlText.endsWith("\n") ? 1 : 0));
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: true });
  const lineOf = (node: YamlNode | null | undefined): number => firstYamlLine - 1 + lineCounter.linePos(node?.range?.[0] ?? 0).line;

  for (const error of doc.errors) {
    diagnostics.push({
      id: "front-matter-syntax",
      level: "error",
      message: `${file}: the front matter is not valid YAML: ${(error.message.split("\n")[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, "")}`,
      file,
      line: firstYamlLine - 1 + lineCounter.linePos(error.pos[0]).line,
      hint: "fix the YAML at that line (quote values containing `:`)",
    });
  }
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    if (doc.errors.length === 0) {
      diagnostics.push({ id: "front-matter-syntax", level: "error", message: `${file}: the front matter must be a mapping of fields`, file, line: firstYamlLine, hint: "write one `field: value` per line" });
    }
    return { articles: [], lines, diagnostics };
  }

  // Line roles of the front matter: each field's lines take the field's role.
  const fieldLines = new Map<string, number>();
  const items = doc.contents.items;
  items.forEach((pair, index) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const start = lineOf(pair.key as YamlNode);
    const next = items[index + 1];
    const end = next ? lineOf(next.key as YamlNode) - 1 : closeLine - 1;
    fieldLines.set(key, start);
    const role = FIELD_ROLES[key] ?? "boilerplate";
    for (let l = start; l <= end; l++) setRole(lines, l, role, 0.95);
    if (key === "related" && isSeq(pair.value)) setRole(lines, start, "related-marker", 0.95);
  });

  for (const key of fieldLines.keys()) {
    if (!(key in FrontMatterSchema.shape) && !TOLERATED.has(key)) {
      diagnostics.push({
        id: "front-matter-unknown-field",
        level: "warning",
        message: `${file}: unknown front matter field "${key}"; it is ignored`,
        file,
        line: fieldLines.get(key)!,
        hint: "the fields are headline, outlet, byline, date, dateline, topics, related, language",
      });
    }
  }

  const parsed = FrontMatterSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      diagnostics.push({
        id: "front-matter-field",
        level: "error",
        message: `${file}: front matter field "${issue.path.join(".")}" is invalid: ${issue.message}`,
        file,
        line: fieldLines.get(field) ?? firstYamlLine,
        hint: field === "date" ? "write the date as YYYY-MM-DD" : `correct "${field}" at that line`,
      });
    }
    return { articles: [], lines, diagnostics };
  }
  const fm = parsed.data;

  // The body: each top-level Markdown block is a paragraph of plain text (list items one each).
  const bodyOffset = dump.text.length - split.content.length === 0 ? 0 : lineIndexOf(dump.text, dump.text.length - split.content.length);
  const tree = unified().use(remarkParse).parse(split.content);
  const paragraphs: string[] = [];
  let headline = fm.headline ?? fm.title ?? null;
  let headlineLine = fieldLines.get(fm.headline ? "headline" : "title");
  for (const node of tree.children) {
    const start = (node.position?.start.line ?? 1) + bodyOffset;
    const end = (node.position?.end.line ?? 1) + bodyOffset;
    // A leading heading is the headline: when the front matter has none, or when it repeats it.
    const heading = node.type === "heading" && paragraphs.length === 0 ? plainText(node).replace(/\s+/g, " ").trim() : "";
    if (heading && (headline === null || heading.toLowerCase() === headline.toLowerCase())) {
      headline ??= heading;
      headlineLine = start;
      for (let l = start; l <= end; l++) setRole(lines, l, "headline", 0.9);
      continue;
    }
    const blocks = node.type === "list" ? node.children.map((item) => plainText(item)) : [plainText(node)];
    const texts = blocks.map((b) => b.replace(/\s+/g, " ").trim()).filter((b) => b.length > 0);
    if (node.type === "html" || node.type === "thematicBreak" || texts.length === 0) continue;
    paragraphs.push(...texts);
    for (let l = start; l <= end; l++) setRole(lines, l, "body", 0.95);
  }

  if (!headline) {
    diagnostics.push({
      id: "front-matter-field",
      level: "error",
      message: `${file}: the record has no headline`,
      file,
      line: firstYamlLine,
      hint: "add `headline: …` to the front matter",
    });
    return { articles: [], lines, diagnostics };
  }

  const byline = listOf(fm.byline ?? fm.author ?? fm.authors);
  const article: ParsedArticle = {
    headline,
    outlet: fm.outlet ?? null,
    byline: byline.length === 0 ? null : byline.length === 1 ? byline[0]! : `${byline.slice(0, -1).join(", ")} and ${byline.at(-1)!}`,
    date: fm.date ?? null,
    dateline: fm.dateline ?? null,
    body: paragraphs,
    related: fm.related ?? [],
    language: fm.language ?? fm.lang ?? dump.meta?.language ?? null,
    lines: [1, Math.max(1, sourceLines.length)],
  };
  const topics = listOf(fm.topics ?? fm.tags, true);
  if (topics.length > 0) article.topics = topics;
  for (const report of lines) if (report.role !== "blank" && report.role !== "junk") report.article = 0;
  if (headlineLine !== undefined) lines[headlineLine - 1]!.article = 0;
  return { articles: [article], lines, diagnostics };
}

function setRole(lines: LineReport[], line: number, role: LineRole, confidence: number): void {
  const report = lines[line - 1];
  if (!report || report.role === "blank") return;
  report.role = role;
  report.confidence = confidence;
}

/** A field that may be one value, a list, or (for topics) a comma-separated string. */
function listOf(value: string | string[] | null | undefined, commas = false): string[] {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : commas ? value.split(",") : [value];
  return list.map((v) => v.trim()).filter(Boolean);
}

/** The number of line ends before `offset`: the 0-based line the offset is on. */
function lineIndexOf(text: string, offset: number): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

interface MdNode {
  type: string;
  value?: string | undefined;
  children?: MdNode[] | undefined;
}

/** The plain text of a Markdown node: its text and inline code; never markup, never image alt texts. */
function plainText(node: MdNode): string {
  if (node.type === "html" || node.type === "image" || node.type === "imageReference") return "";
  if (node.type === "break") return " ";
  if (typeof node.value === "string") return node.value;
  if (!node.children) return "";
  const sep = node.type === "listItem" || node.type === "blockquote" ? " " : "";
  return node.children.map((child) => plainText(child)).join(sep);
}
