import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import type { ProjectPaths } from "../config.ts";
import { TIGHT_HEAP_ARTICLES } from "../heap-growth.ts";
import { readLastBuild } from "./pipeline/last-build.ts";

/**
 * The commands that read or render a whole archive run in a second node process, started with
 * a larger young generation (where new objects live until they survive a collection or two).
 *
 * V8 sizes the young generation only as a process starts: a flag set later is read by threads
 * started later, never by the main thread. A build's main thread makes every page's view model,
 * and Eleventy holds a run's pages until the run ends, so much of what it allocates outlives the
 * default 16 MiB semi-spaces and is copied by each young collection. Measured on first builds of
 * 16k articles (two cores, four pairs of runs): the main thread's young collections went from
 * 352–378 taking 2.9–3.5 s to 101–106 taking 2.0–2.1 s, the build from 19.06 to 17.78 s on
 * average (user CPU 27.2 to 25.2 s), for 60–150 MiB more at its peak. The second process costs
 * ~75 ms (a build with nothing to do: 0.39 against 0.47 s).
 *
 * Not for a small archive: at 1k articles builds and ingests took as long either way, plus the
 * second process's start-up; at 4k a first build took 5.95 against 6.21 s on average over three
 * pairs. Not for a large archive: the flag reaches every thread (V8 lets it override a thread's
 * own limits), and a first build of 64k articles with it peaked at 2.3 GiB, past the 2 GiB it
 * keeps to.
 */
export const SEMI_SPACE_FLAG = "--max-semi-space-size";
export const SEMI_SPACE_MB = 64;

/** Articles from which a second process pays for itself. */
export const RELAUNCH_FROM_ARTICLES = 2_000;

const WHOLE_ARCHIVE_COMMANDS = new Set(["ingest", "build", "serve"]);

/** Signals passed on to the second process, which ends the way it would have alone. */
const FORWARDED: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** A node option as V8 reads it: `--max_semi_space_size=8` is `--max-semi-space-size`. */
const optionName = (arg: string): string => arg.split("=", 1)[0]!.replaceAll("_", "-");

/**
 * The node options to run the command `argv` with in a second process, or null when this
 * process should run it: another command; the size given already (on the command line or in
 * NODE_OPTIONS); a debugger attached (it would attach to the process that only waits); an
 * archive of fewer than RELAUNCH_FROM_ARTICLES or of TIGHT_HEAP_ARTICLES or more.
 */
export async function relaunchOptions(argv: readonly string[], execArgv: readonly string[], nodeOptions: string, paths: ProjectPaths): Promise<string[] | null> {
  if (!WHOLE_ARCHIVE_COMMANDS.has(argv[0] ?? "")) return null;
  const options = [...execArgv, ...nodeOptions.split(/\s+/).filter(Boolean)].map(optionName);
  if (options.includes(SEMI_SPACE_FLAG) || options.some((name) => name.startsWith("--inspect"))) return null;
  const articles = await archiveSize(paths);
  if (articles < RELAUNCH_FROM_ARTICLES || articles >= TIGHT_HEAP_ARTICLES) return null;
  return [...execArgv, `${SEMI_SPACE_FLAG}=${SEMI_SPACE_MB}`];
}

/**
 * About how many articles the command will hold: the last build's count, else the larger of the
 * articles in content/ and the dumps in seeds/ (a first ingest has only those). A guess from
 * names alone: it runs before every such command, and reads no file but the last build's.
 */
export async function archiveSize(paths: ProjectPaths): Promise<number> {
  const last = await readLastBuild(paths.cache);
  if (last !== undefined && last.articles > 0) return last.articles;
  const names = (dir: string): string[] => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  const visible = (name: string): boolean => !name.startsWith(".") && !name.startsWith("_");
  let articles = 0;
  for (const folder of names(paths.content).filter(visible)) articles += names(join(paths.content, folder)).filter((name) => name.endsWith(".md")).length;
  return Math.max(articles, names(paths.seeds).filter(visible).length);
}

/**
 * Runs `script` with `args` in a second node process started with `options`, with this
 * process's input and output; resolves to its exit code (128 + the signal's number when a
 * signal other than those passed on ended it), or ends this process with the signal passed on.
 * Resolves to null when no process could be started (the caller runs the command).
 */
export function relaunch(options: readonly string[], script: string, args: readonly string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...options, script, ...args], { stdio: "inherit" });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    for (const signal of FORWARDED) process.on(signal, forward);
    const stopForwarding = (): void => {
      for (const signal of FORWARDED) process.off(signal, forward);
    };
    child.once("error", () => {
      // Only a process that never started; one that did ends with "exit".
      if (child.pid !== undefined) return;
      stopForwarding();
      resolve(null);
    });
    child.once("exit", (code, signal) => {
      stopForwarding();
      if (signal === null) resolve(code ?? 1);
      // Stopped as asked: this process stops the same way, for the shell or CI that asked.
      else if (FORWARDED.includes(signal)) process.kill(process.pid, signal);
      // Crashed or killed (by the out-of-memory killer, say): the shell's code for it, without a second crash here.
      else resolve(128 + (constants.signals[signal] ?? 0));
    });
  });
}
