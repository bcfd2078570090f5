/**
 * Named entities (people, places, organisations) in English text, found with compromise, as
 * candidate topics. compromise is slow (about 10 µs per character, and a second to load), so it
 * reads only the headline and the lead sentence, ENTITY_TEXT_LIMIT characters at most, and only
 * when a cheap pre-filter finds a candidate there: a capitalised word that does not open its
 * sentence and is not a word of a known topic's name (the curated matcher finds those anyway).
 * A news story names what it is about in its lead; how often a name found there recurs in the
 * whole body is counted by plain matching (topics/assign.ts), which is cheap. A name that only
 * appears further down is not discovered. compromise is loaded on first use, so commands that
 * never discover topics do not pay for it.
 */
import { createRequire } from "node:module";
import type { TopicKind } from "../../model/index.ts";
import { fold, normaliseSpace } from "../text.ts";

/** compromise's entry point, typed as far as we use it. */
type Nlp = typeof import("compromise").default;

let loaded: Nlp | undefined;
/** compromise, required on first use (its CommonJS build: loading it synchronously keeps the callers synchronous). */
function nlp(text: string): ReturnType<Nlp> {
  loaded ??= createRequire(import.meta.url)("compromise") as Nlp;
  return loaded(text);
}

/** Characters of headline + lead sentence handed to compromise per article. */
export const ENTITY_TEXT_LIMIT = 320;

export interface EntityMention {
  /** The name as written, cleaned: no title, possessive or trailing punctuation. */
  name: string;
  kind: TopicKind;
  inHeadline: boolean;
  /** Relative position in the text read, 0..1. */
  position: number;
}

interface TermJson {
  text: string;
  pre?: string;
  post?: string;
  tags?: string[];
}

interface MatchJson {
  terms: TermJson[];
  offset?: { start: number };
}

/** Titles that precede names without being part of them. */
const TITLES = new Set([
  "president", "vice", "prime", "minister", "foreign", "sheikh", "shaikh", "mr", "mrs", "ms", "dr", "prof",
  "professor", "king", "queen", "prince", "princess", "general", "gen", "col", "colonel", "lt", "captain", "capt",
  "ayatollah", "senator", "sen", "rep", "pope", "chancellor", "spokesman", "spokeswoman", "imam", "judge", "sir",
  "lord", "dame", "commander", "sgt", "sergeant", "gov", "governor", "mayor", "secretary", "chairman", "ceo",
]);
/** Lower-case words allowed inside a proper name ("Bank of England", "Hassan al-Sari"). */
const CONNECTORS = new Set(["of", "the", "al", "el", "bin", "ibn", "de", "du", "des", "la", "le", "von", "van", "der", "for", "and", "y", "da", "di"]);

/** Capitalised words that are not names: they do not make a sentence worth reading. */
const NOT_NAMES = new Set([
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
  "april", "may", "june", "july", "august", "september", "october", "november", "december", "i",
]);

/** Words around the candidate names of the lead that compromise reads: context enough to tell a person from a place. */
const CONTEXT_WORDS = 3;

/**
 * The text compromise reads for an article: its lead sentence (the first sentence of the first
 * paragraph) from a few words before its first candidate name to a few words after its last,
 * after the headline when the headline is in sentence case and names a candidate itself (a
 * headline that capitalises every word says nothing by its capitals, and a news lead repeats
 * the names that matter; counting in the headline is done by plain matching). At most
 * ENTITY_TEXT_LIMIT characters; "" when the pre-filter finds no candidate name at all.
 * `knownWords` are the folded words of known names (topics, outlets).
 */
export function entityText(
  headline: string,
  paragraphs: readonly string[],
  knownWords: ReadonlySet<string> = new Set(),
): { text: string; headlineEnd: number } {
  const title = normaliseSpace(headline);
  const first = normaliseSpace(paragraphs.find((p) => p.trim().length > 0) ?? "");
  const lead = first.split(/(?<=[.!?…]["”’)]?)\s+(?=["“‘(]?\p{Lu})/u)[0] ?? "";
  const inTitle = !isTitleCase(title) && candidateSpan(title, knownWords) !== null;
  const span = candidateSpan(lead, knownWords);
  if (!inTitle && !span) return { text: "", headlineEnd: 0 };
  const head = inTitle ? `${title}.\n\n` : "";
  const body = span ? lead.slice(span[0], span[1]) : "";
  const text = `${head}${body}`.slice(0, ENTITY_TEXT_LIMIT);
  // Cut at a word boundary: half a name is worse than none.
  const whole = text.length < head.length + body.length ? text.replace(/\s+\S*$/u, "") : text;
  return { text: `${whole.trimEnd()}\n\n`, headlineEnd: head.length };
}

/**
 * Where a sentence names candidates: from CONTEXT_WORDS words before the first capitalised word
 * that neither opens the sentence (or a clause after a dash or colon) nor is known, to
 * CONTEXT_WORDS words after the last; null when there is none.
 */
function candidateSpan(sentence: string, knownWords: ReadonlySet<string>): [number, number] | null {
  const words = [...sentence.matchAll(/[\p{L}\p{N}]+/gu)];
  let from = -1;
  let to = -1;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]![0];
    const initial = word[0]!;
    if (initial === initial.toLowerCase()) continue;
    const before = sentence.slice(words[i - 1]!.index + words[i - 1]![0].length, words[i]!.index);
    if (/[~—–:]|\s-\s/u.test(before)) continue;
    const folded = fold(word);
    if (knownWords.has(folded) || NOT_NAMES.has(folded)) continue;
    if (from < 0) from = i;
    to = i;
  }
  if (from < 0) return null;
  const start = words[Math.max(0, from - CONTEXT_WORDS)]!.index;
  const last = words[Math.min(words.length - 1, to + CONTEXT_WORDS)]!;
  // Keep the punctuation that follows: "Washington’s", "al-Sari," tell compromise where names end.
  const end = sentence.slice(last.index + last[0].length).match(/^[^\s]*/u)![0].length + last.index + last[0].length;
  return [start, end];
}

