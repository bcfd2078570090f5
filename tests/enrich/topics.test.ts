import { describe, expect, it } from "vitest";
import { loadRegistries } from "../../src/enrich/index.ts";
import { assignTopics, MAX_TOPICS, type TopicInput } from "../../src/enrich/topics/assign.ts";
import { CuratedTopicMatcher } from "../../src/enrich/topics/curated.ts";
import { ENTITY_TEXT_LIMIT, entityText, findEntities } from "../../src/enrich/topics/entities.ts";
import type { TopicEntry } from "../../src/model/index.ts";
import { dataDir } from "./helpers.ts";

const { registries } = await loadRegistries(dataDir);
const matcher = new CuratedTopicMatcher(registries.topics);
const slugsIn = (text: string): string[] => [...new Set(matcher.mentions(text, []).map((m) => m.slug))];

describe("curated topics", () => {
  it("merge aliases into one topic", () => {
    for (const text of ["Daesh fighters", "DAESH (the Islamic State in Iraq and Syria, ISIS-ISIL)", "the anti-ISIL coalition", "ISIS gangs", "Islamic State of Iraq and the Levant"]) {
      expect(slugsIn(text), text).toEqual(["islamic-state"]);
    }
    for (const text of ["Hashed Al-Shaabi", "Hashd al-Shaabi", "the Popular Mobilisation Forces", "Iraqi Popular Forces Not to Fight"]) {
      expect(slugsIn(text), text).toEqual(["popular-mobilization-forces"]);
    }
  });

  it("take the longest name, so a name inside a name is not a second topic", () => {
    expect(slugsIn("the Islamic State in Iraq and Syria terrorist organization")).toEqual(["islamic-state", "terrorism"]);
    expect(slugsIn("Russia, Syria, Iran and Iraq")).toEqual(["russia", "syria", "iran", "iraq"]);
  });

  it("match capitalised names and acronyms only in their case", () => {
    expect(slugsIn("The US rejected it")).toEqual(["united-states"]);
    expect(slugsIn("let us roast a turkey")).toEqual([]);
    expect(slugsIn("Turkey and the U.S. agreed")).toEqual(["turkey", "united-states"]);
    expect(slugsIn("terrorism and Terrorism and TERRORISTS")).toEqual(["terrorism"]);
  });

  it("tell headline mentions from body mentions, with body positions", () => {
    const mentions = matcher.mentions("Iraq rejects it", ["First Iraq.", "Then Syria at the end"]);
    expect(mentions.map((m) => [m.slug, m.inHeadline])).toEqual([["iraq", true], ["iraq", false], ["syria", false]]);
    expect(mentions[1]!.position).toBeLessThan(mentions[2]!.position);
  });
});

describe("entities", () => {
  it("finds people, places and organisations, without titles, possessives or punctuation", () => {
    const names = findEntities("Iraqi Popular Forces Not to Fight alongside Americans in Anbar", [
      "Russian President Vladimir Putin had recently called for a coalition with Washington’s allies, Hassan al-Sari told FNA on Wednesday.",
      "A later paragraph, which is not read, names Jonas Quellbrunner.",
    ]).map((entity) => `${entity.name}:${entity.kind}`);
    expect(names).toEqual(expect.arrayContaining(["Hassan al-Sari:person", "Vladimir Putin:person", "Washington:place"]));
    expect(names.some((name) => /President|’|,$|Quellbrunner/.test(name))).toBe(false);
  });

  it("reads the lead sentence only, around its candidate names, bounded", () => {
    const long = `The lead names Mr Quellbrunner of Ipsumstan ${"and goes on ".repeat(60)}and on to Oberstdorf. Then Jonas Oberhauser spoke.`;
    const { text } = entityText("A headline", [long, "Paragraph two names Lorem Ipsumstan."]);
    expect(text.length).toBeLessThanOrEqual(ENTITY_TEXT_LIMIT + 2);
    expect(text.startsWith("The lead names Mr Quellbrunner of Ipsumstan and goes on")).toBe(true);
    expect(text).not.toContain("Oberhauser");
    expect(text).not.toContain("Paragraph two");
    // Around the names: a few words of context, not the whole sentence.
    expect(entityText("A headline", ["In a long sentence about the weather, Jonas Quellbrunner spoke on the radio for an hour."]).text).toBe(
      "about the weather, Jonas Quellbrunner spoke on the\n\n",
    );
  });

  it("skips compromise when the lead names no one new", () => {
    const known = new Set(["iraq", "russia", "fna"]);
    expect(entityText("Headline", ["Then Iraq and Russia met on Monday, FNA said. Then Jonas Quellbrunner spoke."], known).text).toBe("");
    expect(entityText("Rain All Day In The Capital", ["It rained all day."], known).text).toBe("");
    expect(entityText("Headline", ["BAGHDAD (FNA) ~ Officials met."], known).text).toBe("");
    // A headline in sentence case has capitals only where names are.
    expect(entityText("Rain stops play at Lords", ["It rained all day."], known).text).toBe("Rain stops play at Lords.\n\n");
    expect(entityText("Headline", ["Then Jonas Quellbrunner spoke. It rained."], known).text).toBe("Then Jonas Quellbrunner spoke.\n\n");
  });
});

describe("assignTopics", () => {
  const input = (headline: string, body: string[], language = "en"): TopicInput => ({ headline, body, language, stated: [] });

  it("keeps a discovered topic only when two records share it", () => {
    const { topics, discovered } = assignTopics(
      [
        input("Talks in Geneva", ["Negotiators from Lorem Ipsumstan met Jonas Quellbrunner in Geneva on Monday."]),
        input("Geneva talks end", ["The talks in Geneva ended without agreement, officials said."]),
        input("Weather report", ["Rain is expected in Oslo tomorrow."]),
      ],
      registries.topics,
    );
    expect(discovered.map((topic) => topic.slug)).toContain("geneva");
    expect(discovered.find((topic) => topic.slug === "geneva")?.kind).toBe("place");
    expect(discovered.map((topic) => topic.slug)).not.toContain("oslo");
    expect(topics[0]).toContain("geneva");
    expect(topics[1]).toContain("geneva");
    expect(topics[2]).not.toContain("oslo");
  });

  it("always keeps curated topics, ranks headline mentions first and caps the list", () => {
    const curated: TopicEntry[] = Array.from({ length: MAX_TOPICS + 5 }, (_, i) => ({
      name: `Topic${String.fromCharCode(65 + i)}`,
      slug: `topic-${String.fromCharCode(97 + i)}`,
      kind: "theme" as const,
      aliases: [],
    }));
    const body = [curated.map((topic) => topic.name).join(" ")];
    const { topics } = assignTopics([input(`News of ${curated.at(-1)!.name}`, body)], curated);
    expect(topics[0]).toHaveLength(MAX_TOPICS);
    expect(topics[0]![0]).toBe(curated.at(-1)!.slug);
  });

  it("maps topics a dump states onto curated topics by any alias", () => {
    const { topics } = assignTopics([{ headline: "Untitled", body: [], language: "de", stated: ["ISIS", "daesh"] }], registries.topics);
    expect(topics[0]).toEqual(["islamic-state"]);
  });

  it("runs entity discovery on English only: other languages get curated topics", () => {
    const { discovered } = assignTopics(
      [input("Gespräche in Genf", ["Die Gespräche in Genf mit Russland endeten."], "de"), input("Genf", ["In Genf."], "de")],
      registries.topics,
    );
    expect(discovered).toEqual([]);
  });
});
