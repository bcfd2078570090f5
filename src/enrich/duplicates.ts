/**
 * Finds captures of the same story: exact copies, the same text with different debris, and
 * syndicated copies across outlets. Each text becomes a set of word 5-shingles, summarised by a
 * MinHash signature built with one-permutation hashing (one hash per shingle, not one per
 * shingle per permutation); locality-sensitive hashing over bands of the signature proposes
 * candidate pairs, and the estimated similarity confirms them. Work grows with the number of
 * texts, not with the number of pairs: no all-pairs comparison, even over a large archive.
 */
import { createHash } from "node:crypto";
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
  /**
   * The text as one string, for the cache key (default: headline and body joined). Callers that
   * hold it already save the join, and can make two forms of one text (a capture's paragraphs,
   * a record's Markdown body) share their cache entry.
   */
  cacheText?: string;
  /** The cache key, when the caller knows it already (`summaryKey(cacheText)`): the text is then not needed on a hit. */
  cacheKey?: string;
}

/** The key under which the summary of a text is cached. */
export function summaryKey(cacheText: string): string {
  return sha256Hex(cacheText).slice(0, 32);
}

/**
 * `summaryKey` of a headline, NUL and a body, without joining them: the join of a long body is
 * a copy of it, and hashing a joined string makes one.
 */
export function summaryKeyOfParts(headline: string, body: string): string {
  return createHash("sha256").update(headline).update("\u0000").update(body).digest("hex").slice(0, 32);
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
  headlineKey: string;
}
export type SummaryCache = Map<string, CachedSummary>;

/**
 * Groups texts that are captures of the same story. Returns groups of indices into `texts`, each
 * sorted ascending, groups ordered by their first index; every index is in exactly one group.
 * Texts from `existingFrom` on are the archive's existing records: they are compared with the
 * texts before them only, never with each other (they were grouped when they arrived), so adding
 * a few texts to a large archive costs a look-up per existing text, not a regrouping.
 */
export function groupDuplicates(texts: readonly DuplicateInput[], cache?: SummaryCache, existingFrom: number = texts.length): number[][] {
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

  const buckets = new Map<string | number, number[]>();
  for (let index = 0; index < Math.min(existingFrom, texts.length); index++) {
    for (const key of bucketKeys(summaries[index]!)) {
      const bucket = buckets.get(key);
      if (bucket) bucket.push(index);
      else buckets.set(key, [index]);
    }
  }
  for (const bucket of buckets.values()) {
    // Each member against the first and against its predecessor: linear in the bucket's size,
    // and enough for union-find to join a bucket of copies into one group.
    for (let k = 1; k < bucket.length; k++) {
      confirm(bucket[0]!, bucket[k]!);
      if (k > 1) confirm(bucket[k - 1]!, bucket[k]!);
    }
  }
  for (let index = existingFrom; index < texts.length; index++) {
    for (const key of bucketKeys(summaries[index]!)) {
      const bucket = buckets.get(key);
      if (!bucket) continue;
      for (const other of bucket.length > MAX_EXISTING_COMPARISONS ? bucket.slice(0, MAX_EXISTING_COMPARISONS) : bucket) confirm(other, index);
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

/** An existing text is compared with at most this many new texts per bucket it falls in. */
const MAX_EXISTING_COMPARISONS = 16;

/**
 * The LSH buckets a text falls in: its exact text, each band of its signature, its headline.
 * Band keys are numbers (band and a hash of its rows): cheap to make and to look up.
 */
function bucketKeys(summary: Summary): (string | number)[] {
  const keys: (string | number)[] = [];
  if (summary.exactKey) keys.push(`x:${summary.exactKey}`);
  if (summary.shingles >= MIN_SHINGLES) {
    const { signature } = summary;
    for (let band = 0; band < BANDS; band++) {
      let hash = 0x811c9dc5;
      for (let row = band * ROWS; row < band * ROWS + ROWS; row++) hash = mix32(Math.imul(hash ^ signature[row]!, 0x01000193));
      // A second, independent hash of the rows (16 bits: the key stays an exact integer), so that
      // different bands rarely share a key; a shared key only costs a comparison.
      let check = 0x9e3779b9;
      for (let row = band * ROWS; row < band * ROWS + ROWS; row++) check = Math.imul(check ^ signature[row]!, 0x85ebca6b) >>> 0;
      keys.push((hash * BANDS + band) * 0x10000 + (check & 0xffff));
    }
    // Same headline proposes a pair too: a truncated capture shares few bands with the full text.
    if (summary.headlineKey) keys.push(`h:${summary.headlineKey}`);
  }
  return keys;
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

/** The summary of a text, from `cache` or computed and kept there: hashing the text is much cheaper than tokenising and shingling it. */
export function cachedSummary(text: DuplicateInput, cache: SummaryCache): CachedSummary {
  const key = text.cacheKey ?? summaryKey(text.cacheText ?? `${text.headline}\u0000${text.body.join("\n")}`);
  const hit = cache.get(key);
  if (hit) return hit;
  const summary = summarise(text);
  cache.set(key, summary);
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
