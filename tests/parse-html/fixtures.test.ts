import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Dump, ParseResult } from "../../src/model/index.ts";
import { paragraphsOf, parseDocument } from "../../src/parse/html/dom.ts";
import { parseHtmlDump } from "../../src/parse/html/index.ts";
import { readDump } from "../../src/read/index.ts";
import { here } from "./paths.ts";

async function parse(name: string): Promise<{ result: ParseResult; lines: string[] }> {
  const dump = readDump(resolve(here, "fixtures", name));
  return { result: parseHtmlDump(dump), lines: dump.text.split("\n") };
}

/** The source lines given `role`, trimmed. */
function linesWith(parsed: { result: ParseResult; lines: string[] }, role: string): string[] {
  return parsed.result.lines.filter((l) => l.role === role).map((l) => parsed.lines[l.line - 1]!.trim());
}

describe("an HTML page with JSON-LD", () => {
  it("takes headline, outlet, person authors, date, language and keywords from the metadata", async () => {
    const { result } = await parse("jsonld-article.html");
    expect(result.articles).toHaveLength(1);
    const [article] = result.articles;
    expect(article).toMatchObject({
      headline: "Harbour town votes to rebuild its sea wall",
      outlet: "The Coastal Courier",
      byline: "Maren Holt and Tomas Ekberg",
      date: "2021-11-04",
      language: "en-GB",
      topics: ["flooding", "local politics"],
    });
  });

  it("keeps the body to the prose: no byline, share bar, caption, bio, related list or footer", async () => {
    const { result } = await parse("jsonld-article.html");
    const body = result.articles[0]!.body;
    expect(body).toHaveLength(5);
    expect(body[0]).toMatch(/^KESTON — The town council voted/);
    expect(body.at(-1)).toBe("Work is due to start in the spring and last eighteen months.");
    const all = body.join("\n");
    for (const debris of ["Share on", "sea wall after the January storm", "local government reporter", "Storm damage", "©", "cookies", "By Maren"]) {
      expect(all).not.toContain(debris);
    }
    expect(result.articles[0]!.dateline).toBe("KESTON —");
  });

  it("reads the related section's headlines, not its labels", async () => {
    const { result } = await parse("jsonld-article.html");
    expect(result.articles[0]!.related).toEqual(["Storm damage bill passes two million", "Fishing crews fear for the slipway"]);
  });

  it("reports malformed JSON-LD and gives the source lines their roles", async () => {
    const parsed = await parse("jsonld-article.html");
    expect(parsed.result.diagnostics.map((d) => d.id)).toContain("html-bad-json-ld");
    expect(linesWith(parsed, "headline")).toEqual(["<h1>Harbour town votes to rebuild its sea wall</h1>"]);
    expect(linesWith(parsed, "byline")).toEqual(['<p class="byline">By Maren Holt and Tomas Ekberg</p>']);
    expect(linesWith(parsed, "body")).toHaveLength(5);
    expect(linesWith(parsed, "caption")).toHaveLength(1);
    expect(linesWith(parsed, "related")).toHaveLength(2);
    expect(linesWith(parsed, "related-marker")).toEqual(["<h2>Related stories</h2>"]);
    // Script and style lines are junk; the nav and footer are boilerplate.
    expect(linesWith(parsed, "junk").some((l) => l.includes("dataLayer"))).toBe(true);
    expect(linesWith(parsed, "boilerplate").some((l) => l.startsWith("<nav"))).toBe(true);
  });
});

describe("an HTML page with OpenGraph only", () => {
  it("takes the byline printed under the headline, never the site name from <meta name=author>", async () => {
    const { result } = await parse("og-only.html");
    expect(result.articles[0]).toMatchObject({
      headline: "Night trains return to the northern line",
      outlet: "Rail Weekly",
      byline: "Ilse Brandt",
      date: "2019-06-30",
      language: "de-AT",
      topics: ["Railways", "Travel"],
    });
  });

  it("sets an inline 'Read more:' promo aside as related", async () => {
    const { result } = await parse("og-only.html");
    const article = result.articles[0]!;
    expect(article.related).toEqual(["Why sleeper trains are back in fashion across Europe"]);
    expect(article.body).toHaveLength(3);
    expect(article.body.join(" ")).not.toMatch(/Read more|Comments|Log in/);
  });
});

