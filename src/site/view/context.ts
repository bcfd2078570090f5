import type { BodyUse } from "../body-refs.ts";
import type { Article, Dump } from "../../model/index.ts";
import type { ArchiveIndex } from "./archive.ts";
import type { ArticleSummary, Link } from "./types.ts";

/** What every view-model builder reads: options, the grouped archive, and lookups. */
export interface ViewContext {
  siteTitle: string;
  pathPrefix: string;
  baseUrl: string | null;
  index: ArchiveIndex;
  /** Stands for an article body's HTML (see body-refs.ts): pages print it as is, feeds made XML-safe. */
  renderBody: (article: Article, use?: BodyUse) => string;
  summaries: Map<string, ArticleSummary>;
  /** Dumps still in seeds/, by sha256 and by file name: provenance links. */
  dumpsBySha: Map<string, Dump>;
  dumpsByName: Map<string, Dump>;
  /** Fallback time for feeds when nothing is dated: from SOURCE_DATE_EPOCH, never the clock. */
  epoch: string;
  outletLink: (slug: string) => Link;
  topicLink: (slug: string) => Link;
}
