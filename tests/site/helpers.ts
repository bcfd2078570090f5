import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { buildSite, type SiteInput, type SiteOptions, type SiteReport } from "../../src/site/index.ts";
import { seedsDir, templatesDir } from "./fixtures.ts";

export interface BuiltSite {
  dir: string;
  report: SiteReport;
  read(path: string): Promise<string>;
  /** The page at a site path (`/articles/x/`) as a DOM document. */
  page(path: string): Promise<Document>;
  /** Every file, as paths relative to the site root. */
  files(): Promise<string[]>;
  remove(): Promise<void>;
}

export async function buildInto(
  input: SiteInput,
  options: Partial<Pick<SiteOptions, "pathPrefix" | "baseUrl" | "siteTitle" | "cacheDir" | "pagesPerRun" | "renderThreads" | "renderThreadsStarted">> = {},
): Promise<BuiltSite> {
  const root = await mkdtemp(join(tmpdir(), "newsarchive-site-"));
  const dir = join(root, "out");
  const report = await buildSite(input, {
    outDir: dir,
    seedsDir,
    templatesDir,
    cacheDir: options.cacheDir ?? join(root, "cache"),
    pathPrefix: options.pathPrefix ?? "/",
    baseUrl: options.baseUrl === undefined ? null : options.baseUrl,
    ...(options.siteTitle === undefined ? {} : { siteTitle: options.siteTitle }),
    ...(options.pagesPerRun === undefined ? {} : { pagesPerRun: options.pagesPerRun }),
    ...(options.renderThreads === undefined ? {} : { renderThreads: options.renderThreads }),
    ...(options.renderThreadsStarted === undefined ? {} : { renderThreadsStarted: options.renderThreadsStarted }),
  });
  const read = (path: string): Promise<string> => readFile(join(dir, (path.endsWith("/") ? `${path}index.html` : path).replace(/^\//, "")), "utf8");
  return {
    dir,
    report,
    read,
    page: async (path) => parseHTML(await read(path)).document as unknown as Document,
    files: async () =>
      (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
        .sort(),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? "").replace(/\s+/g, " ").trim();
}

export function all(doc: Document | Element, selector: string): Element[] {
  return [...doc.querySelectorAll(selector)];
}

/** A table row's cells' texts joined by single spaces. */
export function cells(row: Element): string {
  return [...row.children].map(text).join(" ");
}
