import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContentFile, recordHash, serializeContentFile } from "../../src/content/index.ts";
import { normalizeBody } from "../../src/content/serialize.ts";
import { makeArticle } from "../e2e/project.ts";

const path = "test-agency/a-test-headline.md";

describe("content files: write then read", () => {
  it("reads back the record it wrote, unedited", () => {
    const article = makeArticle();
    const text = serializeContentFile(article, { generated: recordHash(article) });
    const { entry, diagnostics } = parseContentFile(text, path);
    expect(diagnostics).toEqual([]);
    expect(entry?.article).toEqual(article);
    expect(entry?.edited).toBe(false);
    expect(entry?.draft).toBe(false);
  });

  it("writes the same bytes for the same record whatever its key order", () => {
    const article = makeArticle();
    const shuffled = Object.fromEntries(Object.entries(article).reverse()) as typeof article;
    expect(serializeContentFile(shuffled)).toBe(serializeContentFile(article));
    expect(recordHash(shuffled)).toBe(recordHash(article));
  });

  it("keeps dates, nulls and look-alike strings as they are", () => {
    const article = makeArticle({
      headline: "null",
      byline: "true",
      dateline: "- BAGHDAD: #1 —",
      related: [{ headline: "2015-10-03" }, { headline: "'quoted' \"text\"", url: "/articles/x/" }],
    });
    const text = serializeContentFile(article);
    expect(text).toContain("date: 2015-10-03\n");
    expect(parseContentFile(text, path).entry?.article).toEqual(article);
  });

  it("round-trips any text in any field, in any script, controls and lone surrogates included", () => {
    const text = fc.string({ unit: "binary", minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(text, text, text, text, text, fc.array(text, { maxLength: 4 }), (headline, byline, dateline, outlet, related, paragraphs) => {
        const body = paragraphs.join("\n\n");
        const article = makeArticle({ headline, byline, dateline, body, outlet: { name: outlet, slug: "x" }, related: [{ headline: related }] });
        const read = parseContentFile(serializeContentFile(article, { generated: recordHash(article) }), path);
        expect(read.diagnostics).toEqual([]);
        expect(read.entry?.article).toEqual({ ...article, body: read.entry?.article.body });
        expect(read.entry?.edited).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps the draft flag and drops it when false", () => {
    const article = makeArticle();
    expect(serializeContentFile(article, { draft: true })).toContain("\ndraft: true\n");
    expect(serializeContentFile(article, { draft: false })).not.toContain("draft");
    expect(parseContentFile(serializeContentFile(article, { draft: true }), path).entry?.draft).toBe(true);
  });
});

describe("content files: edits and hand-written articles", () => {
  it("notices an edit to any field or to the body", () => {
    const article = makeArticle();
    const text = serializeContentFile(article, { generated: recordHash(article) });
    const edits = [
      text.replace("headline: A test headline", "headline: A corrected headline"),
      text.replace("byline: A. Writer", "byline: null"),
      text.replace("Second paragraph.", "Second paragraph, corrected."),
      text.replace("topics: [iraq]", "topics: [iraq, syria]"),
    ];
    for (const edited of edits) {
      expect(edited).not.toBe(text);
      expect(parseContentFile(edited, path).entry?.edited).toBe(true);
    }
  });

  it("does not count line-end or trailing-space differences as edits", () => {
    const article = makeArticle();
    const text = serializeContentFile(article, { generated: recordHash(article) });
    const windows = text.replace(/\n/g, "\r\n") + "\r\n\r\n";
    expect(parseContentFile(windows, path).entry?.edited).toBe(false);
  });

  it("accepts a hand-written article with only a headline and a body", () => {
    const { entry, diagnostics } = parseContentFile("---\nheadline: Written by hand\n---\n\nThe text.\n", "unattributed/written-by-hand.md");
    expect(diagnostics).toEqual([]);
    expect(entry?.article).toMatchObject({
      id: "written-by-hand",
      slug: "written-by-hand",
      headline: "Written by hand",
      outlet: null,
      sources: [],
      body: "The text.",
    });
    expect(entry?.edited).toBe(true);
  });
});

describe("content files: problems are reported with file, line and field", () => {
  const good = serializeContentFile(makeArticle());
  const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split("\n").length;

  it("names the field and its line for a bad value", () => {
    const bad = good.replace("date: 2015-10-03", "date: 3 October 2015");
    const { entry, diagnostics } = parseContentFile(bad, path, "content/" + path);
    expect(entry).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ id: "front-matter-field", level: "error", file: "content/" + path, line: lineOf(bad, "date:") });
    expect(diagnostics[0]?.message).toContain("`date`");
    expect(diagnostics[0]?.message).toContain("3 October 2015");
  });

  it("points into nested fields", () => {
    const bad = good.replace("slug: test-agency", "slug: ../../etc");
    const { diagnostics } = parseContentFile(bad, path);
    expect(diagnostics[0]).toMatchObject({ line: lineOf(bad, "slug: ../../etc") });
    expect(diagnostics[0]?.message).toContain("`outlet.slug`");
  });

  it("reports a missing required field", () => {
    const bad = good.replace(/^headline:.*\n/m, "");
    const { diagnostics } = parseContentFile(bad, path);
    expect(diagnostics[0]?.message).toContain("`headline` is missing");
  });

  it("reports YAML syntax errors at their line", () => {
    const bad = good.replace("byline: A. Writer", "byline: [unclosed");
    const { entry, diagnostics } = parseContentFile(bad, path);
    expect(entry).toBeUndefined();
    expect(diagnostics[0]?.id).toBe("front-matter-syntax");
    expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(lineOf(bad, "byline:"));
  });

  it("reports a duplicated key", () => {
    const bad = good.replace("byline: A. Writer", "byline: A. Writer\nbyline: B. Writer");
    expect(parseContentFile(bad, path).diagnostics[0]).toMatchObject({ id: "front-matter-syntax", line: lineOf(bad, "byline: B") });
  });

  it("warns about unknown fields (likely typos) at their line", () => {
    const bad = good.replace("byline: A. Writer", "byline: A. Writer\nheadlin: Typo");
    const { entry, diagnostics } = parseContentFile(bad, path);
    expect(entry).toBeDefined();
    expect(diagnostics).toEqual([expect.objectContaining({ id: "front-matter-unknown-field", level: "warning", line: lineOf(bad, "headlin:") })]);
  });

  it("reports a file without front matter, or with unclosed front matter", () => {
    expect(parseContentFile("Just text.\n", path).diagnostics[0]?.id).toBe("front-matter-missing");
    expect(parseContentFile("---\nheadline: x\n\nNo closing line.\n", path).diagnostics[0]?.id).toBe("front-matter-missing");
  });

  it("rejects a tampered generated hash instead of trusting it", () => {
    const bad = good.replace("topics:", "generated: not-a-hash\ntopics:");
    expect(parseContentFile(bad, path).diagnostics[0]?.message).toContain("`generated`");
  });
});

describe("normalizeBody", () => {
  it("strips exactly the trailing whitespace /\\s+$/ strips, in any script", () => {
    const spaces = fc.constantFrom(" ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u3000", "\ufeff", "\u2028", "x", "é", "\u200b");
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.array(spaces, { maxLength: 30 }).map((parts) => parts.join("")));
    fc.assert(
      fc.property(text, (body) => {
        const expected = body.replace(/\r\n?/g, "\n").replace(/^(?:[ \t]*\n)+/, "").replace(/\s+$/, "");
        expect(normalizeBody(body)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
