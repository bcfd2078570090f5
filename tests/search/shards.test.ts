import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/model/index.ts";
import { markdownToText, planShards, type ShardPlan } from "../../src/search/index.ts";
import { fixtureArticles } from "./fixture.ts";

/** `count` articles captured from dump `dump`, dated over several years. */
function fromDump(dump: string, count: number): Article[] {
  const base = fixtureArticles()[0]!;
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    id: `${dump.replace(/[^a-z0-9]+/g, "-")}-${i}`,
    slug: `gen-${i}`,
    date: i % 3 === 0 ? null : `${2010 + i}-05-05`,
    sources: [{ ...base.sources[0]!, dump }],
  }));
}

/** `dumps` dumps of `perDump` articles each. */
function archive(dumps: number, perDump: number): Article[] {
  return Array.from({ length: dumps }, (_, d) => fromDump(`dump-${d}.txt`, perDump)).flat();
}

const membership = (plans: ShardPlan[]): Map<string, string> => new Map(plans.map((p) => [p.name, p.articles.map((a) => a.id).join()]));

/** Names of the shards whose articles differ between two plans (new and gone shards included). */
function changedShards(before: ShardPlan[], after: ShardPlan[]): string[] {
  const old = membership(before);
  const now = membership(after);
  return [...new Set([...old.keys(), ...now.keys()])].filter((name) => old.get(name) !== now.get(name)).sort();
}

describe("planShards", () => {
  it("puts every article in one shard, a dump's articles together, and no more than about maxShardSize in one", () => {
    const articles = archive(400, 3);
    const plans = planShards(articles, 120);
    expect(plans.reduce((n, p) => n + p.articles.length, 0)).toBe(articles.length);
    expect(new Set(plans.flatMap((p) => p.articles.map((a) => a.id))).size).toBe(articles.length);
    expect(plans).toHaveLength(20);
    for (const plan of plans) {
      // A dump is never split, whatever the years its articles are dated in.
      const dumps = new Set(plan.articles.map((a) => a.sources[0]!.dump));
      expect(plan.articles.length).toBe(dumps.size * 3);
      // Linear hashing leaves unsplit buckets twice the size of split ones; hashing adds some spread.
      expect(plan.articles.length).toBeGreaterThanOrEqual(20);
      expect(plan.articles.length).toBeLessThanOrEqual(140);
    }
  });

  it("keys an article an editor wrote by hand (no sources) by its id", () => {
    const written = fromDump("x.txt", 40).map((a) => ({ ...a, sources: [] }));
    const plans = planShards(written, 10);
    expect(plans.length).toBeGreaterThan(1);
  });

  it("does not depend on input order", () => {
    const articles = archive(30, 2);
    const names = (list: Article[]): string[][] => planShards(list, 8).map((p) => [p.name, ...p.articles.map((a) => a.id)]);
    expect(names([...articles].reverse())).toEqual(names(articles));
  });

  it("changes one shard when a dump is added and the bucket count stays", () => {
    // 42 articles and 45 both make nine buckets.
    const before = planShards(archive(21, 2), 10);
    const after = planShards([...archive(21, 2), ...fromDump("new-dump.txt", 3)], 10);
    const changed = changedShards(before, after);
    expect(changed).toHaveLength(1);
    expect(after.find((p) => p.name === changed[0])!.articles.filter((a) => a.sources[0]!.dump === "new-dump.txt")).toHaveLength(3);
  });

  it("changes at most three shards for any dump added: its own, and the bucket that splits in two", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 20 }), (dumps, perDump, added, size) => {
        const base = archive(dumps, perDump);
        const grown = [...base, ...fromDump("added.txt", added)];
        const changed = changedShards(planShards(base, size), planShards(grown, size));
        const buckets = (n: number): number => Math.max(1, Math.ceil((2 * n) / size));
        const splits = buckets(grown.length) - buckets(base.length);
        // Each new bucket splits one old one: the old bucket and the new one change.
        expect(changed.length).toBeLessThanOrEqual(1 + 2 * splits);
      }),
    );
  });

  it("refuses a shard size that is not a positive integer", () => {
    expect(() => planShards([], 0)).toThrow(TypeError);
    expect(() => planShards([], 1)).toThrow(TypeError);
    expect(() => planShards([], 2.5)).toThrow(TypeError);
  });
});

describe("markdownToText", () => {
  it("keeps the words and drops the syntax", () => {
    expect(markdownToText("A **bold** and _quiet_ [link](https://x.example/a) with `code` and a \\* star.")).toBe(
      "A bold and quiet link with code and a * star.",
    );
    expect(markdownToText("> quoted\n\n- item")).toBe("quoted\n\nitem");
  });
});
