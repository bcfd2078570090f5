/**
 * A changed dump is read again in full: its articles come back with a new sha256, so new capture
 * ids. The records content/ holds from its earlier version (its predecessors) must not count as
 * other stories: each new capture that is the same article as a predecessor takes that record's
 * id (and so its slug and file). The same article is recognised without the sha256: the same
 * text (headline and body), else the same dump and lines, else the same dump and place among its
 * articles when the dump still has as many.
 */
import type { Article } from "../model/index.ts";
import { contentId } from "./identity.ts";
import { recordParagraphs, type Capture } from "./records.ts";
import { compareStrings } from "./text.ts";

/** For each capture (by index), the id of the record of its dump's earlier version it re-derives. */
export function matchPredecessors(captures: readonly Capture[], predecessors: readonly Article[]): Map<number, string> {
  const out = new Map<number, string>();
  if (predecessors.length === 0) return out;
  const claimed = new Set<string>();
  const claim = (capture: number, id: string | undefined): boolean => {
    if (id === undefined || claimed.has(id) || out.has(capture)) return false;
    claimed.add(id);
    out.set(capture, id);
    return true;
  };

  const byText = new Map<string, string>();
  const byPlace = new Map<string, string>();
  /** Per dump name, the predecessors' sources in line order: places in the earlier version. */
  const order = new Map<string, { start: number; id: string }[]>();
  for (const article of [...predecessors].sort((a, b) => compareStrings(a.id, b.id))) {
    const key = contentId(article.headline, article.body.split("\n\n"));
    if (!byText.has(key)) byText.set(key, article.id);
    for (const source of article.sources) {
      const place = `${source.dump}\n${source.lines[0]}-${source.lines[1]}`;
      if (!byPlace.has(place)) byPlace.set(place, article.id);
      const list = order.get(source.dump) ?? [];
      list.push({ start: source.lines[0], id: article.id });
      order.set(source.dump, list);
    }
  }

  captures.forEach((capture, i) => {
    claim(i, byText.get(contentId(capture.article.headline, recordParagraphs(capture.article))));
  });
  captures.forEach((capture, i) => {
    claim(i, byPlace.get(`${capture.dump.name}\n${capture.lines[0]}-${capture.lines[1]}`));
  });
  const capturesByDump = new Map<string, number[]>();
  captures.forEach((capture, i) => {
    const list = capturesByDump.get(capture.dump.name) ?? [];
    list.push(i);
    capturesByDump.set(capture.dump.name, list);
  });
  for (const [dump, indices] of capturesByDump) {
    const earlier = (order.get(dump) ?? []).sort((a, b) => a.start - b.start || compareStrings(a.id, b.id));
    if (earlier.length !== indices.length) continue;
    indices.forEach((capture, k) => claim(capture, earlier[k]!.id));
  }
  return out;
}
