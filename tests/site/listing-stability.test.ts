/**
 * What adding one article to a large archive changes among the listing pages: the page it lands
 * in of each listing it joins and those listings' first pages, not every page after it.
 */
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/model/index.ts";
import { buildSiteData } from "../../src/site/site-data.ts";
import { plainSiteDataOptions, registries, seedDump, syntheticArticles } from "./fixtures.ts";

function listingInputs(articles: readonly Article[]): Map<string, string> {
  const { data } = buildSiteData(
    { articles, dumps: [seedDump()], registries },
    plainSiteDataOptions(),
  );
  const inputs = new Map<string, string>();
  for (let i = 0; i < data.lists.length; i++) {
    const page = data.lists.inputs!(i)!;
    inputs.set(page.file, page.hash);
  }
  return inputs;
}

describe("adding an article to a large archive", () => {
  it("changes the listing pages it lands in, their first pages and the home, not the pages after it", () => {
    const articles = syntheticArticles(1200);
    const before = listingInputs(articles);
    const added: Article = { ...articles[100]!, id: "added-1", slug: "a-newly-added-article", headline: "A newly added article", date: "2015-06-15" };
    const after = listingInputs([...articles, added]);
    const changed = [...after].filter(([file, hash]) => before.get(file) !== hash).map(([file]) => file);
    // The listings it joins: its outlet, its two topics, its year and its month.
    const listings = [`outlets/${added.outlet!.slug}/`, ...added.topics.map((t) => `topics/${t}/`), "dates/2015/", "dates/2015/06/"];
    const pagesOf = (listing: string): number => [...after.keys()].filter((file) => /^(page\/\d+\/)?index\.html$/u.test(file.slice(listing.length)) && file.startsWith(listing)).length;
    expect(listings.map(pagesOf).reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    // Besides them, only the home, whose counts it changes.
    expect(changed.filter((file) => !listings.some((listing) => file.startsWith(listing)))).toEqual(["index.html"]);
    for (const listing of listings) expect(changed).toContain(`${listing}index.html`);
    expect(changed.length).toBeLessThanOrEqual(listings.length * 3);
  });
});
