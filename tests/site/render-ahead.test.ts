/**
 * Bodies rendered ahead on their own thread (site/render-ahead.ts) land in the body cache under
 * the keys a build looks them up by, rendered as the build would; stopped early, the thread keeps
 * only what it finished.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { digestOfBody } from "../../src/model/index.ts";
import { bodiesRenderedAhead } from "../../src/site/index.ts";
import { BodyCache, bodyHash, renderBody } from "../../src/site/render-body.ts";

const root = mkdtempSync(join(tmpdir(), "newsarchive-render-ahead-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Bodies of our own writing: emphasis, a link, an escaped star, one with curly quotes. */
const bodies = Array.from({ length: 40 }, (_, i) =>
  i % 4 === 0
    ? `The *ferry* number ${i} left at dawn.\n\nA [timetable](https://example.org/t${i}) was posted, \\* starred.`
    : `“Paragraph ${i},” the harbour master said.\n\nThe second paragraph of body ${i} is here.`,
);

const bucketFiles = (cacheDir: string): string[] => {
  const dir = join(cacheDir, "site", "bodies");
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".json")) : [];
};

async function until(done: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !done(); waited += 50) {
    if (waited > 30_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("bodiesRenderedAhead", () => {
  it("renders the bodies handed over, once parsing is done, into the cache a build reads", async () => {
    const cacheDir = join(root, "all");
    const ahead = bodiesRenderedAhead(cacheDir);
    ahead.add(bodies.slice(0, 25));
    ahead.add(bodies.slice(25));
    // Nothing is rendered while parsing goes on.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bucketFiles(cacheDir)).toEqual([]);
    ahead.parsed();
    await until(() => bucketFiles(cacheDir).length > 0, "the cache to be written");
    await ahead.stop();
    const cache = new BodyCache(cacheDir);
    for (const body of bodies) expect(cache.lookup(bodyHash(digestOfBody(body)))).toBe(renderBody(body));
    for (const file of bucketFiles(cacheDir)) expect(() => JSON.parse(readFileSync(join(cacheDir, "site", "bodies", file), "utf8")) as unknown).not.toThrow();
  });

  it("leaves a body the cache has as it is", async () => {
    const cacheDir = join(root, "kept");
    const known = new BodyCache(cacheDir);
    const key = bodyHash(digestOfBody(bodies[1]!));
    known.keep(key, "<p>as an earlier build kept it</p>");
    known.save(null);
    const ahead = bodiesRenderedAhead(cacheDir);
    ahead.add(bodies);
    ahead.parsed();
    await until(() => bucketFiles(cacheDir).length > 1, "the cache to be written");
    await ahead.stop();
    const cache = new BodyCache(cacheDir);
    expect(cache.lookup(key)).toBe("<p>as an earlier build kept it</p>");
    expect(cache.lookup(bodyHash(digestOfBody(bodies[2]!)))).toBe(renderBody(bodies[2]!));
  });

  it("writes nothing when stopped before parsing is done, and settles", async () => {
    const cacheDir = join(root, "stopped");
    const ahead = bodiesRenderedAhead(cacheDir);
    ahead.add(bodies);
    await ahead.stop();
    expect(bucketFiles(cacheDir)).toEqual([]);
  });

  it("starts no thread when given no bodies", async () => {
    const ahead = bodiesRenderedAhead(join(root, "none"));
    ahead.parsed();
    await ahead.stop();
    expect(bucketFiles(join(root, "none"))).toEqual([]);
  });
});
