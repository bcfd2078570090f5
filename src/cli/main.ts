export type Command = (args: string[]) => Promise<number>;

/**
 * The command table. Commands load on demand, so `newsarchive --help` or a typo does not pay for
 * loading Eleventy and Pagefind.
 */
const commands: Record<string, () => Promise<Command>> = {
  parse: async () => (await import("./commands/parse.ts")).parseCommand,
  ingest: async () => (await import("./commands/ingest.ts")).ingestCommand,
  build: async () => (await import("./commands/build.ts")).buildCommand,
  serve: async () => (await import("./commands/serve.ts")).serveCommand,
  check: async () => (await import("./commands/check.ts")).checkCommand,
};

const usage = `usage: newsarchive <command> [options]

commands:
  parse [--json] <dump>…   read dumps and show what the parser makes of them
  ingest [<dump>…]         parse dumps (default: all of seeds/) into content/
  build                    ingest, then render the site into dist/
                           (--path-prefix /archive/, --base-url https://…)
  serve                    build, serve and rebuild on changes
  check                    validate content/ and the links of dist/

Run \`newsarchive <command> --help\` for a command's options.
Exit codes: 0 ok, 1 content errors, 2 usage.`;

/** Runs a command; returns the process exit code (0 ok, 1 content errors, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    console.error(`newsarchive: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    const command = await load();
    return await command(rest);
  } catch (error) {
    // Content problems are diagnostics; reaching here means a bug, so show everything.
    console.error(`newsarchive ${name}: internal error`);
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    return 1;
  }
}
