/**
 * One story's record fields from its captures (the same story read from one or more dumps):
 * the first capture in archive order speaks; the others fill in the outlet, the date and related
 * headlines when it has none. A byline or dateline belongs to its own capture.
 */
import type { Article, Diagnostic, Dump, ParsedArticle, Source } from "../model/index.ts";
import { dateFromCapture, parseIsoDate } from "./dates.ts";
import { summaryKeyOfParts, type DuplicateInput } from "./duplicates.ts";
import { articleLanguage, type LanguageCache } from "./language.ts";
import { paragraphsToMarkdown } from "./markdown-escape.ts";
import type { OutletMatcher } from "./outlets.ts";
import { compareStrings, normaliseSpace } from "./text.ts";

/** One article as read from one dump. */
export interface Capture {
  dump: Dump;
  article: ParsedArticle;
  index: number;
  id: string;
  lines: [number, number];
}

/** A record before it has a slug, topics and resolved related links. */
export interface Draft {
  id: string;
  headline: string;
  outlet: Article["outlet"];
  byline: string | null;
  dateline: string | null;
  date: string | null;
  language: string;
  paragraphs: string[];
  /** `paragraphs` as the record's Markdown body, when the caller made it already. */
  markdown?: string;
  related: string[];
  stated: string[];
  sources: Source[];
}

export function sourceOf(capture: Capture): Source {
  return { dump: capture.dump.name, sha256: capture.dump.sha256, lines: capture.lines };
}

/**
 * A record's sources in archive order, at most one per dump: a dump is one capture of a story,
 * so when a list names a dump twice (two versions of a changed dump, or the story twice in one
 * dump) the first one listed stands. Callers list the newest captures first.
 */
export function sortSources(sources: readonly Source[]): Source[] {
  const byDump = new Map<string, Source>();
  for (const source of sources) if (!byDump.has(source.dump)) byDump.set(source.dump, source);
  return [...byDump.values()].sort((a, b) => compareStrings(a.dump, b.dump) || a.lines[0] - b.lines[0] || compareStrings(a.sha256, b.sha256));
}

/** The first capture's text as its record keeps it, when the caller has it already (see `recordText`). */
export interface RecordText {
  headline: string;
  paragraphs: string[];
  markdown?: string;
}

export function draftRecord(
  members: readonly Capture[],
  id: string,
  outlets: OutletMatcher,
  diagnostics: Diagnostic[],
  languages?: LanguageCache,
  text: RecordText = recordText(members[0]!.article),
): Draft {
  const canonical = members[0]!;
  const { article } = canonical;
  const firstOf = <T>(pick: (capture: Capture) => T | null | undefined): T | null => {
    for (const member of members) {
      const value = pick(member);
      if (value !== null && value !== undefined && value !== "") return value;
    }
    return null;
  };
  const { headline, paragraphs } = text;
  const dateline = textOrNull(article.dateline);
  const language = articleLanguage(headline, paragraphs, firstOf((m) => m.article.language), canonical.dump.meta?.language, languages);

  const credited = firstOf((m) => textOrNull(m.article.outlet));
  const fromSite = credited === null ? firstOf((m) => (m.dump.meta?.url ? outlets.findByUrl(m.dump.meta.url) : null)) : null;
  const outlet = credited !== null
    ? outlets.resolve(credited, { dump: canonical.dump.name, line: canonical.lines[0] }).outlet
    : fromSite
      ? { name: fromSite.name, slug: fromSite.slug }
      : null;

  if (members.length > 1) {
    diagnostics.push({
      id: "merged-duplicate",
      level: "info",
      message: `"${headline}" was captured ${members.length} times (${members.map((m) => `${m.dump.name} lines ${m.lines[0]}–${m.lines[1]}`).join(", ")}); the captures are one article.`,
      file: `seeds/${canonical.dump.name}`,
      line: canonical.lines[0],
    });
  }

  const draft: Draft = {
    id,
    headline,
    outlet,
    byline: textOrNull(article.byline),
    dateline,
    date: firstOf((m) => parsedDate(m, diagnostics)) ?? captureDate(members, headline, language, diagnostics),
    language,
    paragraphs,
    related: relatedOf(members),
    stated: [...new Set(members.flatMap((m) => m.article.topics ?? []))],
    sources: sortSources(members.map(sourceOf)),
  };
  if (text.markdown !== undefined) draft.markdown = text.markdown;
  return draft;
}

