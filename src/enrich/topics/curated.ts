/**
 * Finds curated topics in text: every name and alias of topics.yaml, matched as whole words with
 * a token trie (one pass over the text whatever the size of the registry), longest match first,
 * so "Islamic State in Iraq and Syria" is one mention of the Islamic State, not of Iraq and Syria.
 *
 * Case carries meaning for names: a word written with a capital matches capitalised words only
 * ("Turkey", not "turkey"), an acronym matches upper case only ("US", not "us"), lower-case
 * words match in any case. Themes are common nouns and match in any case.
 */
import type { TopicEntry } from "../../model/index.ts";
import { fold, nameKey, rawAndFoldedTokens, rawTokens, sha256Hex } from "../text.ts";

type CaseRule = "acronym" | "capital" | "any";

interface Pattern {
  slug: string;
  rules: CaseRule[];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  patterns: Pattern[];
}

/** One mention of a topic: where it is, for salience. */
export interface TopicMention {
  slug: string;
  inHeadline: boolean;
  /** Relative position in the body, 0 (first word) to 1 (last word); 0 in the headline. */
  position: number;
}

export class CuratedTopicMatcher {
  readonly #root: TrieNode = { next: new Map(), patterns: [] };
  readonly #byKey = new Map<string, TopicEntry>();
  readonly #bySlug = new Map<string, TopicEntry>();
  /** What the matcher finds depends on: every topic's slug, kind, name and aliases, in order. */
  readonly version: string;

  constructor(topics: readonly TopicEntry[]) {
    this.version = sha256Hex(JSON.stringify(topics.map((topic) => [topic.slug, topic.kind, topic.name, topic.aliases])));
    for (const topic of topics) {
      this.#bySlug.set(topic.slug, topic);
      for (const name of [topic.name, ...topic.aliases]) {
        const key = nameKey(name);
        if (key && !this.#byKey.has(key)) this.#byKey.set(key, topic);
        this.#add(name, topic);
      }
    }
  }

  /** The curated topic a name means (case and punctuation ignored), or undefined. */
  lookup(name: string): TopicEntry | undefined {
    return this.#byKey.get(nameKey(name)) ?? this.#bySlug.get(name);
  }

  bySlug(slug: string): TopicEntry | undefined {
    return this.#bySlug.get(slug);
  }

  /** Every curated mention in a headline and body paragraphs, in reading order. */
  mentions(headline: string, paragraphs: readonly string[]): TopicMention[] {
    const out: TopicMention[] = [];
    const head = rawAndFoldedTokens(headline);
    for (const { slug } of this.#scanWithIndex(head.raw, head.folded)) out.push({ slug, inHeadline: true, position: 0 });
    const tokens: string[] = [];
    const folded: string[] = [];
    for (const paragraph of paragraphs) {
      const words = rawAndFoldedTokens(paragraph);
      for (const word of words.raw) tokens.push(word);
      for (const word of words.folded) folded.push(word);
    }
    const found = this.#scanWithIndex(tokens, folded);
    const last = Math.max(1, tokens.length - 1);
    for (const { slug, index } of found) out.push({ slug, inHeadline: false, position: index / last });
    return out;
  }

  /** Mentions in a run of tokens; `folded` holds each token folded. */
  #scanWithIndex(tokens: readonly string[], folded: readonly string[]): { slug: string; index: number }[] {
    const found: { slug: string; index: number }[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node: TrieNode | undefined = this.#root;
      let best: { slug: string; length: number } | undefined;
      for (let j = i; j < tokens.length; j++) {
        node = node.next.get(folded[j]!);
        if (!node) break;
        for (const pattern of node.patterns) {
          if (pattern.rules.every((rule, k) => caseMatches(rule, tokens[i + k]!))) {
            best = { slug: pattern.slug, length: j - i + 1 };
            break;
          }
        }
      }
      if (best) {
        found.push({ slug: best.slug, index: i });
        i += best.length;
      } else {
        i += 1;
      }
    }
    return found;
  }

  #add(name: string, topic: TopicEntry): void {
    const tokens = rawTokens(name);
    if (tokens.length === 0) return;
    let node = this.#root;
    for (const token of tokens) {
      const key = fold(token);
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map(), patterns: [] };
        node.next.set(key, child);
      }
      node = child;
    }
    const rules = tokens.map((token): CaseRule => (topic.kind === "theme" ? "any" : caseRuleOf(token)));
    // The most permissive pattern last: a strict pattern that fails must not hide a looser one.
    node.patterns.push({ slug: topic.slug, rules });
    node.patterns.sort((a, b) => strictness(b.rules) - strictness(a.rules));
  }
}

function caseRuleOf(token: string): CaseRule {
  const hasCase = token.toLowerCase() !== token.toUpperCase();
  if (!hasCase) return "any";
  if (token.length >= 2 && token === token.toUpperCase()) return "acronym";
  const first = token[0]!;
  if (first !== first.toLowerCase()) return "capital";
  return "any";
}

function caseMatches(rule: CaseRule, token: string): boolean {
  if (rule === "any") return true;
  if (rule === "acronym") return token === token.toUpperCase();
  const first = token[0]!;
  return first !== first.toLowerCase();
}

function strictness(rules: CaseRule[]): number {
  return rules.reduce((sum, rule) => sum + (rule === "acronym" ? 2 : rule === "capital" ? 1 : 0), 0);
}
