import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDump } from "../../src/read/index.ts";

// Size, not speed: large inputs must come through whole and decoded right (speed is benchmarked).
describe("large dumps", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "newsarchive-large-"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("reads a 100 KB line whole", async () => {
    const line = "word ".repeat(20_000);
    await writeFile(join(dir, "long-line.txt"), `Headline\n\n${line}\nend\n`);
    const dump = readDump(join(dir, "long-line.txt"));
    expect(dump.text.split("\n")[2]).toBe(line);
  });

  it("detects Windows-1252 from a sample in a file of several MB, and decodes all of it", async () => {
    const paragraph = "Die Straße – „Grüße“ für 5 € … ";
    const text = "plain ascii line\n".repeat(200_000) + paragraph.repeat(20_000) + "\nLetzte Zeile: Köln\n";
    await writeFile(join(dir, "big-1252.txt"), iconv.encode(text, "windows-1252"));
    const dump = readDump(join(dir, "big-1252.txt"));
    expect(dump.encoding).toBe("windows-1252");
    expect(dump.text.length).toBe(text.length);
    expect(dump.text.endsWith("Letzte Zeile: Köln\n")).toBe(true);
  });
});
