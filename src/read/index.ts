import type { Dump } from "../model/index.ts";

/** Stage 1: reads a dump file, detects its format and encoding, and decodes it. Never modifies the file. */
export async function readDump(path: string): Promise<Dump> {
  throw new Error(`readDump(${path}): not implemented yet`);
}
