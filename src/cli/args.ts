import { parseArgs, type ParseArgsConfig } from "node:util";

/** A command line the user got wrong: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Parses a command's arguments strictly (unknown options are usage errors, not silently ignored).
 * Options may be written `--name value` or `--name=value`.
 */
export function parseCommandArgs(args: string[], options: OptionSpec, allowPositionals: boolean): ParsedArgs {
  try {
    const parsed = parseArgs({ args, options, allowPositionals, strict: true });
    const values: Record<string, string | boolean | undefined> = {};
    for (const [key, value] of Object.entries(parsed.values)) {
      values[key] = Array.isArray(value) ? value.at(-1) : value;
    }
    return { values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * Runs a command body, turning a UsageError into its message, the usage text and exit code 2.
 * `--help` (or `-h`) prints the usage on stdout and exits 0.
 */
export async function withUsage(usage: string, args: readonly string[], body: () => Promise<number>): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`newsarchive: ${error.message}\n\n${usage}\n`);
      return 2;
    }
    throw error;
  }
}
