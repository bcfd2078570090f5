import { describe, expect, it } from "vitest";
import { estimatedJaccard, groupDuplicates, type DuplicateInput } from "../../src/enrich/duplicates.ts";
import { corpusDumps, readAndParse, repostPath, seedPath, hasCorpus } from "./helpers.ts";

const seed = await readAndParse(seedPath);
const stories: DuplicateInput[] = seed.result.articles.map((a) => ({ headline: a.headline, body: a.body }));

describe("groupDuplicates", () => {
  it("keeps different stories apart, even on the same subject", () => {
    // The seed's four articles all tell of Iraq, Russia and the Islamic State.
    expect(groupDuplicates(stories)).toEqual([[0], [1], [2], [3]]);
  });

  it("groups an exact copy", () => {
    expect(groupDuplicates([...stories, stories[2]!])).toEqual([[0], [1], [2, 4], [3]]);
  });

  it("groups a capture with different debris, casing and punctuation", () => {
    const fna = stories[3]!;
    const recaptured: DuplicateInput = {
      headline: fna.headline.toUpperCase(),
      body: ["Share this: Facebook Twitter Email", ...fna.body.map((p) => p.replace(/[“”’]/g, '"')), "Leave a Reply"],
    };
    expect(groupDuplicates([...stories, recaptured])).toEqual([[0], [1], [2], [3, 4]]);
  });

  it("compares existing texts with the new ones only, never with each other", () => {
    const copy = stories[2]!;
    // New: story 0 and a copy of story 2; existing (from index 2): story 2 twice, story 3.
    const texts = [stories[0]!, copy, stories[2]!, stories[2]!, stories[3]!];
    expect(groupDuplicates(texts, undefined, 2)).toEqual([[0], [1, 2, 3], [4]]);
    // Without new copies, two existing copies stay apart.
    expect(groupDuplicates([stories[0]!, stories[2]!, stories[2]!], undefined, 1)).toEqual([[0], [1], [2]]);
    expect(groupDuplicates([stories[0]!, stories[2]!, stories[2]!])).toEqual([[0], [1, 2]]);
  });

  it("gives the same groups from cached summaries", () => {
    const cache = new Map();
    const texts = [...stories, stories[2]!];
    const fresh = groupDuplicates(texts, cache);
    expect(cache.size).toBe(stories.length);
    expect(groupDuplicates(texts, cache)).toEqual(fresh);
  });

  it("groups a truncated capture under the same headline", () => {
    const fna = stories[2]!;
    const truncated: DuplicateInput = { headline: fna.headline, body: fna.body.slice(0, 8) };
    expect(groupDuplicates([truncated, ...stories])).toEqual([[0, 3], [1], [2], [4]]);
  });

  it("groups a syndicated copy under another headline with a paragraph edited", () => {
    const sana = stories[0]!;
    const syndicated: DuplicateInput = {
      headline: "Four countries set up an intelligence centre in Baghdad",
      body: sana.body.map((p, i) => (i === 2 ? `${p} The centre opens next week.` : p)),
    };
    expect(groupDuplicates([syndicated, ...stories])).toEqual([[0, 1], [2], [3], [4]]);
  });

  it("does not merge short texts unless they are identical", () => {
    const short = [
      { headline: "Aldi bietet Akkuschrauber an", body: ["Ab Montag im Angebot."] },
      { headline: "Aldi bietet Kompressor an", body: ["Ab Montag im Angebot."] },
      { headline: "Aldi bietet Akkuschrauber an", body: ["Ab Montag im Angebot."] },
    ];
    expect(groupDuplicates(short)).toEqual([[0, 2], [1]]);
  });

  it("keeps apart stories whose parsed body is the same short boilerplate", () => {
    const notice = ["We use cookies to improve your experience on our site and to show you relevant advertising, as described in our cookie policy."];
    expect(groupDuplicates([{ headline: "Aldi sells drills", body: notice }, { headline: "Lidl sells saws", body: notice }])).toEqual([[0], [1]]);
  });

  it("finds the seed's repost in the repost fixture", async () => {
    const repost = await readAndParse(repostPath);
    const inputs = [...stories, ...repost.result.articles.map((a) => ({ headline: a.headline, body: a.body }))];
    expect(groupDuplicates(inputs)).toEqual([[0], [1], [2], [3, 4]]);
  });

  it.skipIf(!hasCorpus)("merges nothing across the dev corpus, whose articles are all different", async () => {
    const inputs: DuplicateInput[] = [];
    for (const path of corpusDumps()) {
      const parsed = await readAndParse(path);
      inputs.push(...parsed.result.articles.map((a) => ({ headline: a.headline, body: a.body })));
    }
    expect(inputs.length).toBeGreaterThan(20);
    const groups = groupDuplicates(inputs);
    const merged = groups.filter((group) => group.length > 1).map((group) => group.map((i) => inputs[i]!.headline));
    expect(merged).toEqual([]);
  });
});

describe("estimatedJaccard", () => {
  it("is 1 for equal signatures and 0 for disjoint ones", () => {
    const a = new Uint32Array(64).map((_, i) => i);
    const b = new Uint32Array(64).map((_, i) => i + 1000);
    expect(estimatedJaccard(a, a)).toBe(1);
    expect(estimatedJaccard(a, b)).toBe(0);
  });
});
