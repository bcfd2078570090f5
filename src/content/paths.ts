import { isAbsolute, relative, resolve, sep } from "node:path";
import { SlugSchema, type Article } from "../model/index.ts";

/** The folder of articles whose outlet is unknown. Not a valid outlet slug clash: outlets are named. */
export const UNATTRIBUTED_FOLDER = "unattributed";

/** Folders inside content/ that hold no articles (Eleventy-style data, editor notes). */
export function isReservedFolder(name: string): boolean {
  return name.startsWith("_") || name.startsWith(".");
}

/** Whether `child` is `parent` itself or lies inside it, after resolving `..` and the like. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * The content file of an article, relative to content/ with `/` separators:
 * `<outlet-slug>/<slug>.md`, or `unattributed/<slug>.md`. Returns undefined when either slug is
 * not a plain slug (letters, digits, hyphens), so no record can name a path outside its folder.
 */
export function contentPathOf(article: Pick<Article, "slug" | "outlet">): string | undefined {
  const folder = article.outlet === null ? UNATTRIBUTED_FOLDER : article.outlet.slug;
  if (!SlugSchema.safeParse(folder).success || !SlugSchema.safeParse(article.slug).success) return undefined;
  return `${folder}/${article.slug}.md`;
}

/**
 * Resolves a path relative to content/ to an absolute one, refusing anything that would land
 * outside content/ (a programmer error: paths come from contentPathOf or from listing the folder).
 */
export function resolveContentPath(contentDir: string, path: string): string {
  const absolute = resolve(contentDir, ...path.split("/"));
  if (!isInside(contentDir, absolute) || absolute === resolve(contentDir)) {
    throw new TypeError(`content path "${path}" is outside the content folder`);
  }
  return absolute;
}

/** A path relative to some root, with `/` separators, for messages. */
export function displayPath(root: string, absolute: string): string {
  const rel = relative(root, absolute);
  return (rel === "" || rel.startsWith("..") ? absolute : rel).split(sep).join("/");
}
