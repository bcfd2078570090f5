import { rm } from "node:fs/promises";
import type { ProjectPaths } from "../../config.ts";
import { ingest, loadContent, type IngestResult } from "../../content/index.ts";
import { loadRegistries } from "../../enrich/registries.ts";
import type { Diagnostic } from "../../model/index.ts";
import { buildSite, commitManifest, dropManifest } from "../../site/index.ts";
import { writeLastBuild } from "./last-build.ts";
import { acquireBuildLock, removeStaleBuildFolders } from "./lock.ts";
import { makeStagingDir, swapInto } from "./swap.ts";

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
}

class StageError extends Error {
  constructor(
    readonly stage: BuildStage,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

async function stage<T>(name: BuildStage, options: BuildOptions, work: () => Promise<T>): Promise<T> {
  options.onStage?.(name);
  try {
    return await work();
  } catch (error) {
    throw new StageError(name, error);
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
  const lock = await acquireBuildLock(options.paths.cache);
  if ("heldBy" in lock) {
    const message = `another build (process ${lock.heldBy}) is running in this project`;
    return { ok: false, diagnostics: [{ id: "build-locked", level: "error", message, file: ".cache/build.lock" }], articles: 0, pages: 0, files: 0 };
  }
  try {
    await removeStaleBuildFolders(options.paths.dist);
    return await buildUnlocked(options);
  } finally {
    await lock.release();
  }
}

async function buildUnlocked(options: BuildOptions): Promise<BuildResult> {
  const { paths } = options;
  const diagnostics: Diagnostic[] = [];
  const failed = (extra: Partial<BuildResult> = {}): BuildResult => ({ ok: false, diagnostics, articles: 0, pages: 0, files: 0, ...extra });
  let staging: string | undefined;
  let ingested: IngestResult | undefined;
  try {
    ingested = await stage("ingest", options, async () => {
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
    const registries = await loadRegistries(paths.data);
    diagnostics.push(...registries.diagnostics);
    if (diagnostics.some((d) => d.level === "error")) return failed({ ingest: ingested });

    const articles = ingested.entries.filter((e) => !e.draft).map((e) => e.article);
    staging = await makeStagingDir(paths.dist);
    const outDir = staging;
    const dumps = ingested.parsed;
    const site = await stage("render", options, () =>
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
        },
      ),
    );
    diagnostics.push(...site.diagnostics);
    if (site.diagnostics.some((d) => d.level === "error")) return failed({ ingest: ingested });

    if (options.skipSearch !== true) {
      await stage("search", options, async () => {
        // Loaded here: Pagefind is heavy to load, and previews built without search skip it.
        const { indexSearch } = await import("../../search/index.ts");
        await indexSearch({
          siteDir: outDir,
          articles,
          cacheDir: paths.cache,
          pathPrefix: options.pathPrefix,
          registries: registries.registries,
        });
      });
    }
    await stage("swap", options, async () => {
      // The render manifest describes dist/: it is dropped before dist/ changes and the new
      // one committed once the new site is in place (see src/site/reuse.ts).
      await dropManifest(paths.cache);
      await swapInto(outDir, paths.dist);
      await commitManifest(paths.cache);
    });
    staging = undefined;
    await writeLastBuild(paths.cache, { pathPrefix: options.pathPrefix, baseUrl: options.baseUrl });
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
    if (staging !== undefined) await rm(staging, { recursive: true, force: true });
  }
}
