/**
 * Finds captures of the same story: exact copies, the same text with different debris, and
 * syndicated copies across outlets. Each text becomes a set of word 5-shingles, summarised by a
 * MinHash signature built with one-permutation hashing (one hash per shingle, not one per
 * shingle per permutation); locality-sensitive hashing over bands of the signature proposes
 * candidate pairs, and the estimated similarity confirms them. Work grows with the number of
 * texts, not with the number of pairs: no all-pairs comparison, even over a large archive.
 */
import { foldedTokens, fnv1a, mix32, nameKey, sha256Hex } from "./text.ts";

/** Words per shingle. */
const SHINGLE = 5;
/** Signature length (bins of one-permutation hashing); BANDS × ROWS. */
const BINS = 64;
const BANDS = 16;
const ROWS = 4;
/** Texts with fewer shingles than this match only exactly (headline and body). */
const MIN_SHINGLES = 12;
/**
 * Under different headlines, texts must be at least this long to be called one story: a site's
 * boilerplate that a parser mistook for the body (a cookie notice, a teaser line) is short and
 * the same under every headline, while a syndicated story is long.
 */
const MIN_SHINGLES_OTHER_HEADLINE = 40;
/** Estimated Jaccard similarity above which two texts are the same story. */
const SAME_STORY = 0.7;
/** Same headline and the shorter text this much contained in the longer: a truncated capture. */
const SAME_HEADLINE_CONTAINMENT = 0.8;

export interface DuplicateInput {
  headline: string;
  body: readonly string[];
}

interface Summary {
  signature: Uint32Array;
  shingles: number;
  exactKey: string;
  headlineKey: string;
}

/** What a text's summary costs to compute, by the sha256 of the text: a caller may keep it on disk. */
export interface CachedSummary {
  signature: Uint32Array;
  shingles: number;
  exactKey: string;
}
export type SummaryCache = Map<string, CachedSummary>;

/**
 * Groups texts that are captures of the same story. Returns groups of indices into `texts`, each
 * sorted ascending, groups ordered by their first index; every index is in exactly one group.
 */
export function groupDuplicates(texts: readonly DuplicateInput[], cache?: SummaryCache): number[][] {
  const summaries = texts.map((text) => (cache ? cachedSummary(text, cache) : summarise(text)));
  const parent = texts.map((_, index) => index);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const confirm = (a: number, b: number): void => {
    if (find(a) !== find(b) && sameStory(summaries[a]!, summaries[b]!)) union(a, b);
  };

  const buckets = new Map<string, number[]>();
  const add = (key: string, index: number): void => {
    const bucket = buckets.get(key);
    if (bucket) bucket.push(index);
    else buckets.set(key, [index]);
  };
  summaries.forEach((summary, index) => {
    if (summary.exactKey) add(`x:${summary.exactKey}`, index);
    if (summary.shingles >= MIN_SHINGLES) {
      for (let band = 0; band < BANDS; band++) {
        add(`b${band}:${Array.from(summary.signature.subarray(band * ROWS, band * ROWS + ROWS)).join(",")}`, index);
      }
      // Same headline proposes a pair too: a truncated capture shares few bands with the full text.
      if (summary.headlineKey) add(`h:${summary.headlineKey}`, index);
    }
  });
  for (const bucket of buckets.values()) {
    // Each member against the first and against its predecessor: linear in the bucket's size,
    // and enough for union-find to join a bucket of copies into one group.
    for (let k = 1; k < bucket.length; k++) {
      confirm(bucket[0]!, bucket[k]!);
      if (k > 1) confirm(bucket[k - 1]!, bucket[k]!);
    }
  }

  const groups = new Map<number, number[]>();
  texts.forEach((_, index) => {
    const root = find(index);
    const group = groups.get(root);
    if (group) group.push(index);
    else groups.set(root, [index]);
  });
  return [...groups.values()].sort((a, b) => a[0]! - b[0]!);
}

/** Estimated Jaccard similarity of two summaries' shingle sets (exposed for tests). */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < BINS; i++) if (a[i] === b[i]) same++;
  return same / BINS;
}

function sameStory(a: Summary, b: Summary): boolean {
  if (a.exactKey && a.exactKey === b.exactKey) return true;
  if (a.shingles < MIN_SHINGLES || b.shingles < MIN_SHINGLES) return false;
  const jaccard = estimatedJaccard(a.signature, b.signature);
  const sameHeadline = a.headlineKey !== "" && a.headlineKey === b.headlineKey;
  if (!sameHeadline && Math.min(a.shingles, b.shingles) < MIN_SHINGLES_OTHER_HEADLINE) return false;
  if (jaccard >= SAME_STORY) return true;
  if (sameHeadline) {
    // |A ∩ B| = J (|A| + |B|) / (1 + J); containment of the smaller in the larger.
    const intersection = (jaccard * (a.shingles + b.shingles)) / (1 + jaccard);
    return intersection / Math.min(a.shingles, b.shingles) >= SAME_HEADLINE_CONTAINMENT;
  }
  return false;
}

/** Hashing the text is much cheaper than tokenising and shingling it. */
function cachedSummary(text: DuplicateInput, cache: SummaryCache): Summary {
  const key = sha256Hex(`${text.headline}\u0000${text.body.join("\n")}`).slice(0, 32);
  const hit = cache.get(key);
  if (hit) return { ...hit, headlineKey: nameKey(text.headline) };
  const summary = summarise(text);
  cache.set(key, { signature: summary.signature, shingles: summary.shingles, exactKey: summary.exactKey });
  return summary;
}

function summarise(text: DuplicateInput): Summary {
  const tokens = foldedTokens(text.body.join(" "));
  const body = tokens.join(" ");
  const headlineKey = nameKey(text.headline);
  const signature = new Uint32Array(BINS).fill(0xffffffff);
  const filled = new Uint8Array(BINS);
  const tokenHashes = tokens.map(fnv1a);
  // Shingle positions stand for distinct shingles: repeats within one text are rare in prose.
  const shingles = Math.max(0, tokenHashes.length - SHINGLE + 1);
  for (let i = 0; i < shingles; i++) {
    let hash = 0x9747b28c;
    for (let k = 0; k < SHINGLE; k++) hash = Math.imul(hash ^ tokenHashes[i + k]!, 0x01000193) + k;
    hash = mix32(hash);
    const bin = hash % BINS;
    const value = mix32(hash ^ 0x5bd1e995);
    if (value < signature[bin]!) signature[bin] = value;
    filled[bin] = 1;
  }
  densify(signature, filled);
  return {
    signature,
    shingles,
    // A digest, not the text: bucket keys stay small over a large archive.
    exactKey: body ? sha256Hex(`${headlineKey}\u0000${body}`) : "",
    headlineKey,
  };
}

/** Fills empty bins from the next filled bin (rotation densification), so short texts still compare. */
function densify(signature: Uint32Array, filled: Uint8Array): void {
  if (!filled.includes(1)) return;
  for (let i = 0; i < BINS; i++) {
    if (filled[i]) continue;
    let j = (i + 1) % BINS;
    let step = 1;
    while (!filled[j]) {
      j = (j + 1) % BINS;
      step++;
    }
    // Mixing in the distance keeps two densified bins from agreeing by construction alone.
    signature[i] = mix32(signature[j]! + step * 0x9e3779b1);
  }
}
