/**
 * The language of an article as a BCP 47 tag. An editor's sidecar wins, then what the page
 * declared (the parser's language), then detection with franc on the headline and body.
 * franc answers in ISO 639-3; the web speaks two-letter ISO 639-1 codes where one exists.
 */
import { franc } from "franc";
import { sha256Hex } from "./text.ts";

/** ISO 639-3 → ISO 639-1 for the languages franc is allowed to answer (news languages). */
const ISO_639_3_TO_1: Readonly<Record<string, string>> = {
  eng: "en", fra: "fr", deu: "de", spa: "es", por: "pt", ita: "it", nld: "nl", swe: "sv", nob: "nb",
  nno: "nn", dan: "da", fin: "fi", pol: "pl", ces: "cs", slk: "sk", hun: "hu", ron: "ro", bul: "bg",
  hrv: "hr", srp: "sr", bos: "bs", slv: "sl", ell: "el", tur: "tr", rus: "ru", ukr: "uk", bel: "be",
  arb: "ar", ara: "ar", pes: "fa", fas: "fa", prs: "fa", urd: "ur", heb: "he", hin: "hi", ben: "bn",
  cmn: "zh", zho: "zh", jpn: "ja", kor: "ko", vie: "vi", tha: "th", ind: "id", zlm: "ms", msa: "ms",
  tgl: "tl", swh: "sw", swa: "sw", kur: "ku", ckb: "ckb", kmr: "ku", est: "et", lvs: "lv", lav: "lv",
  lit: "lt", cat: "ca", eus: "eu", glg: "gl", gle: "ga", cym: "cy", isl: "is", hye: "hy", kat: "ka",
  aze: "az", azj: "az", kaz: "kk", uzn: "uz", pus: "ps", pbu: "ps", tam: "ta", tel: "te", mar: "mr",
  afr: "af", amh: "am", som: "so", hau: "ha", yor: "yo",
};

/** The 639-3 codes franc may answer: limiting it to news languages keeps it from exotic guesses on short text. */
const ONLY = Object.keys(ISO_639_3_TO_1);

/** Characters of headline and body handed to franc: a few sentences tell a language as well as a book, and franc's cost grows with the text. */
const DETECTION_TEXT_LIMIT = 400;

/** Below this many letters detection is a guess, and we do not guess. */
const MIN_LETTERS = 40;

/** Scripts used by one language each: decisive even for short text. */
const SCRIPT_LANGUAGES: readonly [RegExp, string][] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, "ja"],
  [/\p{Script=Hangul}/u, "ko"],
  [/\p{Script=Hebrew}/u, "he"],
  [/\p{Script=Thai}/u, "th"],
  [/\p{Script=Greek}/u, "el"],
  [/\p{Script=Georgian}/u, "ka"],
  [/\p{Script=Armenian}/u, "hy"],
];

/** Right-to-left languages, for `dir="rtl"`. */
const RTL = new Set(["ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "sd", "ug"]);

/** Normalises a language tag someone gave us ("EN-us", "eng", "en_GB") to BCP 47, or null if it is not one. */
export function normaliseLanguageTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const parts = tag.trim().replace(/_/g, "-").split("-");
  const primary = parts[0]?.toLowerCase() ?? "";
  const language = ISO_639_3_TO_1[primary] ?? primary;
  if (!/^[a-z]{2,3}$/.test(language)) return null;
  const rest = parts.slice(1).map((part) => (part.length === 2 ? part.toUpperCase() : part));
  if (!rest.every((part) => /^[A-Za-z0-9]{2,8}$/.test(part))) return language;
  return [language, ...rest].join("-");
}

/** Detects the language of a text; `und` (undetermined) when the text is too short to tell. */
export function detectLanguage(text: string): string {
  for (const [script, language] of SCRIPT_LANGUAGES) {
    if (script.test(text) && countMatches(text, script) * 5 >= countLetters(text)) return language;
  }
  if (countLetters(text) < MIN_LETTERS) return "und";
  if (looksEnglish(text)) return "en";
  const code = franc(text, { only: ONLY, minLength: 10 });
  return ISO_639_3_TO_1[code] ?? "und";
}

/** Remembers detections by the text franc read (its sha256): a caller may keep it on disk. */
export type LanguageCache = Map<string, string>;

/** The article's language: sidecar, then parser, then detection. */
export function articleLanguage(
  headline: string,
  body: readonly string[],
  parsed: string | null,
  sidecar: string | undefined,
  cache?: LanguageCache,
): string {
  const given = normaliseLanguageTag(sidecar) ?? normaliseLanguageTag(parsed);
  if (given) return given;
  let text = headline;
  for (const paragraph of body) {
    if (text.length >= DETECTION_TEXT_LIMIT) break;
    text += `\n${paragraph}`;
  }
  text = text.slice(0, DETECTION_TEXT_LIMIT);
  if (!cache) return detectLanguage(text);
  const key = sha256Hex(text).slice(0, 32);
  let language = cache.get(key);
  if (language === undefined) {
    language = detectLanguage(text);
    cache.set(key, language);
  }
  return language;
}

/**
 * English function words that other languages written in Latin script do not use as words
 * ("was", "will", "of", "is" are left out: German and Dutch have them). They make up about a
 * tenth of English prose and next to nothing of other languages' prose.
 */
const ENGLISH_WORDS = new Set([
  "the", "and", "that", "with", "have", "has", "from", "this", "been", "which", "were", "said", "their",
  "they", "would", "after", "about", "into", "there", "these", "who", "its", "his", "she", "her", "it",
]);
/** Share of English function words above which a text is English without asking franc. */
const ENGLISH_SHARE = 0.12;

/**
 * A cheap test that settles most English text, the archive's commonest language, without franc
 * (which compares trigrams against every Latin-script language): enough English function words,
 * and several different ones.
 */
function looksEnglish(text: string): boolean {
  const words = text.toLowerCase().match(/[a-z\u00c0-\u024f]+/g) ?? [];
  if (words.length < 20) return false;
  let hits = 0;
  const distinct = new Set<string>();
  for (const word of words) {
    if (!ENGLISH_WORDS.has(word)) continue;
    hits++;
    distinct.add(word);
  }
  return distinct.size >= 4 && hits >= words.length * ENGLISH_SHARE;
}

export function isRightToLeft(language: string): boolean {
  return RTL.has(language.split("-")[0]!.toLowerCase());
}

function countLetters(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, "gu"))?.length ?? 0;
}
