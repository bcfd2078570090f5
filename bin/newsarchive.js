#!/usr/bin/env node
// The command line. It runs the sources compiled (see compiled-code.js); failing that, the
// TypeScript sources themselves, through tsx's loader. Commands over a whole archive run in a
// second process with a larger young generation (see src/cli/relaunch.ts).
import { fileURLToPath } from "node:url";
import { compiledSources } from "./compiled-code.js";

const compiled = await compiledSources(fileURLToPath(new URL("..", import.meta.url)));
if (compiled === null) (await import("tsx/esm/api")).register();
const sources = compiled ?? new URL("../src/", import.meta.url);
const extension = compiled === null ? ".ts" : ".js";
const args = process.argv.slice(2);

/** @type {typeof import("../src/cli/relaunch.ts")} */
const { relaunch, relaunchOptions } = await import(new URL(`cli/relaunch${extension}`, sources).href);
/** @type {typeof import("../src/config.ts")} */
const { projectPaths } = await import(new URL(`config${extension}`, sources).href);
const options = await relaunchOptions(args, process.execArgv, process.env.NODE_OPTIONS ?? "", projectPaths());
const relaunched = options === null ? null : await relaunch(options, fileURLToPath(import.meta.url), args);
if (relaunched !== null) process.exitCode = relaunched;
else {
  // Set before any work: see src/heap-growth.ts.
  /** @type {typeof import("../src/heap-growth.ts")} */
  const { HEAP_GROWTH_PERCENT, setHeapGrowth } = await import(new URL(`heap-growth${extension}`, sources).href);
  setHeapGrowth(HEAP_GROWTH_PERCENT);
  /** @type {typeof import("../src/cli/main.ts")} */
  const { main } = await import(new URL(`cli/main${extension}`, sources).href);
  process.exitCode = await main(args);
}
