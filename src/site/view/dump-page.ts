import { contentHash } from "../reuse.ts";
import { cacheKey } from "../../content/parse-cache.ts";
import type { Article, Dump, LineRole, ParseResult } from "../../model/index.ts";
import { paths, rawDumpPath } from "../urls.ts";
import { summaryHash } from "./article-page.ts";
import type { ViewContext } from "./context.ts";
import { countLabel } from "./format.ts";
import type { DumpLine, DumpPage, DumpRun, PageInputs } from "./types.ts";

/** What each role means, for the legend; the order is the order a dump usually reads in. */
export const ROLE_LEGEND: ReadonlyArray<{ role: LineRole; label: string; meaning: string }> = [
  { role: "headline", label: "headline", meaning: "opens an article" },
  { role: "kicker", label: "kicker", meaning: "label printed above a headline" },
  { role: "dateline", label: "dateline", meaning: "place or agency before the body" },
  { role: "byline", label: "byline", meaning: "who wrote it" },
  { role: "date", label: "date", meaning: "when it was published" },
  { role: "body", label: "body", meaning: "article text" },
  { role: "caption", label: "caption", meaning: "image caption, set aside" },
  { role: "related-marker", label: "related-marker", meaning: "starts a related-articles section" },
  { role: "related", label: "related", meaning: "headline of a related article" },
  { role: "attribution", label: "attribution", meaning: "credits an outlet or author" },
  { role: "boilerplate", label: "boilerplate", meaning: "site furniture: notices, disclaimers" },
  { role: "junk", label: "junk", meaning: "debris: share buttons, stray punctuation" },
  { role: "blank", label: "blank", meaning: "empty line between blocks" },
];

const LABELS = new Map<string, string>(ROLE_LEGEND.map((r) => [r.role, r.label]));

/** Below this confidence a line is marked as unsure on the page. */
const UNSURE_BELOW = 0.6;

/** A capture of an article: which record, and the line span of the dump it came from. */
export interface Capture {
  article: Article;
  first: number;
  last: number;
}

/** Every record's captures, keyed by the dump's sha256: built once, looked up per dump. */
export function capturesBySha(articles: readonly Article[]): Map<string, Capture[]> {
  const map = new Map<string, Capture[]>();
  for (const article of articles) {
    for (const source of article.sources) {
      const capture = { article, first: source.lines[0], last: source.lines[1] };
      const list = map.get(source.sha256);
      if (list === undefined) map.set(source.sha256, [capture]);
      else list.push(capture);
    }
  }
  return map;
}

/**
 * Finds the archive record for each article the parser read from this dump: the record whose
 * source is this dump and has the same line span, else the one whose span covers its first line.
 */
function recordsForDump(result: ParseResult, captures: readonly Capture[]): Array<Article | null> {
  return result.articles.map((parsed) => {
    const [first, last] = parsed.lines;
    const exact = captures.find((c) => c.first === first && c.last === last);
    return (exact ?? captures.find((c) => c.first <= first && first <= c.last))?.article ?? null;
  });
}

/** Groups lines into runs of one article; blank lines inside an article's span stay with it. */
function lineRuns(dump: Dump, result: ParseResult, records: Array<Article | null>): DumpRun[] {
  const texts = dump.text.split("\n");
  const isBlank = result.lines.map((l) => l.role === "blank");
  const owner = result.lines.map((l, i) => (isBlank[i] ? undefined : l.article));
  // A blank line belongs to the article on both sides of it, if that is one article.
  const before: Array<number | undefined> = [];
  let last: number | undefined;
  for (let i = 0; i < owner.length; i++) {
    before.push(last);
    if (!isBlank[i]) last = owner[i];
  }
  let next: number | undefined;
  for (let i = owner.length - 1; i >= 0; i--) {
    if (!isBlank[i]) next = owner[i];
    else if (next !== undefined && before[i] === next) owner[i] = next;
  }
  const runs: DumpRun[] = [];
  let current: DumpRun | null = null;
  let currentOwner: number | undefined;
  result.lines.forEach((report, i) => {
    const line: DumpLine = {
      n: report.line,
      role: report.role,
      text: texts[report.line - 1] ?? "",
      unsure: report.role !== "blank" && report.confidence < UNSURE_BELOW,
    };
    if (current === null || owner[i] !== currentOwner) {
      currentOwner = owner[i];
      const parsed = currentOwner === undefined ? undefined : result.articles[currentOwner];
      const record = currentOwner === undefined ? null : (records[currentOwner] ?? null);
      current = {
        article:
          currentOwner === undefined || parsed === undefined
            ? null
            : { n: currentOwner + 1, headline: record?.headline ?? parsed.headline, url: record === null ? null : paths.article(record.slug) },
        lines: [],
      };
      runs.push(current);
    }
    current.lines.push(line);
  });
  return runs;
}

