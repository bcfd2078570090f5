import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import type { Diagnostic, Dump } from "../model/index.ts";
import { rawDumpFileName } from "./urls.ts";

/**
 * Static files the pages need: the stylesheet (with self-hosted fonts from npm packages, so no
 * request leaves the site), the search page's script, and the raw dumps for download.
 * Asset names carry a content hash: the same input gives the same names, and browsers may
 * cache them forever.
 */

const require = createRequire(import.meta.url);

/** Font packages and the faces we take from them: Latin and Latin Extended, variable weight. */
const FONTS: ReadonlyArray<{ pkg: string; family: string; css: string[] }> = [
  { pkg: "@fontsource-variable/source-serif-4", family: "Source Serif 4", css: ["wght.css", "wght-italic.css"] },
  { pkg: "@fontsource-variable/source-sans-3", family: "Source Sans 3", css: ["wght.css"] },
];
const SUBSETS = /^(latin|latin-ext)$/;

export interface AssetPaths {
  /** Site paths of the hashed files. */
  stylesheet: string;
  searchScript: string;
}

function shortHash(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex").slice(0, 10);
}

function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

/** @font-face rules for our subsets, pointing at `fonts/…` next to the stylesheet. */
async function fontFaces(outDir: string): Promise<string> {
  const rules: string[] = [];
  await mkdir(join(outDir, "assets", "fonts"), { recursive: true });
  for (const font of FONTS) {
    const dir = packageDir(font.pkg);
    for (const cssFile of font.css) {
      const css = await readFile(join(dir, cssFile), "utf8");
      for (const block of css.matchAll(/\/\* ([a-z0-9-]+) \*\/\s*@font-face\s*\{([^}]*)\}/g)) {
        const body = block[2]!;
        const src = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(body)?.[1];
        const subset = /-(latin-ext|latin|[a-z]+(?:-ext)?)-wght-(?:normal|italic)$/.exec(block[1]!)?.[1];
        if (src === undefined || subset === undefined || !SUBSETS.test(subset)) continue;
        await copyFile(join(dir, "files", src), join(outDir, "assets", "fonts", src));
        rules.push(
          `@font-face{font-family:"${font.family}";font-style:${/font-style:\s*(\w+)/.exec(body)?.[1] ?? "normal"};` +
            `font-display:swap;font-weight:${/font-weight:\s*([\d ]+);/.exec(body)?.[1] ?? "400"};` +
            `src:url(fonts/${src}) format("woff2");unicode-range:${/unicode-range:\s*([^;]+);/.exec(body)?.[1] ?? "U+0-10FFFF"}}`,
        );
      }
    }
    // The fonts' licence (SIL OFL) travels with them.
    await copyFile(join(dir, "LICENSE"), join(outDir, "assets", "fonts", `LICENSE-${basename(font.pkg)}.txt`));
  }
  return rules.join("\n");
}

/**
 * Drops comments and the whitespace around braces and semicolons: a fifth of the stylesheet,
 * which every page loads (article pages must stay within 30 KB of HTML and CSS). Nothing that
 * changes meaning is touched: spaces inside selectors and values stay.
 */
export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s*\n\s*/g, "\n")
    .replace(/\s*([{};])\s*/g, "$1")
    .replace(/;}/g, "}")
    .trim();
}

export async function writeAssets(templatesDir: string, outDir: string): Promise<AssetPaths> {
  const assetsDir = join(outDir, "assets");
  await mkdir(assetsDir, { recursive: true });
  const css = minifyCss(`${await fontFaces(outDir)}\n${await readFile(join(templatesDir, "assets", "site.css"), "utf8")}`);
  const cssName = `site.${shortHash(css)}.css`;
  await writeFile(join(assetsDir, cssName), css);
  const js = await readFile(join(templatesDir, "assets", "search.js"), "utf8");
  const jsName = `search.${shortHash(js)}.js`;
  await writeFile(join(assetsDir, jsName), js);
  return { stylesheet: `/assets/${cssName}`, searchScript: `/assets/${jsName}` };
}

/**
 * Copies each dump's bytes, unchanged, next to its page for download; `copy` (site path, sha256)
 * may decline a file that the previous site already has with the same bytes, to be linked instead.
 */
export async function copyRawDumps(
  dumps: readonly Dump[],
  seedsDir: string,
  outDir: string,
  copy: (file: string, sha256: string) => boolean = () => true,
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  await Promise.all(
    dumps.map(async (dump) => {
      const file = `dumps/${dump.id}/${rawDumpFileName(dump.name)}`;
      if (!copy(file, dump.sha256)) return;
      const target = join(outDir, "dumps", dump.id);
      await mkdir(target, { recursive: true });
      try {
        await copyFile(join(seedsDir, dump.name), join(outDir, file));
      } catch (error) {
        diagnostics.push({
          id: "dump-not-copied",
          level: "warning",
          message: `The raw dump could not be copied into the site (${(error as NodeJS.ErrnoException).code ?? String(error)}); its download link is broken.`,
          file: `seeds/${dump.name}`,
          hint: "Check that the file is still in seeds/ and readable.",
        });
      }
    }),
  );
  return diagnostics.sort((a, b) => (a.file < b.file ? -1 : 1));
}
