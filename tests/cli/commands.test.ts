import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectPaths } from "../../src/config.ts";
import { readLastBuild } from "../../src/cli/pipeline/last-build.ts";
import { listContentFiles } from "../../src/content/index.ts";
import { hashTree, makeProject, removeProjects, runCli } from "../e2e/project.ts";

afterAll(removeProjects);

describe("usage errors exit 2", () => {
  let root: string;
  beforeAll(async () => {
    root = (await makeProject({ templates: false })).root;
  });

  it.each([
    [[]],
    [["frobnicate"]],
    [["build", "--no-such-option"]],
    [["build", "--path-prefix", "/a b?/"]],
    [["build", "--base-url", "ftp://example.org/"]],
    [["check", "stray-argument"]],
    [["serve", "--port", "eighty"]],
  ])("newsarchive %j", async (args) => {
    const run = await runCli(args, root);
    expect(run.code).toBe(2);
    expect(run.stderr + run.stdout).toMatch(/usage: newsarchive/);
  });

  it("--help prints a command's usage and exits 0", async () => {
    const run = await runCli(["ingest", "--help"], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: newsarchive ingest/);
  });
});

describe("ingest, build and check from the command line", () => {
  let paths: ProjectPaths;
  beforeAll(async () => {
    paths = await makeProject();
  });

  it("ingest prints a summary per dump and exits 0", async () => {
    const run = await runCli(["ingest"], paths.root);
    expect(run.code).toBe(0);
    const files = await listContentFiles(paths.content);
    expect(files.length).toBeGreaterThan(0);
    expect(run.stdout).toContain(`seeds/000_a614a29300825745.txt: ${files.length} articles (`);
    expect(run.stdout).toContain(`${files.length} files written`);
    const again = await runCli(["ingest"], paths.root);
    expect(again.stdout).toContain("0 files written");
  });

  it("build exits 0, and check passes on what it built", async () => {
    const build = await runCli(["build"], paths.root);
    expect(build.stderr).not.toMatch(/ error /);
    expect(build.code).toBe(0);
    // The site's size is kept for the next build (it starts a rendering thread early for a large one).
    const [, articles, pages] = /dist\/: (\d+) articles, (\d+) pages/.exec(build.stdout) ?? [];
    expect(await readLastBuild(paths.cache)).toMatchObject({ pathPrefix: "/", articles: Number(articles), pages: Number(pages) });
    // Where the time went: every stage of a build with search, the whole no less than ingest, pages and publish.
    const times = /^time: ingest ([\d.]+) s, pages ([\d.]+) s, search ([\d.]+) s \(beside the pages\), publish ([\d.]+) s; ([\d.]+) s in all$/m.exec(build.stdout);
    expect(times, build.stdout).not.toBeNull();
    const [ingest, pagesTime, search, publish, total] = times!.slice(1).map(Number) as [number, number, number, number, number];
    expect(pagesTime).toBeGreaterThan(0);
    expect(search).toBeGreaterThan(0);
    expect(total + 0.02).toBeGreaterThanOrEqual(ingest + Math.max(pagesTime, search) + publish);
    const check = await runCli(["check"], paths.root);
    expect(check.stderr).not.toMatch(/ error /);
    expect(check.code).toBe(0);
  });

  it("check exits 1 when a built page is deleted", async () => {
    const [first] = await listContentFiles(paths.content);
    const slug = first!.split("/")[1]!.replace(/\.md$/, "");
    await rm(join(paths.dist, "articles", slug), { recursive: true });
    const check = await runCli(["check"], paths.root);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`error broken-link: links to /articles/${slug}/, which does not exist`);
  });

  it("build and check exit 1 on malformed front matter, naming file, line and field", async () => {
    const [first] = await listContentFiles(paths.content);
    const file = join(paths.content, first!);
    const original = await readFile(file, "utf8");
    const broken = original.replace(/^language: .*$/m, "language: English please");
    await writeFile(file, broken);
    const line = broken.split("\n").findIndex((l) => l.startsWith("language:")) + 1;
    try {
      const check = await runCli(["check", "--content-only"], paths.root);
      expect(check.code).toBe(1);
      expect(check.stderr).toContain(`content/${first}:${line}: error front-matter-field: \`language\``);
      const build = await runCli(["build"], paths.root);
      expect(build.code).toBe(1);
      expect(build.stderr).toContain(`content/${first}:${line}:`);
    } finally {
      await writeFile(file, original);
    }
  });

  it("build exits 1 on a binary dump, names it, and leaves dist/ as it was", async () => {
    const good = await runCli(["build"], paths.root);
    expect(good.stderr).not.toMatch(/ error /);
    expect(good.code).toBe(0);
    const before = await hashTree(paths.dist);
    await writeFile(join(paths.seeds, "capture.txt"), Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(1024, 0)]));
    const build = await runCli(["build"], paths.root);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain("seeds/capture.txt");
    expect(build.stderr).toContain("dist/ was left unchanged");
    expect(await hashTree(paths.dist)).toBe(before);
  });
});

describe("ingest of many dumps at once", () => {
  it("lists only dumps with problems past 50, and every dump with --verbose", async () => {
    const paths = await makeProject({ seeds: false });
    // 54 short dumps, each one wire story; two of them empty, which ingest warns about.
    for (let i = 1; i <= 54; i++) {
      const text = i > 52 ? "" : `Village ${i} opens a library\n\nThe village of Number ${i} opened its first public library on Monday, officials said.\n`;
      await writeFile(join(paths.seeds, `dump-${String(i).padStart(3, "0")}.txt`), text);
    }
    const run = await runCli(["ingest"], paths.root);
    const lines = run.stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("seeds/")).map((l) => l.split(":")[0])).toEqual(["seeds/dump-053.txt", "seeds/dump-054.txt"]);
    expect(run.stdout).toContain("… and 52 more dumps without warnings (--verbose lists every dump)");
    expect(lines.at(-1)).toMatch(/^content\/: 54 dumps/);
    const verbose = await runCli(["ingest", "--verbose"], paths.root);
    expect(verbose.stdout.split("\n").filter((l) => l.startsWith("seeds/"))).toHaveLength(54);
  });
});

describe("a project without registries", () => {
  it("ingests (the registries are optional) and keeps the topics it discovered", async () => {
    const paths = await makeProject();
    await rm(paths.data, { recursive: true, force: true });
    const run = await runCli(["ingest"], paths.root);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    expect(await readFile(join(paths.data, "discovered-topics.yaml"), "utf8")).toMatch(/^#/);
  });
});
