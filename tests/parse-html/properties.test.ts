import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Dump, ParseResult } from "../../src/model/index.ts";
import { parseHtmlDump } from "../../src/parse/html/index.ts";
import { parseMarkdownDump } from "../../src/parse/markdown.ts";

function dumpOf(text: string, format: Dump["format"]): Dump {
  return { name: `p.${format}`, id: "p", sha256: "0".repeat(64), format, encoding: "UTF-8", encodingBy: "utf-8", text, diagnostics: [] };
}

function expectEveryLineOnce(text: string, result: ParseResult): void {
  const count = text.split("\n").length;
  expect(result.lines.map((l) => l.line)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  for (const l of result.lines) {
    expect(l.confidence).toBeGreaterThanOrEqual(0);
    expect(l.confidence).toBeLessThanOrEqual(1);
    if (l.article !== undefined) expect(l.article).toBeLessThan(result.articles.length);
  }
}

/** HTML-ish strings: tags, attributes, entities, scripts and text, often broken. */
const htmlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "<p>", "</p>", "<div class=\"x\">", "</div>", "<h1>", "</h1>", "<a href=\"/x\">", "</a>", "<br>", "<script>", "</script>",
        "<style>", "</style>", "<!--", "-->", "<meta property=\"og:title\" content=\"T\">", "&amp;", "&#x41;", "&bogus;", "\n",
        "<ul><li>", "</li></ul>", "<article>", "</article>", "<h2>Related</h2>", "<", ">", "\"", "'", "<html lang=\"en\">",
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":{"name":"A B"}}</script>',
      ),
      fc.string({ maxLength: 40 }),
      fc.lorem({ maxCount: 30 }),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(""));

describe("parseHtmlDump on any input", () => {
  it("never throws, gives every line exactly one role, and is deterministic", () => {
    fc.assert(
      fc.property(fc.oneof(htmlish, fc.string({ maxLength: 500 })), (text) => {
        const first = parseHtmlDump(dumpOf(text, "html"));
        expectEveryLineOnce(text, first);
        expect(parseHtmlDump(dumpOf(text, "html"))).toEqual(first);
        for (const article of first.articles) {
          expect(article.lines[0]).toBeGreaterThanOrEqual(1);
          expect(article.lines[1]).toBeLessThanOrEqual(text.split("\n").length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseMarkdownDump on any input", () => {
  const frontMatter = fc
    .array(fc.oneof(fc.constantFrom("headline: A title", "date: 2020-01-02", "date: nope", "byline: [A, B]", "related:", "  - x", ": :", "\"", "topics: a, b"), fc.string({ maxLength: 30 })), { maxLength: 10 })
    .map((lines) => lines.join("\n"));
  it("never throws and gives every line exactly one role", () => {
    fc.assert(
      fc.property(frontMatter, fc.string({ maxLength: 300 }), (fm, body) => {
        const text = `---\n${fm}\n---\n${body}`;
        const result = parseMarkdownDump(dumpOf(text, "markdown"));
        expectEveryLineOnce(text, result);
        for (const d of result.diagnostics) expect(d.line ?? 1).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
