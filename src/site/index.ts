import { mkdir, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Article, Diagnostic, Registries } from "../model/index.ts";
import type { SiteDump } from "./view/types.ts";
import { copyRawDumps, writeAssets } from "./assets.ts";
import { PAGES_PER_RUN } from "./eleventy.ts";
import { defaultRenderThreads, renderSite, type RenderThread } from "./render-pool.ts";
import { BodyRefs } from "./body-refs.ts";
import { BodyCache } from "./render-body.ts";
import { TIGHT_HEAP_ARTICLES } from "../heap-growth.ts";
import { openApiRecords } from "./api-records.ts";
import type { KeptTexts } from "./kept-texts.ts";
import { ExcerptCache } from "./excerpts.ts";
import { buildSiteData } from "./site-data.ts";
import { xmlSafe } from "./view/feeds.ts";
import { normaliseBaseUrl, normalisePathPrefix } from "./urls.ts";
import { writeRawFiles } from "./write-files.ts";
import { contentHash, OutputReuse, renderKey } from "./reuse.ts";

export { renderBody } from "./render-body.ts";
export { renderThreadsForPages, startRenderThread, type RenderThread } from "./render-pool.ts";
export { configureEleventy } from "./eleventy.ts";
export { commitManifest, dropManifest, OutputReuse } from "./reuse.ts";
export { absoluteUrl, normalisePathPrefix, prefixedPath, paths } from "./urls.ts";

export interface SiteInput {
  /** Validated records, drafts already removed. */
  articles: Article[];
  /** Every dump still in seeds/, with its parse report. */
  dumps: SiteDump[];
  /** Outlets and topics, curated and discovered. */
  registries: Registries;
}

export interface SiteOptions {
  /** Renders here; the caller swaps it into dist/. */
  outDir: string;
  /** Where each raw dump is copied from for its download link. */
  seedsDir: string;
  templatesDir: string;
  /** Disposable state (rendered bodies by content hash). */
  cacheDir: string;
  /** `"/"` or e.g. `"/archive/"`: every internal link and asset lives under it. */
  pathPrefix: string;
  /** For canonical URLs, feeds, the sitemap and JSON-LD; null gives paths where allowed. */
  baseUrl: string | null;
  /** Default `"News archive"`. */
  siteTitle?: string;
  /** Pages per Eleventy run (default 1000): lower bounds memory, higher saves start-ups. */
  pagesPerRun?: number;
  /**
   * The live site of the last build (dist/), when there is one: when its manifest applies, only
   * the files that differ from it are made into outDir (see reuse.ts and SiteReport.incremental).
   */
  previousDir?: string;
  /** Worker threads rendering batches side by side; 0 renders in this thread (default: see defaultRenderThreads). */
  renderThreads?: number;
  /**
   * Rendering threads the caller started before the records were ready (startRenderThread), to
   * be used as the first of `renderThreads`; the caller terminates them (renderSite does too).
   */
  renderThreadsStarted?: readonly RenderThread[];
}

export interface SiteReport {
  /** HTML pages written. */
  pages: number;
  /** All files written (pages, feeds, JSON, assets, raw dumps). */
  files: number;
  /** Of those, the files the live site has already (not made again). */
  reused: number;
  /**
   * True when outDir holds only the files made anew, to be moved into the live site (whose other
   * files stay); false when it holds the whole site, to replace the live one.
   */
  incremental: boolean;
  /** Files of the live site this site no longer has (incremental builds delete them). */
  removed: string[];
  diagnostics: Diagnostic[];
}

const DEFAULT_TITLE = "News archive";

async function countFiles(dir: string): Promise<{ pages: number; files: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let pages = 0;
  let files = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    files++;
    if (entry.name.endsWith(".html")) pages++;
  }
  return { pages, files };
}

