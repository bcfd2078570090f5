import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { constants } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { archiveSize, RELAUNCH_FROM_ARTICLES, relaunchOptions, SEMI_SPACE_FLAG, SEMI_SPACE_MB } from "../../src/cli/relaunch.ts";
import { writeLastBuild } from "../../src/cli/pipeline/last-build.ts";
import type { ProjectPaths } from "../../src/config.ts";
import { TIGHT_HEAP_ARTICLES } from "../../src/heap-growth.ts";
import { makeProject, projectRoot, removeProjects } from "../e2e/project.ts";

const flag = `${SEMI_SPACE_FLAG}=${SEMI_SPACE_MB}`;
afterAll(removeProjects);

describe("relaunchOptions", () => {
  /** A project whose last build had `articles` articles. */
  const built = async (articles: number): Promise<ProjectPaths> => {
    const paths = await makeProject({ seeds: false, templates: false });
    await writeLastBuild(paths.cache, { pathPrefix: "/", baseUrl: null, articles, pages: articles * 2 });
    return paths;
  };

  it("runs ingest, build and serve of a mid-sized archive in a second process with a larger young generation", async () => {
    const paths = await built(16_000);
    for (const command of ["ingest", "build", "serve"]) {
      expect(await relaunchOptions([command], [], "", paths)).toEqual([flag]);
    }
    expect(await relaunchOptions(["build", "--no-search"], ["--trace-gc", "--cpu-prof"], "--max-old-space-size=4096", paths)).toEqual(["--trace-gc", "--cpu-prof", flag]);
    expect(await relaunchOptions(["build"], [], "", await built(RELAUNCH_FROM_ARTICLES))).toEqual([flag]);
    expect(await relaunchOptions(["build"], [], "", await built(TIGHT_HEAP_ARTICLES - 1))).toEqual([flag]);
  });

  it("runs other commands here, and any command when the size is given, a debugger is attached or the archive is small or large", async () => {
    const paths = await built(16_000);
    for (const argv of [["parse", "x.txt"], ["check"], ["--help"], []]) expect(await relaunchOptions(argv, [], "", paths)).toBeNull();
    expect(await relaunchOptions(["build"], ["--max-semi-space-size=8"], "", paths)).toBeNull();
    expect(await relaunchOptions(["build"], ["--max_semi_space_size=8"], "", paths)).toBeNull();
    expect(await relaunchOptions(["build"], [], " --trace-gc  --max-semi-space-size=32 ", paths)).toBeNull();
    expect(await relaunchOptions(["build"], ["--inspect-brk"], "", paths)).toBeNull();
    expect(await relaunchOptions(["build"], [], "--inspect=9230", paths)).toBeNull();
    // The project's own seeds: a few dumps.
    expect(await relaunchOptions(["build"], [], "", await makeProject())).toBeNull();
    expect(await relaunchOptions(["build"], [], "", await built(RELAUNCH_FROM_ARTICLES - 1))).toBeNull();
    expect(await relaunchOptions(["build"], [], "", await built(TIGHT_HEAP_ARTICLES))).toBeNull();
  });
});

describe("archiveSize", () => {
  it("is the last build's article count, else the larger of content/'s articles and seeds/'s dumps", async () => {
    const paths = await makeProject({ seeds: false, templates: false });
    expect(await archiveSize(paths)).toBe(0);
    for (let i = 0; i < 3; i++) await writeFile(join(paths.seeds, `dump-${i}.txt`), "text");
    await writeFile(join(paths.seeds, ".hidden.txt"), "text");
    expect(await archiveSize(paths)).toBe(3);
    for (const outlet of ["a", "b"]) {
      await mkdir(join(paths.content, outlet), { recursive: true });
      for (let i = 0; i < 4; i++) await writeFile(join(paths.content, outlet, `story-${i}.md`), "---\n---\n");
    }
    // content/_data/ holds registries, not articles.
    await writeFile(join(paths.data, "extra.md"), "");
    expect(await archiveSize(paths)).toBe(8);
    await writeLastBuild(paths.cache, { pathPrefix: "/", baseUrl: null, articles: 30_000, pages: 60_000 });
    expect(await archiveSize(paths)).toBe(30_000);
  });
});

interface Host {
  /** Resolves with how the host process ended. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Resolves with the second process's first line, parsed. */
  firstLine: () => Promise<{ pid: number; execArgv: string[] }>;
  pid: number;
}

/** Starts tests/cli/fixtures/relaunch-host.ts, which relaunches relaunch-child.ts with `args`. */
function startHost(args: string[]): Host {
  const child = spawn(process.execPath, [join(projectRoot, "bin", "run-ts.js"), join(projectRoot, "tests", "cli", "fixtures", "relaunch-host.ts"), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let lineSeen: (line: string) => void = () => {};
  const line = new Promise<string>((resolve) => (lineSeen = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    if (stdout.includes("\n")) lineSeen(stdout.slice(0, stdout.indexOf("\n")));
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { ended, firstLine: () => line.then((text) => JSON.parse(text) as { pid: number; execArgv: string[] }), pid: child.pid! };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("relaunch", () => {
  it("runs the script in a second process started with the size, and resolves to its exit code", async () => {
    const host = startHost(["report"]);
    const { pid, execArgv } = await host.firstLine();
    expect(pid).not.toBe(host.pid);
    expect(execArgv).toContain(flag);
    const ended = await host.ended;
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toContain("relaunch resolved to 0\n");

    const failing = await startHost(["exit", "3"]).ended;
    expect(failing.code, failing.stderr).toBe(3);
    expect(failing.stdout).toBe("relaunch resolved to 3\n");

    // Killed (by the out-of-memory killer, say): reported with the shell's code for it.
    const killed = await startHost(["killed"]).ended;
    expect(killed.signal).toBeNull();
    expect(killed.code).toBe(128 + constants.signals.SIGKILL);
    expect(killed.stdout).toBe(`relaunch resolved to ${128 + constants.signals.SIGKILL}\n`);
  });

  it("passes a signal on, and ends the way the second process ended", async () => {
    const host = startHost(["wait"]);
    const { pid } = await host.firstLine();
    process.kill(host.pid, "SIGTERM");
    const ended = await host.ended;
    expect(ended.signal).toBe("SIGTERM");
    expect(ended.stdout).not.toContain("relaunch resolved");
    expect(alive(pid)).toBe(false);
  });
});
