// The command line's code as JavaScript, compiled from src/ once per change of src/.
//
// Run through tsx's loader, every module the command loads (~450 for a build, the packages' too)
// is resolved and loaded by hooks on another thread: a build spent ~0.3 s more getting started
// than the same code compiled. So the command line compiles src/ with esbuild, module by module
// (same files, same folders, each import kept as an import), into node_modules/.cache/, and runs
// that. A copy is named by a hash of every file in src/ and of the compiler, so an edited source
// is compiled again on the next run, and a copy is never used for sources other than its own.

import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";

/** Bump when the way code is compiled changes, to set every compiled copy aside. */
const FORMAT = 1;

/** Copies not used for this long are deleted when another copy is made. */
const STALE_MS = 24 * 3600 * 1000;

/** Every file under dir, as sorted paths relative to it. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** The files compiled to JavaScript (each beside its source in the copy). */
const isCompiled = (file) => file.endsWith(".ts") && !file.endsWith(".d.ts");

/**
 * A hash of what a compiled copy is made from: every file of the sources (path and bytes), the
 * TypeScript settings esbuild reads (`tsconfig`: its text, or null), the compiler's version and FORMAT.
 */
function sourcesFingerprint(srcDir, files, compilerVersion, tsconfig) {
  const hash = createHash("sha256").update(`format ${FORMAT}\nesbuild ${compilerVersion}\n${tsconfig ?? ""}\n`);
  for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(srcDir, file))).update("\n");
  return hash.digest("hex").slice(0, 20);
}

/** An import of a source module names its .ts file; the compiled module imports its .js twin. */
const compiledImports = {
  name: "compiled-imports",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === "entry-point" ? undefined : { path: args.path.replace(/^(\.{1,2}\/.*)\.ts$/, "$1.js"), external: true },
    );
  },
};

/** Compiles srcDir into a new folder at `target` (its src/), or leaves `target` as another run made it. */
async function compile(esbuild, srcDir, files, target) {
  const staging = `${target}.${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    const out = join(staging, "src");
    // bundle with every import external: each module compiled alone, its imports rewritten.
    await esbuild.build({
      entryPoints: files.filter(isCompiled).map((file) => join(srcDir, file)),
      outdir: out,
      outbase: srcDir,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      charset: "utf8",
      plugins: [compiledImports],
      logLevel: "silent",
    });
    // Every source too, beside its compiled twin: data is read from beside the code, and a
    // code folder's version (src/content/source-version.ts) is of its sources, run compiled or not.
    for (const file of files) {
      mkdirSync(dirname(join(out, file)), { recursive: true });
      copyFileSync(join(srcDir, file), join(out, file));
    }
    // Under node_modules, Node looks no further up for the project's "type": "module".
    writeFileSync(join(staging, "package.json"), '{ "type": "module" }\n');
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another run made the same copy first: theirs is as good.
      if (!existsSync(join(target, "package.json"))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Compiles in this process at the moment, over every package root: they share one esbuild service. */
let compiling = 0;

/**
 * compile, then esbuild's service stopped once no compile is in flight: it is a child process
 * (~50 MB) that would otherwise live as long as the command. Stopping it while another compile
 * waits on it would leave that one waiting for ever; the next compile starts a new service.
 */
async function compileThenStop(esbuild, srcDir, files, target) {
  compiling++;
  try {
    await compile(esbuild, srcDir, files, target);
  } finally {
    if (--compiling === 0) await esbuild.stop();
  }
}

/** Deletes the copies beside `keep` that nobody has made or used for a day. */
function pruneStale(cacheDir, keep) {
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (path === keep) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already, or in use elsewhere: left for another run.
    }
  }
}

/** Marks a copy as in use, so that pruneStale leaves it; a copy that cannot be marked is used all the same. */
function markInUse(target) {
  try {
    const now = new Date();
    utimesSync(target, now, now);
  } catch {
    // A read-only node_modules: nothing is pruned there either.
  }
}

/**
 * The URL of the compiled twin of packageRoot's src/ folder (ending in "/"), compiled first when
 * there is no copy for these sources; null when the sources are to be run as they are: asked for
 * with NEWSARCHIVE_RUN_SOURCES=1, or when no copy can be made (the caller then registers tsx).
 */
export async function compiledSources(packageRoot) {
  if (process.env.NEWSARCHIVE_RUN_SOURCES === "1") return null;
  try {
    const srcDir = join(packageRoot, "src");
    const files = filesUnder(srcDir);
    const require = createRequire(join(packageRoot, "package.json"));
    const compilerVersion = JSON.parse(readFileSync(require.resolve("esbuild/package.json"), "utf8")).version;
    const cacheDir = join(packageRoot, "node_modules", ".cache", "newsarchive", "code");
    const tsconfigFile = join(packageRoot, "tsconfig.json");
    const tsconfig = existsSync(tsconfigFile) ? readFileSync(tsconfigFile, "utf8") : null;
    const target = join(cacheDir, sourcesFingerprint(srcDir, files, compilerVersion, tsconfig));
    if (!existsSync(join(target, "package.json"))) {
      mkdirSync(cacheDir, { recursive: true });
      await compileThenStop(require("esbuild"), srcDir, files, target);
      pruneStale(cacheDir, target);
    } else {
      markInUse(target);
    }
    return pathToFileURL(join(target, "src") + "/");
  } catch {
    // A read-only node_modules, or sources that do not compile: tsx runs them, and reports any error.
    return null;
  }
}
