import { spawn, type ChildProcess } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeLastBuild } from "../../src/cli/pipeline/last-build.ts";
import { SEMI_SPACE_FLAG, SEMI_SPACE_MB } from "../../src/cli/relaunch.ts";
import { listContentFiles } from "../../src/content/index.ts";
import { makeProject, projectRoot, removeProjects } from "../e2e/project.ts";

let child: ChildProcess | undefined;
afterAll(async () => {
  if (child?.pid !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  await removeProjects();
});

/** The processes whose parent is `pid`, with their command lines (from /proc: Linux). */
async function childrenOf(pid: number): Promise<Array<{ pid: number; args: string[] }>> {
  const found: Array<{ pid: number; args: string[] }> = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // "pid (name) state ppid …": the name may hold spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid !== pid) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "")).split("\0").filter(Boolean);
    found.push({ pid: Number(entry), args });
  }
  return found;
}

/** Polls until `probe` returns a value, or gives up after `attempts` tries. */
async function eventually<T>(probe: () => Promise<T | undefined>, context: () => string, attempts = 500): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`gave up waiting; the server said:\n${context()}`);
}

describe("newsarchive serve", () => {
  it("serves dist/ under the prefix and rebuilds when content/ changes", async () => {
    const paths = await makeProject();
    // As if the last build had been of a mid-sized archive: serve then runs in a second process.
    await writeLastBuild(paths.cache, { pathPrefix: "/archive/", baseUrl: null, articles: 16_000, pages: 28_000 });
    let output = "";
    child = spawn(process.execPath, [join(projectRoot, "bin", "newsarchive.js"), "serve", "--port", "0", "--path-prefix", "/archive/", "--no-search"], {
      cwd: paths.root,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));

    const base = await eventually(async () => /serving dist\/ at (http:\/\/\S+)/.exec(output)?.[1], () => output);
    expect(base).toMatch(/\/archive\/$/);
    const home = await fetch(base);
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toContain("text/html");
    expect((await fetch(base.replace("/archive/", "/archive/no-such-page/"))).status).toBe(404);

    const [first] = await listContentFiles(paths.content);
    const slug = first!.split("/")[1]!.replace(/\.md$/, "");
    const file = join(paths.content, first!);
    await writeFile(file, (await readFile(file, "utf8")).replace(/^headline: .*$/m, "headline: Rebuilt While Serving"));
    const page = await eventually(async () => {
      const html = await (await fetch(`${base}articles/${slug}/`)).text();
      return html.includes("Rebuilt While Serving") ? html : undefined;
    }, () => output);
    expect(page).toContain("Rebuilt While Serving");

    // The server is the second process bin/newsarchive.js starts (src/cli/relaunch.ts), with its flag.
    const relaunched = (await childrenOf(child.pid!)).filter(({ args }) => args.some((arg) => arg.endsWith("newsarchive.js")));
    expect(relaunched, JSON.stringify(relaunched)).toHaveLength(1);
    expect(relaunched[0]!.args).toContain(`${SEMI_SPACE_FLAG}=${SEMI_SPACE_MB}`);
    const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 300_000);
});
