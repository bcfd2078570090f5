import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BundleThreads } from "../../src/search/bundle-threads.ts";
import { SearchRecords } from "../../src/search/records.ts";
import { parentsByPid } from "../bench/measure.ts";
import { fixtureArticles } from "./fixture.ts";

/** Pids of this process's children running Pagefind's service (Linux: read from /proc). */
function pagefindServices(): number[] {
  const children = [...parentsByPid()].filter(([, parent]) => parent === process.pid).map(([pid]) => pid);
  return children.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "latin1").includes("--service");
    } catch {
      return false; // Gone meanwhile.
    }
  });
}

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

  it("gives up on a shard whose Pagefind service died mid-write, with an error that says so, and goes on", async () => {
    const threads = new BundleThreads(() => 3000);
    try {
      // Enough text that Pagefind is still indexing when its service is killed.
      const big = Array.from({ length: 2000 }, (_, i) => ({ ...shard[i % shard.length]!, url: `/articles/copy-${i}/`, content: `${shard[i % shard.length]!.content} word${i} `.repeat(40) }));
      const writing = threads.write(big, join(scratch, "killed"));
      let services: number[] = [];
      while (services.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        services = pagefindServices();
      }
      // Once the records are sent (the service answers in milliseconds, indexing them takes seconds).
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const pid of services) process.kill(pid, "SIGKILL");
      // Pagefind's Node API then waits forever, so the thread is given up; had the service died
      // before the records were sent, the API would have said so itself. Either way, no hang.
      await expect(writing).rejects.toThrow(/(Pagefind gave no answer in 3 s|Pagefind backend closed) .*2000 articles .*killed/);
      await threads.write(shard, join(scratch, "after"));
      expect(existsSync(join(scratch, "after", "pagefind-entry.json"))).toBe(true);
    } finally {
      await threads.close();
    }
  }, 30_000);
});
