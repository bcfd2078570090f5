import pc from "picocolors";
import type { Diagnostic, LineRole, ParseResult } from "../../model/index.ts";
import { parseDump } from "../../parse/index.ts";
import { readDump } from "../../read/index.ts";

const usage = "usage: newsarchive parse [--json] [--color|--no-color] <dump>…";

type Paint = (s: string) => string;

function palette(enabled: boolean): Record<LineRole, Paint> {
  const c = pc.createColors(enabled);
  return {
    headline: (s) => c.bold(c.cyan(s)),
    kicker: c.cyan,
    dateline: c.magenta,
    byline: c.magenta,
    date: c.magenta,
    body: (s) => s,
    caption: c.yellow,
    "related-marker": (s) => c.bold(c.blue(s)),
    related: c.blue,
    attribution: c.green,
    boilerplate: c.dim,
    junk: c.dim,
    blank: (s) => s,
  };
}

/** The readable report: every line with its role, then the articles and the warnings. */
export function formatReport(file: string, text: string, result: ParseResult, warnings: Diagnostic[], color: boolean): string {
  const paint = palette(color);
  const c = pc.createColors(color);
  const lines = text.split("\n");
  const width = String(lines.length).length;
  const out: string[] = [c.bold(file)];
  for (const report of result.lines) {
    if (report.role === "blank") continue;
    const textLine = (lines[report.line - 1] ?? "").trim();
    const shown = textLine.length > 120 ? `${textLine.slice(0, 117)}…` : textLine;
    const article = report.article === undefined ? "  " : String(report.article + 1).padStart(2);
    const role = report.role.padEnd(14);
    const sure = report.confidence < 0.6 ? c.red("?") : " ";
    out.push(`${String(report.line).padStart(width)} ${article} ${paint[report.role](role)}${sure} ${paint[report.role](shown)}`);
  }
  out.push("", c.bold(`${result.articles.length} article${result.articles.length === 1 ? "" : "s"}`));
  result.articles.forEach((a, n) => {
    out.push(`  ${n + 1}. ${c.bold(a.headline)}  ${c.dim(`lines ${a.lines[0]}–${a.lines[1]}`)}`);
    out.push(`     outlet: ${a.outlet ?? c.dim("—")}   byline: ${a.byline ?? c.dim("—")}   date: ${a.date ?? c.dim("—")}${a.dateline ? `   dateline: ${a.dateline}` : ""}`);
    out.push(`     body: ${a.body.length} paragraph${a.body.length === 1 ? "" : "s"}${a.related.length ? `   related: ${a.related.length}` : ""}`);
  });
  if (warnings.length > 0) {
    out.push("", c.bold(`${warnings.length} warning${warnings.length === 1 ? "" : "s"}`));
    for (const w of warnings) {
      const level = w.level === "error" ? c.red(w.level) : w.level === "warning" ? c.yellow(w.level) : c.dim(w.level);
      out.push(`  ${level} ${w.id}${w.line ? ` (line ${w.line})` : ""}: ${w.message}${w.hint ? c.dim(` — ${w.hint}`) : ""}`);
    }
  }
  return out.join("\n");
}

/** `newsarchive parse [--json] <dump>…`: what the parser makes of each dump. */
export async function parseCommand(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const color = args.includes("--color") ? true : args.includes("--no-color") ? false : Boolean(process.stdout.isTTY) && !process.env["NO_COLOR"];
  const unknown = args.filter((a) => a.startsWith("--") && !["--json", "--color", "--no-color"].includes(a));
  const files = args.filter((a) => !a.startsWith("--"));
  if (files.length === 0 || unknown.length > 0) {
    console.error(unknown.length ? `newsarchive parse: unknown option ${unknown.join(", ")}\n${usage}` : usage);
    return 2;
  }
  let failed = false;
  for (const file of files) {
    let dump;
    try {
      dump = readDump(file);
    } catch (error) {
      console.error(`newsarchive parse: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      failed = true;
      continue;
    }
    const result = parseDump(dump);
    const warnings = [...dump.diagnostics, ...result.diagnostics];
    if (warnings.some((d) => d.level === "error")) failed = true;
    if (json) {
      process.stdout.write(JSON.stringify({ file, sha256: dump.sha256, encoding: dump.encoding, articles: result.articles, warnings }) + "\n");
    } else {
      process.stdout.write(formatReport(file, dump.text, result, warnings, color) + "\n\n");
    }
  }
  return failed ? 1 : 0;
}
