import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bodyDigest, knowBodyDigest, type Article } from "../../src/model/index.ts";
import { ExcerptCache } from "../../src/site/excerpts.ts";
import { excerpt } from "../../src/site/view/format.ts";
import { makeArticle } from "../e2e/project.ts";

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

async function cacheDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "newsarchive-excerpts-"));
  dirs.push(dir);
  return dir;
}

/** An article whose body, when read, is counted in `reads`; its digest is known without reading it (as content's index gives it). */
function counted(body: string, reads: { count: number }): Article {
  const { body: _body, ...fields } = makeArticle({ slug: `s-${body.length}`, body });
  void _body;
  const article = Object.defineProperty({ ...fields }, "body", {
    enumerable: true,
    get: () => {
      reads.count++;
      return body;
    },
  }) as Article;
  knowBodyDigest(article, bodyDigest(makeArticle({ body })));
  return article;
}

const first = "The first story's opening paragraph, long enough to be cut.\n\nIts second paragraph.";
const second = "Another story entirely.\n\nWith more to say.";

describe("listing excerpts kept between builds", () => {
  it("reads a body once: later builds take its excerpt from the cache, and an added one is appended", async () => {
    const dir = await cacheDir();
    const reads = { count: 0 };
    const one = await ExcerptCache.open(dir);
    expect(one.of(counted(first, reads))).toBe(excerpt(first));
    expect(reads.count).toBe(1);
    await one.save();
    const snapshot = await readFile(join(dir, "site", "excerpts.json"), "utf8");

    const two = await ExcerptCache.open(dir);
    expect(two.of(counted(first, reads))).toBe(excerpt(first));
    expect(two.of(counted(second, reads))).toBe(excerpt(second));
    expect(reads.count).toBe(2);
    await two.save();
    // The added excerpt went into the journal; the snapshot is as it was.
    expect(await readFile(join(dir, "site", "excerpts.json"), "utf8")).toBe(snapshot);
    expect(await readFile(join(dir, "site", "excerpts.journal"), "utf8")).toContain(JSON.stringify(excerpt(second)));

    const three = await ExcerptCache.open(dir);
    expect([three.of(counted(first, reads)), three.of(counted(second, reads))]).toEqual([excerpt(first), excerpt(second)]);
    expect(reads.count).toBe(2);
  });

  it("forgets the excerpts of bodies a build no longer has", async () => {
    const dir = await cacheDir();
    const reads = { count: 0 };
    const one = await ExcerptCache.open(dir);
    one.of(counted(first, reads));
    one.of(counted(second, reads));
    await one.save();
    const two = await ExcerptCache.open(dir);
    two.of(counted(second, reads));
    await two.save();
    const three = await ExcerptCache.open(dir);
    three.of(counted(first, reads));
    three.of(counted(second, reads));
    expect(reads.count).toBe(3);
  });
});
