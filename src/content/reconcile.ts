import type { Article, Diagnostic } from "../model/index.ts";
import { contentPathOf } from "./paths.ts";
import type { ContentEntry } from "./schema.ts";
import { changedFields, recordHash, serializeContentFile } from "./serialize.ts";

/** One change ingest will make to content/. */
export type ContentChange =
  | { kind: "write"; path: string; text: string; article: Article; draft: boolean; generated: string; reason: "new" | "update" }
  | { kind: "remove"; path: string; reason: string };

export interface ReconcileInput {
  /** Articles enrichment produced for the dumps being ingested (and any existing ones it updated). */
  generated: readonly Article[];
  /** What content/ holds now. */
  existing: readonly ContentEntry[];
  /** Names of the dumps ingested in full in this run: their old articles may be replaced. */
  ingestedDumps: ReadonlySet<string>;
  /** Files in content/ that have errors: an editor is working on them, nothing is written there. */
  invalid?: ReadonlySet<string>;
  /** Names of the dumps in seeds/; articles whose dumps are all gone get a warning. */
  seedDumps?: ReadonlySet<string>;
  /** How diagnostics name a content path (default: `content/<path>`). */
  display?: (path: string) => string;
}

export interface ReconcilePlan {
  changes: ContentChange[];
  diagnostics: Diagnostic[];
  /** Generated articles kept as the editor left them. */
  kept: number;
  conflicts: number;
}

const dumpsOf = (article: Article): string[] => [...new Set(article.sources.map((s) => s.dump))];

/**
 * Decides what ingest writes, given what enrichment generated and what content/ holds. Pure.
 *
 * A generated article is matched to its file by id; failing that by path (a changed dump gives
 * new ids but mostly the same slugs), when that file came from the same dump. Then:
 * - no file: write it, with `generated:` set to the record's hash;
 * - a file nobody edited: rewrite it (keeping `draft:`), which writes nothing when equal;
 * - an edited file: keep it. If the generated record also changed since the file was written,
 *   report a conflict naming the fields where the two versions differ.
 * Unedited files of an ingested dump that it no longer yields are removed (they can be made
 * again from the dump); edited ones are kept with a warning.
 */
