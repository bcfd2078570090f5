import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { swapInto } from "../../src/cli/pipeline/swap.ts";
import { listTree, projectRoot, waitUntilGone } from "../e2e/project.ts";

const scratch = await mkdtemp(join(tmpdir(), "newsarchive-remove-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A folder of `files` small files over a few subfolders, like a site. */
async function makeTree(dir: string, files: number): Promise<void> {
  for (let i = 0; i < files; i++) {
    const sub = join(dir, `d${i % 20}`, `p${i}`);
    await mkdir(sub, { recursive: true });
    await writeFile(join(sub, "index.html"), `<p>${i}</p>\n`);
  }
}

describe("removeInBackground", () => {
  it("returns at once, and the folder is deleted after the process that asked has exited", async () => {
    const dir = join(scratch, ".dist-old-test");
    await makeTree(dir, 2000);
    const asked = spawnSync(process.execPath, [join(projectRoot, "bin", "run-ts.js"), join(projectRoot, "tests", "cli", "fixtures", "remove-and-exit.ts"), dir], {
      encoding: "utf8",
    });
    expect(asked.status, asked.stderr).toBe(0);
    // A process of its own: it has not even started when the call returns.
    expect(asked.stdout).toBe("still there\n");
    await waitUntilGone(dir);
    expect(await readdir(scratch)).not.toContain(".dist-old-test");
  });
});

describe("swapInto", () => {
  it("puts the new site live and hands the old one over whole, under a hidden name next to it", async () => {
    const dist = join(scratch, "site", "dist");
    const staging = join(scratch, "site", ".dist-build-new");
    await makeTree(dist, 30);
    await mkdir(staging, { recursive: true });
    await writeFile(join(staging, "index.html"), "<p>new</p>\n");
    const oldFiles = await listTree(dist);

    const handed: string[] = [];
    await swapInto(staging, dist, (dir) => handed.push(dir));
    expect(handed).toHaveLength(1);
    const old = handed[0]!;
    expect(dirname(old)).toBe(dirname(dist));
    expect(basename(old)).toMatch(/^\.dist-old-[0-9a-f]+$/);
    // Nothing deleted it before the callback, which got the whole old site.
    expect(await listTree(old)).toEqual(oldFiles);
    expect(await listTree(dist)).toEqual(["index.html"]);
    expect(await readFile(join(dist, "index.html"), "utf8")).toBe("<p>new</p>\n");
    await expect(readdir(staging)).rejects.toThrow();
  });
});