/**
 * A hash of everything dumpPage reads, made without the dump's text or parse (a dump page holds
 * every line of its dump: making and hashing them all is the costliest part of an incremental
 * build): the parse cache's key of the dump (its bytes, name, sidecar and the reader's and
 * parser's code decide its text, format, encoding, read diagnostics and parse) and what the page
 * shows of the records captured from it. Keep in step with dumpPage.
 */
export function dumpPageInputs(dump: Dump, captures: readonly Capture[], ctx: ViewContext): PageInputs {
  const records = captures.map((c) => {
    const summary = ctx.summaries.get(c.article.slug);
    return [c.first, c.last, c.article.slug, c.article.headline, summary === undefined ? null : summaryHash(summary)];
  });
  return {
    file: `${paths.dump(dump.id).slice(1)}index.html`,
    hash: contentHash(JSON.stringify([cacheKey(dump), dump.id, records])),
  };
}

export function dumpPage(dump: Dump, result: ParseResult, captures: readonly Capture[], ctx: ViewContext): DumpPage {
  const records = recordsForDump(result, captures);
  const counts = new Map<string, number>();
  for (const l of result.lines) counts.set(l.role, (counts.get(l.role) ?? 0) + 1);
  const unique = [...new Set(records.filter((r): r is Article => r !== null))];
  const warnings = [...dump.diagnostics, ...result.diagnostics].map((d) => ({
    id: d.id,
    level: d.level,
    message: d.message,
    line: d.line ?? null,
    hint: d.hint ?? null,
  }));
  const facts = [
    { label: "File", value: dump.name },
    { label: "Format", value: dump.format },
    { label: "Encoding", value: `${dump.encoding} (${dump.encodingBy === "bom" ? "byte-order mark" : dump.encodingBy === "utf-8" ? "valid UTF-8" : dump.encodingBy})` },
    { label: "Lines", value: String(result.lines.length) },
    { label: "Articles found", value: String(result.articles.length) },
  ];
  if (dump.meta?.date !== undefined) facts.push({ label: "Captured", value: dump.meta.date });
  if (dump.meta?.url !== undefined) facts.push({ label: "Captured from", value: dump.meta.url });
  return {
    url: paths.dump(dump.id),
    title: `Dump ${dump.name}`,
    description: `The raw capture ${dump.name}, every line marked with the role the parser gave it.`,
    crumbs: [{ label: "Home", url: paths.home() }, { label: "Dumps", url: paths.dumps() }, { label: dump.name, url: null }],
    section: "dumps",
    feed: null,
    index: true,
    prev: null,
    next: null,
    heading: dump.name,
    name: dump.name,
    sha256: dump.sha256,
    facts,
    rawUrl: rawDumpPath(dump.id, dump.name),
    legend: ROLE_LEGEND.filter((r) => counts.has(r.role)).map((r) => ({ ...r, count: counts.get(r.role)! })),
    runs: lineRuns(dump, result, records),
    warnings,
    articles: unique.map((a) => ctx.summaries.get(a.slug)!),
  };
}

export function roleLabel(role: string): string {
  return LABELS.get(role) ?? role;
}

export function dumpNote(counts: { lines: number; warnings: number }): string {
  const lines = countLabel(counts.lines, "line");
  return counts.warnings === 0 ? lines : `${lines}, ${countLabel(counts.warnings, "warning")}`;
}
