import { z } from "zod";

/** Lower-case ASCII words joined by single hyphens: safe as one URL path segment and one folder name. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a slug is lower-case letters, digits and single hyphens");

/** A calendar date as ISO `YYYY-MM-DD`; undated records carry null, never a guess. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "a date is written YYYY-MM-DD");

export const OutletRefSchema = z.object({
  name: z.string().min(1),
  slug: SlugSchema,
});

/** Where a record's words came from: one entry per capture of the story. */
export const SourceSchema = z.object({
  dump: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "a sha256 is 64 lower-case hex digits"),
  lines: z
    .tuple([z.number().int().positive(), z.number().int().positive()])
    .refine(([first, last]) => first <= last, "lines are [first, last] with first ≤ last"),
});

export const RelatedSchema = z.object({
  headline: z.string().min(1),
  /** Site-relative URL (`/articles/<slug>/`) when the headline resolves to an archive article. */
  url: z.string().startsWith("/").optional(),
});

export const ArticleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "an id is lower-case letters, digits and hyphens"),
  slug: SlugSchema,
  headline: z.string().min(1),
  outlet: OutletRefSchema.nullable(),
  byline: z.string().min(1).nullable(),
  date: IsoDateSchema.nullable(),
  dateline: z.string().min(1).nullable(),
  /** Markdown paragraphs, nothing else. */
  body: z.string(),
  topics: z.array(SlugSchema),
  /** BCP 47 language tag. */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a language is a BCP 47 tag such as en or pt-BR"),
  related: z.array(RelatedSchema),
  /** Empty only for articles an editor added by hand. */
  sources: z.array(SourceSchema),
});

export type Slug = z.infer<typeof SlugSchema>;
export type OutletRef = z.infer<typeof OutletRefSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Related = z.infer<typeof RelatedSchema>;
export type Article = z.infer<typeof ArticleSchema>;
