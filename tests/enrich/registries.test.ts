import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { loadRegistries, parseRegistry, saveDiscoveredTopics } from "../../src/enrich/index.ts";
import { OutletMatcher } from "../../src/enrich/outlets.ts";
import { OutletEntrySchema, TopicEntrySchema } from "../../src/model/index.ts";
import { dataDir } from "./helpers.ts";

describe("the project's registries", () => {
  it("load without a single diagnostic", async () => {
    const { registries, diagnostics } = await loadRegistries(dataDir);
    expect(diagnostics).toEqual([]);
    expect(registries.outlets.length).toBeGreaterThan(20);
    expect(registries.topics.length).toBeGreaterThan(40);
  });

  it("know the seed's outlets by every name the seed uses", async () => {
    const { registries } = await loadRegistries(dataDir);
    const outlets = new OutletMatcher(registries.outlets);
    expect(outlets.find("SANA")?.name).toBe("SANA");
    expect(outlets.find("Syrian Arab News Agency")?.slug).toBe("sana");
    for (const credited of ["Fars News", "FNA", "fars news.", "FARS NEWS AGENCY"]) {
      expect(outlets.find(credited)?.slug, credited).toBe("fars-news-agency");
    }
    expect(outlets.find("War Press Info Network")?.slug).toBe("war-press-info-network");
  });

  it("know every outlet the dev corpus's gold files name", async () => {
    const { registries } = await loadRegistries(dataDir);
    const outlets = new OutletMatcher(registries.outlets);
    // The outlets of ../shared/corpus/dev/*.gold.json, by the name each gold file gives.
    const gold = ["BBC News", "The Guardian", "Reuters", "Le Monde", "LWN.net", "CNET", "ZEIT ONLINE", "Associated Press",
      "AFP", "CNET Japan", "Mac & i (heise online)", "ACLU (American Civil Liberties Union)", "CHIP", "CNNMoney",
      "网易科学人", "福娘童話集", "Herald Sun", "Sauvons l’Université !", "The Telegraph", "The Washington Post",
      "WebMD Health News", "Yahoo News", "Inside Edition", "The Drive", "Breitbart"];
    expect(gold.filter((name) => !outlets.find(name))).toEqual([]);
  });

  it("give every curated topic a distinct slug and every alias one owner", async () => {
    const { registries } = await loadRegistries(dataDir);
    const slugs = registries.topics.map((topic) => topic.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    const islamicState = registries.topics.find((topic) => topic.slug === "islamic-state");
    expect(islamicState?.aliases).toEqual(expect.arrayContaining(["Daesh", "ISIS", "ISIL", "Islamic State in Iraq and Syria"]));
    const pmf = registries.topics.find((topic) => topic.slug === "popular-mobilization-forces");
    expect(pmf?.aliases).toEqual(expect.arrayContaining(["Hashed al-Shaabi", "Hashd al-Shaabi"]));
  });
});

describe("parseRegistry", () => {
  it("reports a bad entry with its file, line and field, and keeps the good ones", () => {
    const yaml = [
      "- name: Good Outlet",
      "  slug: good-outlet",
      "- name: Bad Outlet",
      "  slug: Bad Slug!",
      "  homepage: not a url",
      "- name: Third",
      "  slug: third",
    ].join("\n");
    const { entries, diagnostics } = parseRegistry(yaml, "content/_data/outlets.yaml", OutletEntrySchema, "outlet");
    expect(entries.map((entry) => entry.slug)).toEqual(["good-outlet", "third"]);
    expect(diagnostics.map((d) => [d.id, d.file, d.line])).toEqual([
      ["invalid-outlet", "content/_data/outlets.yaml", 4],
      ["invalid-outlet", "content/_data/outlets.yaml", 5],
    ]);
    expect(diagnostics[0]!.message).toContain('"slug"');
    expect(diagnostics[1]!.message).toContain('"homepage"');
  });

  it("points a missing field at its entry", () => {
    const yaml = "- name: Somewhere\n  slug: somewhere\n  kind: place\n- name: Nowhere\n  slug: nowhere\n";
    const { entries, diagnostics } = parseRegistry(yaml, "content/_data/topics.yaml", TopicEntrySchema, "topic");
    expect(entries).toHaveLength(1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ id: "invalid-topic", line: 4, file: "content/_data/topics.yaml" });
    expect(diagnostics[0]!.message).toContain('"kind"');
  });

  it("reports YAML syntax errors, duplicate slugs and aliases claimed twice", () => {
    const broken = parseRegistry("- name: [unclosed\n", "x.yaml", OutletEntrySchema, "outlet");
    expect(broken.entries).toEqual([]);
    expect(broken.diagnostics[0]).toMatchObject({ id: "registry-yaml-error", level: "error", file: "x.yaml" });
    expect(broken.diagnostics[0]!.line).toBeGreaterThanOrEqual(1);

    const twice = parseRegistry(
      "- name: A\n  slug: a\n  aliases: [Shared]\n- name: B\n  slug: a\n- name: C\n  slug: c\n  aliases: [shared]\n",
      "x.yaml",
      OutletEntrySchema,
      "outlet",
    );
    expect(twice.entries.map((entry) => entry.name)).toEqual(["A", "C"]);
    expect(twice.diagnostics.map((d) => [d.id, d.line])).toEqual([
      ["duplicate-outlet-slug", 4],
      ["ambiguous-outlet-alias", 6],
    ]);
  });

  it("reports a registry that is not a list", () => {
    const { diagnostics } = parseRegistry("name: A\nslug: a\n", "x.yaml", OutletEntrySchema, "outlet");
    expect(diagnostics[0]).toMatchObject({ id: "registry-not-a-list", line: 1 });
  });
});

