import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogueEntries, formatDiagnostic, lookupError, sortDiagnostics } from "../../src/errors/index.ts";
import type { Diagnostic } from "../../src/model/index.ts";
import { projectRoot } from "../e2e/project.ts";

const diagnostic: Diagnostic = {
  id: "front-matter-field",
  level: "error",
  message: "`date`: a date is written YYYY-MM-DD",
  file: "content/sana/x.md",
  line: 9,
};

describe("the error catalogue", () => {
  it("gives every entry a unique kebab-case id, a title, a reason and a hint", () => {
    const ids = catalogueEntries().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of catalogueEntries()) {
      expect(entry.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      for (const text of [entry.title, entry.why, entry.hint]) {
        expect(text.length).toBeGreaterThan(10);
        expect(text).not.toMatch(/^Error:/);
      }
    }
  });
});

describe("formatDiagnostic", () => {
  it("writes file:line: level id: message, then the catalogue's hint", () => {
    const text = formatDiagnostic(diagnostic);
    const [head, hint] = text.split("\n");
    expect(head).toBe("content/sana/x.md:9: error front-matter-field: `date`: a date is written YYYY-MM-DD");
    expect(hint).toBe(`  hint: ${lookupError("front-matter-field")!.hint}`);
  });

  it("prefers the diagnostic's own hint and leaves out a missing line", () => {
    const { line: _line, ...noLine } = diagnostic;
    expect(_line).toBe(9);
    const text = formatDiagnostic({ ...noLine, id: "something-new", hint: "do this" });
    expect(text).toBe("content/sana/x.md: error something-new: `date`: a date is written YYYY-MM-DD\n  hint: do this");
  });

  it("colours only when asked", () => {
    expect(formatDiagnostic(diagnostic, { color: false })).not.toContain("\x1b[");
    expect(formatDiagnostic(diagnostic, { color: true })).toContain("\x1b[");
  });

  it("sorts by file, then line", () => {
    const a = { ...diagnostic, file: "b.md", line: 1 };
    const b = { ...diagnostic, file: "a.md", line: 20 };
    const c = { ...diagnostic, file: "a.md", line: 3 };
    expect(sortDiagnostics([a, b, c])).toEqual([c, b, a]);
  });
});

describe("every problem the content layer and the commands report is in the catalogue", () => {
  it("has an entry for each diagnostic id written in src/content and src/cli", async () => {
    const ids = new Set<string>();
    for (const folder of ["src/content", "src/cli"]) {
      const files = await readdir(join(projectRoot, folder), { recursive: true });
      for (const file of files.filter((f) => f.endsWith(".ts"))) {
        const text = await readFile(join(projectRoot, folder, file), "utf8");
        for (const match of text.matchAll(/\bid: "([a-z]+(?:-[a-z]+)+)"/g)) ids.add(match[1]!);
        for (const match of text.matchAll(/\breport\(\s*"([a-z]+(?:-[a-z]+)+)"/g)) ids.add(match[1]!);
      }
    }
    expect(ids.size).toBeGreaterThan(10);
    expect([...ids].filter((id) => lookupError(id) === undefined)).toEqual([]);
  });
});
