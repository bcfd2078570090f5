import { readFileSync } from "node:fs";
import { phraseKey, type Vocabulary } from "../vocab.ts";
import { forEachTextNode, textOf } from "./dom.ts";
import { matchKey } from "./source-text.ts";

/** A "related" section of a page: its heading and the headlines it links to. */
export interface RelatedSection {
  marker: string;
  items: string[];
}

interface MarkerData {
  patterns: RegExp[];
  inlinePromo: Set<string>;
}

let markerData: MarkerData | undefined;

/** section-markers.json, all languages merged (pages mix languages). */
function markers(): MarkerData {
  if (!markerData) {
    const raw = JSON.parse(readFileSync(new URL("./section-markers.json", import.meta.url), "utf8")) as {
      sectionPatterns?: Record<string, string[]>;
      inlinePromoMarkers?: Record<string, string[]>;
    };
    markerData = {
      patterns: Object.values(raw.sectionPatterns ?? {}).flat().map((p) => new RegExp(p, "u")),
      inlinePromo: new Set(Object.values(raw.inlinePromoMarkers ?? {}).flat().map(phraseKey)),
    };
  }
  return markerData;
}

/** True when a word or two before a colon mark a promo link inside an article ("Read: …", "Related: …"). */
export function isInlinePromoMarker(text: string, vocab: Vocabulary): boolean {
  const key = phraseKey(text);
  return markers().inlinePromo.has(key) || vocab.inlineRelatedMarkers.includes(key) || isRelatedMarker(text, vocab);
}

/** True when a short text is the heading of a related section ("Related", "Read more:", "Other Opinion Columns"). */
export function isRelatedMarker(text: string, vocab: Vocabulary): boolean {
  if (text.length > 60) return false;
  const key = phraseKey(text).replace(/^[\s[(]+|[\s:：»›>…)\]]+$/gu, "");
  if (key.length === 0) return false;
  if (vocab.relatedMarkers.has(key)) return true;
  return markers().patterns.some((re) => re.test(key));
}

/** A link text that reads like a headline: a few words of prose, not a label or a count. */
export function looksLikeHeadline(text: string, vocab: Vocabulary): boolean {
  if (text.length < 8 || text.length > 220) return false;
  if (/^(?:https?:|www\.)/i.test(text)) return false;
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text);
  const words = text.split(/\s+/).length;
  if (!cjk && (words < 3 || words > 30)) return false;
  if (!/\p{L}{2}/u.test(text)) return false;
  return !isRelatedMarker(text, vocab);
}

const HEADING = /^h[1-6]$/;

/**
 * The page's related sections: a marker heading, then the headline links that follow it (in its
 * following siblings, climbing to the nearest ancestor that has any), up to the next heading of
 * the page or 20 items. The article's own headline is never a related item.
 */
export function findRelatedSections(document: Document, vocab: Vocabulary, headline: string): RelatedSection[] {
  const sections: RelatedSection[] = [];
  const seen = new Set<string>([matchKey(headline)]);
  const used = new Set<Element>();
  const markers: { element: Element; text: string }[] = [];
  forEachTextNode(document.body ?? document, (node) => {
    const text = (node.nodeValue ?? "").replace(/\s+/g, " ").trim();
    const element = node.parentElement;
    if (element && text.length > 0 && isRelatedMarker(text, vocab) && !element.closest("a")) markers.push({ element, text });
  });
  for (const { element: marker, text } of markers) {
    // Climb from the marker to the nearest ancestor followed by links, through small wrappers only.
    let start: Element = marker;
    while (
      !hasLinkAfter(start) &&
      start.parentElement &&
      start.parentElement.childElementCount <= 3 &&
      textOf(start.parentElement).length <= text.length + 4
    ) {
      start = start.parentElement;
    }
    if (used.has(start)) continue;
    used.add(start);
    const items: string[] = [];
    for (let sibling = start.nextElementSibling; sibling && items.length < 20; sibling = sibling.nextElementSibling) {
      if (HEADING.test(sibling.tagName.toLowerCase()) || startsSection(sibling) || isRelatedMarker(textOf(sibling), vocab)) break;
      const links = sibling.tagName.toLowerCase() === "a" ? [sibling] : Array.from(sibling.querySelectorAll("a"));
      for (const link of links) {
        // Ranked lists ("1 Why was …") number their headlines; the number is not part of it.
        const item = textOf(link).replace(/^\d{1,2}[.)]?\s+(?=\p{L})/u, "");
        const key = matchKey(item);
        if (!looksLikeHeadline(item, vocab) || seen.has(key)) continue;
        seen.add(key);
        items.push(item);
        if (items.length >= 20) break;
      }
    }
    if (items.length > 0) sections.push({ marker: text, items });
  }
  return sections;
}

/** A block that opens with its own title (an unlinked h1–h3) is the next section, not this one's. */
function startsSection(element: Element): boolean {
  const heading = element.querySelector("h1, h2, h3");
  return heading !== null && !heading.querySelector("a") && !heading.closest("a") && textOf(heading).length <= 80;
}

function hasLinkAfter(element: Element): boolean {
  for (let sibling = element.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
    if (sibling.tagName.toLowerCase() === "a" || sibling.querySelector("a")) return true;
  }
  return false;
}
