/**
 * Enrichment as ingest drives it: every record in content/ is passed in, and a dump whose text
 * changed is read again in full. Its articles must come back under the same ids, slugs and files.
 */
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { ingest, listContentFiles, loadContent } from "../../src/content/index.ts";
import { makeProject, removeProjects } from "../e2e/project.ts";

afterAll(removeProjects);

it("re-files nothing when a dump's text changes slightly: same ids, slugs and files", async () => {
  const paths = await makeProject({ templates: false });
  const first = await ingest({ paths });
  expect(first.diagnostics.filter((d) => d.level === "error")).toEqual([]);
  const files = await listContentFiles(paths.content);
  const before = (await loadContent(paths.content)).entries.map((e) => [e.path, e.article.id, e.article.slug]);

  const seed = join(paths.seeds, "000_a614a29300825745.txt");
  const text = await readFile(seed, "utf8");
  const changed = text.replace("The Command was quoted as saying", "The Command was reported as saying");
  expect(changed).not.toBe(text);
  await writeFile(seed, changed);

  const second = await ingest({ paths });
  expect(second.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
  expect(second.removed).toEqual([]);
  expect(await listContentFiles(paths.content)).toEqual(files);
  const after = (await loadContent(paths.content)).entries;
  expect(after.map((e) => [e.path, e.article.id, e.article.slug])).toEqual(before);
  for (const entry of after) expect(entry.article.sources).toHaveLength(1);
  expect(after.some((e) => e.article.body.includes("The Command was reported as saying"))).toBe(true);
  // Ingest keeps enrichment's per-article derived data in the cache folder.
  expect((await readdir(paths.cache)).some((name) => name.startsWith("enrich-"))).toBe(true);
});
