import pc from "picocolors";
import { projectPaths } from "../../config.ts";
import { ingest, type DumpSummary, type IngestResult } from "../../content/index.ts";
import { hasErrors, printDiagnostics, wantsColor } from "../../errors/index.ts";
import { parseCommandArgs, withUsage } from "../args.ts";
import { createProgress } from "../progress.ts";

/** Up to this many dumps, each gets its line; above, only those with problems (a first ingest of an archive has thousands). */
export const EACH_DUMP_UP_TO = 50;

const usage = `usage: newsarchive ingest [--verbose] [<dump>…]

Parses dumps (default: every dump in seeds/) into content/<outlet>/<slug>.md.
Files an editor changed are never overwritten; unchanged dumps write nothing.

  --verbose   list every dump, and decisions (edits kept, files moved)

Above ${EACH_DUMP_UP_TO} dumps, only those with warnings or errors get a line of their own.`;

/** One line per dump: `seeds/x.txt: 4 articles (Fars News Agency, SANA), 1 warning`. */
export function formatDumpSummary(summary: DumpSummary, color = false): string {
  const c = pc.createColors(color);
  if (summary.errors > 0 && summary.articles === 0) {
    return `${c.bold(summary.file)}: ${c.red(`not ingested (${summary.errors} error${summary.errors === 1 ? "" : "s"})`)}`;
  }
  const parts = [`${summary.articles} article${summary.articles === 1 ? "" : "s"}`];
  if (summary.outlets.length > 0) parts[0] += ` (${summary.outlets.join(", ")})`;
  if (summary.warnings > 0) parts.push(c.yellow(`${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}`));
  if (summary.errors > 0) parts.push(c.red(`${summary.errors} error${summary.errors === 1 ? "" : "s"}`));
  if (!summary.ingested) parts.push(c.dim("unchanged"));
  return `${c.bold(summary.file)}: ${parts.join(", ")}`;
}

/** Stands for the dumps not listed one by one. */
export function formatOthers(count: number): string {
  return `… and ${count} more dump${count === 1 ? "" : "s"} without warnings (--verbose lists every dump)`;
}

/** The closing line: what happened to content/. */
export function formatIngestTotals(result: IngestResult): string {
  const articles = new Set(result.dumps.flatMap((d) => (d.articles > 0 ? [d.name] : []))).size;
  const parts = [
    `${result.dumps.length} dump${result.dumps.length === 1 ? "" : "s"} (${articles} with articles)`,
    `${result.written.length} file${result.written.length === 1 ? "" : "s"} written`,
    `${result.removed.length} removed`,
  ];
  if (result.kept > 0) parts.push(`${result.kept} edit${result.kept === 1 ? "" : "s"} kept`);
  if (result.conflicts > 0) parts.push(`${result.conflicts} conflict${result.conflicts === 1 ? "" : "s"}`);
  if (!result.applied) parts.push("nothing written because of errors");
  return `content/: ${parts.join(", ")}`;
}

/** `newsarchive ingest [<dump>…]` */
export async function ingestCommand(args: string[]): Promise<number> {
  return withUsage(usage, args, async () => {
    const parsed = parseCommandArgs(args, { verbose: { type: "boolean" } }, true);
    const paths = projectPaths();
    const files = parsed.positionals.length > 0 ? parsed.positionals : undefined;
    let progress: ReturnType<typeof createProgress> | undefined;
    const result = await ingest({
      paths,
      ...(files ? { files } : {}),
      onProgress: (done, total, file) => {
        progress ??= createProgress(process.stderr, total);
        progress.update(done, total, file);
      },
    });
    progress?.finish();
    const color = wantsColor(process.stdout);
    const each = parsed.values["verbose"] === true || result.dumps.length <= EACH_DUMP_UP_TO;
    const listed = each ? result.dumps : result.dumps.filter((d) => d.errors > 0 || d.warnings > 0);
    for (const summary of listed) process.stdout.write(formatDumpSummary(summary, color) + "\n");
    if (listed.length < result.dumps.length) process.stdout.write(formatOthers(result.dumps.length - listed.length) + "\n");
    process.stdout.write(formatIngestTotals(result) + "\n");
    printDiagnostics(result.diagnostics, process.stderr, { verbose: parsed.values["verbose"] === true });
    return hasErrors(result.diagnostics) ? 1 : 0;
  });
}
