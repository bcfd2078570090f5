import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceVersion } from "../content/source-version.ts";
import { KeptTexts } from "./kept-texts.ts";

/**
 * The entries of `/api/articles.json` as text, by the hash of their article's inputs. The index
 * holds every record of the archive (14 MB at 16k articles): made whole, it took a build that
 * adds one dump ~0.3 s of encoding at 16k and ~0.5 s at 64k; from these only the new and changed
 * records are encoded. Versioned by the site's code and address (`address`: the path prefix and
 * base URL its URLs are made with), which shape an entry besides its inputs.
 */
export async function openApiRecords(cacheDir: string, address: string): Promise<KeptTexts> {
  return KeptTexts.open(join(cacheDir, "site"), "api-records", `${sourceVersion([dirname(fileURLToPath(import.meta.url))])}\n${address}`);
}
