import { createHash } from "node:crypto";
import type { Article } from "./article.ts";

/**
 * The sha256 (hex) of a record's body, known without reading the body when whoever made the
 * record recorded it (content's index does, for every unchanged file). Pages, API files and
 * search shards are known by hashes of what they are made from; with this, a build that makes
 * ten pages of a large archive reads ten bodies, not the archive's.
 * Records are not changed once made (a change makes a new object), so a digest given for a
 * record stays its digest.
 */
const known = new WeakMap<Article, string>();

export function digestOfBody(body: string): string {
  return createHash("sha256").update(body).digest("hex");
}

export function bodyDigest(article: Article): string {
  let digest = known.get(article);
  if (digest === undefined) known.set(article, (digest = digestOfBody(article.body)));
  return digest;
}

/** Records `article`'s body digest, computed earlier from the same body (see content's index). */
export function knowBodyDigest(article: Article, digest: string): void {
  known.set(article, digest);
}

/**
 * The record's fields by name (sorted: records made by different code list them in different
 * orders), with the body's digest in the body's place: what hashes of a record's pages are made
 * of. The body is not read.
 */
export function fieldsWithBodyDigest(article: Article): Array<[string, unknown]> {
  return Object.keys(article)
    .sort()
    .map((name) => [name, name === "body" ? bodyDigest(article) : article[name as keyof Article]]);
}

const records = new WeakMap<Article, string>();

/**
 * Records a digest standing for the whole of `article` (every field, body included): known
 * without looking at them when the record was read from a text whose hash is known (content's
 * index keys each file by its text, and each text gives one record).
 */
export function knowRecordDigest(article: Article, digest: string): void {
  records.set(article, digest);
}

/**
 * What hashes of a record's pages are made of: a digest of the whole record when one is known
 * (knowRecordDigest), else its fields with the body's digest in the body's place (fieldsWithBodyDigest).
 */
export function recordIdentity(article: Article): string | Array<[string, unknown]> {
  return records.get(article) ?? fieldsWithBodyDigest(article);
}
