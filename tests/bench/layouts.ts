import type { Random } from "./random.ts";
import { printedDate, type Story } from "./stories.ts";
import type { World } from "./world.ts";

/** What a layout needs: the stories it carries and headlines it can point to as related. */
export interface DumpContent {
  /** The dump's own articles, in order. */
  stories: Story[];
  /** Stories printed in a "related" section after the main ones (digest layout only). */
  relatedStories: Story[];
  /** Headlines of other articles the page links to (related lists), headline only. */
  relatedHeadlines: string[];
}

export type LayoutName = "digest" | "wire" | "portal";

/**
 * Page captures in three shapes seen in real dumps: a repost digest (several articles,
 * captions, a spaced-out related marker, a trailing attribution list, a disclaimer), a wire
 * story (site chrome, byline, "CITY (TAG) -" dateline, related coverage mid-body, credits) and a
 * newspaper portal (navigation bullets, byline with role, captions, share debris, related list,
 * copyright).
 */
export function printDump(layout: LayoutName, content: DumpContent, world: World, random: Random): string {
  switch (layout) {
    case "digest":
      return digest(content, world, random);
    case "wire":
      return wire(content, random);
    case "portal":
      return portal(content, random);
  }
}

function caption(random: Random, story: Story): string {
  const name = story.topics[0]!.name;
  return random.chance(0.5) ? `${name}-${random.int(1, 9)}` : `${name} ${random.pick(["Forces", "Rally", "Delegation", "Border", "Market"])}`;
}

function digest({ stories, relatedStories }: DumpContent, world: World, random: Random): string {
  const out: string[] = [Array.from({ length: random.int(8, 26) }, () => ",").join(" "), "", ""];
  const printStory = (story: Story, wireDateline: boolean): void => {
    out.push(story.headline, "");
    if (story.date !== null && random.chance(0.85)) out.push(printedDate(story.date, random), "");
    story.paragraphs.forEach((p, i) => out.push(i === 0 && wireDateline ? `(${story.outlet.tag}) ~ ${p}` : p, ""));
    if (random.chance(0.6)) out.push(caption(random, story), "");
  };
  stories.forEach((s) => printStory(s, false));
  if (relatedStories.length > 0) {
    out.push(random.pick(["R E L A T E D :", "Related:", "RELATED"]), "");
    relatedStories.forEach((s) => {
      out.push(caption(random, s), "");
      printStory(s, true);
    });
  }
  for (const s of stories) out.push(s.byline ? `${s.outlet.name}, ${s.byline}` : s.outlet.name);
  for (const s of relatedStories) out.push(random.pick([s.outlet.name, ...s.outlet.aliases]));
  const network = random.pick(world.outlets);
  out.push(
    `Submitted by ${random.pick(world.reporters)} `,
    `${network.name} at:`,
    "Re-publications are welcome, but we kindly ask you,",
    "to facilitate the correct information's diffusion,",
    "to cite all these original sources.",
    "",
    `NOTE: The contents of the articles, speeches or comments on this page are of sole responsibility of their authors. The team and the editorial staff of ${network.name} do not necessarily subscribe every point of view expressed and are not responsible for any inaccurate, incorrect or offensive statement in this article.`,
  );
  return out.join("\n");
}

function wire({ stories, relatedHeadlines }: DumpContent, random: Random): string {
  const story = stories[0]!;
  const out = [`Discover ${story.outlet.name}`, "", "Directory of sitesLoginContactSupport", random.pick(["World News", "Business News", "Politics", "Environment"]), "Updated", ""];
  out.push(story.headline, "");
  if (story.byline) out.push(`By ${story.byline}`, "");
  out.push(`${random.int(2, 6)} Min Read`, "");
  if (story.date !== null) out.push(`${printedDate(story.date, random)} / ${random.int(1, 12)}:${String(random.int(0, 59)).padStart(2, "0")} PM`, "");
  const middle = Math.min(story.paragraphs.length - 1, random.int(2, 4));
  story.paragraphs.forEach((p, i) => {
    out.push(i === 0 ? `${story.city} (${story.outlet.tag}) - ${p}` : p, "");
    if (i === middle && relatedHeadlines.length > 0) out.push("Related Coverage", "", " ", "", relatedHeadlines[0]!, "");
  });
  if (story.byline) out.push(`Reporting by ${story.byline}; Editing by ${random.pick(["Alex Richardson", "Mark Heinrich", "Toby Chopra"])}`, "");
  out.push(`Our Standards: The ${story.outlet.name} Trust Principles.`);
  return out.join("\n");
}

function portal({ stories, relatedHeadlines }: DumpContent, random: Random): string {
  const story = stories[0]!;
  const nav = ["News", "Politics", "Sport", "Business", "Money", "Opinion", "Obituaries", "Travel", "Culture", "Video"];
  const out = [story.outlet.name, "", ...nav.slice(0, random.int(5, nav.length)).map((n) => `  • ${n}`), ""];
  out.push(story.headline, "");
  if (story.byline) out.push(`By ${story.byline}, ${random.pick(["Foreign Correspondent", "Political Editor", "Reporter", "in " + story.city.charAt(0) + story.city.slice(1).toLowerCase()])}`, "");
  if (story.date !== null) out.push(`${printedDate(story.date, random)} • ${random.int(1, 11)}:${String(random.int(0, 59)).padStart(2, "0")}pm`, "");
  story.paragraphs.forEach((p, i) => {
    out.push(p, "");
    if (i === 1 && random.chance(0.5)) out.push(`${caption(random, story)}. Photo: ${random.pick(["AFP", "Reuters", "AP", "Getty Images"])}`, "");
  });
  out.push("Share this article", "Share on Facebook", "Tweet", "");
  if (relatedHeadlines.length > 0) out.push("Related articles", "", ...relatedHeadlines, "");
  out.push(`© ${story.outlet.name} ${story.date?.slice(0, 4) ?? "2024"}`);
  return out.join("\n");
}
