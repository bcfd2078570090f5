import type { Diagnostic, LineReport, LineRole, ParsedArticle, ParseResult } from "../model/index.ts";
import { assemble, type Draft } from "./assemble.ts";
import { isAuthorBio, looksLikeName } from "./byline.ts";
import { codeAt } from "./chars.ts";
import { classifyLine, type ClassifiedLine } from "./classify.ts";
import { lineFeatures, splitLines } from "./features.ts";
import { groupText, wrapGroups, wrapWidth } from "./wrap.ts";
import { readFields, type ArticleFields } from "./fields.ts";
import { readRelatedSection } from "./related.ts";
import { AlikeIndex, Page, similarity } from "./structure.ts";
import { siteName } from "./site.ts";
import { pullQuotes } from "./pullquote.ts";
import { readTrailer } from "./trailer.ts";
import { defaultVocabulary, type Vocabulary } from "./vocab.ts";

export interface ParseTextOptions {
  /** Vocabularies to match with. Default: the bundled ones (src/parse/vocab). */
  vocabulary?: Vocabulary;
  /** BCP 47 language of the dump, when known. Default: null (unknown). */
  language?: string | null;
}

const emptyOptions: ParseTextOptions = {};
/** Links printed side by side: "Home | News | Sport", "首页 | 国内". */
const navigationBar = /\S\s[|•·]\s\S.*\s[|•·]\s/u;
/** Where a byline's first name ends: "Jane Doe, Paris" → "Jane Doe". */
const nameEnd = /\s*[,(]/u;

interface Kept {
  draft: Draft;
  fields: ArticleFields;
  related: string[];
}

function roleOfKind(l: ClassifiedLine): [LineRole, number] {
  switch (l.kind) {
    case "blank": return ["blank", 1];
    case "junk": return ["junk", l.strength];
    case "caption": return ["caption", l.strength];
    case "related-marker": return ["related-marker", l.strength];
    default: return ["boilerplate", l.kind === "debris" || l.kind === "copyright" || l.kind === "comment-marker" ? l.strength : 0.5];
  }
}

/**
 * Bullet items of four words or more right under line `end`, perhaps under a short heading of
 * their own ("Loi sur le renseignement"): links to related stories. Names (an author's bullet)
 * and the items' echoes are not links.
 */
function linkListAfter(page: Page, end: number, vocab: Vocabulary): number[] {
  const items: number[] = [];
  const seen = new Set<string>();
  let heading = false;
  let j = end;
  for (let steps = 0; steps < 60; steps++) {
    j = page.nextContent(j);
    if (j < 0) break;
    const l = page.at(j);
    // A list of the site's popular stories is not about this article.
    if (vocab.popularMarkers.has(l.key)) break;
    const linkLike = l.kind === "item" && (l.cjk ? l.words >= 6 : l.words >= 4) && !looksLikeName(l.text.replace(/\([^)]*\)/gu, "").trim(), vocab);
    if (linkLike) {
      if (!seen.has(l.key)) items.push(j);
      seen.add(l.key);
      continue;
    }
    if (seen.has(l.key) || l.kind === "junk") continue;
    if (items.length > 0) {
      // The link's own echo, a source name: part of the list.
      if (l.words <= 3 && l.kind !== "para") continue;
      break;
    }
    // Before the list: share bars, an author's line and bio, one heading.
    if (l.kind !== "para" && isAuthorBio(l.text, vocab)) continue;
    if (steps >= 12 || l.kind === "para" || l.kind === "related-marker" || l.kind === "comment-marker" || l.kind === "copyright") break;
    if (l.kind === "title") {
      if (heading) break;
      heading = true;
    }
  }
  return items;
}

/**
 * The text pipeline: lines → features → kinds → articles, and a report giving every line one
 * role. Pure and synchronous; `file` only names the dump in diagnostics.
 */
