import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseMarkdownDump } from "../../src/parse/markdown.ts";
import { readDump } from "../../src/read/index.ts";
import { projectRoot } from "./paths.ts";

const fixture = (name: string): string => resolve(projectRoot, "tests/fixtures-read", name);

describe("a Markdown dump with front matter", () => {
  it("is read as a record: fields from the front matter, body from the Markdown", async () => {
    const dump = readDump(fixture("record.md"));
    expect(dump.format).toBe("markdown");
    const result = parseMarkdownDump(dump);
    expect(result.diagnostics).toEqual([]);
    expect(result.articles).toHaveLength(1);
    expect(result.articles[0]).toEqual({
      headline: "Ferry service resumes after a week of storms",
      outlet: "Island Herald",
      byline: "Anna Field and Rob Kerr",
      date: "2022-02-14",
      dateline: "PORTREE —",
      body: [
        "PORTREE — The ferry to the mainland sailed again on Monday morning after a week in which storms kept every boat in harbour.",
        "The operator said all sailings would run as timetabled, and that extra crossings would clear the backlog by Wednesday.",
        "Freight goes first.",
        "Foot passengers next.",
        "Shops said deliveries of {{ fresh_milk }} would be back to normal by the weekend.",
      ],
      related: ["Storm closes harbour for a fifth day", "Islanders stock up as ferries halt"],
      language: "en-GB",
      topics: ["Ferries", "Weather"],
      lines: [1, dump.text.split("\n").length],
    });
  });

  it("gives front matter fields and Markdown blocks their line roles", async () => {
    const dump = readDump(fixture("record.md"));
    const roles = parseMarkdownDump(dump).lines.map((l) => l.role);
    const text = dump.text.split("\n");
    const roleOf = (start: string): string => roles[text.findIndex((l) => l.startsWith(start))]!;
    expect(roleOf("headline:")).toBe("headline");
    expect(roleOf("byline:")).toBe("byline");
    expect(roleOf("date:")).toBe("date");
    expect(roleOf("related:")).toBe("related-marker");
    expect(roleOf("  - Storm closes")).toBe("related");
    expect(roleOf("# Ferry")).toBe("headline");
    expect(roleOf("PORTREE — The ferry")).toBe("body");
    expect(roleOf("<script>")).toBe("junk");
    expect(roleOf("---")).toBe("junk");
  });

  it("reports each invalid field with its file, line and name, and gives no record", async () => {
    const result = parseMarkdownDump(readDump(fixture("bad-front-matter.md")));
    expect(result.articles).toEqual([]);
    const found = result.diagnostics.map((d) => [d.id, d.line, d.level]);
    expect(found).toEqual([
      ["front-matter-unknown-field", 6, "warning"],
      ["front-matter-field", 3, "error"],
      ["front-matter-field", 4, "error"],
    ]);
    expect(result.diagnostics[1]!.message).toContain('"date"');
    expect(result.diagnostics[2]!.message).toContain('"language"');
    expect(result.diagnostics.every((d) => d.file === "bad-front-matter.md")).toBe(true);
  });

  it("reports front matter that is not YAML at its line", async () => {
    const result = parseMarkdownDump(readDump(fixture("broken-front-matter.md")));
    expect(result.articles).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ id: "front-matter-syntax", level: "error", line: 2 });
  });

  it("leaves a .md without front matter to the text pipeline", async () => {
    expect(readDump(fixture("no-front-matter.md")).format).toBe("text");
  });
});
