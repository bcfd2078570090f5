import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BundleThreads } from "../../src/search/bundle-threads.ts";
import { SearchRecords } from "../../src/search/records.ts";
import { fixtureArticles } from "./fixture.ts";

const scratch = mkdtempSync(join(tmpdir(), "newsarchive-bundles-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("BundleThreads", () => {
  const records = new SearchRecords({ pathPrefix: "/", language: "en" });
  const shard = fixtureArticles().slice(0, 3).map((article) => records.record(article));

  it("writes a shard's bundle on a thread, and a failed write leaves the thread usable and closable", async () => {
    const threads = new BundleThreads();
    try {
      await threads.write(shard, join(scratch, "one"));
      expect(existsSync(join(scratch, "one", "pagefind-entry.json"))).toBe(true);

      // A bundle cannot go below a file: the error comes back from the thread, named.
      writeFileSync(join(scratch, "a-file"), "");
      await expect(threads.write(shard, join(scratch, "a-file", "bundle"))).rejects.toThrow(/a-file/);

      await threads.write(shard, join(scratch, "two"));
      expect(existsSync(join(scratch, "two", "pagefind-entry.json"))).toBe(true);
    } finally {
      await threads.close();
    }
  });

  it("indexes several shards at once", async () => {
    const threads = new BundleThreads();
    try {
      await Promise.all(["a", "b", "c"].map((name) => threads.write(shard, join(scratch, name))));
      for (const name of ["a", "b", "c"]) expect(existsSync(join(scratch, name, "pagefind-entry.json"))).toBe(true);
    } finally {
      await threads.close();
    }
  });
});
