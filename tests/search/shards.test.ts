import { describe, expect, it } from "vitest";
import type { Article } from "../../src/model/index.ts";
import { markdownToText, planShards } from "../../src/search/index.ts";
import { fixtureArticles } from "./fixture.ts";

function many(count: number, date: string | null): Article[] {
  const base = fixtureArticles()[0]!;
  return Array.from({ length: count }, (_, i) => ({ ...base, id: `gen-${date ?? "x"}-${i}`, slug: `gen-${i}`, date }));
}

describe("planShards", () => {
  it("groups by year, keeps undated apart and bounds every shard's size", () => {
    const articles = [...many(50, "2018-05-05"), ...many(7, "2019-01-01"), ...many(20, null)];
    const plans = planShards(articles, 10);
    expect(plans.reduce((n, p) => n + p.articles.length, 0)).toBe(articles.length);
    for (const plan of plans) {
      const year = plan.name.split("-")[0];
      expect(plan.articles.every((a) => (a.date?.slice(0, 4) ?? "undated") === year)).toBe(true);
      // Hash buckets are balanced on average, not exactly: allow twice the bound.
      expect(plan.articles.length).toBeLessThanOrEqual(20);
    }
    expect(plans.filter((p) => p.name.startsWith("2019"))).toHaveLength(1);
    expect(plans.filter((p) => p.name.startsWith("2018")).length).toBeGreaterThan(1);
  });

  it("does not depend on input order", () => {
    const articles = [...many(40, "2018-05-05"), ...many(9, null)];
    const names = (list: Article[]): string[][] => planShards(list, 8).map((p) => [p.name, ...p.articles.map((a) => a.id)]);
    expect(names([...articles].reverse())).toEqual(names(articles));
  });

  it("leaves other shards alone when articles are added to one bucket", () => {
    const before = planShards(many(30, "2018-05-05"), 10);
    const extra = { ...many(1, "2018-05-05")[0]!, id: "extra-article" };
    const after = planShards([...many(30, "2018-05-05"), extra], 10);
    const changed = after.filter((p) => {
      const old = before.find((b) => b.name === p.name);
      return !old || old.articles.map((a) => a.id).join() !== p.articles.map((a) => a.id).join();
    });
    expect(changed).toHaveLength(1);
    expect(changed[0]!.articles.some((a) => a.id === "extra-article")).toBe(true);
  });

  it("refuses a shard size that is not a positive integer", () => {
    expect(() => planShards([], 0)).toThrow(TypeError);
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