describe("an HTML page without metadata", () => {
  it("reads headline and body, and leaves outlet, byline and date null rather than guessing", async () => {
    const { result } = await parse("no-metadata.html");
    expect(result.articles[0]).toMatchObject({
      headline: "The library keeps its Sunday hours",
      outlet: null,
      byline: null,
      date: null,
      language: null,
    });
    expect(result.articles[0]!.body).toHaveLength(4);
    expect(result.diagnostics).toEqual([]);
  });
});

describe("a hostile HTML page", () => {
  it("never lets scripts, handlers, javascript: links or fallback content into the article", async () => {
    const { result } = await parse("hostile.html");
    const article = result.articles[0]!;
    const all = [article.headline, ...article.body, ...article.related].join("\n");
    for (const bad of ["INJECTED", "document.cookie", "inline body script", "onerror", "onload", "javascript:", "NOSCRIPT", "IFRAME", "css"]) {
      expect(all).not.toContain(bad);
    }
    expect(all).not.toMatch(/<(?!script>alert\(1\)<\/script>)[a-z]/i);
  });

  it("keeps text that merely looks like code verbatim, as text", async () => {
    const { result } = await parse("hostile.html");
    const body = result.articles[0]!.body.join("\n");
    expect(body).toContain("{{ 7 * 7 }} and {% raw %}");
    // The page printed an escaped tag: it is the article's text, to be shown (escaped) as such.
    expect(body).toContain("the text <script>alert(1)</script> that appears");
    expect(body).toContain("a link such as pay-now that opens");
  });

  it("gives script lines the junk role", async () => {
    const parsed = await parse("hostile.html");
    const junk = linesWith(parsed, "junk");
    expect(junk.some((l) => l.includes("document.write"))).toBe(true);
    expect(junk.some((l) => l.includes("inline body script"))).toBe(true);
  });
});

describe("a blog post (WordPress-style markup)", () => {
  it("reads the byline and date printed in the post's header, and its related posts", async () => {
    const { result } = await parse("wordpress-post.html");
    expect(result.articles).toHaveLength(1);
    expect(result.articles[0]).toMatchObject({
      headline: "Allotment society wins its fight for the old rail yard",
      outlet: "Northside Notes",
      byline: "Dorothy Lane",
      date: "2016-05-01",
      language: "en-US",
      related: ["Gardeners stage a sit-in at the rail yard", "Allotment waiting list passes two hundred"],
    });
  });

  it("leaves share buttons, category links and reader comments out of the body", async () => {
    const { result } = await parse("wordpress-post.html");
    const body = result.articles[0]!.body;
    expect(body).toHaveLength(4);
    expect(body.at(-1)).toMatch(/starting at nine\.$/);
    expect(body.join(" ")).not.toMatch(/Share this|Posted in|Wonderful news|Leave a Reply|WordPress/);
  });
});

describe("a section front of teasers", () => {
  it("gives one article per teaser, its summary as body, and no invented byline or date", async () => {
    const parsed = await parse("section-front.html");
    const { articles } = parsed.result;
    expect(articles.map((a) => a.headline)).toEqual([
      "Comet will be visible to the naked eye next week",
      "Bees learn to count to four, study finds",
      "Ancient forest found under a Welsh beach",
    ]);
    for (const article of articles) {
      expect(article.body).toHaveLength(1);
      expect(article.byline).toBeNull();
      expect(article.date).toBeNull();
      expect(article.outlet).toBe("The Daily Lantern");
    }
    // Each teaser's line (headline and summary share one here) belongs to its own article.
    const owners = parsed.result.lines.filter((l) => l.article !== undefined).map((l) => [l.line, l.article]);
    expect(owners).toEqual(articles.map((a, i) => [a.lines[0], i]));
  });
});

