import { findByline } from "../byline.ts";
import { findDate } from "../dates.ts";
import { phraseKey, type Vocabulary } from "../vocab.ts";
import { paragraphsOf, type Paragraph } from "./dom.ts";
import { isInlinePromoMarker, isRelatedMarker, looksLikeHeadline } from "./related.ts";
import { matchKey } from "./source-text.ts";

/** The article's prose and what was set aside from it, from readability's content element. */
export interface ExtractedBody {
  paragraphs: string[];
  /** Headlines of related items found inside the article ("Read more:" lists, inline promos). */
  related: string[];
  relatedMarkers: string[];
  /** A dateline opening the first paragraph (`CAIRO —`, `LONDON (Reuters) -`); it stays in the body too. */
  dateline: string | null;
  /** Bylines printed inside the article ("By Jane Doe"), cleaned. */
  bylines: string[];
  /** Texts set aside: captions, author tags, promos, the repeated headline … */
  captions: string[];
  setAside: string[];
}

export interface BodyContext {
  headline: string;
  authors: string[];
  vocab: Vocabulary;
}

/** "[Read: …]", "Read more: …", "Related: …" as the start of a promo paragraph. */
const INLINE_PROMO = /^[[(]?\s*([\p{L} ]{2,24})\s*[:：]\s*(.+?)\s*[\])]?$/u;

/** A dateline: an upper-case place (optionally ", State" and "(Agency)") and a dash. */
const DATELINE = /^((?:\p{Lu}[\p{Lu}\p{M}.'’-]*)(?:\s+\p{Lu}[\p{Lu}\p{M}.'’-]*){0,3}(?:,\s*[\p{L}.]+(?:\s+[\p{L}.]+)?)?(?:\s*\([^)]{2,30}\))?\s*[—–-]{1,2})\s/u;

export function extractBody(root: Element, context: BodyContext): ExtractedBody {
  const { vocab } = context;
  const { paragraphs, skipped } = paragraphsOf(root);
  const out: ExtractedBody = {
    paragraphs: [],
    related: [],
    relatedMarkers: [],
    dateline: null,
    bylines: [],
    captions: skipped.filter((s) => s.kind === "caption").map((s) => s.text),
    setAside: skipped.filter((s) => s.kind === "other").map((s) => s.text),
  };
  for (const s of skipped) {
    if (s.kind !== "byline") continue;
    const found = findByline(s.text, vocab);
    if (found) out.bylines.push(found.name);
    else out.setAside.push(s.text);
  }

  const headlineKey = matchKey(context.headline);
  const kept: Paragraph[] = [];
  let inRelated = false;
  for (const [index, p] of paragraphs.entries()) {
    const key = matchKey(p.text);
    if (index < 4 && kept.length === 0) {
      // The article's own header, repeated above the prose: headline, byline, a lone date.
      if (key === headlineKey) {
        out.setAside.push(p.text);
        continue;
      }
      // Short, so that prose opening with "By Tuesday, …" stays prose.
      const byline = p.text.split(/\s+/).length <= 10 ? findByline(p.text, vocab) : null;
      if (byline) {
        out.bylines.push(byline.name);
        continue;
      }
      if (p.text.split(/\s+/).length <= 8 && findDate(p.text, vocab)) {
        out.setAside.push(p.text);
        continue;
      }
    }
    if (isRelatedMarker(p.text, vocab)) {
      out.relatedMarkers.push(p.text);
      inRelated = true;
      continue;
    }
    if (p.linkShare >= 0.8) {
      const promo = INLINE_PROMO.exec(p.text);
      if (promo && isInlinePromoMarker(promo[1]!, vocab) && looksLikeHeadline(promo[2]!, vocab)) {
        out.related.push(promo[2]!);
        continue;
      }
      // "[Bardo museum houses amazing Roman treasures]": a bracketed link between paragraphs.
      const bracketed = /^\[\s*(.+?)\s*\]$/u.exec(p.text);
      if (bracketed && looksLikeHeadline(bracketed[1]!, vocab)) {
        out.related.push(bracketed[1]!);
        continue;
      }
      if (inRelated && looksLikeHeadline(p.text, vocab)) {
        out.related.push(p.text);
        continue;
      }
    }
    inRelated = false;
    kept.push(p);
  }

  // From the end: author tags, bios, trailing promos and debris are not the article's last words.
  while (kept.length > 0 && isTrailingFurniture(kept[kept.length - 1]!, context)) out.setAside.push(kept.pop()!.text);

  out.paragraphs = kept.map((p) => p.text);
  const first = out.paragraphs[0];
  if (first) out.dateline = DATELINE.exec(first)?.[1]?.trim() ?? null;
  return out;
}

function isTrailingFurniture(p: Paragraph, context: BodyContext): boolean {
  const words = p.text.split(/\s+/);
  if (p.linkShare >= 0.8 && words.length <= 25) return true;
  // "LAURIE OAKES IS THE NINE NETWORK POLITICAL EDITOR": a shouted author tag.
  if (words.length >= 3 && words.length <= 25 && /\p{Lu}{2}/u.test(p.text) && !/\p{Ll}/u.test(p.text)) return true;
  // "Jane Doe is a correspondent …": a bio of a credited author.
  const lower = p.text.toLowerCase();
  const bio = context.authors.some((author) => {
    const name = author.toLowerCase();
    return name.length > 3 && lower.startsWith(name + " ") && /^\s*(?:is|was|writes|covers|reports)\b/.test(lower.slice(name.length));
  });
  if (bio && words.length <= 60) return true;
  const key = phraseKey(p.text);
  return context.vocab.debris.has(key) || /^(?:©|\(c\)|copyright\b)/i.test(p.text);
}
