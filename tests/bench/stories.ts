import type { Random } from "./random.ts";
import type { Outlet, Topic, World } from "./world.ts";
import { FUNCTION_WORDS, capitalise } from "./words.ts";

/** One story as the generator knows it, before a layout prints it into a dump. */
export interface Story {
  headline: string;
  outlet: Outlet;
  byline: string | null;
  /** ISO date, or null for the undated few. */
  date: string | null;
  city: string;
  paragraphs: string[];
  topics: Topic[];
}

const FIRST_DAY = Date.UTC(2014, 0, 1);
/** Ten years of news. */
export const DAYS = 3652;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Writes stories in the statistics of news prose: Zipf-distributed words, names of topics, quotes. */
export class StoryWriter {
  constructor(
    private readonly random: Random,
    private readonly world: World,
    private readonly vocabulary: readonly string[],
  ) {}

  /** A new story published up to a week before `day` (days since 2014-01-01; default: any day of the ten years). */
  story(day: number = this.random.int(0, DAYS - 1)): Story {
    const r = this.random;
    // Attention is uneven, as in real news: half the picks follow Zipf, half are uniform.
    const count = this.world.topics.length;
    const topics = Array.from({ length: r.int(1, 4) }, () => this.world.topics[r.chance(0.5) ? r.zipf(count) : r.int(0, count - 1)]!);
    const unique = [...new Map(topics.map((t) => [t.slug, t])).values()];
    const outlet = this.world.outlets[r.zipf(this.world.outlets.length)]!;
    const published = Math.max(0, day - r.int(0, 7));
    const date = r.chance(0.04) ? null : new Date(FIRST_DAY + published * 86_400_000).toISOString().slice(0, 10);
    const target = r.int(2200, 3800);
    const paragraphs: string[] = [];
    let length = 0;
    while (length < target) {
      const paragraph = this.paragraph(unique);
      paragraphs.push(paragraph);
      length += paragraph.length + 2;
    }
    return {
      headline: this.headline(unique[0]!),
      outlet,
      byline: r.chance(0.7) ? r.pick(this.world.reporters) : null,
      date,
      city: r.pick(this.world.cities),
      paragraphs,
      topics: unique,
    };
  }

  headline(topic: Topic): string {
    const r = this.random;
    const words = Array.from({ length: r.int(5, 10) }, () => this.word());
    words.splice(r.int(0, 2), 0, topic.name);
    const titled = r.chance(0.5);
    return words.map((w, i) => (i === 0 || (titled && !FUNCTION_WORDS.includes(w)) ? capitalise(w) : w)).join(" ");
  }

  private paragraph(topics: Topic[]): string {
    const r = this.random;
    const sentences = Array.from({ length: r.int(2, 4) }, () => this.sentence(topics));
    if (r.chance(0.25)) {
      const quote = this.sentence(topics).replace(/\.$/, ",");
      sentences.push(`“${quote}” ${r.pick(["the spokesman said", "an official added", "she told reporters", "he said"])}.`);
    }
    return sentences.join(" ");
  }

  private sentence(topics: Topic[]): string {
    const r = this.random;
    const words: string[] = [];
    const length = r.int(10, 26);
    for (let i = 0; i < length; i++) {
      if (r.chance(0.025)) {
        const topic = r.pick(topics);
        words.push(topic.aliases.length > 0 && r.chance(0.3) ? r.pick(topic.aliases) : topic.name);
      } else {
        words.push(this.word());
      }
      if (i > 3 && i < length - 3 && r.chance(0.08)) words[words.length - 1] += ",";
    }
    return `${capitalise(words.join(" "))}.`;
  }

  /** Four words in ten are the glue of the language, the rest drawn from the ranked vocabulary. */
  private word(): string {
    const r = this.random;
    return r.chance(0.4) ? FUNCTION_WORDS[r.zipf(FUNCTION_WORDS.length)]! : this.vocabulary[r.zipf(this.vocabulary.length)]!;
  }
}

/** A date as papers print it, in one of the common forms. */
export function printedDate(iso: string, random: Random): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const month = MONTHS[m - 1]!;
  switch (random.int(0, 2)) {
    case 0:
      return `${month} ${d}, ${y}`;
    case 1:
      return `${d} ${month} ${y}`;
    default:
      return iso;
  }
}
