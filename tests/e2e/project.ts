/**
 * Test support: throw-away project folders (a copy of the project's seeds/, content/_data/ and
 * templates/ in a fresh temporary folder), a tree hash for "did anything change", and a way to
 * run the real command line.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { projectPaths, type ProjectPaths } from "../../src/config.ts";
import type { Article } from "../../src/model/index.ts";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), "fixtures");

const made: string[] = [];

export interface MakeProjectOptions {
  /** Copy the project's seeds/ (default true). */
  seeds?: boolean;
  /** Copy templates/ (default true; builds need them). */
  templates?: boolean;
}

/** A new project folder with copies of the project's seeds/, content/_data/ and templates/. */
export async function makeProject(options: MakeProjectOptions = {}): Promise<ProjectPaths> {
  const root = await mkdtemp(join(tmpdir(), "newsarchive-test-"));
  made.push(root);
  const paths = projectPaths(root);
  await mkdir(paths.seeds, { recursive: true });
  await mkdir(paths.content, { recursive: true });
  if (options.seeds !== false) await cp(join(projectRoot, "seeds"), paths.seeds, { recursive: true });
  await cp(join(projectRoot, "content", "_data"), paths.data, { recursive: true });
  if (options.templates !== false) await cp(join(projectRoot, "templates"), paths.templates, { recursive: true });
  return paths;
}

/** Removes every project folder made so far (call in afterAll). */
export async function removeProjects(): Promise<void> {
  while (made.length > 0) await rm(made.pop()!, { recursive: true, force: true });
}

/** Resolves once nothing is at `path` (deleted in the background, say); fails after `seconds`. */
export async function waitUntilGone(path: string, seconds = 60): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (await stat(path).then(() => true, () => false)) {
    if (Date.now() > until) throw new Error(`${path} is still there after ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every file under a folder, as sorted `/`-separated relative paths. */
export async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split("\\").join("/"))
    .sort();
}

/** One hash of a folder's file names and bytes: equal hashes, identical trees. */
export async function hashTree(dir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await listTree(dir)) {
    hash.update(`${file}\n`);
    hash.update(await readFile(join(dir, file)));
    hash.update("\n");
  }
  return hash.digest("hex");
}

/** Hashes of each file, to say which ones differ when two trees do. */
export async function hashFiles(dir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const file of await listTree(dir)) hashes.set(file, createHash("sha256").update(await readFile(join(dir, file))).digest("hex"));
  return hashes;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `newsarchive <args>` as a separate process in `cwd`, as a user would. */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, "bin", "newsarchive.js"), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** A hand-made article record for tests of the content layer (no parser involved). */
export function makeArticle(overrides: Partial<Article> = {}): Article {
  return {
    id: "test-dump-1",
    slug: "a-test-headline",
    headline: "A test headline",
    outlet: { name: "Test Agency", slug: "test-agency" },
    byline: "A. Writer",
    date: "2015-10-03",
    dateline: "(TA) ~",
    body: "First paragraph.\n\nSecond paragraph.",
    topics: ["iraq"],
    language: "en",
    related: [{ headline: "Another story" }],
    sources: [{ dump: "test.txt", sha256: "0".repeat(64), lines: [1, 9] }],
    ...overrides,
  };
}
