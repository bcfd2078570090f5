#!/usr/bin/env node
// The command line. It runs the sources compiled (see compiled-code.js); failing that, the
// TypeScript sources themselves, through tsx's loader.
import { fileURLToPath } from "node:url";
import { compiledSources } from "./compiled-code.js";

const compiled = await compiledSources(fileURLToPath(new URL("..", import.meta.url)));
if (compiled === null) (await import("tsx/esm/api")).register();
const sources = compiled ?? new URL("../src/", import.meta.url);
const extension = compiled === null ? ".ts" : ".js";
// Set before any work: see src/heap-growth.ts.
/** @type {typeof import("../src/heap-growth.ts")} */
const { HEAP_GROWTH_PERCENT, setHeapGrowth } = await import(new URL(`heap-growth${extension}`, sources).href);
setHeapGrowth(HEAP_GROWTH_PERCENT);
/** @type {typeof import("../src/cli/main.ts")} */
const { main } = await import(new URL(`cli/main${extension}`, sources).href);
process.exitCode = await main(process.argv.slice(2));
