import { decodeHTML } from "entities";

/**
 * The article node of a page's JSON-LD (schema.org NewsArticle, Article, BlogPosting …), read
 * defensively: publishers' JSON-LD is often malformed, nested in @graph or arrays, or typed as a
 * list of types.
 */

export interface JsonLdArticle {
  headline: string | null;
  /** Authors typed Person (or untyped with a name); organisations are left out. */
  persons: string[];
  /** Authors typed Organization: a desk or the outlet itself, never a byline. */
  organisations: string[];
  datePublished: string | null;
  publisher: string | null;
  language: string | null;
  keywords: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ARTICLE_TYPE = /(?:Article|BlogPosting|NewsArticle|Report|LiveBlogPosting)$/;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function types(node: JsonObject): string[] {
  const t = node["@type"];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === "string");
}

/**
 * Metadata strings as plain text: publishers put entities ("Fish &amp; chips") and even markup
 * ("<em>…</em>") in them; markup never reaches a record.
 */
export function plainText(value: string): string {
  // Markup is dropped before entities are decoded: an escaped "&lt;script&gt;" is the text
  // "<script>", which stays text (and is escaped wherever it is shown).
  return decodeHTML(value.replace(/<\/?[a-z][^>]*>/gi, " "))
    .replace(/\s+/g, " ")
    .trim();
}

function str(value: Json | undefined): string | null {
  if (typeof value === "string") return plainText(value) || null;
  if (Array.isArray(value)) return str(value[0]);
  if (isObject(value)) return str(value["name"] ?? value["@value"]);
  return null;
}

/** Every object in the JSON-LD, flattening arrays and @graph, depth-first. */
function nodes(value: Json, out: JsonObject[] = [], depth = 0): JsonObject[] {
  if (depth > 8) return out;
  if (Array.isArray(value)) for (const v of value) nodes(v, out, depth + 1);
  else if (isObject(value)) {
    out.push(value);
    const graph = value["@graph"];
    if (graph !== undefined) nodes(graph, out, depth + 1);
    const main = value["mainEntity"];
    if (main !== undefined) nodes(main, out, depth + 1);
  }
  return out;
}

/** The first article node among the page's JSON-LD scripts, or null. `bad` counts scripts that did not parse. */
export function readJsonLd(scripts: string[]): { article: JsonLdArticle | null; bad: number } {
  let bad = 0;
  const all: JsonObject[] = [];
  for (const script of scripts) {
    try {
      // Some sites wrap the JSON in HTML comments or CDATA.
      const cleaned = script.replace(/^\s*(?:<!--|<!\[CDATA\[)/, "").replace(/(?:-->|\]\]>)\s*$/, "");
      nodes(JSON.parse(cleaned) as Json, all);
    } catch {
      bad++;
    }
  }
  const node = all.find((n) => types(n).some((t) => ARTICLE_TYPE.test(t)));
  if (!node) return { article: null, bad };

  const persons: string[] = [];
  const organisations: string[] = [];
  const authors = node["author"] ?? node["creator"];
  for (const author of Array.isArray(authors) ? authors : authors === undefined ? [] : [authors]) {
    const name = str(author);
    if (!name) continue;
    const t = isObject(author) ? types(author) : [];
    if (t.some((x) => /Organization|Organisation|NewsMediaOrganization/.test(x))) organisations.push(name);
    else persons.push(name);
  }
  const keywords = node["keywords"];
  const keywordList = Array.isArray(keywords)
    ? keywords.map((k) => str(k)).filter((k): k is string => k !== null)
    : typeof keywords === "string"
      ? keywords.split(",").map((k) => k.trim()).filter(Boolean)
      : [];
  return {
    article: {
      headline: str(node["headline"]) ?? str(node["name"]),
      persons,
      organisations,
      datePublished: str(node["datePublished"]) ?? str(node["dateCreated"]),
      publisher: str(node["publisher"]) ?? str(node["sourceOrganization"]),
      language: str(node["inLanguage"]),
      keywords: keywordList,
    },
    bad,
  };
}