describe("pathological pages", () => {
  const dumpOf = (text: string): Dump => ({ name: "deep.html", id: "deep", sha256: "0".repeat(64), format: "html", encoding: "UTF-8", encodingBy: "utf-8", text, diagnostics: [] });
  const prose = "<p>Every paragraph here is prose enough, with words and a full stop at its end, so that it reads as an article would.</p>";

  it.each([500, 20_000])("a page nested %i elements deep is read as visible text, with a warning", (depth) => {
    const text = `<html><body><h1>A headline over a deep page</h1>\n${"<div>".repeat(depth)}\n${prose.repeat(4)}\n${"</div>".repeat(depth)}\n</body></html>`;
    const result = parseHtmlDump(dumpOf(text));
    expect(result.diagnostics.map((d) => d.id)).toContain("html-too-deep");
    expect(result.lines).toHaveLength(text.split("\n").length);
    expect(result.articles.flatMap((a) => a.body).join(" ")).not.toMatch(/<[a-z]/);
  });
});

describe("pages in other languages", () => {
  it("reads a French page's 'Par' byline, 'Publié le' date and 'À lire aussi' section", async () => {
    const parsed = await parse("french-article.html");
    expect(parsed.result.articles[0]).toMatchObject({
      headline: "Les vendanges commencent avec trois semaines d’avance",
      outlet: "Le Journal du Vignoble",
      byline: "Hélène Marchand",
      date: "2022-08-18",
      language: "fr",
      related: ["La sécheresse menace les récoltes de l’automne", "Les saisonniers se font rares dans les vignes"],
    });
    expect(parsed.result.articles[0]!.body).toHaveLength(4);
    expect(linesWith(parsed, "byline")).toEqual(['<p class="signature">Par Hélène Marchand</p>']);
    expect(linesWith(parsed, "date")).toEqual(['<p class="date">Publié le 18 août 2022 à 10h15</p>']);
  });

  it("reads a Japanese page, with no byline where none is printed", async () => {
    const { result } = await parse("japanese-article.html");
    expect(result.articles[0]).toMatchObject({
      headline: "港の桜が満開に、週末は見物客で混雑の見込み",
      outlet: "みなと新聞",
      byline: null,
      date: "2020-04-07",
      language: "ja",
      related: ["昨年の桜まつりは雨で中止に", "公園の駐車場、春から有料化へ"],
    });
    expect(result.articles[0]!.body).toHaveLength(4);
  });
});

describe("prose that looks like a credit", () => {
  it("keeps a first paragraph opening with 'By Tuesday, …' as body, and invents no byline", () => {
    const text = `<html><head><title>Council sets the budget</title></head><body><article><h1>Council sets the budget</h1>
<p>By Tuesday, the council had agreed a budget that raises the tax on second homes and spends more on buses, after weeks of argument.</p>
<p>The vote was close, with the opposition saying the plan does too little for the villages outside the town.</p>
<p>The new budget takes effect in April and will be reviewed in the autumn, the council leader said.</p></article></body></html>`;
    const result = parseHtmlDump({ name: "b.html", id: "b", sha256: "0".repeat(64), format: "html", encoding: "UTF-8", encodingBy: "utf-8", text, diagnostics: [] });
    expect(result.articles[0]!.byline).toBeNull();
    expect(result.articles[0]!.body[0]).toMatch(/^By Tuesday, the council/);
    expect(result.articles[0]!.body).toHaveLength(3);
  });
});

describe("class names are hints, not verdicts", () => {
  const prose = (n: number): string =>
    `<p>Paragraph ${n} of the story tells, in plain words and at some length, what happened at the harbour on the night of the storm.</p>`;

  it("keeps prose whose container's class says 'author' or 'share', and sets small furniture aside", () => {
    const document = parseDocument(`<html><body><article>
<div class="entry-author-content">${[1, 2, 3].map(prose).join("")}</div>
<div class="entry-share-content">${[4, 5, 6].map(prose).join("")}</div>
<div class="share-tools"><a href="#">Share on Facebook</a></div>
<p class="byline">By Jane Doe</p>
<figure><figcaption>The harbour wall. Photo: Jane Doe</figcaption></figure>
</article></body></html>`);
    const { paragraphs, skipped } = paragraphsOf(document.querySelector("article")!);
    expect(paragraphs.map((p) => p.text.slice(0, 11))).toEqual(["Paragraph 1", "Paragraph 2", "Paragraph 3", "Paragraph 4", "Paragraph 5", "Paragraph 6"]);
    expect(skipped).toEqual([
      { kind: "other", text: "Share on Facebook" },
      { kind: "byline", text: "By Jane Doe" },
      { kind: "caption", text: "The harbour wall. Photo: Jane Doe" },
    ]);
  });
});
