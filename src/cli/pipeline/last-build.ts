import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../../content/atomic.ts";

/**
 * How the live site was built, so `check` crawls dist/ the same way, and how large it was, so the
 * next build knows before reading the archive whether a rendering thread will be wanted.
 * Derived state: it lives in .cache/.
 */
export interface LastBuild {
  pathPrefix: string;
  baseUrl: string | null;
  /** Articles and HTML pages of the site; 0 when the file predates them. */
  articles: number;
  pages: number;
}

const LAST_BUILD_FILE = "last-build.json";

export async function writeLastBuild(cacheDir: string, last: LastBuild): Promise<void> {
  writeFileAtomic(join(cacheDir, LAST_BUILD_FILE), JSON.stringify(last) + "\n");
}

/** The last successful build's settings, or undefined when there is none (or the file is damaged). */
export async function readLastBuild(cacheDir: string): Promise<LastBuild | undefined> {
  try {
    const value = JSON.parse(await readFile(join(cacheDir, LAST_BUILD_FILE), "utf8")) as Partial<LastBuild>;
    if (typeof value.pathPrefix !== "string") return undefined;
    const count = (n: unknown): number => (typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : 0);
    return { pathPrefix: value.pathPrefix, baseUrl: typeof value.baseUrl === "string" ? value.baseUrl : null, articles: count(value.articles), pages: count(value.pages) };
  } catch {
    return undefined;
  }
}