/** A headline that capitalises (almost) every word: its capitals say nothing about names. */
function isTitleCase(headline: string): boolean {
  const all = (headline.match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length > 3);
  if (all.length === 0) return false;
  const capitalised = all.filter((word) => word[0]! !== word[0]!.toLowerCase()).length;
  return capitalised >= all.length * 0.8;
}

/** Named entities of an English article (headline + opening), in reading order. */
export function findEntities(headline: string, paragraphs: readonly string[], knownWords?: ReadonlySet<string>): EntityMention[] {
  const { text, headlineEnd } = entityText(headline, paragraphs, knownWords);
  return entitiesIn(text, headlineEnd);
}

/** Named entities in a text prepared by `entityText`. */
export function entitiesIn(text: string, headlineEnd: number): EntityMention[] {
  if (text.trim() === "") return [];
  const doc = nlp(text);
  const out: EntityMention[] = [];
  const groups: [TopicKind, MatchJson[]][] = [
    ["person", doc.people().json({ offset: true }) as MatchJson[]],
    ["place", doc.places().json({ offset: true }) as MatchJson[]],
    ["organisation", doc.organizations().json({ offset: true }) as MatchJson[]],
  ];
  for (const [kind, matches] of groups) {
    for (const match of matches) {
      const start = match.offset?.start ?? 0;
      for (const name of splitNames(match.terms, kind)) {
        out.push({ name, kind, inHeadline: start < headlineEnd, position: Math.min(1, start / Math.max(1, text.length)) });
      }
    }
  }
  return out.sort((a, b) => a.position - b.position);
}

/** Splits a match at commas and "and" ("Russia, Syria, Iran") and cleans each name. */
function splitNames(terms: readonly TermJson[], kind: TopicKind): string[] {
  const names: string[] = [];
  let current: TermJson[] = [];
  const flush = (): void => {
    const name = cleanName(current, kind);
    if (name) names.push(name);
    current = [];
  };
  for (const term of terms) {
    if (term.text.toLowerCase() === "and" && kind === "place") {
      flush();
      continue;
    }
    current.push(term);
    if (/[,;:()[\]“”"]/.test(term.post ?? "")) flush();
  }
  flush();
  return names;
}

function cleanName(terms: readonly TermJson[], kind: TopicKind): string | null {
  const words = terms
    .map((term) => ({
      text: term.text.replace(/(?:['’]s|['’])$/u, "").replace(/[^\p{L}\p{N}]+$/u, "").replace(/^[^\p{L}\p{N}]+/u, ""),
      // compromise splits "al-Sari" into two terms; the hyphen is kept in the name.
      hyphen: (term.post ?? "").trim() === "-",
    }))
    .filter((word) => word.text.length > 0);
  // Titles lead people's names: "President Vladimir Putin" is Vladimir Putin.
  while (kind === "person" && words.length > 1 && TITLES.has(words[0]!.text.toLowerCase().replace(/\.$/, ""))) words.shift();
  if (words[0]?.text.toLowerCase() === "the") words.shift();
  if (words.length === 0 || words.length > 6) return null;
  // A proper name: every word capitalised, except connectors such as "of" and "al".
  const proper = words.every(({ text, hyphen }, index) => {
    if ((index > 0 || hyphen) && CONNECTORS.has(text.toLowerCase())) return true;
    const first = text[0] ?? "";
    return first !== first.toLowerCase();
  });
  if (!proper) return null;
  const name = words.map((word, index) => word.text + (index < words.length - 1 ? (word.hyphen ? "-" : " ") : "")).join("");
  if (name.replace(/[^\p{L}]/gu, "").length < 3) return null;
  return name;
}
