import type { ClassifiedLine } from "./classify.ts";
import { looksLikeName } from "./byline.ts";
import { Page } from "./structure.ts";
import type { Vocabulary } from "./vocab.ts";

/** An article as assembly first sees it: line indices, before fields are read. */
export interface Draft {
  headline: number;
  /** Lines between the headline and the first body paragraph: bylines, dates, sources, captions. */
  meta: number[];
  /** Paragraphs before a byline/date that sits inside the text (a standfirst). */
  standfirst: number[];
  body: number[];
  captions: number[];
  inlineRelated: number[];
  /** "Peter Mills, Northbridge" under a paragraph: who wrote the text above (letters, comments). */
  signatures: number[];
  /** Set when the headline was confirmed by meta, a dateline or the lead, not just by position. */
  strong: boolean;
  /** What says the headline starts an article: confirmed (meta, dateline, lead), layout (a teaser's echo or kicker), or position alone (null). */
  evidence: "confirmed" | "layout" | null;
  /** The line the article ends on (its last body paragraph). */
  end: number;
}

export interface AssembleOptions {
  /** How many non-paragraph lines may sit between two paragraphs of one article. Default 5. */
  maxGap?: number;
  /** How many lines before its first paragraph a headline may be. Default 12. */
  headlineReach?: number;
}

const boundaryKinds = new Set(["comment-marker", "copyright"]);

/**
 * Finds a body run's headline, scanning back from its first paragraph: the nearest headline-shaped
 * line that leads to it, unless one further up is confirmed by a byline or date right below it
 * (then the lines between are captions, tags and share bars).
 */
function findHeadline(page: Page, firstPara: number, floor: number, reach: number): number {
  // The lines above the run that may hold its headline, nearest first.
  const window: number[] = [];
  let metaSeen = false;
  let standfirstAt = -1;
  let topMeta = -1;
  for (let j = page.prevContent(firstPara), seen = 0; j > floor && j >= 0 && seen < reach * 2; j = page.prevContent(j), seen++) {
    const l = page.at(j);
    if (l.kind === "byline" || l.kind === "date") {
      metaSeen = true;
      // A date inside a longer line ("Weekly Edition for April 2, 2020") may date the page, not the article.
      if (l.kind === "byline" || (l.dateRest ?? 0) <= 2) topMeta = j;
    }
    if (l.kind === "para") {
      // One paragraph between a headline and its byline is a standfirst; more is another text.
      if (!metaSeen || standfirstAt >= 0) break;
      standfirstAt = j;
      continue;
    }
    if (l.kind === "copyright" || l.kind === "related-marker") break;
    window.push(j);
  }
  // Under a byline or date only captions and kickers sit; the headline is above them.
  // (A date or byline right above a line is its kicker, as in feeds of teasers.)
  const isMeta = (j: number): boolean => j >= 0 && (page.at(j).kind === "date" || page.at(j).kind === "byline");
  const eligible = topMeta >= 0 ? window.filter((j) => j < topMeta || isMeta(page.prevContent(j))) : window;
  let best = -1;
  let bestScore = 0;
  eligible.forEach((j, n) => {
    if (!page.headlineShaped(j)) return;
    const l = page.at(j);
    const substantial = l.cjk || l.words >= 3;
    // Evidence: a byline or date right below; the page printing it again (breadcrumbs, image
    // titles, share texts); leading straight to the text; a standfirst below it.
    let score = 0;
    if (substantial && hasMetaBelow(page, j)) score += 2;
    // A headline over its dek (a second title line, as long or longer) over the byline: the dek's
    // meta is the headline's, and the upper line is the headline.
    else if (substantial && !page.repeated(j) && hasDekBelow(page, j)) score += 2.5;
    if (substantial && page.repeated(j)) score += 2.5;
    if (n < reach && page.leadsTo(j) === firstPara) score += 1;
    if (standfirstAt > j && page.nextMeaningful(j) === standfirstAt) score += 2;
    // Set at another indent than the text, a line belongs to another box (a list of links).
    if (l.indent !== page.at(firstPara).indent) score -= 1.5;
    if (score > bestScore) {
      best = j;
      bestScore = score;
    }
  });
  return best;
}