describe("loadRegistries", () => {
  it("names files relative to the project root and treats a missing file as empty", async () => {
    const root = await mkdtemp(join(tmpdir(), "newsarchive-registries-"));
    const data = join(root, "content", "_data");
    await mkdir(data, { recursive: true });
    await writeFile(join(data, "topics.yaml"), "- name: X\n  slug: x\n  kind: nothing\n");
    const { registries, diagnostics } = await loadRegistries(data);
    expect(registries).toEqual({ outlets: [], topics: [] });
    expect(diagnostics.map((d) => [d.id, d.file, d.line])).toEqual([
      ["missing-registry", "content/_data/outlets.yaml", undefined],
      ["invalid-topic", "content/_data/topics.yaml", 3],
    ]);
  });

  it("throws on a programmer's misuse", async () => {
    await expect(loadRegistries("")).rejects.toThrow(TypeError);
  });
});

describe("saveDiscoveredTopics", () => {
  it("keeps discovered topics for later builds, below curated ones, writing only on change", async () => {
    const root = await mkdtemp(join(tmpdir(), "newsarchive-discovered-"));
    const data = join(root, "content", "_data");
    await mkdir(data, { recursive: true });
    await writeFile(join(data, "topics.yaml"), "- name: Iraq\n  slug: iraq\n  kind: place\n");
    const curated = (await loadRegistries(data)).registries.topics;
    const found = [...curated, { name: "Geneva", slug: "geneva", kind: "place" as const, aliases: ["Genève"] }];
    expect(await saveDiscoveredTopics(data, { outlets: [], topics: found }, curated)).toBe(true);
    expect(await saveDiscoveredTopics(data, { outlets: [], topics: found }, curated)).toBe(false);
    // A later ingest that discovers something else adds to the file and keeps what was there.
    expect(await saveDiscoveredTopics(data, { outlets: [], topics: [{ name: "Anbar", slug: "anbar", kind: "place", aliases: [] }] }, curated)).toBe(true);
    const { registries, diagnostics } = await loadRegistries(data);
    expect(diagnostics.filter((d) => d.id !== "missing-registry")).toEqual([]);
    expect(registries.topics.map((t) => t.slug)).toEqual(["iraq", "anbar", "geneva"]);
    expect(await readFile(join(data, "discovered-topics.yaml"), "utf8")).toContain("Genève");
  });
});
