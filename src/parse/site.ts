import type { ClassifiedLine } from "./classify.ts";

/**
 * The page's own name, for articles that credit no outlet: the copyright holder, unless the page
 * keeps naming itself otherwise ("LWN.net" on a page © Eklektix, "CNET" on a page © CBS
 * Interactive). Candidates are the copyright credit, domain-like names (LWN.net) and short
 * all-capitals names (CNET, ZEIT); the page's own repetition decides.
 */
export function siteName(lines: ClassifiedLine[], headlines: readonly string[] = []): string | null {
  const copyright = lines.findLast((l) => l.kind === "copyright" && l.credit)?.credit ?? null;
  const counts = new Map<string, number>();
  const domain = /^[\p{Lu}][\p{L}\p{N}-]{1,30}\.(?:net|com|org|info|de|fr|it|es|nl|jp|cn|co\.uk)$/u;
  const capitals = /^\p{Lu}{3,8}$/u;
  // Site names live in the page's chrome (header, navigation, footer), topics in its prose.
  const head = new Set<string>();
  const tail = new Set<string>();
  const edge = Math.ceil(lines.length * 0.2);
  for (const l of lines) {
    if (l.blank || l.kind === "para") continue;
    // Only lines with a run of capitals or a dot inside a word can hold a candidate.
    if (!/\p{Lu}{3}|\w\.\w/u.test(l.text)) continue;
    const inHead = l.index < edge;
    const inTail = l.index >= lines.length - edge;
    for (const token of l.text.split(/[\s,;:!?()[\]"'“”‘’«»|/]+/u)) {
      const t = token.replace(/\.$/u, "");
      // A domain-like name is a site's name far more often than a word in capitals is.
      if (inHead) head.add(t);
      if (inTail) tail.add(t);
      if (domain.test(t)) counts.set(t, (counts.get(t) ?? 0) + 3);
      else if (capitals.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  const copyrightCount = copyright ? countOf(lines, copyright) : 0;
  let best = copyright;
  let bestCount = 0;
  for (const [name, n] of counts) {
    // A domain-like name in the header or footer; a word in capitals in both.
    const placed = domain.test(name) ? head.has(name) || tail.has(name) : head.has(name) && tail.has(name);
    // A name the page's own headlines use is their subject, not the page's name.
    if (headlines.some((h) => h.includes(name))) continue;
    if (n >= 4 && placed && n > 2 * copyrightCount && n > bestCount && !(copyright && copyright.includes(name))) {
      best = name;
      bestCount = n;
    }
  }
  return best;
}

function countOf(lines: ClassifiedLine[], name: string): number {
  let n = 0;
  for (const l of lines) if (!l.blank && l.text.includes(name)) n++;
  return n;
}