export function parseText(text: string, file: string, options: ParseTextOptions = emptyOptions): ParseResult {
  if (typeof text !== "string") throw new TypeError("parseText: text must be a string");
  const vocab = options.vocabulary ?? defaultVocabulary();
  const physical = splitLines(text);
  // Logical lines: a paragraph wrapped at a fixed width is one line to the parser.
  // (Most dumps are not wrapped: their lines are read as they are, with no groups built.)
  const width = wrapWidth(physical);
  const groups = width === null ? null : wrapGroups(physical, width);
  const wrapped = groups !== null && groups.length !== physical.length;
  const logical = groups === null ? physical : groups.map((g) => groupText(physical, g));
  const lines: ClassifiedLine[] = [];
  for (let i = 0; i < logical.length; i++) lines.push(classifyLine(lineFeatures(logical[i]!, i), vocab));
  const diagnostics: Diagnostic[] = [];
  const drafts = assemble(lines, vocab);
  const page = new Page(lines);

  // Comments: after a comment marker, only articles whose headline is confirmed count.
  const firstEnd = Math.min(...drafts.filter((d) => d.headline >= 0).map((d) => d.end), lines.length);
  const firstComment = lines.findIndex((l, i) => i > firstEnd && l.kind === "comment-marker");
  // A comment is headed by its writer's name and a date: confirmed in shape, but a name is no
  // headline, so there the heading must read like one (four words or more) or carry a byline.
  const afterComments = (d: Draft): boolean => d.strong
    && ((lines[d.headline]?.words ?? 0) >= 4 || d.meta.some((m) => lines[m]?.kind === "byline"));
  const candidates = drafts.filter((d) => d.headline >= 0 && d.body.length > 0 && (firstComment < 0 || d.headline < firstComment || afterComments(d)));
  for (const d of drafts) {
    if (d.headline < 0 && d.body.length >= 3) {
      diagnostics.push({ id: "no-headline", level: "warning", message: `${d.body.length} paragraphs with no headline above them were set aside`, file, line: (d.body[0] ?? 0) + 1, hint: "check whether these lines are an article; the headline may be missing from the dump" });
    }
  }

  // Teasers (one paragraph) count as articles on fronts and feeds, not beside a full article.
  const full = candidates.filter((d) => d.body.length >= 2);
  const teasers = candidates.filter((d) => d.body.length < 2);
  const text0 = (i: number): string => lines[i]?.text ?? "";
  const keepTeasers = teasers.length >= 3 || full.length === 0;
  // A section front's introduction sits above its teasers: a one-paragraph text found by position
  // alone, before every teaser whose layout marks it as one, is not a teaser itself.
  const firstLaidOut = teasers.find((d) => d.evidence !== null);
  const laidOut = teasers.filter((t) => t.evidence !== null).length;
  const intro = new Set(teasers.filter((d) => d.evidence === null && firstLaidOut && d.headline < firstLaidOut.headline && laidOut >= 3));
  // A teaser of a story the page also prints in full is the same article: its links go to the full one.
  const teasersOf = new Map<Draft, Draft[]>();
  const fullHeadlines = new AlikeIndex(full.map((f) => text0(f.headline)));
  const fullLeads = new AlikeIndex(full.map((f) => text0(f.body[0] ?? -1)));
  const kept = candidates.filter((d) => {
    if (d.body.length >= 2) return true;
    // The first full article alike by headline or by lead.
    const byHeadline = fullHeadlines.firstAlike(text0(d.headline), 0.5);
    const byLead = fullLeads.firstAlike(text0(d.body[0] ?? -1), 0.5);
    const same = full[byHeadline < 0 ? byLead : byLead < 0 ? byHeadline : Math.min(byHeadline, byLead)];
    if (same) teasersOf.set(same, [...(teasersOf.get(same) ?? []), d]);
    return keepTeasers && !same && !intro.has(d);
  });

  // Advertisements dressed as teasers: a "Sponsored" label among the lines above the headline.
  const isAd = (d: Draft): boolean => {
    for (let j = d.headline, k = 0; k < 3; k++) {
      j = page.prevContent(j);
      if (j < 0 || lines[j]!.kind === "para") return false;
      const key = lines[j]!.key;
      // The label alone, or as the first word(s) of the line.
      if (vocab.adMarkers.some((m) => key.startsWith(m) && (key.length === m.length || codeAt(key, m.length) === 32))) return true;
    }
    return false;
  };
  for (let n = kept.length - 1; n >= 0; n--) if (isAd(kept[n]!)) kept.splice(n, 1);
  // Beside a dominant article, small runs found by position alone are promos and navigation.
  const chars = (d: Draft): number => d.body.reduce((n, b) => n + text0(b).length, 0);
  const mainChars = Math.max(0, ...kept.map(chars));
  const strongChars = Math.max(0, ...kept.filter((d) => d.strong).map(chars));
  for (let n = kept.length - 1; n >= 0; n--) {
    const d = kept[n]!;
    if (!d.strong && d.body.length >= 2 && (chars(d) < 0.25 * mainChars || chars(d) * 2.5 < strongChars)) kept.splice(n, 1);
  }

  const articles: Kept[] = kept.map((draft) => ({ draft, fields: readFields(lines, draft, vocab), related: [] }));
  // An author bio after the body ("Jane Doe is a reporter …", "Journaliste au Monde") is not the story.
  for (const a of articles) {
    const name = a.fields.byline;
    const firstName = name ? name.slice(0, nameEnd.exec(name)?.index ?? name.length) : null;
    for (let lastLine = a.draft.body.at(-1); lastLine !== undefined && a.draft.body.length > 1; lastLine = a.draft.body.at(-1)) {
      const last = text0(lastLine);
      if (!(firstName && last.startsWith(firstName)) && !isAuthorBio(last, vocab)) break;
      a.draft.body.pop();
      a.draft.end = a.draft.body.at(-1) ?? a.draft.end;
    }
  }

  // Related sections link their headlines to the articles above them.
  const relatedRoles = new Map<number, [LineRole, number]>();
  let previousMarker = -1;
  lines.forEach((l, i) => {
    if (l.kind !== "related-marker") return;
    const section = readRelatedSection(lines, i, kept, 15, vocab.popularMarkers);
    const headlines = [
      ...section.drafts.map((n) => text0(kept[n]!.headline)),
      ...section.items.map((n) => text0(n)),
    ];
    relatedRoles.set(i, ["related-marker", l.strength]);
    for (const n of section.items) relatedRoles.set(n, ["related", 0.6]);
    for (const n of section.captions) relatedRoles.set(n, ["caption", 0.6]);
    // A section of reposted articles relates them to every article above it; a plain list, to
    // the article it follows.
    const above = articles.filter((a) => a.draft.headline < i && a.draft.headline > previousMarker);
    const owners = section.drafts.length > 0 ? above : above.slice(-1);
    for (const a of owners) {
      const own = text0(a.draft.headline);
      a.related.push(...headlines.filter((h) => similarity(h, own) < 0.8));
    }
    previousMarker = i;
  });
  for (const a of articles) for (const n of a.draft.inlineRelated) a.related.push(text0(n).replace(/^[^:]{1,30}:\s*/u, ""));
  // A list of links right under an article's text (a teaser's "more on this" bullets) is its related list.
  const listed = new Map<Draft, number[]>();
  const headlineKeys = new Set(kept.map((d) => lines[d.headline]!.key));
  for (const d of candidates) {
    // (A list entry that is itself the headline of an article of the page is that article's teaser.)
    const items = linkListAfter(page, d.end, vocab).filter((n) => !headlineKeys.has(lines[n]!.key));
    if (items.length === 0) continue;
    listed.set(d, items);
    for (const n of items) if (!relatedRoles.has(n)) relatedRoles.set(n, ["related", 0.55]);
  }
  for (const a of articles) {
    const own = [a.draft, ...(teasersOf.get(a.draft) ?? [])];
    for (const d of own) for (const n of listed.get(d) ?? []) a.related.push(text0(n));
  }

  // An attribution trailer after the last article credits the articles in order.
  const trailer = readTrailer(lines, articles.map((a) => a.draft), vocab);
  if (trailer) {
    trailer.credits.forEach((credit, n) => {
      const a = articles[n];
      if (!a) return;
      if (credit.outlet) a.fields.outlet = credit.outlet;
      if (credit.byline && !a.fields.byline) a.fields.byline = credit.byline;
    });
    if (trailer.credits.length !== articles.length) {
      diagnostics.push({ id: "orphan-attribution", level: "warning", message: `${trailer.credits.length} attribution lines for ${articles.length} articles`, file, line: (trailer.lines[0] ?? 0) + 1, hint: "check which article each attribution line belongs to" });
    }
  }
  // The page's own credit (copyright line) for articles that name no outlet.
  const pageCredit = siteName(lines, articles.map((a) => text0(a.draft.headline)));
  for (const a of articles) if (!a.fields.outlet && pageCredit) a.fields.outlet = pageCredit;

  // Pull quotes repeat a sentence of the text between its paragraphs: shown, not read twice.
  for (const a of articles) {
    const quotes = new Set(pullQuotes(lines, a.draft));
    if (quotes.size === 0) continue;
    a.draft.body = a.draft.body.filter((b) => !quotes.has(b));
    a.draft.captions.push(...quotes);
  }

  // The report.
  const reports: LineReport[] = lines.map((l) => {
    const [role, confidence] = relatedRoles.get(l.index) ?? roleOfKind(l);
    return { line: l.index + 1, role, confidence };
  });
  const set = (i: number, role: LineRole, confidence: number, article?: number): void => {
    const r = reports[i];
    if (!r) return;
    r.role = role;
    r.confidence = confidence;
    if (article !== undefined) r.article = article;
  };
  const keptSet = new Set(kept);
  for (const d of candidates) if (!keptSet.has(d)) {
    set(d.headline, "boilerplate", 0.4);
    for (const b of d.body) set(b, "boilerplate", 0.4);
  }
  if (trailer) for (const n of trailer.lines) set(n, "attribution", 0.75);
  const parsed: ParsedArticle[] = articles.map((a, n) => {
    const d = a.draft;
    for (let i = d.headline; i <= d.end; i++) if (reports[i] && !lines[i]!.blank) reports[i]!.article = n;
    set(d.headline, "headline", d.strong ? 0.85 : 0.65, n);
    // A short line right above a headline, apart from any text, is the caption of the image between.
    const above = page.prevContent(d.headline);
    const aboveLine = lines[above];
    // (Not a navigation bar: links side by side, in columns or between bars.)
    if (aboveLine && reports[above]?.role === "boilerplate" && (aboveLine.kind === "title" || aboveLine.kind === "short")
      && aboveLine.words < lines[d.headline]!.words && above < d.headline - 1 && !aboveLine.columns && !navigationBar.test(aboveLine.text)) {
      set(above, "caption", 0.5);
    }
    for (const m of d.meta) set(m, lines[m]!.kind === "source" ? "attribution" : lines[m]!.kind === "date" ? "date" : "byline", 0.8, n);
    for (const s of d.standfirst) set(s, "kicker", 0.5, n);
    for (const c of d.captions) set(c, "caption", 0.55, n);
    for (const r of d.inlineRelated) set(r, "related", 0.7, n);
    for (const r of d.signatures) set(r, "byline", 0.6, n);
    for (const b of d.body) set(b, "body", lines[b]!.kind === "para" ? lines[b]!.strength : 0.5, n);
    if (a.fields.trailingByline !== undefined) set(a.fields.trailingByline, "byline", 0.7, n);
    if (a.fields.bareByline !== undefined) set(a.fields.bareByline, "byline", 0.55, n);
    const lastLine = Math.max(d.end, a.fields.trailingByline ?? 0);
    return {
      headline: text0(d.headline),
      outlet: a.fields.outlet,
      byline: a.fields.byline,
      date: a.fields.date,
      dateline: a.fields.dateline,
      body: d.body.map(text0),
      related: [...new Set(a.related)],
      language: options.language ?? null,
      lines: [d.headline + 1, lastLine + 1],
    };
  });
  if (parsed.length === 0 && lines.some((l) => l.kind === "para")) {
    diagnostics.push({ id: "no-articles", level: "warning", message: "no article found: no paragraph run has a headline above it", file, hint: "check the dump; it may be a page without an article" });
  }
  for (const a of articles) {
    if (a.draft.evidence === null && articles.length > 1) {
      diagnostics.push({ id: "low-confidence-boundary", level: "info", message: `article "${text0(a.draft.headline)}" was found by position alone`, file, line: a.draft.headline + 1, hint: "check where this article starts and ends" });
    }
  }
  if (!wrapped || groups === null) return { articles: parsed, lines: reports, diagnostics };
  // Back to physical lines: every line of a wrapped paragraph has the paragraph's role.
  const firstLine = (logical: number): number => (groups[logical]?.[0] ?? logical) + 1;
  const lastLine = (logical: number): number => (groups[logical]?.at(-1) ?? logical) + 1;
  return {
    articles: parsed.map((a) => ({ ...a, lines: [firstLine(a.lines[0] - 1), lastLine(a.lines[1] - 1)] })),
    lines: groups.flatMap((g, n) => g.map((i) => ({ ...reports[n]!, line: i + 1 }))),
    diagnostics: diagnostics.map((d) => (d.line === undefined ? d : { ...d, line: firstLine(d.line - 1) })),
  };
}
