/**
 * Hand-made SiteInput fixtures shaped like the seed dump's four articles (two SANA, two Fars
 * News Agency, related links, the islamic-state/iraq/syria topics), plus generators for larger
 * and hostile archives. The dump text is read from seeds/, so provenance and downloads are real.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Article, Dump, LineReport, LineRole, ParseResult, ParsedArticle, Registries } from "../../src/model/index.ts";
import type { SiteInput } from "../../src/site/index.ts";
import type { SiteDataOptions } from "../../src/site/site-data.ts";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const seedsDir = resolve(projectRoot, "seeds");
export const templatesDir = resolve(projectRoot, "templates");
export const SEED_NAME = "000_a614a29300825745.txt";

const seedBytes = readFileSync(resolve(seedsDir, SEED_NAME));
export const SEED_SHA = createHash("sha256").update(seedBytes).digest("hex");
const seedText = seedBytes.toString("utf8").replace(/\r\n?/g, "\n");

export const registries: Registries = {
  outlets: [
    { name: "SANA", slug: "sana", aliases: ["Syrian Arab News Agency"], country: "Syria", description: "Syria's state news agency." },
    { name: "Fars News Agency", slug: "fars-news-agency", aliases: ["FNA", "Fars News"], country: "Iran", description: "An Iranian news agency." },
  ],
  topics: [
    { name: "Islamic State", slug: "islamic-state", kind: "organisation", aliases: ["Daesh", "ISIS", "ISIL"], description: "The jihadist group." },
    { name: "Iraq", slug: "iraq", kind: "place", aliases: [] },
    { name: "Syria", slug: "syria", kind: "place", aliases: [] },
    { name: "Russia", slug: "russia", kind: "place", aliases: [] },
    { name: "Iran", slug: "iran", kind: "place", aliases: [] },
    { name: "United States", slug: "united-states", kind: "place", aliases: ["US", "Washington"] },
    { name: "Anbar", slug: "anbar", kind: "place", aliases: ["al-Anbar"] },
  ],
};

const sana = { name: "SANA", slug: "sana" };
const fna = { name: "Fars News Agency", slug: "fars-news-agency" };

/** Body paragraphs of lines [first, last] of the seed, blank lines and captions left out. */
function bodyOf(first: number, last: number, skip: number[] = []): string {
  return seedText
    .split("\n")
    .slice(first - 1, last)
    .map((line, i) => (skip.includes(first + i) ? "" : line.trim()))
    .filter((line) => line !== "")
    .join("\n\n");
}

function source(lines: [number, number]) {
  return [{ dump: SEED_NAME, sha256: SEED_SHA, lines }];
}

export const SLUGS = {
  coordinate: "russia-syria-iran-and-iraq-coordinate-their-operations-against-daesh",
  agreement: "iraq-agreement-on-anti-isis-joint-information-center-with-russia-syria-and-iran",
  anbar: "iraqi-popular-forces-not-to-fight-alongside-americans-in-anbar",
  rejects: "iraq-rejects-us-request-for-partnership-in-combat-against-isil",
} as const;

export function seedArticles(): Article[] {
  const related = [
    { headline: "Iraqi Popular Forces Not to Fight alongside Americans in Anbar", url: `/articles/${SLUGS.anbar}/` },
    { headline: "Iraq Rejects US Request for Partnership in Combat against ISIL", url: `/articles/${SLUGS.rejects}/` },
  ];
  return [
    {
      id: "a614a293-1",
      slug: SLUGS.coordinate,
      headline: "Russia, Syria, Iran and Iraq coordinate their operations against Daesh",
      outlet: sana,
      byline: "Manar al-Frieh/ Manal",
      date: "2015-09-27",
      dateline: null,
      body: bodyOf(6, 16),
      topics: ["islamic-state", "iraq", "syria", "russia", "iran"],
      language: "en",
      related,
      sources: source([4, 16]),
    },
    {
      id: "a614a293-2",
      slug: SLUGS.agreement,
      headline: "Iraq: agreement on anti-ISIS joint information center with Russia, Syria and Iran",
      outlet: sana,
      byline: "R.J./H. Said",
      date: "2015-09-27",
      dateline: null,
      body: bodyOf(22, 28),
      topics: ["iraq", "islamic-state", "russia", "syria", "iran"],
      language: "en",
      related: [...related, { headline: "A story the archive does not have" }],
      sources: source([20, 28]),
    },
    {
      id: "a614a293-3",
      slug: SLUGS.anbar,
      headline: "Iraqi Popular Forces Not to Fight alongside Americans in Anbar",
      outlet: fna,
      byline: null,
      date: "2015-10-14",
      dateline: "(FNA) ~",
      body: bodyOf(36, 58).replace(/^\(FNA\) ~ /, ""),
      topics: ["iraq", "united-states", "islamic-state", "anbar"],
      language: "en",
      related: [],
      sources: source([34, 58]),
    },
    {
      id: "a614a293-4",
      slug: SLUGS.rejects,
      headline: "Iraq Rejects US Request for Partnership in Combat against ISIL",
      outlet: fna,
      byline: null,
      date: null,
      dateline: "(FNA) ~",
      body: bodyOf(64, 74).replace(/^\(FNA\) ~ /, ""),
      topics: ["iraq", "united-states", "islamic-state"],
      language: "en",
      related: [],
      sources: source([62, 74]),
    },
  ];
}

