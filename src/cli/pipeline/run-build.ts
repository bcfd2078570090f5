import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { ProjectPaths } from "../../config.ts";
import { ingest, loadContent, type IngestResult } from "../../content/index.ts";
import { loadRegistries } from "../../enrich/registries.ts";
import type { Diagnostic } from "../../model/index.ts";
import type { Article, Registries } from "../../model/index.ts";
import type { indexSearch as IndexSearch, SearchReport } from "../../search/index.ts";
import { SEARCH_MANIFEST_KEY } from "../../search/shards.ts";
import { linkTree } from "../../search/files.ts";
import { buildSite, OutputReuse, renderThreadsForPages, startRenderThread, type RenderThread } from "../../site/index.ts";
import { TIGHT_HEAP_ARTICLES, withTightHeap } from "../../heap-growth.ts";
import { readLastBuild, writeLastBuild } from "./last-build.ts";
import { acquireBuildLock, removeStaleBuildFolders } from "./lock.ts";
import { finishInterruptedUpdate, publish } from "./publish.ts";
import { removeInBackground } from "./remove-later.ts";
import { makeStagingDir } from "./swap.ts";

export interface BuildOptions {
  paths: ProjectPaths;
  /** Where the site is hosted below the domain root, `/` or e.g. `/archive/` (already normalised). */
  pathPrefix: string;
  /** The site's absolute address, for feeds and canonical links; null when unknown. */
  baseUrl: string | null;
  /** Skip the search index (faster previews). Default false. */
  skipSearch?: boolean;
  /** Called as each stage starts. */
  onStage?: (stage: BuildStage) => void;
  onProgress?: (done: number, total: number, file: string) => void;
}

export type BuildStage = "ingest" | "render" | "search" | "swap";

/** Wall seconds spent in each stage the build ran; render and search run side by side. */
export type StageSeconds = Partial<Record<BuildStage, number>>;

export interface BuildResult {
  /** True when the new site is live in dist/. */
  ok: boolean;
  diagnostics: Diagnostic[];
  ingest?: IngestResult;
  /** Articles published (drafts excluded). */
  articles: number;
  pages: number;
  files: number;
  /** Of the files, those linked unchanged from the previous dist/ rather than made again. */
  reused?: number;
  /** Where the time went: per stage, and from the lock taken to the lock released (`total`). */
  seconds: StageSeconds & { total: number };
}

