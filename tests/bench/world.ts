import { stringify } from "yaml";
import type { OutletEntry, TopicEntry, TopicKind } from "../../src/model/index.ts";
import { slugify } from "../../src/model/index.ts";
import type { Random } from "./random.ts";
import { capitalise, inventWord } from "./words.ts";

export interface Outlet {
  name: string;
  slug: string;
  /** How dumps credit it besides its name (an acronym for agencies). */
  aliases: string[];
  /** The short form wire datelines use: `(TNA)`. */
  tag: string;
}

export interface Topic {
  name: string;
  slug: string;
  kind: TopicKind;
  aliases: string[];
}

/** The invented world a synthetic archive reports on: outlets, topics, reporters and places. */
export interface World {
  outlets: Outlet[];
  topics: Topic[];
  reporters: string[];
  cities: string[];
}

const OUTLET_KINDS = ["News Agency", "Herald", "Times", "Daily", "Post", "Tribune", "Observer", "Gazette", "Press", "Chronicle"];
const ORG_KINDS = ["Liberation Front", "Party", "Council", "Union", "Alliance", "Movement", "Authority", "Brigades", "Institute", "Federation"];
const THEME_HEADS = ["reform", "prices", "shortages", "rights", "elections", "exports", "talks", "protests", "rationing", "subsidies"];
const THEME_MODIFIERS = ["water", "grain", "fuel", "press", "land", "housing", "pension", "border", "student", "fishing", "mining", "rail"];

function acronym(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w.charAt(0).toUpperCase())
    .join("");
}

/**
 * A short upper-case form of a name no other outlet or topic uses: its acronym, lengthened
 * with letters of its first word until unique (real registries keep aliases unambiguous too).
 */
function uniqueTag(name: string, used: Set<string>): string {
  const first = name.split(/\s+/)[0]!.toUpperCase();
  const rest = acronym(name).slice(1);
  for (let letters = 1; letters <= first.length; letters++) {
    const tag = first.slice(0, letters) + rest;
    if (tag.length >= 2 && !used.has(tag)) {
      used.add(tag);
      return tag;
    }
  }
  return name;
}

/** Invents names until `count` distinct slugs are found. */
function distinct<T extends { slug: string }>(count: number, make: () => T, taken: Set<string>): T[] {
  const out: T[] = [];
  while (out.length < count) {
    const item = make();
    if (item.slug.length === 0 || taken.has(item.slug)) continue;
    taken.add(item.slug);
    out.push(item);
  }
  return out;
}

/** `reservedTags`: short forms the project's own registries already use ("FNA"), never reused. */
export function createWorld(random: Random, outletCount = 40, topicCount = 300, reservedTags: Iterable<string> = []): World {
  const taken = new Set<string>();
  const tags = new Set(reservedTags);
  const outlets = distinct(outletCount, () => {
    const name = `${capitalise(inventWord(random, 2))} ${random.pick(OUTLET_KINDS)}`;
    const tag = uniqueTag(name, tags);
    return { name, slug: slugify(name), aliases: name.endsWith("News Agency") ? [tag] : [`The ${name}`, tag], tag };
  }, taken);
  const kinds: TopicKind[] = ["place", "organisation", "person", "theme"];
  const topics = distinct(topicCount, () => {
    const kind = random.pick(kinds);
    let name: string;
    let aliases: string[] = [];
    if (kind === "place") {
      name = capitalise(inventWord(random, random.int(2, 3)));
      if (random.chance(0.2)) aliases = [`${name} Province`];
    } else if (kind === "organisation") {
      name = `${capitalise(inventWord(random, 2))} ${random.pick(ORG_KINDS)}`;
      aliases = [uniqueTag(name, tags)];
    } else if (kind === "person") {
      name = `${capitalise(inventWord(random, 2))} ${capitalise(inventWord(random, 2))}`;
    } else {
      name = `${random.pick(THEME_MODIFIERS)} ${inventWord(random, 2)} ${random.pick(THEME_HEADS)}`;
    }
    return { name, slug: slugify(name), kind, aliases };
  }, taken);
  const reporters = Array.from({ length: 400 }, () => `${capitalise(inventWord(random, 2))} ${capitalise(inventWord(random, random.int(2, 3)))}`);
  const cities = Array.from({ length: 120 }, () => inventWord(random, random.int(2, 3)).toUpperCase());
  return { outlets, topics, reporters, cities };
}

/** Registry entries for the world, appended to the project's own outlets.yaml and topics.yaml. */
export function registryYaml(world: World): { outlets: string; topics: string } {
  const outlets: OutletEntry[] = world.outlets.map((o) => ({
    name: o.name,
    slug: o.slug,
    aliases: o.aliases,
    description: `A synthetic outlet of the benchmark archive.`,
  }));
  const topics: TopicEntry[] = world.topics.map((t) => ({
    name: t.name,
    slug: t.slug,
    kind: t.kind,
    aliases: t.aliases,
    description: `A synthetic ${t.kind} of the benchmark archive.`,
  }));
  const header = "\n# Synthetic entries written by the benchmark (tests/bench).\n";
  return { outlets: header + stringify(outlets), topics: header + stringify(topics) };
}