export function reconcile(input: ReconcileInput): ReconcilePlan {
  const show = input.display ?? ((path: string) => `content/${path}`);
  const changes: ContentChange[] = [];
  const diagnostics: Diagnostic[] = [];
  let kept = 0;
  let conflicts = 0;

  const byId = new Map<string, ContentEntry>();
  const byPath = new Map<string, ContentEntry>();
  for (const entry of input.existing) {
    if (!byId.has(entry.article.id)) byId.set(entry.article.id, entry);
    byPath.set(entry.path, entry);
  }
  const claimed = new Set<ContentEntry>();
  /** Paths the plan has written to, so two generated articles never share a file. */
  const taken = new Set<string>();

  for (const article of input.generated) {
    const target = contentPathOf(article);
    if (target === undefined) {
      diagnostics.push({
        id: "unsafe-path",
        level: "error",
        message: `article "${article.headline}" has slug "${article.slug}" (outlet ${JSON.stringify(article.outlet?.slug ?? null)}), which is not a plain slug; it was not written`,
        file: article.sources[0] ? `seeds/${article.sources[0].dump}` : "content/",
      });
      continue;
    }
    const match = findMatch(article, target);
    if (match) claimed.add(match);
    const hash = recordHash(article);

    if (!match) {
      if (input.invalid?.has(target)) {
        diagnostics.push({
          id: "file-has-errors",
          level: "warning",
          message: `"${article.headline}" was not written: ${show(target)} has errors; fix them and ingest again`,
          file: show(target),
        });
        continue;
      }
      const occupant = byPath.get(target);
      if ((occupant && !claimed.has(occupant)) || taken.has(target)) {
        diagnostics.push({
          id: "path-taken",
          level: "warning",
          message: `"${article.headline}" would be written to ${show(target)}, which holds another article; it was not written`,
          file: show(target),
        });
        continue;
      }
      taken.add(target);
      changes.push({ kind: "write", path: target, text: serializeContentFile(article, { generated: hash }), article, draft: false, generated: hash, reason: "new" });
      continue;
    }

    if (!match.edited) {
      // Unedited: the file follows the dump. Move it when its outlet or slug changed and the new place is free.
      const free = target === match.path || (!byPath.has(target) && !taken.has(target) && !input.invalid?.has(target));
      const path = free ? target : match.path;
      taken.add(path);
      const text = serializeContentFile(article, { draft: match.draft, generated: hash });
      changes.push({ kind: "write", path, text, article, draft: match.draft, generated: hash, reason: "update" });
      if (path !== match.path) {
        changes.push({ kind: "remove", path: match.path, reason: `moved to ${show(path)}` });
        diagnostics.push({ id: "article-moved", level: "info", message: `its outlet or slug changed; moved to ${show(path)}`, file: show(match.path) });
      }
      continue;
    }

    taken.add(match.path);
    if (match.generated === undefined || match.generated === hash) {
      // Hand-written, or edited while the dump stayed the same: nothing to warn about.
      kept += 1;
      diagnostics.push({ id: "edit-kept", level: "info", message: "edited by hand; kept as it is", file: show(match.path) });
      continue;
    }
    const differing = changedFields(article, match.article);
    if (differing.length === 0) {
      // The editor made exactly the change the parser now makes: the file is no longer an edit.
      const text = serializeContentFile(article, { draft: match.draft, generated: hash });
      changes.push({ kind: "write", path: match.path, text, article, draft: match.draft, generated: hash, reason: "update" });
      continue;
    }
    kept += 1;
    conflicts += 1;
    diagnostics.push({
      id: "edit-conflict",
      level: "warning",
      message: `edited by hand, and the dump's parse changed since: ${differing.join(", ")} differ; the edited version is kept`,
      file: show(match.path),
    });
  }

  for (const entry of input.existing) {
    if (claimed.has(entry) || entry.generated === undefined) continue;
    const dumps = dumpsOf(entry.article);
    if (dumps.length === 0 || !dumps.every((d) => input.ingestedDumps.has(d))) continue;
    if (entry.edited) {
      diagnostics.push({
        id: "edited-article-orphaned",
        level: "warning",
        message: `${dumps.join(", ")} no longer yields this article; it was edited, so it is kept`,
        file: show(entry.path),
      });
    } else if (!taken.has(entry.path)) {
      changes.push({ kind: "remove", path: entry.path, reason: `${dumps.join(", ")} no longer yields it` });
      diagnostics.push({ id: "article-removed", level: "info", message: `${dumps.join(", ")} no longer yields this article; the unedited file was removed`, file: show(entry.path) });
    }
  }

  if (input.seedDumps) diagnostics.push(...missingDumps(input.existing, input.seedDumps, input.ingestedDumps, show));
  return { changes, diagnostics, kept, conflicts };

  function findMatch(article: Article, target: string): ContentEntry | undefined {
    const sameId = byId.get(article.id);
    if (sameId && !claimed.has(sameId)) return sameId;
    const samePath = byPath.get(target);
    if (!samePath || claimed.has(samePath) || samePath.generated === undefined) return undefined;
    const dumps = new Set(dumpsOf(article));
    return dumpsOf(samePath.article).some((d) => dumps.has(d)) ? samePath : undefined;
  }
}

/** One warning per dump that is gone from seeds/ while articles from it remain in content/. */
function missingDumps(
  existing: readonly ContentEntry[],
  seedDumps: ReadonlySet<string>,
  ingested: ReadonlySet<string>,
  show: (path: string) => string,
): Diagnostic[] {
  const orphans = new Map<string, string[]>();
  for (const entry of existing) {
    const dumps = dumpsOf(entry.article);
    if (dumps.length === 0 || dumps.some((d) => seedDumps.has(d) || ingested.has(d))) continue;
    for (const dump of dumps) {
      const list = orphans.get(dump);
      if (list) list.push(entry.path);
      else orphans.set(dump, [entry.path]);
    }
  }
  return [...orphans].map(([dump, paths]) => ({
    id: "dump-missing",
    level: "warning" as const,
    message: `${dump} is no longer in seeds/; its ${paths.length} article${paths.length === 1 ? " is" : "s are"} kept (${paths
      .slice(0, 3)
      .map(show)
      .join(", ")}${paths.length > 3 ? ", …" : ""})`,
    file: `seeds/${dump}`,
  }));
}
