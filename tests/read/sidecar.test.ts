import { describe, expect, it } from "vitest";
import { parseSidecar, readDump } from "../../src/read/index.ts";
import { fixture } from "./paths.ts";

describe("the sidecar <dump>.meta.yaml", () => {
  it("goes into dump.meta", async () => {
    const dump = readDump(fixture("with-sidecar.txt"));
    expect(dump.meta).toEqual({
      date: "2015-03-26",
      url: "https://example.org/news/sidecar-example",
      language: "en",
      notes: "Captured from the print edition's web page.",
    });
    expect(dump.diagnostics).toEqual([]);
  });

  it("is also found as <name>.meta.yaml without the dump's extension", async () => {
    const dump = readDump(fixture("bad-sidecar.txt"));
    expect(dump.diagnostics.length).toBeGreaterThan(0);
    expect(dump.diagnostics[0]!.file).toContain("bad-sidecar.meta.yaml");
  });

  it("reports each bad field with file and line, keeping the good ones", async () => {
    const dump = readDump(fixture("bad-sidecar.txt"));
    expect(dump.meta).toEqual({ language: "en" });
    const found = dump.diagnostics.map((d) => ({ id: d.id, line: d.line, level: d.level }));
    expect(found).toEqual([
      { id: "sidecar-field", line: 2, level: "error" },
      { id: "sidecar-field", line: 3, level: "error" },
      { id: "sidecar-unknown-field", line: 5, level: "warning" },
    ]);
    expect(dump.diagnostics[0]!.message).toContain('"date"');
    expect(dump.diagnostics[2]!.message).toContain('"colour"');
  });

  it("reports YAML that does not parse, with a line, and gives no meta", async () => {
    const dump = readDump(fixture("broken-sidecar.txt"));
    expect(dump.meta).toBeUndefined();
    expect(dump.diagnostics).toHaveLength(1);
    expect(dump.diagnostics[0]).toMatchObject({ id: "sidecar-syntax", level: "error" });
    expect(dump.diagnostics[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it("accepts an empty sidecar as no notes", () => {
    expect(parseSidecar("", "x.meta.yaml")).toEqual({ meta: {}, diagnostics: [] });
  });

  it("rejects a sidecar that is a list, not fields", () => {
    const result = parseSidecar("- date: 2015-03-26\n", "x.meta.yaml");
    expect(result.meta).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ id: "sidecar-syntax", line: 1 });
  });

  it("reads a YAML date as the string written (YAML 1.2, no timestamp conversion)", () => {
    expect(parseSidecar("date: 2015-03-26\n", "x.meta.yaml").meta).toEqual({ date: "2015-03-26" });
  });
});
