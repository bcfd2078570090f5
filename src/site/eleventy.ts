import { createRequire } from "node:module";
import { relative, resolve } from "node:path";
import type { EleventyUserConfig } from "@11ty/eleventy";
import { absoluteUrl, prefixedPath } from "./urls.ts";
import { dumpLineRows } from "./view/line-rows.ts";
import type { PageSource, SiteData } from "./view/types.ts";
import type { DeferredBodies } from "./body-refs.ts";
import { writeFiles } from "./write-files.ts";

export interface EleventyRun {
  templatesDir: string;
  outDir: string;
  pathPrefix: string;
  baseUrl: string | null;
  pagesPerRun: number;
}

/**
 * Freezes the view models: Eleventy hands frozen plain objects to every page by reference
 * instead of deep-copying them into each template's data (a copy per template would be linear
 * in the archive for every paginated template), and nothing can change them mid-render.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Our Eleventy wiring, as a configuration callback (usable by a dev server too): Nunjucks only,
 * autoescape on, no Markdown or HTML template processing at all, the view models as global data,
 * the one pair of filters through which every link passes, and the one that makes a dump page's
 * line rows (view/line-rows.ts).
 */
export function configureEleventy(data: BatchData, run: Pick<EleventyRun, "pathPrefix" | "baseUrl">) {
  return (config: EleventyUserConfig): void => {
    config.setQuietMode(true);
    // Eleventy prints a warning when a filter takes over 8% of a run, and quiet mode does not
    // reach it (the timings are set up before the mode). A dump page's rows (lineRows) are most
    // of that page's work by design; a build's output is ours, not a profiler's.
    config.benchmarkManager.get("Configuration").setIsVerbose(false);
    config.setUseGitIgnore(false);
    // Pages are the virtual templates below; templates/_includes holds what they include. Article
    // text is never template source, and CSS and scripts in templates/assets are copied as they are.
    config.setTemplateFormats(["njk"]);
    config.setIncludesDirectory("_includes");
    config.setLayoutsDirectory("_includes/layouts");
    config.setDataDirectory("_data");
    config.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
    config.addGlobalData("site", deepFreeze(data));
    config.addFilter("link", (path: string) => prefixedPath(path, run.pathPrefix));
    config.addFilter("absoluteUrl", (path: string) => absoluteUrl(path, run.pathPrefix, run.baseUrl));
    config.addFilter("lineRows", dumpLineRows);
    for (const page of PAGES) {
      config.addTemplate(`${page.name}.njk`, page.content, {
        pagination: { data: `site.${page.data}`, size: 1, alias: "p" },
        permalink: (pageData: { p: { url?: string; path?: string } }) => outputPath(pageData.p),
        eleventyExcludeFromCollections: true,
      });
    }
  };
}

/**
 * The page kinds: each paginates, one page per view model, over a list in the global data.
 * A page's own template is a single include: Eleventy compiles every paginated page's template
 * anew, and an include is cheap to compile, while the included file is compiled once and cached.
 */
type PageList = "articles" | "lists" | "directories" | "dumps" | "search" | "feeds";

const PAGES: ReadonlyArray<{ name: string; data: PageList; content: string }> = [
  { name: "articles", data: "articles", content: '{% include "pages/article.njk" %}' },
  { name: "lists", data: "lists", content: '{% include "pages/list.njk" %}' },
  { name: "directories", data: "directories", content: '{% include "pages/directory.njk" %}' },
  { name: "dumps", data: "dumps", content: '{% include "pages/dump.njk" %}' },
  { name: "search", data: "search", content: '{% include "pages/search.njk" %}' },
  { name: "feeds", data: "feeds", content: '{% include "pages/feed.njk" %}' },
];

/** HTML pages have a folder URL (`/x/` → `/x/index.html`); feeds and files name their file. */
export function outputPath(view: PageView): string {
  if (view.path !== undefined) return view.path;
  if (view.url === undefined || !view.url.endsWith("/")) throw new TypeError(`a page's url ends with "/": got ${String(view.url)}`);
  return `${view.url}index.html`;
}

/**
 * Pages rendered per Eleventy run. Eleventy keeps every page of a run in memory (a template
 * clone and its data each) until the run ends, so one run over a 64k-article archive needs
 * gigabytes; runs of a bounded size keep memory flat and cost only a fixed start-up each.
 */
export const PAGES_PER_RUN = 1000;

/**
 * Which pages to render, and how. A page whose source knows a hash of its inputs (PageSource
 * `inputs`) is asked about before its view model is made; the others once it is.
 */
export interface PageSelect {
  /** True when the page made from inputs hashing to `hash` need not be made at all. */
  keepInputs(file: string, hash: string): boolean;
  /**
   * The view to render for a page, or null when it need not be rendered; `hashed` says whether
   * keepInputs was asked about it already. Its bodies are put in when its batch is rendered.
   */
  view(file: string, view: PageView, hashed: boolean): PageView | null;
}

