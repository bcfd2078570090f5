import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBytes, decodeDump, normaliseLineEnds } from "../../src/read/index.ts";

describe("decoding any bytes", () => {
  it("never throws, and gives text without CR, or an error saying why not", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom("a.txt", "a.html", "a.md", "a"), (bytes, name) => {
        const dump = decodeDump(bytes, name);
        expect(dump.text).not.toContain("\r");
        expect(dump.sha256).toMatch(/^[0-9a-f]{64}$/);
        if (dump.text === "" && bytes.length > 0 && !dump.diagnostics.some((d) => d.id === "empty-dump")) {
          expect(dump.diagnostics.map((d) => d.id)).toContain("binary-dump");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("gives any Unicode text back unchanged (line ends aside) when it is written as UTF-8", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        const decoded = decodeBytes(Buffer.from(text, "utf8"), { html: false });
        if (decoded.binary) return; // control-heavy strings are rightly taken for binary
        expect(decoded.text).toBe(text);
        expect(decoded.encodingBy).toBe("utf-8");
      }),
    );
  });

  it("gives Latin-1 text back through ISO-8859-1 or Windows-1252", () => {
    const latin = fc.string({ unit: fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(latin, fc.string({ unit: fc.constantFrom(..."abcdefghij klmnop.,\n"), maxLength: 200 }), (accents, ascii) => {
        const text = ascii + accents + ascii;
        const decoded = decodeBytes(Buffer.from(text, "latin1"), { html: false });
        if (decoded.encodingBy === "utf-8") return; // some Latin-1 byte strings are also valid UTF-8
        if (decoded.encoding === "ISO-8859-1" || decoded.encoding === "windows-1252") expect(decoded.text).toBe(text);
      }),
    );
  });

  it("normalises line ends idempotently, keeping the number of line ends", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "\r", "\n", "\r\n"), maxLength: 200 }), (text) => {
        const once = normaliseLineEnds(text);
        expect(normaliseLineEnds(once)).toBe(once);
        const ends = (text.match(/\r\n|\r|\n/g) ?? []).length;
        expect(once.split("\n").length - 1).toBe(ends);
      }),
    );
  });
});
