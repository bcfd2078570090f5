import type { Dump, ParseResult } from "../model/index.ts";

/** Stage 2: a decoded dump → parsed articles plus a report that gives every line a role. Pure. */
export function parseDump(dump: Dump): ParseResult {
  throw new Error(`parseDump(${dump.name}): not implemented yet`);
}
