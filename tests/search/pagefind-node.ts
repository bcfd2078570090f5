import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

interface PagefindResultData {
  url: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  excerpt: string;
}
interface PagefindModule {
  options(o: { basePath: string }): Promise<void>;
  mergeIndex(path: string): Promise<void>;
  search(term: string, o?: { filters?: Record<string, string> }): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
}

let loads = 0;

/**
 * Opens a built site's sharded search the way the search page does (the first bundle of
 * shards.json, the others merged) with Pagefind's own client, in Node: fetch is answered from
 * the site folder (served under `pathPrefix`). Returns a search function giving the results' data.
 */
export async function openSiteSearch(siteDir: string, pathPrefix = "/"): Promise<(term: string, filters?: Record<string, string>) => Promise<PagefindResultData[]>> {
  const { bundles } = JSON.parse(await readFile(join(siteDir, "search-index", "shards.json"), "utf8")) as { bundles: string[] };
  const [first, ...rest] = bundles;
  if (first === undefined) throw new Error("no bundles");
  globalThis.fetch = async (input: string | URL | Request) => {
    const url = input instanceof Request ? input.url : String(input);
    const path = new URL(url, "http://site.invalid/").pathname;
    if (!path.startsWith(pathPrefix)) return new Response("", { status: 404 });
    try {
      return new Response(await readFile(join(siteDir, decodeURIComponent(path.slice(pathPrefix.length)))));
    } catch {
      return new Response("", { status: 404 });
    }
  };
  // A fresh module instance per site: Pagefind's client keeps its state in module scope.
  const href = `${pathToFileURL(join(siteDir, first.slice(pathPrefix.length), "pagefind.js")).href}?load=${++loads}`;
  const pagefind = (await import(href)) as PagefindModule;
  await pagefind.options({ basePath: first });
  for (const bundle of rest) await pagefind.mergeIndex(bundle);
  return async (term, filters) => {
    const found = await pagefind.search(term, filters ? { filters } : {});
    return Promise.all(found.results.map((r) => r.data()));
  };
}
