import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import remarkHtml from "remark-html";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { paragraphsToMarkdown } from "../../src/enrich/markdown-escape.ts";
import { plainParagraphsHtml, renderBody } from "../../src/site/render-body.ts";
import { parseContentFile } from "../../src/content/parse-file.ts";

/** remark alone, as renderBody's pipeline is: the output the shortcut must give. */
const remark = unified().use(remarkParse).use(remarkHtml, { sanitize: true });
const byRemark = (markdown: string): string => String(remark.processSync(markdown));

/** Pieces of text that are plain, that are Markdown syntax, or that sit on the edge between. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("word", "Baghdad", "the", "2015", "é", "’", "“quote”", "\u00a0", "😀", "\u2028", "%", "$3", "(x)", "a.b", "!", "?", "/", "|", "{", "@", "=", "+", "~", "#", ">", "\"", "'", "&", " & ", "AT&T", "&amp;", "&#38;") },
  { weight: 6, arbitrary: fc.constantFrom(" ", "  ", "   ", "    ", "\n", "\n\n", "\n \n", "  \n", " \n", "\t") },
  { weight: 2, arbitrary: fc.constantFrom("*", "_", "`", "[", "]", "<", "\\", "-", "1.", "2)", "---", "===", "***", "~~~", "# ", "> ", "- ", "+ ", "\r", "\u0000", "\f") },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const body = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(""));

describe("plain paragraphs without remark", () => {
  it("give exactly what remark gives, whenever the shortcut takes a body", () => {
    let taken = 0;
    fc.assert(
      fc.property(body, (markdown) => {
        const html = plainParagraphsHtml(markdown);
        if (html === undefined) return;
        taken++;
        expect(html).toBe(byRemark(markdown));
      }),
      { numRuns: 5000 },
    );
    // The generator makes plain bodies often enough for the property to say something.
    expect(taken).toBeGreaterThan(500);
  });

  it("take the bodies ingest writes for plain prose, and leave those with syntax to remark", () => {
    const prose = paragraphsToMarkdown(["Officials said on Monday that 4,000 books & a reading room opened.", "“We waited a decade,” the mayor said (in French)."]);
    expect(plainParagraphsHtml(prose)).toBe(byRemark(prose));
    for (const text of ["Some *emphasis*.", "A [link](https://example.org).", "1. A list", "Line  \nbreak", "<b>raw</b>", "Fish &amp; chips"]) {
      expect(plainParagraphsHtml(text), text).toBeUndefined();
      expect(renderBody(text)).toBe(byRemark(text));
    }
  });

  it("give remark's output for every body in the project's content/", () => {
    const root = join(import.meta.dirname, "..", "..", "content");
    const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".md") && !e.parentPath.includes("_data"));
    expect(files.length).toBeGreaterThan(0);
    let taken = 0;
    for (const file of files) {
      const path = join(file.parentPath, file.name);
      const parsed = parseContentFile(readFileSync(path, "utf8"), path, path);
      const markdown = parsed.entry?.article.body;
      if (markdown === undefined) continue;
      if (plainParagraphsHtml(markdown) !== undefined) taken++;
      expect(renderBody(markdown), path).toBe(byRemark(markdown));
    }
    expect(taken).toBeGreaterThan(0);
  });
});