/** The seed's lines with the roles issue 2 gives them; line → article index where one owns it. */
function seedLineReports(): LineReport[] {
  const roles = new Map<number, [LineRole, number?]>([
    [1, ["junk"]],
    [4, ["headline", 0]], [18, ["caption"]], [20, ["headline", 1]], [30, ["related-marker"]],
    [32, ["caption"]], [34, ["headline", 2]], [36, ["dateline", 2]], [60, ["caption"]], [62, ["headline", 3]], [64, ["dateline", 3]],
    [76, ["attribution", 0]], [77, ["attribution", 1]], [78, ["attribution", 2]], [79, ["attribution", 3]],
  ]);
  const bodyOwner = (n: number): number | undefined => (n >= 6 && n <= 16 ? 0 : n >= 22 && n <= 28 ? 1 : n >= 38 && n <= 58 ? 2 : n >= 66 && n <= 74 ? 3 : undefined);
  return seedText.split("\n").map((text, i) => {
    const line = i + 1;
    const known = roles.get(line);
    if (known !== undefined) return { line, role: known[0], confidence: line === 18 ? 0.55 : 0.9, ...(known[1] === undefined ? {} : { article: known[1] }) };
    if (text.trim() === "") return { line, role: "blank", confidence: 1 };
    const owner = bodyOwner(line);
    if (owner !== undefined) return { line, role: "body", confidence: 0.9, article: owner };
    return { line, role: "boilerplate", confidence: 0.8 };
  });
}

export function seedDump(): { dump: Dump; result: ParseResult } {
  const dump: Dump = {
    name: SEED_NAME,
    id: "000-a614a29300825745",
    sha256: SEED_SHA,
    format: "text",
    encoding: "UTF-8",
    encodingBy: "utf-8",
    text: seedText,
    diagnostics: [],
  };
  const articles: ParsedArticle[] = seedArticles().map((a) => ({
    headline: a.headline,
    outlet: a.outlet?.name ?? null,
    byline: a.byline,
    date: null,
    dateline: a.dateline,
    body: a.body.split("\n\n"),
    related: a.related.map((r) => r.headline),
    language: "en",
    lines: a.sources[0]!.lines,
  }));
  return {
    dump,
    result: {
      articles,
      lines: seedLineReports(),
      diagnostics: [
        { id: "low-confidence-boundary", level: "warning", message: "Line 18 could be a caption or a short paragraph.", file: `seeds/${SEED_NAME}`, line: 18, hint: "Check the article's end." },
      ],
    },
  };
}

export function seedInput(): SiteInput {
  return { articles: seedArticles(), dumps: [seedDump()], registries };
}

/** `n` extra synthetic articles spread over outlets, topics and months (deterministic). */
export function syntheticArticles(n: number): Article[] {
  const outlets = [sana, fna];
  const topics = ["iraq", "syria", "islamic-state", "russia"];
  return Array.from({ length: n }, (_, i) => ({
    id: `synthetic-${i + 1}`,
    slug: `synthetic-report-${i + 1}`,
    headline: `Synthetic report number ${i + 1} on the situation in the region`,
    outlet: outlets[i % outlets.length]!,
    byline: i % 3 === 0 ? `Reporter ${i + 1}` : null,
    date: i % 7 === 6 ? null : `201${4 + (i % 3)}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`,
    dateline: null,
    body: `Paragraph one of report ${i + 1}, about events that the archive keeps.\n\nParagraph two of report ${i + 1}.`,
    topics: [topics[i % topics.length]!, topics[(i + 1) % topics.length]!],
    language: "en",
    related: [],
    sources: [],
  }));
}

/** A record whose text tries to become markup or template code. */
export function hostileArticle(): Article {
  return {
    id: "hostile-1",
    slug: "hostile-text",
    headline: "Hostile <script>alert(1)</script> headline {{ 7 * 7 }}",
    outlet: { name: "Fars News Agency", slug: "fars-news-agency" },
    byline: "{% raw %}Mallory{% endraw %} <b>bold</b>",
    date: "2015-11-01",
    dateline: "{{ 7 * 7 }} ~",
    // What the Markdown escaper would make of dump text (backslashes before `<`), then raw HTML
    // that must not come through, then template syntax that must stay text.
    body:
      "The dump said \\<script>alert(1)\\</script> in plain text.\n\n" +
      "<script>alert(2)</script><img src=x onerror=alert(3)>\n\n" +
      "Template syntax {{ 7 * 7 }} and {% raw %} and {%- if true -%}yes{%- endif -%} stays text.\n\n" +
      "[a link](javascript:alert(4))",
    topics: ["iraq"],
    language: "en",
    related: [{ headline: "</script><script>alert(5)</script>" }],
    sources: [],
  };
}

/** Site data options for tests that make view models without rendering bodies or excerpts. */
export function plainSiteDataOptions(bodyHtml = ""): SiteDataOptions {
  return {
    siteTitle: "Archive",
    pathPrefix: "/",
    baseUrl: null,
    stylesheet: "/site.css",
    searchScript: "/search.js",
    renderBody: () => bodyHtml,
    excerptOf: (a) => a.headline,
    apiIndexEntry: (_inputs, make) => make(),
    sourceDateEpoch: null,
  };
}