const RENDER_ALL: PageSelect = { keepInputs: () => false, view: (_file, view) => view };

/**
 * Splits the page lists into consecutive batches of at most `size` pages, in a stable order.
 * Pages made on demand (PageSource) are made here, one batch at a time.
 */
export function* batches(data: SiteData, size: number = PAGES_PER_RUN, select: PageSelect = RENDER_ALL): Generator<BatchData> {
  let current: BatchData | null = null;
  let room = 0;
  for (const page of PAGES) {
    const source: PageSource<PageView> = data[page.data];
    for (let i = 0; i < source.length; ) {
      if (current === null || room === 0) {
        if (current !== null) yield current;
        current = { ...data, articles: [], lists: [], directories: [], dumps: [], search: [], feeds: [] };
        room = size;
      }
      const end = Math.min(source.length, i + room);
      const take = pick(source, i, end, select);
      i = end;
      (current[page.data] as unknown[]).push(...take);
      room -= take.length;
    }
  }
  if (current !== null && PAGES.some((page) => current[page.data].length > 0)) yield current;
}

/** The views to render among pages start..end of a source. */
function pick(source: PageSource<PageView>, start: number, end: number, select: PageSelect): PageView[] {
  const take: PageView[] = [];
  const add = (view: PageView, hashed: boolean): void => {
    const selected = select.view(outputPath(view).slice(1), view, hashed);
    if (selected !== null) take.push(selected);
  };
  if (source.inputs === undefined) {
    for (const view of source.slice(start, end)) add(view, false);
    return take;
  }
  for (let i = start; i < end; i++) {
    const known = source.inputs(i);
    if (known !== null && select.keepInputs(known.file, known.hash)) continue;
    const view = source.slice(i, i + 1)[0]!;
    if (known !== null && known.file !== outputPath(view).slice(1)) {
      throw new TypeError(`a page's inputs name ${known.file}, its view ${outputPath(view).slice(1)}`);
    }
    add(view, known !== null);
  }
  return take;
}

/** What every view model has: a folder URL (HTML pages) or a file path (feeds). */
export type PageView = { url?: string; path?: string };

/** One Eleventy run's data: the shared fields and concrete lists of the batch's pages. */
export type BatchData = { [K in keyof SiteData]: SiteData[K] extends PageSource<infer T> ? T[] : SiteData[K] };

/**
 * Eleventy, loaded on first use: it is heavy to load, and only rendering needs it. Required, not
 * imported: an import of its ~250 modules passes each through the TypeScript loader's hooks
 * (bin/newsarchive.js), and took 0.3–0.37 s where require takes 0.19–0.22 s, for every build
 * that renders a page. Node requires an ES module from node_modules without a warning.
 */
export function loadEleventy(): typeof import("@11ty/eleventy").default {
  return (createRequire(import.meta.url)("@11ty/eleventy") as typeof import("@11ty/eleventy")).default;
}

/** Renders one batch with Eleventy's programmatic API, to memory: the caller writes the pages. */
export async function renderBatch(batch: BatchData, run: EleventyRun): Promise<Array<{ file: string; content: string }>> {
  // Eleventy resolves its folders against the working directory; relative paths keep it happy.
  const input = relative(process.cwd(), run.templatesDir) || ".";
  const output = relative(process.cwd(), run.outDir) || ".";
  const Eleventy = loadEleventy();
  const eleventy = new Eleventy(input, output, { quietMode: true, config: configureEleventy(batch, run) });
  // toJSON rather than write: Eleventy makes a folder per page; our writes make each folder once.
  const pages = await eleventy.toJSON();
  return pages.map((page) => ({ file: resolve(page.outputPath), content: page.content }));
}

/**
 * How a batch's article bodies are put in (see body-refs.ts): view models hold markers for them
 * until the batch is rendered, here or on a rendering thread.
 */
export interface BatchBodies {
  /** The batch with every body's HTML in, rendered in this thread where the cache lacks it. */
  hydrate(batch: BatchData): BatchData;
  /** The batch with the cached bodies' HTML in, and the Markdown of the others for a rendering thread. */
  deferred(batch: BatchData): { view: BatchData; bodies: DeferredBodies };
  /** Bodies a rendering thread rendered, for the cache. */
  rendered(bodies: Iterable<readonly [string, string]>): void;
}

/** For view models without body markers. */
export const NO_BODIES: BatchBodies = { hydrate: (batch) => batch, deferred: (view) => ({ view, bodies: {} }), rendered: () => undefined };

/** Renders and writes batches one after the other in this thread. */
export async function renderInProcess(batchList: Iterable<BatchData>, run: EleventyRun, bodies: BatchBodies = NO_BODIES): Promise<number> {
  let runs = 0;
  for (const batch of batchList) {
    runs++;
    writeFiles(await renderBatch(bodies.hydrate(batch), run));
  }
  return runs;
}
