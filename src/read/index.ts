import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from "node:path";
import { slugify } from "../model/index.ts";
import type { Diagnostic, Dump, DumpFormat, DumpMeta } from "../model/index.ts";
import { decodeBytes } from "./encoding.ts";
import { detectFormat } from "./format.ts";
import { parseSidecar, readSidecarText } from "./sidecar.ts";

export { decodeBytes, declaredCharset } from "./encoding.ts";
export type { Decoded, DecodeNote } from "./encoding.ts";
export { detectFormat, looksLikeHtml, hasFrontMatter } from "./format.ts";
export { parseSidecar } from "./sidecar.ts";

/** The suffix of an editor's notes on a capture: `seeds/<dump>.meta.yaml`. */
export const SIDECAR_SUFFIX = ".meta.yaml";

/**
 * Stage 1: reads a dump file, detects its format and encoding, and decodes it. Never modifies the
 * file. Content problems (binary bytes, an empty file, a bad sidecar) come back as diagnostics;
 * only a missing or unreadable path throws. Synchronous: see content/atomic.ts for why.
 */
export function readDump(path: string): Dump {
  const bytes = readFileSync(path);
  const name = basename(path);
  const dump = decodeDump(bytes, name, displayPath(path));
  const sidecar = readSidecarFor(path);
  if (sidecar.meta) dump.meta = sidecar.meta;
  dump.diagnostics.push(...sidecar.diagnostics);
  return dump;
}

/** readDump's pure part: bytes and a file name → a Dump (without sidecar). Never throws. */
export function decodeDump(bytes: Uint8Array, name: string, file: string = name): Dump {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const id = dumpId(name, sha256);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048)).toString("latin1");
  const html = detectFormat(name, head) === "html";
  const decoded = decodeBytes(bytes, { html });
  const text = normaliseLineEnds(decoded.text).replace(/^\uFEFF/, "");
  const format: DumpFormat = detectFormat(name, text);
  const diagnostics: Diagnostic[] = [];

  if (decoded.binary) {
    diagnostics.push({
      id: "binary-dump",
      level: "error",
      message: `${file} is not a text dump: it looks like ${decoded.binary}`,
      file,
      hint: "seeds/ takes captures as text (.txt), saved pages (.html) or records (.md); remove this file or save the page as text",
    });
  } else if (text.trim().length === 0) {
    diagnostics.push({
      id: "empty-dump",
      level: "warning",
      message: bytes.length === 0 ? `${file} is empty` : `${file} holds only whitespace`,
      file,
      hint: "re-capture the page, or remove the file from seeds/",
    });
  }
  for (const note of decoded.notes) {
    const diagnostic: Diagnostic = { id: note.id, level: note.level, message: `${file}: ${note.message}`, file };
    if (note.hint !== undefined) diagnostic.hint = note.hint;
    if (note.offset !== undefined && note.offset >= 0) diagnostic.line = lineOfOffset(decoded.text, note.offset);
    diagnostics.push(diagnostic);
  }

  return { name, id, sha256, format, encoding: decoded.encoding, encodingBy: decoded.encodingBy, text, diagnostics };
}

/** The path as readDump's diagnostics show it: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/** CRLF and lone CR both become LF, in one linear pass. */
export function normaliseLineEnds(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

/** The file name without its extension, slugified; `dump-<sha256 prefix>` when nothing Latin is left. */
export function dumpId(name: string, sha256: string): string {
  const stem = name.slice(0, name.length - extname(name).length);
  return slugify(stem) || `dump-${sha256.slice(0, 12)}`;
}

/** 1-based line of a character offset, counting LF, CRLF and lone CR as one line end each. */
function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) line++;
  }
  return line;
}

/** Where the sidecar of `dir/name.ext` may be, in the order looked at: `name.ext.meta.yaml`, then `name.meta.yaml`. */
export function sidecarPaths(path: string): [string, string] {
  const dir = dirname(path);
  const name = basename(path);
  return [join(dir, name + SIDECAR_SUFFIX), join(dir, name.slice(0, name.length - extname(name).length) + SIDECAR_SUFFIX)];
}

function readSidecarFor(path: string): { meta?: DumpMeta; diagnostics: Diagnostic[] } {
  for (const candidate of sidecarPaths(path)) {
    const text = readSidecarText(candidate);
    if (text !== null) return parseSidecar(text, displayPath(candidate));
  }
  return { diagnostics: [] };
}

/**
 * The dump files of a seeds folder, as paths, sorted by name (code-point order, so the same on
 * every machine). Skips sidecars, dotfiles and sub-folders; a missing folder has no dumps.
 */
export async function listDumps(seedsDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(seedsDir, { withFileTypes: true });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return [];
    throw error;
  }
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && !e.name.startsWith(".") && !e.name.endsWith(SIDECAR_SUFFIX))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((n) => join(seedsDir, n));
}
