import { spawnSync } from "node:child_process";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireBuildLock } from "../../src/cli/pipeline/lock.ts";
import { runBuild } from "../../src/cli/pipeline/run-build.ts";
import { makeProject, removeProjects, waitUntilGone } from "../e2e/project.ts";

afterAll(removeProjects);

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("the build lock", () => {
  it("is refused while a live process holds it, and taken over from a dead one", async () => {
    const paths = await makeProject({ seeds: false, templates: false });
    await mkdir(paths.cache, { recursive: true });
    const lockFile = join(paths.cache, "build.lock");

    await writeFile(lockFile, `${process.ppid}\n`);
    expect(await acquireBuildLock(paths.cache)).toEqual({ heldBy: process.ppid });

    await writeFile(lockFile, `${deadPid()}\n`);
    const lock = await acquireBuildLock(paths.cache);
    expect("release" in lock).toBe(true);
    expect(await readFile(lockFile, "utf8")).toBe(`${process.pid}\n`);
    if ("release" in lock) await lock.release();
    await expect(stat(lockFile)).rejects.toThrow();
  });

  it("stops a build while another holds it, and a build clears what a crashed one left", async () => {
    const paths = await makeProject();
    await mkdir(paths.cache, { recursive: true });
    await writeFile(join(paths.cache, "build.lock"), `${process.ppid}\n`);
    const refused = await runBuild({ paths, pathPrefix: "/", baseUrl: null, skipSearch: true });
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics).toEqual([expect.objectContaining({ id: "build-locked", level: "error" })]);
    await expect(stat(paths.dist)).rejects.toThrow();

    await writeFile(join(paths.cache, "build.lock"), `${deadPid()}\n`);
    const leftover = join(paths.root, ".dist-build-crashed");
    await mkdir(leftover);
    const built = await runBuild({ paths, pathPrefix: "/", baseUrl: null, skipSearch: true });
    expect(built.ok).toBe(true);
    // Handed to a process of its own, which deletes it whether or not this one has ended.
    await waitUntilGone(leftover);
    await expect(stat(join(paths.cache, "build.lock"))).rejects.toThrow();
  });
});
