import { readFileSync, readdirSync } from "node:fs";
import { codeAt, isNfkcStable, isSpace } from "./chars.ts";

/**
 * The parser's vocabularies: debris phrases, byline and dateline markers, month names, "related"
 * markers … one JSON file per language in ./vocab. Adding a language is adding a file; nothing
 * here names a language. All lists are merged, because pages mix languages (an English share bar
 * on a German article) and the parser matches phrases, not languages.
 */
export interface VocabFile {
  language: string;
  months: Record<string, number>;
  bylineMarkers: string[];
  bylineDesks: string[];
  sourceMarkers: string[];
  relatedMarkers: string[];
  inlineRelatedMarkers: string[];
  commentMarkers: string[];
  debris: string[];
  debrisStarts: string[];
  captionMarkers: string[];
  corporateSuffixes: string[];
  weekdays: string[];
  updatedMarkers: string[];
  publishedMarkers: string[];
  endMarkers: string[];
  /** Labels that mark an item as an advertisement ("Sponsored", "Anzeige"). */
  adMarkers: string[];
  /** Lower-case words inside names: "al-", "de", "van", "von". */
  nameParticles: string[];
  /** Contributors credited for these roles did not write the story: "(photography)". */
  nonWritingRoles: string[];
  /** Roles that annotate the writer and are dropped from a byline: "(reporting)". */
  writingRoles: string[];
  /** Phrases that make a line a copyright line anywhere in it: "All rights reserved". */
  copyrightMarkers: string[];
  /** Words that join names in a byline: "and", "und", "et". */
  conjunctions: string[];
  /** Role nouns of an author's bio line, matched as word starts: "journalist", "Redakteur". */
  authorRoles?: string[];
  /** Verbs between a name and a role: "is" ("Jane Doe is a reporter …"), "est", "ist". */
  authorVerbs?: string[];
  /** Headings of the site's lists of popular stories ("Most read"): links, but not related to the article. */
  popularMarkers?: string[];
  /** Words of a newsletter box's pitch ("… sent to your inbox"), looked for anywhere in a short text. */
  promoPhrases?: string[];
}

/** Phrase lists compiled once into anchored patterns: one regex test per line instead of a loop. */
export interface PhrasePatterns {
  /** The line starts with one of the phrases (as a whole word). */
  starts: RegExp;
  /** The line contains one of the phrases. */
  contains: RegExp;
}

export interface Vocabulary {
  languages: string[];
  patterns: {
    related: PhrasePatterns;
    source: PhrasePatterns;
    /** "All rights reserved", "版权所有": copyright phrases anywhere in a line. */
    copyright: PhrasePatterns;
    /** "Published", "Posted", "配信": words that make a line with a time on it a date line. */
    published: PhrasePatterns;
    /** Byline markers ("by", "von", "作者") and desk credits, to turn most lines away before parsing them. */
    byline: PhrasePatterns;
    debrisStarts: PhrasePatterns;
    caption: PhrasePatterns;
    /** Caption markers of six characters or more, looked for anywhere ("…/AFP/Getty Images"). */
    captionInside: PhrasePatterns;
    /** "Sign up", "your inbox", "suscríbete": a newsletter box's pitch. */
    promo: PhrasePatterns;
  };
  /** "Most read", "Lo más leído": headings of lists of popular stories. */
  popularMarkers: Set<string>;
  months: Map<string, number>;
  bylineMarkers: string[];
  bylineDesks: Set<string>;
  sourceMarkers: string[];
  relatedMarkers: Set<string>;
  inlineRelatedMarkers: string[];
  commentMarkers: Set<string>;
  debris: Set<string>;
  debrisStarts: string[];
  captionMarkers: string[];
  corporateSuffixes: string[];
  weekdays: Set<string>;
  updatedMarkers: string[];
  endMarkers: Set<string>;
  adMarkers: string[];
  publishedMarkers: string[];
  nameParticles: Set<string>;
  nonWritingRoles: Set<string>;
  writingRoles: Set<string>;
  copyrightMarkers: string[];
  conjunctions: string[];
  /** " and ", " und ", " et " between names. */
  nameJoiner: RegExp;
  /** "Kommentare (3)", "Comments 12": a comment marker with a count. */
  commentCount: RegExp;
  /** "2 thoughts on “…”", "14 responses to …": a count, a comment marker and the post's title, heading a thread. */
  commentCountFirst: RegExp;
  /** "941 comments", "30Comments. Click to view comments": a count of comments inside a line. */
  commentCountInside: RegExp;
  /** Patterns of a line about the article's author (see isAuthorBio). */
  authorBio: {
    /** On a key: a role, then a short link word or a comma ("journaliste au Monde", "reporter at …"). */
    roleFirst: RegExp;
    /** On the lower-cased text after a name: ", journaliste", " is a senior reporter", " ist Redakteur". */
    afterName: RegExp;
    /** On the text: a person's name at the start (capitalised words and name particles). */
    name: RegExp;
  };
}

