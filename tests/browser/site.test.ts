/**
 * The built site in a real browser (Debian's chromium through playwright-core): a reader's path,
 * search with a filter, axe-core on every page type at two widths, and screenshots of each page
 * type in test-output/screenshots/ to look at. The site is served under a path prefix, and no
 * request may leave it.
 */
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexSearch } from "../../src/search/index.ts";
import { buildSite, type SiteInput } from "../../src/site/index.ts";
import { SLUGS, projectRoot, seedInput, seedsDir, syntheticArticles, templatesDir } from "../site/fixtures.ts";
import { hasChromium, launchChromium } from "./chromium.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const PREFIX = "/archive/";
const SHOTS = resolve(projectRoot, "test-output", "screenshots");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** One page of each type, by name. */
const PAGE_TYPES: Record<string, string> = {
  home: "",
  "outlet-page-2": "outlets/sana/page/2/",
  article: `articles/${SLUGS.agreement}/`,
  "article-undated": `articles/${SLUGS.rejects}/`,
  outlets: "outlets/",
  outlet: "outlets/sana/",
  topics: "topics/",
  topic: "topics/islamic-state/",
  dates: "dates/",
  year: "dates/2015/",
  month: "dates/2015/09/",
  undated: "dates/undated/",
  dumps: "dumps/",
  dump: "dumps/000-a614a29300825745/",
  search: "search/",
};

let root: string;
let server: StaticServer;
let browser: Browser;

function fixture(): SiteInput {
  const input = seedInput();
  input.articles.push(...syntheticArticles(40));
  return input;
}

beforeAll(async () => {
  if (!hasChromium()) throw new Error("chromium is not installed at /usr/bin/chromium: apt-get install -y chromium");
  root = await mkdtemp(join(tmpdir(), "newsarchive-browser-"));
  const input = fixture();
  const siteDir = join(root, "site");
  await buildSite(input, { outDir: siteDir, seedsDir, templatesDir, cacheDir: join(root, "cache"), pathPrefix: PREFIX, baseUrl: null });
  await indexSearch({ siteDir, articles: input.articles, cacheDir: join(root, "cache"), pathPrefix: PREFIX, registries: input.registries });
  server = await serveStatic(siteDir, PREFIX);
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** A page that records every request it makes, so the test can see none left the site. */
async function openPage(width: number, colorScheme: "light" | "dark" = "light"): Promise<{ context: BrowserContext; page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  return { context, page, requests };
}

const url = (path: string): string => `${server.origin}${PREFIX}${path}`;

describe("a reader's path", () => {
  it("home → outlet → article → related → topic, all by clicking", async () => {
    const { context, page, requests } = await openPage(1280);
    try {
      await page.goto(url(""));
      await page.locator(".list-aside").getByRole("link", { name: "SANA", exact: true }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("SANA");
      expect(page.url()).toBe(url("outlets/sana/"));

      await page.getByRole("link", { name: "Iraq: agreement on anti-ISIS joint information center with Russia, Syria and Iran" }).click();
      await expect.poll(() => page.url()).toBe(url(`articles/${SLUGS.agreement}/`));
      expect(await page.locator(".article-outlet").textContent()).toBe("SANA");

      await page.locator("#related-h + ul").getByRole("link", { name: "Iraqi Popular Forces Not to Fight alongside Americans in Anbar" }).click();
      await expect.poll(() => page.url()).toBe(url(`articles/${SLUGS.anbar}/`));
      expect(await page.locator(".dateline").textContent()).toBe("(FNA) ~");

      await page.locator(".tags").getByRole("link", { name: "Anbar" }).click();
      await expect.poll(() => page.url()).toBe(url("topics/anbar/"));
      expect(await page.locator("h1").textContent()).toBe("Anbar");
      expect(requests.every((r) => r.startsWith(url("")))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("article pages load no script and nothing from outside the site", async () => {
    const { context, page, requests } = await openPage(1280);
    try {
      await page.goto(url(PAGE_TYPES.article!));
      await page.waitForLoadState("networkidle");
      expect(requests.filter((r) => r.endsWith(".js"))).toEqual([]);
      expect(requests.every((r) => r.startsWith(url("")))).toBe(true);
      // The self-hosted serif is what the body is set in.
      expect(await page.evaluate(() => document.fonts.check('1em "Source Serif 4"'))).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe("search", () => {
  it("finds a word and narrows the results with a filter", async () => {
    const { context, page, requests } = await openPage(1280);
    try {
      await page.goto(url("search/"));
      const box = page.locator(".pagefind-ui__search-input");
      await box.waitFor();
      await box.fill("Iraqi");
      const results = page.locator(".pagefind-ui__result");
      await expect.poll(() => results.count(), { timeout: 15_000 }).toBeGreaterThan(1);
      const before = await results.count();
      const outletGroup = page.locator(".pagefind-ui__filter-panel details", { hasText: "outlet" });
      await outletGroup.locator("summary").click();
      await outletGroup.getByText("Fars News Agency").click();
      // Only Fars News Agency's articles remain.
      await expect
        .poll(async () => (await page.locator(".pagefind-ui__result-link").allTextContents()).sort(), { timeout: 15_000 })
        .toEqual(["Iraq Rejects US Request for Partnership in Combat against ISIL", "Iraqi Popular Forces Not to Fight alongside Americans in Anbar"]);
      expect(before).toBeGreaterThan(2);
      const hrefs = await page.locator(".pagefind-ui__result-link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
      expect(hrefs.every((h) => h?.startsWith(`${PREFIX}articles/`))).toBe(true);
      await page.screenshot({ path: join(SHOTS, "search-results-1280.png"), fullPage: true });
      expect(requests.every((r) => r.startsWith(url("")))).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe("accessibility and screenshots", () => {
  for (const width of [1280, 390]) {
    it(`every page type has no axe violations at ${width} px`, async () => {
      const { context, page, requests } = await openPage(width);
      const failures: string[] = [];
      try {
        for (const [name, path] of Object.entries(PAGE_TYPES)) {
          await page.goto(url(path));
          if (name === "search") await page.locator(".pagefind-ui__search-input").waitFor();
          await page.addScriptTag({ content: axeSource });
          const violations = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
            const result = await axe.run(document, { resultTypes: ["violations"] });
            return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(", ")}`);
          });
          failures.push(...violations.map((v) => `${name}: ${v}`));
          await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
        }
        const dark = await openPage(width, "dark");
        for (const name of ["home", "article", "dump"]) {
          await dark.page.goto(url(PAGE_TYPES[name]!));
          await dark.page.screenshot({ path: join(SHOTS, `${name}-${width}-dark.png`), fullPage: true });
        }
        await dark.context.close();
      } finally {
        await context.close();
      }
      expect(failures).toEqual([]);
      expect(requests.filter((r) => !r.startsWith(url("")))).toEqual([]);
    });
  }

  it("prints an article without the site's furniture", async () => {
    const { context, page } = await openPage(800);
    try {
      await page.goto(url(PAGE_TYPES.article!));
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".site-nav").isVisible()).toBe(false);
      expect(await page.locator(".article-body").isVisible()).toBe(true);
      await page.screenshot({ path: join(SHOTS, "article-print.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
