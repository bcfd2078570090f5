import pc from "picocolors";
import type { Diagnostic, DiagnosticLevel } from "../model/index.ts";
import { lookupError } from "./catalogue.ts";

export interface PrintOptions {
  /** Colour the output (default: only when the stream is a TTY and NO_COLOR is unset). */
  color?: boolean;
  /** Add the catalogue's hint when the diagnostic has none (default true). */
  hints?: boolean;
}

type Paint = (text: string) => string;

const levelPaint: Record<DiagnosticLevel, (colors: ReturnType<typeof pc.createColors>) => Paint> = {
  error: (c) => (t) => c.bold(c.red(t)),
  warning: (c) => c.yellow,
  info: (c) => c.cyan,
};

/** Whether a stream should get colour: a TTY, and the user has not asked for none. */
export function wantsColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !("NO_COLOR" in process.env);
}

/**
 * One diagnostic as terminal lines: `file:line: level id: message`, then the hint indented.
 * The location comes first so editors and terminals can jump to it.
 */
export function formatDiagnostic(diagnostic: Diagnostic, options: PrintOptions = {}): string {
  const colors = pc.createColors(options.color ?? false);
  const location = diagnostic.line === undefined ? diagnostic.file : `${diagnostic.file}:${diagnostic.line}`;
  const paint = levelPaint[diagnostic.level](colors);
  const head = `${colors.bold(location)}: ${paint(diagnostic.level)} ${colors.dim(diagnostic.id)}: ${diagnostic.message}`;
  const hint = diagnostic.hint ?? (options.hints === false ? undefined : lookupError(diagnostic.id)?.hint);
  return hint === undefined ? head : `${head}\n  ${colors.dim("hint:")} ${hint}`;
}

/** Orders diagnostics by file, then line, then id, so output is stable from run to run. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.id.localeCompare(b.id) ||
      a.message.localeCompare(b.message),
  );
}

export interface DiagnosticCounts {
  error: number;
  warning: number;
  info: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  const counts: DiagnosticCounts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.level] += 1;
  return counts;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.level === "error");
}

/**
 * Writes diagnostics to a stream (stderr by default), sorted, with a closing count line.
 * Info-level diagnostics are shown only when `verbose` is set: they record decisions, not problems.
 */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  stream: NodeJS.WriteStream = process.stderr,
  options: PrintOptions & { verbose?: boolean } = {},
): void {
  const color = options.color ?? wantsColor(stream);
  const shown = diagnostics.filter((d) => d.level !== "info" || options.verbose === true);
  // Each hint is printed once, with the first diagnostic that has it: repeating it buries the list.
  const printed = new Set<string>();
  for (const d of sortDiagnostics(shown)) {
    const hint = d.hint ?? (options.hints === false ? undefined : lookupError(d.id)?.hint);
    const key = `${d.id}\n${hint ?? ""}`;
    const once: Diagnostic = { ...d };
    if (hint === undefined || printed.has(key)) delete once.hint;
    else once.hint = hint;
    printed.add(key);
    stream.write(formatDiagnostic(once, { ...options, color, hints: false }) + "\n");
  }
  const counts = countDiagnostics(shown);
  if (counts.error + counts.warning > 0) {
    const colors = pc.createColors(color);
    const parts = [
      counts.error > 0 ? colors.red(`${counts.error} error${counts.error === 1 ? "" : "s"}`) : "",
      counts.warning > 0 ? colors.yellow(`${counts.warning} warning${counts.warning === 1 ? "" : "s"}`) : "",
    ].filter(Boolean);
    stream.write(parts.join(", ") + "\n");
  }
}
