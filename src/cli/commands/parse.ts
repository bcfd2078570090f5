import { readDump } from "../../read/index.ts";
import { parseDump } from "../../parse/index.ts";

/** `newsarchive parse [--json] <dump>…` */
export async function parseCommand(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const files = args.filter((a) => !a.startsWith("--"));
  if (files.length === 0) {
    console.error("usage: newsarchive parse [--json] <dump>…");
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const dump = await readDump(file);
    const result = parseDump(dump);
    if (result.diagnostics.some((d) => d.level === "error")) failed = true;
    if (json) {
      process.stdout.write(
        JSON.stringify({ file, sha256: dump.sha256, articles: result.articles, warnings: result.diagnostics }) + "\n",
      );
    } else {
      console.log(`${file}: ${result.articles.length} articles`);
    }
  }
  return failed ? 1 : 0;
}
