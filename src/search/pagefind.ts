import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import type { SearchRecord } from "./records.ts";

/** Pagefind's version: part of every shard's fingerprint, so upgrading it rebuilds the bundles. */
export const pagefindVersion: string = readPagefindVersion();

function readPagefindVersion(): string {
  // The package does not export its package.json; it sits one folder above the entry point.
  const manifest = fileURLToPath(new URL("../package.json", import.meta.resolve("pagefind")));
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/**
 * Indexes one shard's records with Pagefind and writes its bundle into `outputDir`.
 * The index is deleted afterwards, so the service holds memory only for the shards in flight.
 * Records are sent without waiting for each answer: the service reads them in order, and
 * round trips one at a time would double the time.
 */
export async function writeBundle(records: readonly SearchRecord[], outputDir: string): Promise<void> {
  // Made here first: a folder Pagefind cannot create panics its service, and its Node API then
  // waits for an answer forever.
  mkdirSync(outputDir, { recursive: true });
  const created = await pagefind.createIndex({});
  const index = created.index;
  if (!index) throw new Error(`Pagefind could not create an index: ${created.errors.join("; ")}`);
  try {
    const added = await Promise.all(records.map((record) => index.addCustomRecord(record)));
    const failed = added.flatMap((response, i) => response.errors.map((e) => `${records[i]!.url}: ${e}`));
    if (failed.length > 0) throw new Error(`Pagefind refused records: ${failed.slice(0, 5).join("; ")}`);
    const written = await index.writeFiles({ outputPath: outputDir });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write ${outputDir}: ${written.errors.join("; ")}`);
  } finally {
    await index.deleteIndex();
  }
}

/** Stops the Pagefind service (it is started again by the next index). */
export async function stopPagefind(): Promise<void> {
  await pagefind.close();
}