function sourceDateEpoch(): number | null {
  const raw = process.env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw.trim() === "") return null;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0) throw new TypeError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got ${JSON.stringify(raw)}`);
  return seconds;
}

/**
 * Whether a build keeps the entries of `/api/articles.json` between builds (api-records.ts):
 * below TIGHT_HEAP_ARTICLES always; from there only when it adds to a live site. A full build of
 * a large archive makes every entry anyway, and holding them all to write them out at its end
 * (64 MB of text at 64k articles) took a fresh clone's build past the 2 GiB it keeps to (2.06
 * GiB); an add holds them with memory to spare (~30 MiB more at 64k), and encodes only its new
 * records (its pages at 64k: 8.46 s with the entries kept, 9.16 s without, on average over four
 * pairs).
 */
export function keepsApiRecords(articles: number, addsToLiveSite: boolean): boolean {
  return articles < TIGHT_HEAP_ARTICLES || addsToLiveSite;
}

/**
 * Stage 4: the archive's records, dumps and registries → a static site in outDir. Pages are
 * computed as view models here and rendered by Eleventy from templatesDir; the output depends
 * only on the input (and SOURCE_DATE_EPOCH), never on the clock or the order of the input.
 */
export async function buildSite(input: SiteInput, options: SiteOptions): Promise<SiteReport> {
  if (input === null || typeof input !== "object" || !Array.isArray(input.articles) || !Array.isArray(input.dumps)) {
    throw new TypeError("buildSite expects { articles, dumps, registries }");
  }
  const pathPrefix = normalisePathPrefix(options.pathPrefix);
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const outDir = resolve(options.outDir);
  const templatesDir = resolve(options.templatesDir);
  await mkdir(outDir, { recursive: true });

  const bodies = new BodyCache(resolve(options.cacheDir));
  const bodyRefs = new BodyRefs(bodies, xmlSafe);
  const excerpts = await ExcerptCache.open(resolve(options.cacheDir));
  // Opened once it is known whether the build adds to a live site (keepsApiRecords); the
  // index's entries are asked for only as the raw files are written.
  let apiRecords: KeptTexts | null = null;
  const assets = await writeAssets(templatesDir, outDir);
  const { data, files, diagnostics } = buildSiteData(input, {
    siteTitle: options.siteTitle ?? DEFAULT_TITLE,
    pathPrefix,
    baseUrl,
    stylesheet: assets.stylesheet,
    searchScript: assets.searchScript,
    renderBody: (article, use) => bodyRefs.ref(article, use),
    excerptOf: (article) => excerpts.of(article),
    apiIndexEntry: (inputs, make) => (apiRecords === null ? make() : apiRecords.get(inputs, make)),
    sourceDateEpoch: sourceDateEpoch(),
  });
  const shared = { title: data.title, absolute: data.absolute, stylesheet: data.stylesheet, searchScript: data.searchScript, nav: data.nav, pathPrefix, baseUrl };
  const liveDir = options.previousDir === undefined ? null : resolve(options.previousDir);
  const reuse = await OutputReuse.open(resolve(options.cacheDir), "site", await renderKey(templatesDir, shared), liveDir);
  if (keepsApiRecords(input.articles.length, reuse.incremental)) apiRecords = await openApiRecords(resolve(options.cacheDir), JSON.stringify([pathPrefix, baseUrl]));
  await renderSite(
    data,
    { templatesDir, outDir, pathPrefix, baseUrl, pagesPerRun: options.pagesPerRun ?? PAGES_PER_RUN },
    options.renderThreads ?? defaultRenderThreads(data),
    {
      keepInputs: (file, hash) => reuse.keepInputs(file, hash),
      // A view model hashes with its bodies as markers; only pages to render get their HTML.
      view: (file, view, hashed) => (!hashed && reuse.keep(file, contentHash(JSON.stringify(view))) ? null : view),
    },
    bodyRefs,
    // Raw files have no body and need no rendering: written here while the threads render.
    () =>
      writeRawFiles(outDir, files, {
        keepInputs: (file, hash) => reuse.keepInputs(file, hash),
        write: (file, content) => !reuse.keep(file, contentHash(content)),
      }),
    options.renderThreadsStarted,
  );
  const dumps = input.dumps.map((d) => d.dump);
  diagnostics.push(...(await copyRawDumps(dumps, resolve(options.seedsDir), outDir, (file, sha256) => !reuse.keep(file, sha256))));
  // Only a build that made every page knows which bodies the archive still has.
  bodies.save(reuse.incremental ? null : bodyRefs.keys);
  await excerpts.save();
  await apiRecords?.save();
  await reuse.saveNext();
  const made = reuse.count();
  const assetFiles = await countFiles(join(outDir, "assets"));
  return {
    pages: made.pages + assetFiles.pages,
    files: made.files + assetFiles.files,
    reused: reuse.reused,
    incremental: reuse.incremental,
    removed: reuse.removed(),
    diagnostics,
  };
}
