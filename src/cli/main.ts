import { parseCommand } from "./commands/parse.ts";

export type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  parse: parseCommand,
};

const usage = `usage: newsarchive <command> [options]

commands:
  parse [--json] <dump>…   read dumps and show what the parser makes of them
  ingest [<dump>…]         parse dumps (default: all of seeds/) into content/
  build                    ingest, then render the site into dist/
  serve                    build, serve and rebuild on changes
  check                    validate content/ and the links of dist/`;

/** Runs a command; returns the process exit code (0 ok, 1 content errors, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`newsarchive: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  return command(rest);
}
