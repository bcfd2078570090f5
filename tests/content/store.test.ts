import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContent, recordHash, serializeContentFile } from "../../src/content/index.ts";
import { makeArticle } from "../e2e/project.ts";

let root: string;
let content: string;
let cache: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "newsarchive-store-"));
  content = join(root, "content");
  cache = join(root, ".cache");
  const generated = makeArticle();
  const files: Record<string, string> = {
    "test-agency/a-test-headline.md": serializeContentFile(generated, { generated: recordHash(generated) }),
    "test-agency/copy.md": serializeContentFile(makeArticle({ slug: "copy", id: "copy" }), { draft: true }).replace("topics:", "colour: blue\ntopics:"),
    "unattributed/by-hand.md": "---\r\nheadline: By hand\r\n---\r\n\r\nWritten **by hand**.\r\n",
    "unattributed/broken.md": "---\nheadline: Broken\ndate: yesterday\n---\nText\n",
    "_data/outlets.yaml": "[]\n",
    "README.md": "Not an article.\n",
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(content, path, ".."), { recursive: true });
    await writeFile(join(content, path), text);
  }
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("loadContent", () => {
  it("reads the articles in outlet folders, skipping _data and loose files, and reports bad ones", async () => {
    const loaded = await loadContent(content);
    expect(loaded.entries.map((e) => e.path)).toEqual(["test-agency/a-test-headline.md", "test-agency/copy.md", "unattributed/by-hand.md"]);
    expect(loaded.entries.map((e) => [e.edited, e.draft])).toEqual([[false, false], [true, true], [true, false]]);
    const copy = await readFile(join(content, "test-agency", "copy.md"), "utf8");
    const colourLine = copy.split("\n").indexOf("colour: blue") + 1;
    expect(colourLine).toBeGreaterThan(1);
    expect(loaded.diagnostics.map((d) => `${d.file}:${d.line} ${d.id}`).sort()).toEqual([
      `content/test-agency/copy.md:${colourLine} front-matter-unknown-field`,
      "content/unattributed/broken.md:3 front-matter-field",
    ]);
  });

  it("reports two files with the same slug or id", async () => {
    const twin = makeArticle();
    await writeFile(join(content, "unattributed", "a-test-headline.md"), serializeContentFile({ ...twin, outlet: null }));
    const loaded = await loadContent(content);
    const ids = loaded.diagnostics.filter((d) => d.id === "duplicate-slug" || d.id === "duplicate-id");
    expect(ids.map((d) => `${d.id} ${d.file}`).sort()).toEqual([
      "duplicate-id content/test-agency/a-test-headline.md",
      "duplicate-id content/unattributed/a-test-headline.md",
      "duplicate-slug content/test-agency/a-test-headline.md",
      "duplicate-slug content/unattributed/a-test-headline.md",
    ]);
  });

  it("gives the same result from its index as from parsing, and re-reads changed files", async () => {
    const parsed = await loadContent(content);
    const cold = await loadContent(content, { cacheDir: cache });
    const warm = await loadContent(content, { cacheDir: cache });
    expect(cold).toEqual(parsed);
    expect(warm).toEqual(parsed);
    expect(JSON.parse(await readFile(join(cache, "content-index.json"), "utf8")).files).toHaveProperty(["unattributed/by-hand.md"]);

    await writeFile(join(content, "unattributed", "by-hand.md"), "---\nheadline: By hand, corrected\n---\n\nNew text.\n");
    await rm(join(content, "unattributed", "broken.md"));
    const after = await loadContent(content, { cacheDir: cache });
    expect(after).toEqual(await loadContent(content));
    expect(after.entries.find((e) => e.path === "unattributed/by-hand.md")?.article).toMatchObject({ headline: "By hand, corrected", body: "New text." });
    expect(after.diagnostics.some((d) => d.file.endsWith("broken.md"))).toBe(false);
  });
});
