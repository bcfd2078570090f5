import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { printDump, type DumpContent, type LayoutName } from "./layouts.ts";
import { Random } from "./random.ts";
import { DAYS, StoryWriter, type Story } from "./stories.ts";
import { buildVocabulary } from "./words.ts";
import { createWorld, registryYaml, type World } from "./world.ts";

export interface GeneratedDump {
  name: string;
  text: string;
  /** The capture day, written as the dump's sidecar (digest pages carry no date of their own). */
  captured: string | null;
  /** Article captures in the dump (reposts of earlier stories included). */
  articles: number;
}

/**
 * An endless, deterministic stream of synthetic dumps: the same seed gives the same dumps in the
 * same order, so the first N articles are the same whatever N is, and "one more dump" is simply
 * the next one.
 */
export class DumpStream {
  readonly world: World;
  private readonly random: Random;
  private readonly writer: StoryWriter;
  private readonly published: Story[] = [];
  private count = 0;

  constructor(seed = 20151010, reservedTags: Iterable<string> = []) {
    this.random = new Random(seed);
    this.world = createWorld(this.random, 40, 300, reservedTags);
    this.writer = new StoryWriter(this.random, this.world, buildVocabulary(this.random, 40_000));
  }

  next(): GeneratedDump {
    const r = this.random;
    const layout: LayoutName = r.chance(0.4) ? "digest" : r.chance(0.5) ? "wire" : "portal";
    // A page is captured on one day; its stories are from the week before (reposts keep their date).
    const day = r.int(0, DAYS - 1);
    const story = (): Story => {
      // One capture in twenty-five is a repost of an earlier story: duplicates to merge.
      if (this.published.length > 10 && r.chance(0.04)) return this.published[r.int(0, this.published.length - 1)]!;
      const fresh = this.writer.story(day);
      this.published.push(fresh);
      return fresh;
    };
    const content: DumpContent = { stories: [], relatedStories: [], relatedHeadlines: [] };
    if (layout === "digest") {
      content.stories = Array.from({ length: r.int(1, 3) }, story);
      content.relatedStories = Array.from({ length: r.int(0, 2) }, story);
    } else {
      content.stories = [story()];
      content.relatedHeadlines = Array.from({ length: r.int(0, 3) }, () =>
        this.published.length > 1 && r.chance(0.7) ? this.published[r.int(0, this.published.length - 2)]!.headline : this.writer.headline(r.pick(this.world.topics)),
      );
    }
    const all = [...content.stories, ...content.relatedStories];
    const dates = all.map((s) => s.date).filter((d): d is string => d !== null).sort();
    this.count += 1;
    return {
      name: `bench-${String(this.count).padStart(6, "0")}.txt`,
      text: printDump(layout, content, this.world, r),
      captured: layout === "digest" ? (dates.at(-1) ?? null) : null,
      articles: all.length,
    };
  }
}

export interface GeneratedProject {
  root: string;
  dumps: number;
  articles: number;
  bytes: number;
  stream: DumpStream;
}

export function writeDump(seedsDir: string, dump: GeneratedDump): number {
  writeFileSync(join(seedsDir, dump.name), dump.text);
  if (dump.captured) writeFileSync(join(seedsDir, dump.name.replace(/\.txt$/, ".meta.yaml")), `date: ${dump.captured}\n`);
  return Buffer.byteLength(dump.text);
}

/**
 * Makes a project folder at `root` holding `articles` synthetic article captures in seeds/, the
 * project's templates and registries, and registry entries for the synthetic outlets and topics.
 */
export function generateProject(projectRoot: string, root: string, articles: number, seed?: number): GeneratedProject {
  const seeds = join(root, "seeds");
  const data = join(root, "content", "_data");
  mkdirSync(seeds, { recursive: true });
  mkdirSync(data, { recursive: true });
  for (const folder of ["templates"]) {
    if (existsSync(join(projectRoot, folder))) cpSync(join(projectRoot, folder), join(root, folder), { recursive: true });
  }
  const sourceData = join(projectRoot, "content", "_data");
  const reserved = new Set<string>();
  for (const file of existsSync(sourceData) ? readdirSync(sourceData) : []) {
    copyFileSync(join(sourceData, file), join(data, file));
    for (const word of readFileSync(join(sourceData, file), "utf8").match(/\b[A-Z]{2,8}\b/g) ?? []) reserved.add(word);
  }
  const stream = new DumpStream(seed, reserved);
  const extra = registryYaml(stream.world);
  const append = (file: string, text: string): void => {
    const path = join(data, file);
    writeFileSync(path, (existsSync(path) ? readFileSync(path, "utf8").replace(/\n*$/, "\n") : "") + text);
  };
  append("outlets.yaml", extra.outlets);
  append("topics.yaml", extra.topics);
  let made = 0;
  let dumps = 0;
  let bytes = 0;
  while (made < articles) {
    const dump = stream.next();
    bytes += writeDump(seeds, dump);
    made += dump.articles;
    dumps += 1;
  }
  return { root, dumps, articles: made, bytes, stream };
}
