import type { Random } from "./random.ts";

/** The glue of English sentences, most frequent first. */
export const FUNCTION_WORDS = (
  "the of and to in a that for on with as by at from was is said it its has have had were be been " +
  "will would not but an or this their which after who they also more than about over into two " +
  "against new last during under while since before between three other some all most could may"
).split(" ");

/** Common news vocabulary, roughly by frequency; the long tail is made of invented words. */
export const NEWS_WORDS = (
  "government officials people country forces military police president minister security year week " +
  "told statement report city region state attack killed group support talks agreement foreign army " +
  "spokesman ministry public leaders border troops election vote party opposition capital province " +
  "economic crisis water power health court law case million percent budget prices trade oil energy " +
  "workers union strike protest demonstrators rally council local residents village families children " +
  "school hospital doctors aid refugees camp fighting ceasefire peace meeting summit visit delegation " +
  "announced warned rejected agreed denied confirmed called urged accused reported added noted stressed " +
  "recent major senior former national international regional independent official early later " +
  "operation campaign plan policy decision measures sanctions investment bank market company deal " +
  "project road bridge port airport railway station building damage flood drought storm fire rescue " +
  "commander soldiers fighters militants weapons missile drone air strike convoy checkpoint base " +
  "negotiations envoy mediator resolution committee commission parliament constitution reform " +
  "journalists media newspaper television radio interview sources analysts experts observers " +
  "morning evening night Monday Tuesday Wednesday Thursday Friday Saturday Sunday area north south " +
  "east west central coast mountains desert river valley district town streets square market"
).split(/\s+/);

const ONSETS = ["b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v", "z", "sh", "th"];
const NUCLEI = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "ie"];
const CODAS = ["", "", "n", "r", "l", "s", "t", "m", "nd", "rk", "st"];

/** An invented word of `syllables` syllables: pronounceable, not English, so it never matches a topic by accident. */
export function inventWord(random: Random, syllables: number): string {
  let word = "";
  for (let i = 0; i < syllables; i++) word += random.pick(ONSETS) + random.pick(NUCLEI) + random.pick(CODAS);
  return word;
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * A vocabulary of `size` words ranked for Zipf sampling: function words first, then news
 * words, then invented words, so an archive has the long tail of rare words real prose has
 * (what makes a search index large).
 */
export function buildVocabulary(random: Random, size: number): string[] {
  const words = [...FUNCTION_WORDS, ...NEWS_WORDS];
  const seen = new Set(words);
  while (words.length < size) {
    const word = inventWord(random, random.int(2, 3));
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}
