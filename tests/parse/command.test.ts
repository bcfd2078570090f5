import { resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatReport, parseCommand } from "../../src/cli/commands/parse.ts";
import { parseText } from "../../src/parse/index.ts";
import { fixturesDir, projectRoot } from "./helpers.ts";

const seed = resolve(projectRoot, "seeds/000_a614a29300825745.txt");
const fixture = resolve(fixturesDir, "byline-after-body/input.txt");

function captureStdout(): { text: () => string } {
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  });
  return { text: () => out };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("newsarchive parse", () => {
  it("prints one JSON line per file with file, sha256, articles and warnings", async () => {
    const out = captureStdout();
    const code = await parseCommand(["--json", seed, fixture]);
    const lines = out.text().trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(code).toBe(0);
    expect(lines.map((l) => l["file"])).toEqual([seed, fixture]);
    expect(lines[0]!["sha256"]).toMatch(/^[0-9a-f]{64}$/);
    expect((lines[0]!["articles"] as unknown[]).length).toBe(4);
    expect(Array.isArray(lines[1]!["warnings"])).toBe(true);
  });

  it("shows each line's role, the articles and the warnings readably", () => {
    const text = "Council approves ferry route\n\nBy Jane Doe\n\nThe council voted on Tuesday to approve the new ferry route to the islands.\n\nShare on Facebook";
    const result = parseText(text, "x.txt");
    const report = formatReport("x.txt", text, result, [{ id: "demo", level: "warning", message: "a demo warning", file: "x.txt", line: 1 }], false);
    expect(report).toMatch(/^1\s+1 headline\s+Council approves ferry route$/m);
    expect(report).toMatch(/byline\s+By Jane Doe/);
    expect(report).toMatch(/boilerplate\s+Share on Facebook/);
    expect(report).toContain("1 article");
    expect(report).toContain("byline: Jane Doe");
    expect(report).toContain("warning demo (line 1): a demo warning");
    expect(report).not.toContain("\u001b[");
  });

  it("colours the report when asked", () => {
    const result = parseText("Headline of the day\n\nThe text of the day is long enough to be a paragraph of body text.", "y.txt");
    expect(formatReport("y.txt", "Headline of the day\n\nThe text of the day is long enough to be a paragraph of body text.", result, [], true)).toContain("\u001b[");
  });

  it("rejects unknown options and missing files with a non-zero code", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await parseCommand([])).toBe(2);
    expect(await parseCommand(["--frobnicate", seed])).toBe(2);
    expect(await parseCommand([resolve(fixturesDir, "no-such-dump.txt")])).toBe(1);
  });
});
