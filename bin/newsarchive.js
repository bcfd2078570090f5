#!/usr/bin/env node
// The command line. Sources are TypeScript, loaded through tsx's loader.
import { register } from "tsx/esm/api";

register();
// Set before any work: see src/heap-growth.ts.
const { HEAP_GROWTH_PERCENT, setHeapGrowth } = await import("../src/heap-growth.ts");
setHeapGrowth(HEAP_GROWTH_PERCENT);
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