class StageError extends Error {
  constructor(
    readonly stage: BuildStage,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

async function stage<T>(name: BuildStage, options: BuildOptions, seconds: StageSeconds, work: () => Promise<T>): Promise<T> {
  options.onStage?.(name);
  const started = performance.now();
  try {
    return await work();
  } catch (error) {
    throw new StageError(name, error);
  } finally {
    seconds[name] = (seconds[name] ?? 0) + (performance.now() - started) / 1000;
  }
}

const stageFile: Record<BuildStage, string> = { ingest: "seeds/", render: "templates/", search: "dist/", swap: "dist/" };

/**
 * The build: ingest new and changed dumps, read content/ (drafts left out), render the site into
 * a staging folder next to dist/, index it for search, and only then swap it into dist/.
 * Any error (a binary dump, a malformed content file, a failing stage) stops the build before the
 * swap: the live dist/ and content/ are left exactly as they were.
 */
export async function runBuild(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const seconds: StageSeconds = {};
  const lock = await acquireBuildLock(options.paths.cache);
  if ("heldBy" in lock) {
    const message = `another build (process ${lock.heldBy}) is running in this project`;
    return { ok: false, diagnostics: [{ id: "build-locked", level: "error", message, file: ".cache/build.lock" }], articles: 0, pages: 0, files: 0, seconds: { total: (performance.now() - started) / 1000 } };
  }
  let result: UnlockedResult;
  try {
    // An update a killed build left half done is finished first; its staging folder is one of
    // the build folders removed next.
    await finishInterruptedUpdate(options.paths.dist, options.paths.cache);
    await removeStaleBuildFolders(options.paths.dist);
    result = await buildUnlocked(options, seconds);
  } finally {
    await lock.release();
  }
  return { ...result, seconds: { ...seconds, total: (performance.now() - started) / 1000 } };
}

/** What the build under the lock gives; runBuild adds the time it all took. */
type UnlockedResult = Omit<BuildResult, "seconds">;

async function buildUnlocked(options: BuildOptions, seconds: StageSeconds): Promise<UnlockedResult> {
  const { paths } = options;
  const diagnostics: Diagnostic[] = [];
  const failed = (extra: Partial<UnlockedResult> = {}): UnlockedResult => ({ ok: false, diagnostics, articles: 0, pages: 0, files: 0, ...extra });
  let staging: string | undefined;
  let ingested: IngestResult | undefined;
  const renderThreadsStarted = await startRenderThreadsEarly(paths);
  try {
    ingested = await stage("ingest", options, seconds, async () => {
      const content = await loadContent(paths.content, { root: paths.root, cacheDir: paths.cache });
      return ingest({
        paths,
        content,
        mode: "changed",
        holdOnError: true,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    });
    diagnostics.push(...ingested.diagnostics);
    const registries = await loadRegistries(paths.data, { cacheDir: paths.cache });
    diagnostics.push(...registries.diagnostics);
    if (diagnostics.some((d) => d.level === "error")) return failed({ ingest: ingested });

    const articles = ingested.entries.filter((e) => !e.draft).map((e) => e.article);
    staging = await makeStagingDir(paths.dist);
    const outDir = staging;
    const dumps = ingested.parsed;
    // The site and its search index are made side by side: both read only the records. Search
    // starts first: its shards to index go to their threads before pages are computed here.
    const search = options.skipSearch === true ? null : await stage("search", options, seconds, () => openSearch(options.paths));
    // A large archive is rendered with a tight heap (see heap-growth.ts).
    const [rendered, indexed] = await withTightHeap(articles.length >= TIGHT_HEAP_ARTICLES, () => {
      const indexing = stage("search", options, seconds, () =>
        search === null ? Promise.resolve(null) : indexSearchInto(search, outDir, articles, registries.registries, options),
      );
      const rendering = stage("render", options, seconds, () =>
        buildSite(
          { articles, dumps, registries: registries.registries },
          {
            outDir,
            seedsDir: paths.seeds,
            templatesDir: paths.templates,
            cacheDir: paths.cache,
            pathPrefix: options.pathPrefix,
            baseUrl: options.baseUrl,
            previousDir: paths.dist,
            renderThreadsStarted,
          },
        ),
      );
      // Both settle before anything else happens: neither may still write into the staging
      // folder when a failure removes it.
      return Promise.allSettled([rendering, indexing]);
    });
    if (rendered.status === "rejected") throw rendered.reason;
    if (indexed.status === "rejected") throw indexed.reason;
    const site = rendered.value;
    const searched = indexed.value;
    // What ingest reported already (a dump missing from seeds/) is said once.
    const said = new Set(diagnostics.map((d) => `${d.id}\n${d.file ?? ""}`));
    diagnostics.push(...site.diagnostics.filter((d) => !said.has(`${d.id}\n${d.file ?? ""}`)));
    if (site.diagnostics.some((d) => d.level === "error")) return failed({ ingest: ingested });

    // Without search the site has no bundles: an empty manifest of live bundles says so.
    if (searched === null) await (await OutputReuse.open(paths.cache, "search-live", SEARCH_MANIFEST_KEY, null)).saveNext();
    if (!site.incremental) {
      // A whole new site replaces dist/: it takes the live search bundles that were left out.
      const live = (searched?.report.shards ?? []).filter((shard) => shard.live);
      await Promise.all(live.map((shard) => linkTree(join(paths.dist, "search-index", shard.name), join(outDir, "search-index", shard.name))));
    }
    await stage("swap", options, seconds, () =>
      publish(paths.dist, paths.cache, site.incremental, {
        staging: outDir,
        remove: site.removed,
        replaceDirs: (searched?.report.shards ?? []).filter((s) => !s.live).map((s) => `search-index/${s.name}`),
        // Bundles of shards the archive no longer has; without search, the whole index goes.
        removeDirs: searched === null ? ["search-index"] : searched.live.removed(),
      }),
    );
    staging = undefined;
    await writeLastBuild(paths.cache, { pathPrefix: options.pathPrefix, baseUrl: options.baseUrl, articles: articles.length, pages: site.pages });
    return { ok: true, diagnostics, ingest: ingested, articles: articles.length, pages: site.pages, files: site.files, reused: site.reused };
  } catch (error) {
    if (!(error instanceof StageError)) throw error;
    diagnostics.push({
      id: "build-stage-failed",
      level: "error",
      message: `the ${error.stage} stage failed: ${error.message}`,
      file: stageFile[error.stage],
    });
    return failed(ingested ? { ingest: ingested } : {});
  } finally {
    await Promise.all(renderThreadsStarted.map((thread) => thread.terminate()));
    // A failed build's staging folder may hold a whole site: the error is reported without waiting for it.
    if (staging !== undefined) removeInBackground(staging);
  }
}

/**
 * When the last build's site was large enough to be rendered with a thread, that thread is
 * started now: it loads Eleventy on a core that is idle while ingest reads the archive, and then
 * renders even an added dump's few pages, which this thread would otherwise render after loading
 * Eleventy itself (a quarter of a second) while its search shard is indexed on the other core.
 */
async function startRenderThreadsEarly(paths: ProjectPaths): Promise<RenderThread[]> {
  const last = await readLastBuild(paths.cache);
  if (last === undefined || renderThreadsForPages(last.pages) === 0) return [];
  return [startRenderThread(last.articles)];
}

/** The search indexer, loaded (Pagefind is heavy to load, and previews built without search skip it), and the manifest of live bundles. */
async function openSearch(paths: ProjectPaths): Promise<{ indexSearch: typeof IndexSearch; live: OutputReuse }> {
  const { indexSearch } = await import("../../search/index.ts");
  return { indexSearch, live: await OutputReuse.open(paths.cache, "search-live", SEARCH_MANIFEST_KEY, paths.dist) };
}

/**
 * Indexes the archive for search into outDir/search-index/: only the bundles the live site does
 * not have already go in (the manifest of live bundles, name "search-live", says which).
 */
async function indexSearchInto(
  { indexSearch, live }: Awaited<ReturnType<typeof openSearch>>,
  outDir: string,
  articles: readonly Article[],
  registries: Registries,
  options: BuildOptions,
): Promise<{ report: SearchReport; live: OutputReuse }> {
  const report = await indexSearch({
    siteDir: outDir,
    articles,
    cacheDir: options.paths.cache,
    pathPrefix: options.pathPrefix,
    registries,
    isLive: (name, hash) => live.keep(`search-index/${name}`, hash),
    // Pages render meanwhile, on this thread and a render thread: indexing shards on the cores
    // left keeps rendering, the longer of the two, at full speed.
    concurrency: Math.max(1, availableParallelism() - 1),
  });
  await live.saveNext();
  return { report, live };
}