/** A byline or date among the three lines under a line (not counting residue, debris and captions). */
function hasMetaBelow(page: Page, i: number): boolean {
  let j = i;
  for (let k = 0, passed = 0; k < 3 && passed < 8; passed++) {
    j = page.nextContent(j);
    if (j < 0) return false;
    const kind = page.at(j).kind;
    if (kind === "byline" || kind === "date") return true;
    if (kind === "para" || kind === "title") return false;
    if (kind !== "junk" && kind !== "debris" && kind !== "caption") k++;
  }
  return false;
}

/** A title line right under line i, at least as long as it, with a byline or date under that. */
function hasDekBelow(page: Page, i: number): boolean {
  const dek = page.nextContent(i);
  if (dek < 0 || dek !== i + 2 && dek !== i + 1) return false;
  const d = page.at(dek);
  const h = page.at(i);
  // Sentence case on both (Title Case lines stacked up are more often a list of links).
  return d.kind === "title" && !d.cjk && d.words >= h.words && h.capitalised < 0.7 && d.capitalised < 0.7 && !d.terminal
    && hasMetaBelow(page, dek);
}

/** Whether a headless run at `firstPara` carries on `prev`: same indent, nothing between that ends an article. */
function continues(page: Page, prev: Draft, firstPara: number): boolean {
  const first = prev.body[0];
  if (first === undefined || prev.body.length < 3 || firstPara - prev.end > 150 || page.at(first).indent !== page.at(firstPara).indent) return false;
  for (let j = prev.end + 1; j < firstPara; j++) {
    const k = page.at(j).kind;
    // Only what a table or a figure leaves: short cells, captions, numbers.
    if (k !== "blank" && k !== "title" && k !== "short" && k !== "junk" && k !== "caption" && k !== "date" && k !== "debris") return false;
    if (k === "title" && page.startsArticle(j)) return false;
  }
  return true;
}

/** "Name Surname, Town" right under a paragraph: a letter's or a comment's signature. */
function isSignature(page: Page, i: number, vocab: Vocabulary): boolean {
  const l = page.at(i);
  const prev = page.prevContent(i);
  if (prev < 0 || page.at(prev).kind !== "para" || l.words > 7) return false;
  const parts = l.text.split(/\s*,\s*/u);
  return parts.length === 2 && parts.every((p) => p.length > 0 && looksLikeName(p, vocab)) && (parts[0] ?? "").split(/\s+/u).length >= 2;
}

/** The markers as one pattern, compiled once per list: matching them one by one ran for every line. */
const inlinePatterns = new WeakMap<readonly string[], RegExp>();

/** A newsletter box's pitch: a short text under a "Sign up" line that asks for the reader's inbox. */
function isPromo(page: Page, i: number, vocab: Vocabulary): boolean {
  const l = page.at(i);
  if (l.words >= 30 || !vocab.patterns.promo.contains.test(l.key)) return false;
  const above = page.prevContent(i);
  return above >= 0 && page.at(above).kind === "debris";
}

function isInlineRelated(l: ClassifiedLine, markers: readonly string[]): boolean {
  if (l.words > 25) return false;
  let pattern = inlinePatterns.get(markers);
  if (!pattern) {
    const alternation = markers.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|") || "(?!)";
    pattern = new RegExp(`^(?:${alternation}) ?:`, "u");
    inlinePatterns.set(markers, pattern);
  }
  return pattern.test(l.key);
}

/**
 * Groups paragraphs into articles: a run of paragraphs with few other lines between them is one
 * article's body, and a headline-shaped line that demonstrably starts something new (meta lines,
 * a dateline, a lead that repeats it) splits a run in two. Each run's headline is the nearest
 * headline-shaped line above it that leads to it.
 */