const listKeys = [
  "bylineMarkers", "bylineDesks", "sourceMarkers", "relatedMarkers", "inlineRelatedMarkers", "commentMarkers",
  "debris", "debrisStarts", "captionMarkers", "corporateSuffixes", "weekdays", "updatedMarkers", "publishedMarkers",
  "endMarkers", "adMarkers", "nameParticles", "nonWritingRoles", "writingRoles", "copyrightMarkers", "conjunctions",
] as const;

/** Lists a file may leave out (added after the first vocabularies were written). */
const optionalListKeys = ["authorRoles", "authorVerbs", "popularMarkers", "promoPhrases"] as const;

function checkFile(name: string, value: unknown): VocabFile {
  if (typeof value !== "object" || value === null) throw new TypeError(`vocabulary ${name}: not an object`);
  const record = value as Record<string, unknown>;
  for (const key of listKeys) {
    const list = record[key];
    if (!Array.isArray(list) || !list.every((x) => typeof x === "string")) {
      throw new TypeError(`vocabulary ${name}: "${key}" must be a list of strings`);
    }
  }
  for (const key of optionalListKeys) {
    const list = record[key];
    if (list !== undefined && (!Array.isArray(list) || !list.every((x) => typeof x === "string"))) {
      throw new TypeError(`vocabulary ${name}: "${key}" must be a list of strings`);
    }
  }
  if (typeof record["months"] !== "object" || record["months"] === null) {
    throw new TypeError(`vocabulary ${name}: "months" must map names to month numbers`);
  }
  return value as VocabFile;
}

/** Lower-cases and collapses whitespace: the form every phrase is compared in. */
export function phraseKey(text: string): string {
  // Plain ASCII needs no Unicode normalisation.
  const normal = isNfkcStable(text) ? text : text.normalize("NFKC");
  // Only runs of spaces and other white space change: most keys have neither and stay as they are.
  const lower = normal.toLowerCase();
  return looseSpacing(lower) ? lower.replace(/\s{2,}|[^\S ]/g, " ").trim() : lower;
}

/**
 * Whether text holds white space other than single spaces between words: what phraseKey's
 * replace and trim would change. Most keys hold none, and a scan costs less than the two calls.
 */
