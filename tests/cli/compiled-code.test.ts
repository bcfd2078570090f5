import { mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { compiledSources } from "../../bin/compiled-code.js";
import { sourceVersion } from "../../src/content/source-version.ts";
import { projectRoot } from "../e2e/project.ts";

const run = promisify(execFile);
const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.NEWSARCHIVE_RUN_SOURCES;
});

/** A package folder with the given files under src/, and the project's node_modules (for esbuild). */
async function makePackage(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "newsarchive-compiled-"));
  roots.push(root);
  await writeFile(join(root, "package.json"), '{ "type": "module" }\n');
  await mkdir(join(root, "node_modules"));
  await symlink(join(projectRoot, "node_modules", "esbuild"), join(root, "node_modules", "esbuild"));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(root, "src", file, ".."), { recursive: true });
    await writeFile(join(root, "src", file), text);
  }
  return root;
}

const sources = {
  "main.ts": 'import { greeting } from "./lib/greet.ts";\nexport const answer: string = greeting("archive");\n',
  "lib/greet.ts": 'import { readFileSync } from "node:fs";\nconst word = readFileSync(new URL("./word.txt", import.meta.url), "utf8").trim();\nexport function greeting(name: string): string {\n  return `${word}, ${name}`;\n}\n',
  "lib/word.txt": "hello\n",
};

async function answerOf(compiled: URL): Promise<string> {
  const module = (await import(new URL("main.js", compiled).href)) as { answer: string };
  return module.answer;
}

describe("compiledSources", () => {
  it("compiles src/ module by module, imports rewritten, data and sources beside the code", async () => {
    const root = await makePackage(sources);
    const compiled = await compiledSources(root);
    expect(compiled).not.toBeNull();
    expect(fileURLToPath(compiled!).startsWith(join(root, "node_modules", ".cache", "newsarchive", "code"))).toBe(true);
    expect(await answerOf(compiled!)).toBe("hello, archive");
    const code = await readFile(new URL("main.js", compiled!), "utf8");
    expect(code).toContain('from "./lib/greet.js"');
    expect(code).not.toContain(": string");
    expect(await readFile(new URL("lib/greet.ts", compiled!), "utf8")).toBe(sources["lib/greet.ts"]);
  });

  it("reuses the copy for unchanged sources, and makes a new one when a source or the settings change", async () => {
    const root = await makePackage(sources);
    const first = await compiledSources(root);
    // A file planted in the copy shows whether the next run made the copy again.
    await writeFile(new URL("planted.txt", first!), "x");
    const again = await compiledSources(root);
    expect(again!.href).toBe(first!.href);
    expect(existsSync(new URL("planted.txt", again!))).toBe(true);

    await writeFile(join(root, "src", "lib", "word.txt"), "goodbye\n");
    const changed = await compiledSources(root);
    expect(changed!.href).not.toBe(first!.href);
    expect(await answerOf(changed!)).toBe("goodbye, archive");

    // The TypeScript settings esbuild compiles with are part of what a copy is made from.
    await writeFile(join(root, "tsconfig.json"), '{ "compilerOptions": { "useDefineForClassFields": false } }\n');
    const configured = await compiledSources(root);
    expect(configured!.href).not.toBe(changed!.href);
  });

  it("starts a worker thread from its compiled module, named by its source", async () => {
    const root = await makePackage({
      "workers/typescript-worker.ts": await readFile(join(projectRoot, "src", "workers", "typescript-worker.ts"), "utf8"),
      "workers/echo.ts": 'import { parentPort } from "node:worker_threads";\nparentPort!.on("message", () => parentPort!.postMessage(import.meta.url));\n',
    });
    const compiled = await compiledSources(root);
    const workers = (await import(new URL("workers/typescript-worker.js", compiled!).href)) as typeof import("../../src/workers/typescript-worker.ts");
    const worker = workers.startTypeScriptWorker(new URL("workers/echo.ts", compiled!));
    try {
      expect(await workers.requestReply<string>(worker, "where?", "echoing", 30_000)).toBe(new URL("workers/echo.js", compiled!).href);
    } finally {
      await worker.terminate();
    }
  });

  it("deletes, when it makes a copy, the copies nobody has made or used for a day", async () => {
    const root = await makePackage(sources);
    const codeDir = join(root, "node_modules", ".cache", "newsarchive", "code");
    const stale = join(codeDir, "stale-copy");
    const recent = join(codeDir, "recent-copy");
    await mkdir(stale, { recursive: true });
    await mkdir(recent, { recursive: true });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(stale, twoDaysAgo, twoDaysAgo);
    const compiled = await compiledSources(root);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    // A copy in use is marked so whenever a run uses it, however old it was made.
    await utimes(fileURLToPath(new URL("..", compiled!)), twoDaysAgo, twoDaysAgo);
    await compiledSources(root);
    expect((await stat(fileURLToPath(new URL("..", compiled!)))).mtimeMs).toBeGreaterThan(twoDaysAgo.getTime() + 1000);
  });

  it("gives one complete copy when several runs compile at once", async () => {
    const root = await makePackage(sources);
    const results = await Promise.all([compiledSources(root), compiledSources(root), compiledSources(root)]);
    expect(new Set(results.map((url) => url?.href)).size).toBe(1);
    expect(await answerOf(results[0]!)).toBe("hello, archive");
  });

  it("stops esbuild's service once it has compiled, so the command does not carry it", async () => {
    const root = await makePackage(sources);
    // A process of its own: the compile, then the live processes it has as children (from /proc: Linux).
    const script = `
      import { readdirSync, readFileSync } from "node:fs";
      const { compiledSources } = await import(${JSON.stringify(pathToFileURL(join(projectRoot, "bin", "compiled-code.js")).href)});
      const compiled = await compiledSources(${JSON.stringify(root)});
      await new Promise((resolve) => setTimeout(resolve, 200));
      const children = [];
      for (const entry of readdirSync("/proc").filter((name) => /^\\d+$/.test(name))) {
        let stat = "";
        try { stat = readFileSync("/proc/" + entry + "/stat", "utf8"); } catch { continue; }
        const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(ppid) === process.pid && state !== "Z") children.push(stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")));
      }
      console.log(JSON.stringify({ compiled: compiled !== null, children }));
    `;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script]);
    expect(JSON.parse(stdout)).toEqual({ compiled: true, children: [] });
  });

  it("runs the sources as they are when asked to, or when they do not compile", async () => {
    const root = await makePackage(sources);
    process.env.NEWSARCHIVE_RUN_SOURCES = "1";
    expect(await compiledSources(root)).toBeNull();
    delete process.env.NEWSARCHIVE_RUN_SOURCES;

    const broken = await makePackage({ ...sources, "main.ts": "export const answer = ;\n" });
    expect(await compiledSources(broken)).toBeNull();
  });
});

describe("the project run compiled", () => {
  it("keeps each code folder's version: caches made by either kind of run stay valid for the other", async () => {
    const compiled = await compiledSources(projectRoot);
    expect(compiled).not.toBeNull();
    for (const folder of ["content/", "site/", "enrich/", "parse/"]) {
      expect(sourceVersion([fileURLToPath(new URL(folder, compiled!))])).toBe(sourceVersion([join(projectRoot, "src", folder)]));
    }
  });
});