export function assemble(lines: ClassifiedLine[], vocab: Vocabulary, options: AssembleOptions = {}): Draft[] {
  const inlineMarkers = vocab.inlineRelatedMarkers;
  const maxGap = options.maxGap ?? 5;
  const reach = options.headlineReach ?? 12;
  const page = new Page(lines);
  const drafts: Draft[] = [];
  let floor = -1;
  let i = 0;
  while (i < page.length) {
    if (page.at(i).kind !== "para" || isPromo(page, i, vocab)) {
      i++;
      continue;
    }
    const firstPara = i;
    const headline = findHeadline(page, i, floor, reach);
    const evidence = headline >= 0 ? page.articleEvidence(headline) : null;
    const strong = evidence === "confirmed";
    // Text with no headline of its own, set like the article above and with nothing between that
    // ends an article (a table, a figure): the article goes on.
    const prev = drafts.at(-1);
    const continuing = headline < 0 && prev !== undefined && prev.headline >= 0 && continues(page, prev, firstPara);
    const draft: Draft = continuing && prev ? prev : { headline, meta: [], standfirst: [], body: [], captions: [], inlineRelated: [], signatures: [], strong, evidence, end: firstPara };
    const bodyIndent = page.at(draft.body[0] ?? firstPara).indent;
    if (headline >= 0) {
      for (let j = headline + 1; j < firstPara; j++) {
        const k = page.at(j).kind;
        if (k === "byline" || k === "date" || k === "source") draft.meta.push(j);
        else if (k === "caption" || k === "title") draft.captions.push(j);
      }
      if (draft.meta.length > 0) draft.strong = true;
    }
    // Walk the run.
    let gap = 0;
    let pending: number[] = [];
    let j = firstPara;
    for (; j < page.length; j++) {
      const cur = page.at(j);
      if (cur.blank) continue;
      if (cur.kind === "para" && isPromo(page, j, vocab)) {
        gap += 0.25;
        continue;
      }
      if (cur.kind === "para") {
        // After a gap, a paragraph set at another indent belongs to another box (a teaser list).
        if (gap >= 2 && draft.body.length > 0 && cur.indent !== bodyIndent) break;
        // A short paragraph right above a photo credit is the photo's caption.
        const below = page.nextContent(j);
        if (below >= 0 && page.at(below).kind === "caption" && cur.words < 30) {
          draft.captions.push(j);
          gap += 1;
          continue;
        }
        if (isInlineRelated(cur, inlineMarkers)) {
          draft.inlineRelated.push(j);
          continue;
        }
        // Titles between paragraphs directly before this one are crossheads; others captions.
        for (const p of pending) {
          const pk = page.at(p).kind;
          if ((pk === "byline" || pk === "date") && draft.body.length <= 3 && draft.meta.length === 0) {
            draft.standfirst.push(...draft.body);
            draft.body = [];
            draft.meta.push(p);
            draft.strong = true;
          } else if (pk === "title" && isSignature(page, p, vocab)) draft.signatures.push(p);
          else if (pk === "title" && page.nextContent(p) === j && page.at(p).words <= 12) draft.body.push(p);
          else if (pk === "item" && page.at(p).words >= 6 && draft.body.length > 0) draft.body.push(p);
          else if (pk === "title" || pk === "caption") draft.captions.push(p);
          else if (pk === "byline" || pk === "date") draft.meta.push(p);
        }
        pending = [];
        gap = 0;
        draft.body.push(j);
        draft.end = j;
        continue;
      }
      if (boundaryKinds.has(cur.kind)) break;
      if (cur.kind === "title" && j !== headline && page.startsArticle(j)) break;
      if (isInlineRelated(cur, inlineMarkers)) {
        draft.inlineRelated.push(j);
        continue;
      }
      // Residue and debris say little about where an article ends; list items a little more.
      gap += cur.kind === "junk" || cur.kind === "debris" ? 0.25 : cur.kind === "item" ? 0.5 : (cur.kind === "byline" || cur.kind === "date") && draft.body.length <= 3 ? 0.25 : 1;
      if (gap > maxGap) break;
      pending.push(j);
    }
    if (!continuing) drafts.push(draft);
    floor = draft.end;
    i = draft.end + 1;
    // Continue scanning from the next line; a split title found above is revisited there.
    while (i < page.length && i <= draft.end) i++;
  }
  return drafts;
}