function looseSpacing(text: string): boolean {
  const length = text.length;
  if (length === 0) return false;
  if (isSpace(codeAt(text, 0)) || isSpace(codeAt(text, length - 1))) return true;
  let spaceBefore = false;
  for (let k = 0; k < length; k++) {
    const c = codeAt(text, k);
    if (c === 32) {
      if (spaceBefore) return true;
      spaceBefore = true;
    } else if (isSpace(c)) return true;
    else spaceBefore = false;
  }
  return false;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Compiles phrases into patterns; a phrase ending in a letter must end a word ("ad" ≠ "adapt"). */
export function phrasePatterns(phrases: readonly string[]): PhrasePatterns {
  if (phrases.length === 0) return { starts: /(?!)/u, contains: /(?!)/u };
  const alternation = [...phrases].sort((a, b) => b.length - a.length).map(escapeRe).join("|");
  const end = "(?:(?<![\\p{L}\\p{N}])|(?![\\p{L}\\p{N}]))";
  return { starts: new RegExp(`^(?:${alternation})${end}`, "u"), contains: new RegExp(`(?:${alternation})`, "u") };
}

/** Merges vocabulary files into one lookup structure; longer phrases first where order matters. */
export function buildVocabulary(files: VocabFile[]): Vocabulary {
  const all = (key: (typeof listKeys)[number] | (typeof optionalListKeys)[number]): string[] => [
    ...new Set(files.flatMap((f) => (f[key] ?? []).map(phraseKey)).filter((s) => s.length > 0)),
  ];
  const longestFirst = (xs: string[]): string[] => xs.sort((a, b) => b.length - a.length);
  const alternation = (xs: string[]): string => longestFirst(xs).map(escapeRe).join("|") || "(?!)";
  const roles = alternation(all("authorRoles"));
  const particles = alternation(all("nameParticles"));
  const months = new Map<string, number>();
  for (const f of files) for (const [name, n] of Object.entries(f.months)) months.set(phraseKey(name), n);
  const related = all("relatedMarkers");
  const caption = all("captionMarkers");
  return {
    languages: files.map((f) => f.language),
    patterns: {
      related: phrasePatterns(related),
      source: phrasePatterns(all("sourceMarkers")),
      copyright: phrasePatterns(all("copyrightMarkers")),
      published: phrasePatterns([...all("publishedMarkers"), ...all("updatedMarkers")]),
      byline: phrasePatterns([...all("bylineMarkers"), ...all("bylineDesks")]),
      debrisStarts: phrasePatterns(all("debrisStarts")),
      caption: phrasePatterns(caption),
      captionInside: phrasePatterns(caption.filter((m) => m.length >= 6)),
      promo: phrasePatterns(all("promoPhrases")),
    },
    popularMarkers: new Set(all("popularMarkers")),
    months,
    bylineMarkers: longestFirst(all("bylineMarkers")),
    bylineDesks: new Set(all("bylineDesks")),
    sourceMarkers: longestFirst(all("sourceMarkers")),
    relatedMarkers: new Set(all("relatedMarkers")),
    inlineRelatedMarkers: longestFirst(all("inlineRelatedMarkers")),
    commentMarkers: new Set(all("commentMarkers")),
    debris: new Set(all("debris")),
    debrisStarts: longestFirst(all("debrisStarts")),
    captionMarkers: longestFirst(all("captionMarkers")),
    corporateSuffixes: longestFirst(all("corporateSuffixes")),
    weekdays: new Set(all("weekdays")),
    updatedMarkers: longestFirst(all("updatedMarkers")),
    endMarkers: new Set(all("endMarkers")),
    adMarkers: longestFirst(all("adMarkers")),
    publishedMarkers: longestFirst([...all("publishedMarkers"), ...all("updatedMarkers")]),
    nameParticles: new Set(all("nameParticles")),
    nonWritingRoles: new Set(all("nonWritingRoles")),
    writingRoles: new Set(all("writingRoles")),
    copyrightMarkers: all("copyrightMarkers"),
    conjunctions: all("conjunctions"),
    nameJoiner: new RegExp(`(\\s+(?:${all("conjunctions").map(escapeRe).join("|") || "(?!)"})\\s+)(?=\\p{Lu})`, "u"),
    commentCountInside: new RegExp(`\\d\\s*(?:${longestFirst(all("commentMarkers")).map(escapeRe).join("|") || "(?!)"})`, "u"),
    authorBio: {
      roleFirst: new RegExp(`^(?:${roles})\\p{L}*(?:\\s*,|\\s+\\p{Ll}{1,4}\\s)`, "u"),
      afterName: new RegExp(`^(?:\\s*,\\s*|\\s+(?:${alternation(all("authorVerbs"))})\\s+)(?:[^\\s,.;:]+\\s+){0,5}?(?:${roles})`, "u"),
      name: new RegExp(`^\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:\\p{Lu}[\\p{L}'’.-]*|(?:${particles})(?=\\s))){1,3}`, "u"),
    },
    commentCountFirst: new RegExp(`^\\d+\\s+(?:${longestFirst(all("commentMarkers")).map(escapeRe).join("|") || "(?!)"})\\s+\\S`, "u"),
    commentCount: new RegExp(`^(?:${longestFirst(all("commentMarkers")).map(escapeRe).join("|") || "(?!)"})\\s*\\(?\\d`, "u"),
  };
}

function loadBundled(): Vocabulary {
  const dir = new URL("./vocab/", import.meta.url);
  const names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  return buildVocabulary(names.map((n) => checkFile(n, JSON.parse(readFileSync(new URL(n, dir), "utf8")))));
}

let bundled: Vocabulary | undefined;

/** The vocabularies shipped in src/parse/vocab, loaded once. */
export function defaultVocabulary(): Vocabulary {
  bundled ??= loadBundled();
  return bundled;
}
