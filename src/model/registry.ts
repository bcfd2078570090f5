import { z } from "zod";
import { SlugSchema } from "./article.ts";

/** One outlet in `content/_data/outlets.yaml`, the registry editors extend. */
export const OutletEntrySchema = z.object({
  name: z.string().min(1),
  slug: SlugSchema,
  aliases: z.array(z.string().min(1)).default([]),
  homepage: z.url().optional(),
  country: z.string().optional(),
  description: z.string().optional(),
});

export const TopicKindSchema = z.enum(["place", "organisation", "person", "theme"]);

/** One topic in `content/_data/topics.yaml`. */
export const TopicEntrySchema = z.object({
  name: z.string().min(1),
  slug: SlugSchema,
  kind: TopicKindSchema,
  aliases: z.array(z.string().min(1)).default([]),
  description: z.string().optional(),
});

export type OutletEntry = z.infer<typeof OutletEntrySchema>;
export type TopicKind = z.infer<typeof TopicKindSchema>;
export type TopicEntry = z.infer<typeof TopicEntrySchema>;

/** The registries as the site sees them: curated entries plus those enrichment discovered. */
export interface Registries {
  outlets: OutletEntry[];
  topics: TopicEntry[];
}
