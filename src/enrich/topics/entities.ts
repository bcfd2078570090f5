/**
 * Named entities (people, places, organisations) in English text, found with compromise, as
 * candidate topics. compromise is slow (about 6 ms per 1,000 characters: minutes over a large
 * archive), so it reads only the headline and the sentences of the opening paragraphs that may
 * name someone new, ENTITY_TEXT_LIMIT characters at most: a news story names what it is about
 * early. How often a name found there recurs in the whole body is counted by plain matching
 * (topics/assign.ts), which is cheap. A name that only appears further down is not discovered.
 */
import nlp from "compromise";
import type { TopicKind } from "../../model/index.ts";
import { fold, normaliseSpace } from "../text.ts";

/** Characters of headline + opening paragraphs handed to compromise per article. */
export const ENTITY_TEXT_LIMIT = 800;

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

/** How many opening paragraphs sentences are taken from. */
const ENTITY_PARAGRAPHS = 6;

/**
 * The text compromise reads for an article: its headline, then the sentences of its opening
 * paragraphs that may name someone new, up to ENTITY_TEXT_LIMIT characters. A sentence may name
 * someone new when a word other than its first is capitalised and is not one of `knownWords`
 * (the words of curated topic names, which the curated matcher finds anyway).
 */
export function entityText(
  headline: string,
  paragraphs: readonly string[],
  knownWords: ReadonlySet<string> = new Set(),
): { text: string; headlineEnd: number } {
  let text = `${normaliseSpace(headline)}.\n\n`;
  const headlineEnd = text.length;
  for (const paragraph of paragraphs.slice(0, ENTITY_PARAGRAPHS)) {
    for (const sentence of normaliseSpace(paragraph).split(/(?<=[.!?…]["”’)]?)\s+(?=["“‘(]?\p{Lu})/u)) {
      if (!mayNameSomeone(sentence, knownWords)) continue;
      if (text.length + sentence.length > ENTITY_TEXT_LIMIT) return { text, headlineEnd };
      text += `${sentence} `;
    }
    text = `${text.trimEnd()}\n\n`;
  }
  return { text, headlineEnd };
}

function mayNameSomeone(sentence: string, knownWords: ReadonlySet<string>): boolean {
  const words = sentence.match(/[\p{L}\p{N}]+/gu) ?? [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const first = word[0]!;
    if (first === first.toLowerCase() || word === "I") continue;
    if (!knownWords.has(fold(word))) return true;
  }
  return false;
}

/** Named entities of an English article (headline + opening), in reading order. */
export function findEntities(headline: string, paragraphs: readonly string[], knownWords?: ReadonlySet<string>): EntityMention[] {
  const { text, headlineEnd } = entityText(headline, paragraphs, knownWords);
  return entitiesIn(text, headlineEnd);
}

/** Named entities in a text prepared by `entityText`. */
export function entitiesIn(text: string, headlineEnd: number): EntityMention[] {
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
