import { projectPaths } from "../../config.ts";
import { parseCommandArgs, stringOption, UsageError, withUsage } from "../args.ts";
import { startStaticServer } from "../serve/static-server.ts";
import { watchAndRebuild } from "../serve/watch.ts";
import { buildAndReport, buildOptionSpec, siteAddress } from "./build.ts";

const usage = `usage: newsarchive serve [--port 8080] [--path-prefix /archive/] [--no-search] [--verbose]

Builds the site, serves dist/ on http://localhost:<port>/ and rebuilds when seeds/, content/
(content/_data/ too) or templates/ change. A failed rebuild keeps serving the last good site.`;

/** `newsarchive serve` */
export async function serveCommand(args: string[]): Promise<number> {
  return withUsage(usage, args, async () => {
    const parsed = parseCommandArgs(args, { ...buildOptionSpec, port: { type: "string" }, host: { type: "string" } }, false);
    const address = siteAddress(parsed);
    const port = Number(stringOption(parsed, "port") ?? "8080");
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${stringOption(parsed, "port")}"`);
    const host = stringOption(parsed, "host") ?? "127.0.0.1";
    const flags = { search: parsed.values["no-search"] !== true, verbose: parsed.values["verbose"] === true };
    const paths = projectPaths();

    await buildAndReport(paths, address, flags);
    const server = await startStaticServer(paths.dist, address.pathPrefix, port, host);
    const bound = server.address();
    const shownPort = typeof bound === "object" && bound !== null ? bound.port : port;
    process.stdout.write(`serving dist/ at http://${host === "0.0.0.0" ? "localhost" : host}:${shownPort}${address.pathPrefix} (Ctrl+C to stop)\n`);

    const watcher = watchAndRebuild([paths.seeds, paths.content, paths.templates], async () => {
      process.stdout.write("change detected, rebuilding…\n");
      await buildAndReport(paths, address, flags);
    });
    await new Promise<void>((resolveStop) => {
      // Ctrl+C reaches this process twice, from the terminal and from the process that started
      // it (src/cli/relaunch.ts): the second must not end it while it stops.
      let stopping = false;
      const stop = (): void => {
        if (stopping) return;
        stopping = true;
        watcher.close();
        server.close(() => resolveStop());
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    return 0;
  });
}
