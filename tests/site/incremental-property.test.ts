/**
 * The guarantee behind incremental builds, checked on random edits: whatever changes in the
 * archive (a record, a link between records, a registry name, a dump), a build on top of the live
 * site leaves it byte for byte what a full build gives. Pages known by their inputs
 * (articles, dumps, API files) are only correct if those inputs cover all they show: an edit the
 * inputs missed shows up here as a stale file.
 */
import fc from "fast-check";
import { mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publish } from "../../src/cli/pipeline/publish.ts";
import type { Article, Registries } from "../../src/model/index.ts";
import { buildSite, type SiteInput } from "../../src/site/index.ts";
import { registries, seedArticles, seedDump, seedsDir, syntheticArticles, templatesDir } from "./fixtures.ts";

let root: string;
let runs = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "newsarchive-incremental-property-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The seed's records and some synthetic ones, each relating to a later one. */
function baseInput(): SiteInput {
  const synthetic = syntheticArticles(16).map((a, i, all) => ({
    ...a,
    related: [{ headline: `About report ${i + 4}`, url: `/articles/${all[(i + 3) % all.length]!.slug}/` }],
  }));
  return { articles: [...seedArticles(), ...synthetic], dumps: [seedDump()], registries };
}

type Edit = (input: SiteInput, k: number, m: number) => SiteInput;

const withArticle = (input: SiteInput, k: number, change: (a: Article) => Article): SiteInput => {
  const i = k % input.articles.length;
  return { ...input, articles: input.articles.map((a, j) => (j === i ? change(a) : a)) };
};

const EDITS: Record<string, Edit> = {
  headline: (input, k) => withArticle(input, k, (a) => ({ ...a, headline: `${a.headline} (corrected)` })),
  body: (input, k) => withArticle(input, k, (a) => ({ ...a, body: `${a.body}\n\nA paragraph added by an editor.` })),
  topics: (input, k) => withArticle(input, k, (a) => ({ ...a, topics: a.topics.slice(1) })),
  date: (input, k) => withArticle(input, k, (a) => ({ ...a, date: a.date === null ? "2013-05-05" : null })),
  outlet: (input, k) => withArticle(input, k, (a) => ({ ...a, outlet: a.outlet === null ? null : { name: "Syrian Arab News Agency", slug: "sana" } })),
  remove: (input, k) => ({ ...input, articles: input.articles.filter((_, j) => j !== k % input.articles.length) }),
  relate: (input, k, m) => {
    const target = input.articles[m % input.articles.length]!;
    return withArticle(input, k, (a) => ({ ...a, related: [...a.related, { headline: "See also", url: `/articles/${target.slug}/` }] }));
  },
  renameOutlet: (input, k) => {
    const outlets = input.registries.outlets.map((o, j) => (j === k % input.registries.outlets.length ? { ...o, name: `${o.name} Online` } : o));
    return { ...input, registries: { ...input.registries, outlets } satisfies Registries };
  },
  renameTopic: (input, k) => {
    const topics = input.registries.topics.map((t, j) => (j === k % input.registries.topics.length ? { ...t, name: `${t.name} (region)` } : t));
    return { ...input, registries: { ...input.registries, topics } satisfies Registries };
  },
  dropDump: (input) => ({ ...input, dumps: [] }),
};

async function build(live: string, cache: string, input: SiteInput): Promise<void> {
  await mkdir(join(live, ".."), { recursive: true });
  const staging = await mkdtemp(`${live}-staging-`);
  const report = await buildSite(input, { outDir: staging, seedsDir, templatesDir, cacheDir: cache, pathPrefix: "/", baseUrl: "https://example.org", renderThreads: 0, previousDir: live });
  await publish(live, cache, report.incremental, { staging, remove: report.removed, replaceDirs: [], removeDirs: [] });
}

async function contents(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(dir.length + 1), await readFile(join(entry.parentPath, entry.name), "utf8"));
  }
  return files;
}

describe("incremental builds, after random edits", () => {
  it("leave the live site exactly what a full build gives", async () => {
    const base = baseInput();
    const names = Object.keys(EDITS);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...names), fc.nat(40), fc.nat(40)), { minLength: 1, maxLength: 3 }), async (edits) => {
        const run = join(root, String(runs++));
        const edited = edits.reduce((input, [name, k, m]) => EDITS[name]!(input, k, m), base);
        await build(join(run, "live"), join(run, "cache"), base);
        await build(join(run, "live"), join(run, "cache"), edited);
        await build(join(run, "full"), join(run, "full-cache"), edited);
        expect(await contents(join(run, "live"))).toEqual(await contents(join(run, "full")));
      }),
      { numRuns: 8, seed: 7 },
    );
  }, 120_000);
});
