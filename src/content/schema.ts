import { z } from "zod";
import { ArticleSchema, SlugSchema, RelatedSchema, SourceSchema, type Article } from "../model/index.ts";

/**
 * The front matter of a content file: the article record without its body (the body is the
 * Markdown after the front matter), plus two fields of the editing workflow:
 *
 * - `draft: true` hides the article from the built site;
 * - `generated` is a short hash of the record as ingest wrote it. When the file's record no longer
 *   hashes to it, an editor changed the file, and ingest leaves it alone. Articles added by hand
 *   have no `generated`.
 *
 * So that editors can add an article by hand with little more than a headline, the fields that
 * have an obvious empty value default to it, `slug` defaults to the file name and `id` to the slug.
 */
export const GeneratedHashSchema = z
  .string()
  .regex(/^[0-9a-f]{16}$/, "`generated` is the 16-digit hash ingest writes; delete the line rather than editing it");

const recordFields = ArticleSchema.omit({ body: true }).shape;

export const FrontMatterSchema = z.object({
  ...recordFields,
  id: recordFields.id.optional(),
  slug: SlugSchema.optional(),
  outlet: recordFields.outlet.default(null),
  byline: recordFields.byline.default(null),
  date: recordFields.date.default(null),
  dateline: recordFields.dateline.default(null),
  topics: z.array(SlugSchema).default([]),
  language: recordFields.language.default("en"),
  related: z.array(RelatedSchema).default([]),
  sources: z.array(SourceSchema).default([]),
  draft: z.boolean().default(false),
  generated: GeneratedHashSchema.optional(),
});

export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** The record fields of an article, in the order they are written and hashed. */
export const articleKeys = [
  "id",
  "slug",
  "headline",
  "outlet",
  "byline",
  "date",
  "dateline",
  "language",
  "topics",
  "related",
  "sources",
  "body",
] as const satisfies readonly (keyof Article)[];

/** Every field a content file's front matter may hold, in the order ingest writes them. */
export const frontMatterKeys: readonly string[] = [...articleKeys.filter((key) => key !== "body"), "draft", "generated"];

const knownKeys: ReadonlySet<string> = new Set(frontMatterKeys);

export function isFrontMatterKey(key: string): boolean {
  return knownKeys.has(key);
}

export type ArticleKey = (typeof articleKeys)[number];

/** An article as read from content/: the record plus where it lives and its workflow state. */
export interface ContentEntry {
  /** Path relative to the content folder, with `/` separators, e.g. `sana/some-headline.md`. */
  path: string;
  article: Article;
  draft: boolean;
  /** The hash ingest wrote, when ingest wrote the file. */
  generated?: string;
  /** Whether the record differs from what ingest generated (always true for hand-written files). */
  edited: boolean;
}
