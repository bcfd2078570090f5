import { projectPaths, type ProjectPaths } from "../../config.ts";
import { hasErrors, printDiagnostics, wantsColor } from "../../errors/index.ts";
import { normaliseBaseUrl, normalisePathPrefix } from "../../site/urls.ts";
import { parseCommandArgs, stringOption, UsageError, withUsage, type ParsedArgs } from "../args.ts";
import type { BuildResult, BuildStage } from "../pipeline/run-build.ts";
import { createProgress } from "../progress.ts";
import { formatDumpSummary, formatIngestTotals } from "./ingest.ts";

const usage = `usage: newsarchive build [--path-prefix /archive/] [--base-url https://example.org] [--no-search] [--verbose]

Ingests new and changed dumps, renders content/ (drafts left out) into a staging folder, indexes
it for search and swaps it into dist/. A failed build leaves dist/ as it was.

  --path-prefix <path>  host the site in a subfolder: every link and asset goes under it (default /)
  --base-url <url>      the site's address, for feeds and canonical links
  --no-search           skip the search index (quicker previews)
  --verbose             list every dump and every decision`;

export const buildOptionSpec = {
  "path-prefix": { type: "string" },
  "base-url": { type: "string" },
  "no-search": { type: "boolean" },
  verbose: { type: "boolean" },
} as const;

export interface SiteAddress {
  pathPrefix: string;
  baseUrl: string | null;
}

/** The prefix and base URL from the options, normalised; a malformed one is a usage error. */
export function siteAddress(parsed: ParsedArgs): SiteAddress {
  try {
    return {
      pathPrefix: normalisePathPrefix(stringOption(parsed, "path-prefix") ?? "/"),
      baseUrl: normaliseBaseUrl(stringOption(parsed, "base-url") ?? null),
    };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

const STAGE_LABELS: ReadonlyArray<[BuildStage, string]> = [
  ["ingest", "ingest"],
  ["render", "pages"],
  ["search", "search"],
  ["swap", "publish"],
];

/**
 * Where a build's time went, in one line: `time: ingest 1.71 s, pages 2.43 s, search 2.90 s
 * (beside the pages), publish 0.10 s; 5.31 s in all`. Stages that did not run are left out.
 */
export function formatBuildTimes(seconds: BuildResult["seconds"]): string {
  const parts = STAGE_LABELS.flatMap(([stage, label]) => {
    const taken = seconds[stage];
    if (taken === undefined) return [];
    const beside = stage === "search" && seconds.render !== undefined ? " (beside the pages)" : "";
    return [`${label} ${taken.toFixed(2)} s${beside}`];
  });
  return `time: ${parts.join(", ")}; ${seconds.total.toFixed(2)} s in all`;
}

/** Runs a build and reports it; shared by `build` and `serve`. Returns the exit code. */
export async function buildAndReport(paths: ProjectPaths, address: SiteAddress, flags: { search: boolean; verbose: boolean }): Promise<BuildResult> {
  // Loaded here, not at the top: the renderer and the search indexer are heavy to load.
  const { runBuild } = await import("../pipeline/run-build.ts");
  let progress: ReturnType<typeof createProgress> | undefined;
  const result = await runBuild({
    paths,
    ...address,
    skipSearch: !flags.search,
    onProgress: (done, total, file) => {
      progress ??= createProgress(process.stderr, total);
      progress.update(done, total, file);
    },
    onStage: (stage) => {
      if (stage !== "ingest") progress?.finish();
    },
  });
  progress?.finish();
  const color = wantsColor(process.stdout);
  if (result.ingest) {
    for (const summary of result.ingest.dumps) {
      // A build lists only the dumps it ingested or that have problems; `--verbose` lists all.
      if (flags.verbose || summary.ingested || summary.errors > 0 || summary.warnings > 0) {
        process.stdout.write(formatDumpSummary(summary, color) + "\n");
      }
    }
    process.stdout.write(formatIngestTotals(result.ingest) + "\n");
  }
  printDiagnostics(result.diagnostics, process.stderr, { verbose: flags.verbose });
  if (result.ok) {
    const reused = result.reused ? `, ${result.reused} unchanged` : "";
    process.stdout.write(`dist/: ${result.articles} articles, ${result.pages} pages, ${result.files} files${reused} (path prefix ${address.pathPrefix})\n`);
    process.stdout.write(`${formatBuildTimes(result.seconds)}\n`);
  } else {
    process.stderr.write("build failed: dist/ was left unchanged\n");
  }
  return result;
}

/** `newsarchive build` */
export async function buildCommand(args: string[]): Promise<number> {
  return withUsage(usage, args, async () => {
    const parsed = parseCommandArgs(args, buildOptionSpec, false);
    const address = siteAddress(parsed);
    const result = await buildAndReport(projectPaths(), address, {
      search: parsed.values["no-search"] !== true,
      verbose: parsed.values["verbose"] === true,
    });
    return result.ok && !hasErrors(result.diagnostics) ? 0 : 1;
  });
}
