import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeDump, detectFormat, dumpId, listDumps, readDump } from "../../src/read/index.ts";
import { fixture } from "./paths.ts";

describe("a dump's identity", () => {
  it("has the sha256 of its raw bytes", async () => {
    const bytes = await readFile(fixture("windows-1252.txt"));
    const dump = readDump(fixture("windows-1252.txt"));
    expect(dump.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(dump.name).toBe("windows-1252.txt");
  });

  it("has an id slugified from its file name", () => {
    expect(dumpId("000_a614a29300825745.txt", "0".repeat(64))).toBe("000-a614a29300825745");
    expect(dumpId("Le Monde — Été 2015.html", "0".repeat(64))).toBe("le-monde-ete-2015");
  });

  it("falls back to an id from the hash when the name has nothing Latin", () => {
    const sha = createHash("sha256").update("x").digest("hex");
    expect(dumpId("東京ニュース.txt", sha)).toBe(`dump-${sha.slice(0, 12)}`);
    expect(dumpId("الأخبار.txt", sha)).toMatch(/^dump-[0-9a-f]{12}$/);
  });
});

describe("a dump's format", () => {
  it("follows the extension", () => {
    expect(detectFormat("a.txt", "plain text")).toBe("text");
    expect(detectFormat("a.html", "no markup at all")).toBe("html");
    expect(detectFormat("a.HTM", "")).toBe("html");
  });

  it("is markdown only for a .md with front matter", () => {
    expect(detectFormat("a.md", "---\nheadline: x\n---\nbody")).toBe("markdown");
    expect(detectFormat("a.md", "# Just a heading\n\nbody")).toBe("text");
  });

  it("sniffs a saved page renamed .txt, but not a text capture with stray markup", () => {
    expect(detectFormat("page.txt", "<!DOCTYPE html>\n<html><body>x</body></html>")).toBe("html");
    expect(detectFormat("page.txt", "  <!-- saved -->\n<html lang=en>")).toBe("html");
    expect(detectFormat("capture.txt", "Menu\nNews\n<div><a href=x>ad</a></div>")).toBe("text");
  });

  it("is decided from decoded text (a UTF-16 HTML page is HTML)", () => {
    const bytes = Buffer.from("\uFEFF<!doctype html><html><p>x</p></html>", "utf16le");
    expect(decodeDump(bytes, "page.txt").format).toBe("html");
  });
});

describe("listDumps", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "newsarchive-seeds-"));
    for (const name of ["b.txt", "a.html", "c.md", "a.html.meta.yaml", "c.meta.yaml", ".DS_Store", ".hidden.txt", "B.txt"]) {
      await writeFile(join(dir, name), "x");
    }
    await mkdir(join(dir, "sub"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("lists dump files sorted, skipping sidecars, dotfiles and folders", async () => {
    const names = (await listDumps(dir)).map((p) => p.slice(dir.length + 1));
    expect(names).toEqual(["B.txt", "a.html", "b.txt", "c.md"]);
  });

  it("gives no dumps for a missing folder", async () => {
    expect(await listDumps(join(dir, "missing"))).toEqual([]);
  });
});
