import type { Draft } from "./assemble.ts";
import type { ClassifiedLine } from "./classify.ts";
import { Page } from "./structure.ts";

export interface RelatedSection {
  marker: number;
  /** Lines holding related headlines that are not articles of the dump. */
  items: number[];
  /** Indices of drafts whose headlines the section lists (articles of the dump, such as reposts). */
  drafts: number[];
  /** Captions met in the section (a short line right above an item's headline). */
  captions: number[];
}

const itemKinds = new Set(["title", "item", "short"]);
const navBar = /\s[|•]\s.*\s[|•]\s/u;

/** "Contact us  Advertise  Privacy policy": three or more links of a few words side by side. */
function linkRow(raw: string): boolean {
  const cells = raw.trim().split(/\s{2,}/u);
  return cells.length >= 3 && cells.every((c) => c.split(/\s+/u).length <= 3);
}

const skipKinds = new Set(["date", "junk", "debris", "caption", "byline", "source"]);

/**
 * Reads the section a related marker ("Related", "R E L A T E D :", "More on this story") opens:
 * bare headline lines, and whole articles of the dump when the section reposts them. A heading in
 * `ends` (the site's "Most read") closes the section.
 */
export function readRelatedSection(lines: ClassifiedLine[], marker: number, drafts: Draft[], maxItems = 15, ends: ReadonlySet<string> = new Set()): RelatedSection {
  const page = new Page(lines);
  const section: RelatedSection = { marker, items: [], drafts: [], captions: [] };
  const byHeadline = new Map<number, number>();
  drafts.forEach((d, n) => {
    if (d.headline >= 0) byHeadline.set(d.headline, n);
  });
  let j = marker;
  let blankRun = 0;
  let skipped = 0;
  for (let steps = 0; steps < 400 && section.items.length < maxItems; steps++) {
    j++;
    if (j >= page.length) break;
    const l = page.at(j);
    if (l.blank) {
      if (++blankRun >= 3 && section.items.length + section.drafts.length > 0) break;
      continue;
    }
    blankRun = 0;
    // Another list's heading ("Most read") ends the section.
    if (ends.has(l.key)) break;
    const draft = byHeadline.get(j);
    if (draft !== undefined) {
      section.drafts.push(draft);
      j = drafts[draft]!.end;
      continue;
    }
    // A section that reposts whole articles ends with the last of them.
    if (section.drafts.length > 0 && !byHeadline.has(page.nextContent(j))) break;
    if (skipKinds.has(l.kind)) {
      if (++skipped > 2) break;
      continue;
    }
    skipped = 0;
    if (!itemKinds.has(l.kind)) break;
    // "About us | Advertise | Privacy": a bar of links split by separators is the footer, no headline.
    if (navBar.test(l.text) || linkRow(l.raw)) break;
    const next = page.nextContent(j);
    if (next >= 0 && byHeadline.has(next)) {
      section.captions.push(j);
      continue;
    }
    if (l.letters >= 3 && l.words >= 2) section.items.push(j);
  }
  return section;
}
