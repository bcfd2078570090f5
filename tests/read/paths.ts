import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const fixtures = resolve(projectRoot, "tests/fixtures-read");
/** The shared dev corpus; absent in a checkout without ../shared, where its tests skip. */
export const devCorpus = resolve(projectRoot, "../shared/corpus/dev");
export const hasDevCorpus = existsSync(devCorpus);

export function fixture(name: string): string {
  return resolve(fixtures, name);
}
