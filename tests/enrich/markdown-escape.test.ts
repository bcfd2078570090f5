import fc from "fast-check";
import type { Paragraph, Root, RootContent } from "mdast";
import remarkHtml from "remark-html";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { escapeMarkdownText, paragraphsToMarkdown } from "../../src/enrich/markdown-escape.ts";

const parse = (markdown: string): Root => unified().use(remarkParse).parse(markdown);
const render = async (markdown: string): Promise<string> => String(await unified().use(remarkParse).use(remarkHtml).process(markdown));

/** The text of a paragraph, or a description of what else it is. */
function onlyText(node: RootContent | undefined): string {
  if (!node || node.type !== "paragraph") return `<not a paragraph: ${node?.type ?? "nothing"}>`;
  return (node as Paragraph).children.map((child) => (child.type === "text" ? child.value : `<${child.type}>`)).join("");
}

const expected = (text: string): string => text.replace(/\p{Cc}/gu, " ").replace(/\s+/gu, " ").trim();

describe("escapeMarkdownText", () => {
  const cases = [
    "# Not a heading",
    "## Nor this ##",
    "> not a quote",
    "- not a list item",
    "+ not a list item",
    "* not a list item",
    "1. not an ordered list",
    "2015) not an ordered list either",
    "---",
    "***",
    "===",
    "```js",
    "~~~",
    "Stars *stay* stars, _underscores_ stay, __and__ **so** do these.",
    "A [link](http://example.com) and ![an image](x.png) stay text.",
    "[ref]: http://example.com",
    "<script>alert(1)</script> is text, and so is <b>bold</b>.",
    "{{ 7 * 7 }} and {% include 'x' %} are not templates here.",
    "&amp; &copy; &#42; &#x2A; keep their ampersands.",
    "A backslash \\ and a trailing one \\",
    "`code` stays text",
    "<http://example.com> is not an autolink",
    "tab\tand\nnewline become spaces",
    "Ünïcödé “quotes” – dashes — and العربية stay as they are.",
  ];
  for (const text of cases) {
    it(`keeps ${JSON.stringify(text)} as text`, () => {
      const tree = parse(escapeMarkdownText(text));
      expect(tree.children).toHaveLength(1);
      expect(onlyText(tree.children[0])).toBe(expected(text));
    });
  }

  it("renders <script> and {{ }} as visible text through remark-html", async () => {
    const html = await render(paragraphsToMarkdown(["<script>alert('x')</script>", "{{ 7 * 7 }}"]));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#x3C;script>alert('x')&#x3C;/script>");
    expect(html).toContain("<p>{{ 7 * 7 }}</p>");
  });

  it("round-trips any text through remark-parse as one text paragraph", () => {
    const markdownish = fc.string({
      unit: fc.constantFrom(..."#>-+*_=`~|[]()<>!&;\\{}1234567890.:/ abcXYZé\t\n\u00a0".split("")),
      maxLength: 40,
    });
    const anything = fc.string({ unit: "binary", maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(markdownish, anything), (text) => {
        const want = expected(text);
        const tree = parse(escapeMarkdownText(text));
        if (want === "") return tree.children.length === 0;
        return tree.children.length === 1 && onlyText(tree.children[0]) === want;
      }),
      { numRuns: 3000 },
    );
  });
});

describe("paragraphsToMarkdown", () => {
  it("gives one Markdown paragraph per non-empty paragraph", () => {
    const tree = parse(paragraphsToMarkdown(["# first", "  ", "- second", "1. third"]));
    expect(tree.children.map(onlyText)).toEqual(["# first", "- second", "1. third"]);
  });
});