/** A date from a capture's sidecar date and a weekday the text names, reported as info. */
export function captureDate(members: readonly Capture[], headline: string, language: string, diagnostics: Diagnostic[]): string | null {
  for (const member of members) {
    const capture = member.dump.meta?.date;
    if (!capture) continue;
    const evidence = dateFromCapture(member.article.headline, member.article.body, capture, language);
    if (!evidence) continue;
    diagnostics.push({
      id: "date-from-capture",
      level: "info",
      message: `"${headline}" is dated ${evidence.date} from "${evidence.phrase}" and the capture date ${capture}.`,
      file: `seeds/${member.dump.name}`,
      line: member.lines[0],
      hint: "Correct the date in the article's content file if the capture was not within a week of publication.",
    });
    return evidence.date;
  }
  return null;
}

/** Related headlines of all captures, each once, in order. */
export function relatedOf(members: readonly Capture[]): string[] {
  const related: string[] = [];
  for (const member of members) {
    for (const headline of member.article.related) if (!related.includes(headline)) related.push(headline);
  }
  return related;
}

/** A parsed article's headline and body paragraphs as its record keeps them. */
export function recordText(article: ParsedArticle): RecordText {
  return { headline: normaliseSpace(article.headline), paragraphs: recordParagraphs(article) };
}

/** The body paragraphs a record keeps from a parsed article: white space normalised, dateline apart. */
export function recordParagraphs(article: ParsedArticle): string[] {
  return withoutDateline(article.body.map(normaliseSpace).filter((p) => p.length > 0), textOrNull(article.dateline));
}

/**
 * A capture's text as duplicate grouping reads it, keyed for the summary cache by the record's
 * Markdown body, which is made here when `text` lacks it (the draft takes it over).
 */
export function captureDuplicateInput(text: RecordText): DuplicateInput & { cacheKey: string } {
  text.markdown ??= paragraphsToMarkdown(text.paragraphs);
  return { headline: text.headline, body: text.paragraphs, cacheKey: summaryKeyOfParts(text.headline, text.markdown) };
}

/** Text with its white space normalised, or null when nothing is left. */
function textOrNull(text: string | null | undefined): string | null {
  const normalised = text ? normaliseSpace(text) : "";
  return normalised.length > 0 ? normalised : null;
}

/** The date the parser read, when it is a real calendar date; a malformed one is reported and dropped. */
function parsedDate(capture: Capture, diagnostics: Diagnostic[]): string | null {
  const { date } = capture.article;
  if (date === null || date === undefined || date === "") return null;
  if (parseIsoDate(date)) return date;
  diagnostics.push({
    id: "invalid-date",
    level: "warning",
    message: `"${normaliseSpace(capture.article.headline)}" has the date "${date}", which is not a calendar date (YYYY-MM-DD); it is left undated.`,
    file: `seeds/${capture.dump.name}`,
    line: capture.lines[0],
    hint: "Set the date in the article's content file.",
  });
  return null;
}

/** The dateline is kept apart from the body: a first paragraph that opens with it loses it. */
function withoutDateline(paragraphs: string[], dateline: string | null): string[] {
  const first = paragraphs[0];
  if (!dateline || first === undefined || !first.startsWith(dateline)) return paragraphs;
  const rest = first.slice(dateline.length).trim();
  return rest ? [rest, ...paragraphs.slice(1)] : paragraphs.slice(1);
}
