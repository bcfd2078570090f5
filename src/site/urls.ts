/**
 * Every internal link of the site is a site path (`/articles/x/`) until the last moment, when
 * one of these functions places it under the path prefix or the base URL. Templates reach them
 * through the `link` and `absoluteUrl` filters; nothing else builds hrefs.
 */

/** `"archive"`, `"/archive"`, `"/archive/"` → `"/archive/"`; `""` and `"/"` → `"/"`. */
export function normalisePathPrefix(prefix: string): string {
  if (typeof prefix !== "string") throw new TypeError("pathPrefix must be a string such as \"/\" or \"/archive/\"");
  const trimmed = prefix.trim().replace(/^\/+|\/+$/g, "");
  if (trimmed === "") return "/";
  if (/[?#\s]/.test(trimmed)) throw new TypeError(`pathPrefix ${JSON.stringify(prefix)} must be a plain path`);
  return `/${trimmed}/`;
}

/** `"https://example.org/"` → `"https://example.org"`; null stays null. Throws on a URL that is not http(s). */
export function normaliseBaseUrl(baseUrl: string | null): string | null {
  if (baseUrl === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`baseUrl ${JSON.stringify(baseUrl)} must be http or https`);
  }
  if (parsed.search !== "" || parsed.hash !== "") {
    throw new TypeError(`baseUrl ${JSON.stringify(baseUrl)} must not carry a query or fragment`);
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, "");
}

/** Whether a link leaves the site (has a scheme or is protocol-relative) or is an in-page anchor. */
function isExternalOrAnchor(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("//") || path.startsWith("#");
}

/** A site path under the prefix: `("/articles/x/", "/archive/")` → `"/archive/articles/x/"`. */
export function prefixedPath(sitePath: string, pathPrefix: string): string {
  if (isExternalOrAnchor(sitePath)) return sitePath;
  if (!sitePath.startsWith("/")) throw new TypeError(`a site path starts with "/": got ${JSON.stringify(sitePath)}`);
  return pathPrefix + sitePath.slice(1);
}

/** The absolute URL of a site path when a base URL is known, else its prefixed path. */
export function absoluteUrl(sitePath: string, pathPrefix: string, baseUrl: string | null): string {
  const path = prefixedPath(sitePath, pathPrefix);
  if (baseUrl === null || isExternalOrAnchor(path)) return path;
  return baseUrl + path;
}

/** Site paths of the URL layout (DESIGN.md), in one place. */
export const paths = {
  home: (): string => "/",
  article: (slug: string): string => `/articles/${slug}/`,
  outlets: (): string => "/outlets/",
  outlet: (slug: string): string => `/outlets/${slug}/`,
  topics: (): string => "/topics/",
  topic: (slug: string): string => `/topics/${slug}/`,
  dates: (): string => "/dates/",
  year: (year: string): string => `/dates/${year}/`,
  month: (year: string, month: string): string => `/dates/${year}/${month}/`,
  undated: (): string => "/dates/undated/",
  dumps: (): string => "/dumps/",
  dump: (id: string): string => `/dumps/${id}/`,
  search: (): string => "/search/",
  /** Page n (1-based) of an index whose first page is `base`. */
  page: (base: string, n: number): string => (n <= 1 ? base : `${base}page/${n}/`),
  apiArticle: (slug: string): string => `/api/articles/${slug}.json`,
} as const;

/**
 * The file name a raw dump is served under on its page. Text dumps keep their name; others
 * (HTML above all) get `.txt` appended, so that a static server sends them as plain text and a
 * captured page's scripts never run on the archive's origin. The bytes are unchanged.
 */
export function rawDumpFileName(name: string): string {
  return /\.txt$/i.test(name) ? name : `${name}.txt`;
}

export function rawDumpPath(id: string, name: string): string {
  return `${paths.dump(id)}${encodeURIComponent(rawDumpFileName(name))}`;
}

/** The slug a related link points at, when it is an archive article's path (`/articles/<slug>/`). */
export function articleSlugOf(url: string | undefined): string | undefined {
  return url === undefined ? undefined : /^\/articles\/([^/]+)\/$/.exec(url)?.[1];
}
