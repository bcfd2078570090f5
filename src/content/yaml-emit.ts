import type { Article } from "../model/index.ts";

/**
 * Writes the front matter of a content file. The shape is fixed (the record's fields in a fixed
 * order), so it is written directly rather than through a general YAML serialiser, which costs
 * ~30 times as much per file and matters when ingest writes tens of thousands of them. What
 * reads it back is the `yaml` library (parse-file.ts), and the round trip is tested with
 * arbitrary Unicode text.
 *
 * Strings are written plain when that is unambiguous (most headlines, bylines, slugs, dates),
 * else double-quoted with escapes.
 */

/** Plain scalars a YAML reader would take for something other than this string. */
const ambiguous =
  /^(?:[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** A first character that starts some other YAML construct. */
const indicatorStart = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/**
 * Whether the code unit at `i` must be escaped: controls (tab, line ends and the rest), DEL and
 * C1 controls, line and paragraph separators, the byte-order mark, non-characters, lone surrogates.
 */
function mustEscape(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  if (code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff) return true;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(i - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

function hasEscapes(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (mustEscape(text, i)) return true;
  return false;
}

function isPlainSafe(value: string, inFlow: boolean): boolean {
  return (
    value !== "" &&
    !indicatorStart.test(value) &&
    !/\s$/.test(value) &&
    !value.includes(": ") &&
    !value.includes(" #") &&
    !value.endsWith(":") &&
    !(inFlow && /[,[\]{}]/.test(value)) &&
    !hasEscapes(value) &&
    !ambiguous.test(value)
  );
}

const namedEscapes: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" };

function doubleQuoted(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    const named = namedEscapes[char];
    if (named !== undefined) out += named;
    else if (mustEscape(value, i)) out += `\\u${value.charCodeAt(i).toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}

/** A string as a YAML scalar: plain when unambiguous, else double-quoted. */
export function yamlString(value: string, inFlow = false): string {
  return isPlainSafe(value, inFlow) ? value : doubleQuoted(value);
}

function nullable(value: string | null): string {
  return value === null ? "null" : yamlString(value);
}

export interface FrontMatterWorkflow {
  draft?: boolean;
  generated?: string;
}

/** The front matter lines (without the `---` delimiters), each ending in a newline. */
export function emitFrontMatter(article: Article, workflow: FrontMatterWorkflow): string {
  const lines: string[] = [
    `id: ${yamlString(article.id)}`,
    `slug: ${yamlString(article.slug)}`,
    `headline: ${yamlString(article.headline)}`,
  ];
  if (article.outlet === null) lines.push("outlet: null");
  else lines.push("outlet:", `  name: ${yamlString(article.outlet.name)}`, `  slug: ${yamlString(article.outlet.slug)}`);
  lines.push(
    `byline: ${nullable(article.byline)}`,
    `date: ${nullable(article.date)}`,
    `dateline: ${nullable(article.dateline)}`,
    `language: ${yamlString(article.language)}`,
    // Topics are slugs, which are always plain; a flow list keeps them on one line.
    `topics: [${article.topics.map((topic) => yamlString(topic, true)).join(", ")}]`,
  );
  if (article.related.length === 0) lines.push("related: []");
  else {
    lines.push("related:");
    for (const related of article.related) {
      lines.push(`  - headline: ${yamlString(related.headline)}`);
      if (related.url !== undefined) lines.push(`    url: ${yamlString(related.url)}`);
    }
  }
  if (article.sources.length === 0) lines.push("sources: []");
  else {
    lines.push("sources:");
    for (const source of article.sources) {
      lines.push(
        `  - dump: ${yamlString(source.dump)}`,
        `    sha256: ${yamlString(source.sha256)}`,
        `    lines: [${source.lines[0]}, ${source.lines[1]}]`,
      );
    }
  }
  if (workflow.draft === true) lines.push("draft: true");
  if (workflow.generated !== undefined) lines.push(`generated: ${yamlString(workflow.generated)}`);
  return lines.map((line) => `${line}\n`).join("");
}
