// What a reader waits for on the search page of a built site: `node bin/run-ts.js
// tests/bench/search-latency.ts <dist>` serves it, opens /search/ in Debian's chromium, types a
// word from the newest article's headline, and times the first result of that first query (the
// bundles' entry, meta and filter files load then) and of a second one. Prints one JSON line:
// {"bundles", "first_query_ms", "first_query_requests", "next_query_ms", "next_query_requests"}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "../browser/chromium.ts";
import { serveStatic } from "../browser/static-server.ts";

const dist = process.argv[2];
if (dist === undefined) {
  console.error("usage: search-latency.ts <dist>");
  process.exit(2);
}
const api = JSON.parse(readFileSync(join(dist, "api", "articles.json"), "utf8")) as { articles: Array<{ headline: string }> };
const words = api.articles.flatMap((a) => a.headline.split(/\W+/u)).filter((w) => w.length >= 6);
if (words.length < 2) throw new Error(`search-latency: no words to search for in ${dist}`);
const bundles = (JSON.parse(readFileSync(join(dist, "search-index", "shards.json"), "utf8")) as { bundles: string[] }).bundles.length;

const server = await serveStatic(dist);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/search/`);
  const box = page.locator(".pagefind-ui__search-input");
  await box.waitFor();
  const results = page.locator(".pagefind-ui__result");
  /** Types `word` and waits for the message naming it, then for its first result. */
  const query = async (word: string): Promise<{ ms: number; requests: number }> => {
    const before = server.requests.length;
    const started = performance.now();
    await box.fill(word);
    await page.locator(".pagefind-ui__message", { hasText: word }).waitFor({ timeout: 120_000 });
    await results.first().waitFor({ timeout: 120_000 });
    return { ms: Math.round(performance.now() - started), requests: server.requests.length - before };
  };
  const first = await query(words[0]!);
  const next = await query(words[words.length - 1]!);
  console.log(JSON.stringify({ bundles, first_query_ms: first.ms, first_query_requests: first.requests, next_query_ms: next.ms, next_query_requests: next.requests }));
} finally {
  await browser.close();
  await server.close();
}
