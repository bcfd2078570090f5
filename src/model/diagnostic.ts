/**
 * A problem found in content (a dump, a content file, a registry): data, never an exception.
 * Misuse by a programmer throws; what an editor can get wrong becomes one of these.
 */
export type DiagnosticLevel = "error" | "warning" | "info";

export interface Diagnostic {
  /** Stable kebab-case id, e.g. `no-headline`, `orphan-attribution`, `unknown-outlet`. */
  id: string;
  level: DiagnosticLevel;
  /** What happened, in a sentence. */
  message: string;
  /** The file it concerns, relative to the project root where possible. */
  file: string;
  /** 1-based line in that file, when one line is to blame. */
  line?: number;
  /** What to do about it. */
  hint?: string;
}
