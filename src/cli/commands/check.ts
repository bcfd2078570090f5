import { stat } from "node:fs/promises";
import { projectPaths, type ProjectPaths } from "../../config.ts";
import { loadContent } from "../../content/index.ts";
import { loadRegistries } from "../../enrich/registries.ts";
import { hasErrors, printDiagnostics } from "../../errors/index.ts";
import type { Diagnostic } from "../../model/index.ts";
import { normalisePathPrefix } from "../../site/urls.ts";
import { parseCommandArgs, stringOption, UsageError, withUsage } from "../args.ts";
import { crawlSite } from "../check/crawl.ts";
import { readLastBuild } from "../pipeline/last-build.ts";

const usage = `usage: newsarchive check [--path-prefix /archive/] [--content-only] [--verbose]

Validates every file in content/ (and the registries in content/_data/) against the schema, then
crawls dist/ for broken internal links and missing assets. Exits 1 on any problem.

  --path-prefix <path>  the prefix dist/ was built with (default: the last build's)
  --content-only        skip the crawl of dist/`;

export interface CheckReport {
  diagnostics: Diagnostic[];
  articles: number;
  pages: number;
  links: number;
}

/** Validates content/ and crawls dist/. */
export async function runCheck(paths: ProjectPaths, options: { pathPrefix?: string; crawl: boolean }): Promise<CheckReport> {
  const content = await loadContent(paths.content, { root: paths.root, cacheDir: paths.cache });
  const registries = await loadRegistries(paths.data);
  const diagnostics = [...content.diagnostics, ...registries.diagnostics];
  const report: CheckReport = { diagnostics, articles: content.entries.length, pages: 0, links: 0 };
  if (!options.crawl) return report;

  const isDir = await stat(paths.dist).then((s) => s.isDirectory(), () => false);
  if (!isDir) {
    diagnostics.push({ id: "dist-missing", level: "error", message: "dist/ does not exist", file: "dist/" });
    return report;
  }
  const last = await readLastBuild(paths.cache);
  const pathPrefix = options.pathPrefix ?? last?.pathPrefix ?? "/";
  const crawl = await crawlSite({ distDir: paths.dist, pathPrefix, baseUrl: last?.baseUrl ?? null });
  diagnostics.push(...crawl.diagnostics);
  return { ...report, pages: crawl.pages, links: crawl.links };
}

/** `newsarchive check` */
export async function checkCommand(args: string[]): Promise<number> {
  return withUsage(usage, args, async () => {
    const parsed = parseCommandArgs(
      args,
      { "path-prefix": { type: "string" }, "content-only": { type: "boolean" }, verbose: { type: "boolean" } },
      false,
    );
    let pathPrefix: string | undefined;
    const given = stringOption(parsed, "path-prefix");
    if (given !== undefined) {
      try {
        pathPrefix = normalisePathPrefix(given);
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
    }
    const report = await runCheck(projectPaths(), {
      crawl: parsed.values["content-only"] !== true,
      ...(pathPrefix === undefined ? {} : { pathPrefix }),
    });
    printDiagnostics(report.diagnostics, process.stderr, { verbose: parsed.values["verbose"] === true });
    const crawled = parsed.values["content-only"] === true ? "" : `, ${report.pages} pages and ${report.links} links in dist/`;
    process.stdout.write(`checked ${report.articles} articles in content/${crawled}\n`);
    return hasErrors(report.diagnostics) ? 1 : 0;
  });
}
