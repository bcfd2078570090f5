import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { decodeDump, readDump } from "../../src/read/index.ts";
import { fixture } from "./paths.ts";

// The sentences the fixtures were encoded from (see tests/fixtures-read/README.md).
const GERMAN = "Aldi Süd – „Angebote“ für 9,99 € … • Grüße aus Köln\nDer Preis gilt ab Donnerstag.\n";
const FRENCH = "L'AG Éducation Île-de-France a réuni à Paris « 80 collègues » le mardi.\nDécisions prises à l'unanimité.\n";
const MIXED = "Grüße aus Köln — naïve café, 東京 news.\nSecond line here.\n";

describe("readDump decodes every encoding a capture comes in", () => {
  it.each([
    ["utf-8-bom.txt", MIXED, "UTF-8", "bom"],
    ["utf-16le-bom.txt", MIXED, "UTF-16LE", "bom"],
    ["utf-16be-bom.txt", MIXED, "UTF-16BE", "bom"],
    ["utf-16le.txt", MIXED, "UTF-16LE", "detected"],
    ["utf-16be.txt", MIXED, "UTF-16BE", "detected"],
    ["windows-1252.txt", GERMAN, "windows-1252", "detected"],
    ["iso-8859-1.txt", FRENCH, "ISO-8859-1", "detected"],
  ] as const)("%s", async (name, text, encoding, by) => {
    const dump = readDump(fixture(name));
    expect(dump.text).toBe(text);
    expect(dump.encoding).toBe(encoding);
    expect(dump.encodingBy).toBe(by);
    expect(dump.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
  });

  it("says so when the encoding was detected rather than known", async () => {
    const dump = readDump(fixture("windows-1252.txt"));
    expect(dump.diagnostics.map((d) => d.id)).toContain("encoding-detected");
  });

  it("reads an HTML page's <meta charset> when its bytes are not UTF-8", async () => {
    const dump = readDump(fixture("declared-windows-1252.html"));
    expect(dump.format).toBe("html");
    expect(dump.encodingBy).toBe("declared");
    expect(dump.text).toContain("Grüße aus Köln – „Zitat“ für 5 €.");
  });

  it("takes a declared ISO-8859-1 with bytes 0x80–0x9F for Windows-1252, as browsers do", async () => {
    const dump = readDump(fixture("declared-latin1-with-cp1252-bytes.html"));
    expect(dump.encoding).toBe("windows-1252");
    expect(dump.text).toContain("L’été à Paris — déjà “chaud”.");
  });

  it("keeps valid UTF-8 as UTF-8 without a BOM in the text", async () => {
    const dump = readDump(fixture("utf-8-bom.txt"));
    expect(dump.text.charCodeAt(0)).not.toBe(0xfeff);
  });
});

describe("decoding damaged UTF-8", () => {
  it("keeps UTF-8 when a few bytes are broken, marks them, and names the line", () => {
    const good = Buffer.from("Grüße aus Köln — „Straßen“ und Wälder.\n".repeat(20), "utf8");
    const bytes = Buffer.concat([good, Buffer.from("café with a stray byte: caf"), Buffer.from([0xe9]), Buffer.from("\n"), good]);
    const dump = decodeDump(bytes, "damaged.txt");
    expect(dump.encoding).toBe("UTF-8");
    expect(dump.text).toContain("Grüße aus Köln");
    expect(dump.text.match(/\uFFFD/g)).toHaveLength(1);
    expect(dump.diagnostics).toMatchObject([{ id: "undecodable-bytes", level: "warning", line: 21 }]);
  });
});

describe("readDump normalises line ends", () => {
  it.each(["crlf.txt", "cr.txt"])("%s becomes LF only", async (name) => {
    const dump = readDump(fixture(name));
    expect(dump.text).toBe("First line\nSecond line\n\nFourth line\n");
  });

  it("counts CRLF, lone CR and LF as one line end each", async () => {
    const dump = readDump(fixture("mixed-line-ends.txt"));
    expect(dump.text.split("\n")).toEqual(["one", "two", "three", "four"]);
  });
});

describe("readDump on bad input", () => {
  it("reports an empty file as a warning, with empty text", async () => {
    const dump = readDump(fixture("empty.txt"));
    expect(dump.text).toBe("");
    expect(dump.diagnostics).toMatchObject([{ id: "empty-dump", level: "warning" }]);
    expect(dump.diagnostics[0]!.file).toContain("empty.txt");
  });

  it("reports a whitespace-only file as empty", async () => {
    const dump = readDump(fixture("whitespace.txt"));
    expect(dump.diagnostics.map((d) => d.id)).toEqual(["empty-dump"]);
  });

  it.each([
    ["image.txt", "PNG image"],
    ["binary.txt", "NUL bytes"],
  ])("reports binary %s as an error naming the file, with a hint, and no text", async (name, kind) => {
    const dump = readDump(fixture(name));
    expect(dump.text).toBe("");
    expect(dump.diagnostics).toHaveLength(1);
    const [diagnostic] = dump.diagnostics;
    expect(diagnostic).toMatchObject({ id: "binary-dump", level: "error" });
    expect(diagnostic!.file).toContain(name);
    expect(diagnostic!.message).toContain(name);
    expect(diagnostic!.message).toContain(kind);
    expect(diagnostic!.hint).toBeTruthy();
  });

  it("keeps hostile text verbatim: reading never interprets markup or templates", async () => {
    const bytes = await readFile(fixture("hostile.txt"), "utf8");
    const dump = readDump(fixture("hostile.txt"));
    expect(dump.text).toBe(bytes);
    for (const s of ['<script>alert("xss")</script>', 'onerror="alert(1)"', "javascript:alert(2)", "{{ 7 * 7 }}", "{% raw %}"]) {
      expect(dump.text).toContain(s);
    }
    expect(dump.format).toBe("text");
  });

  it("never modifies the file it reads", async () => {
    const before = await readFile(fixture("crlf.txt"));
    readDump(fixture("crlf.txt"));
    expect(await readFile(fixture("crlf.txt"))).toEqual(before);
  });

  it("throws for a path that does not exist (a caller's mistake, not content)", async () => {
    expect(() => readDump(fixture("no-such-dump.txt"))).toThrow(/no-such-dump/);
  });
});
