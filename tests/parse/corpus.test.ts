import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDump } from "../../src/parse/index.ts";
import { readDump } from "../../src/read/index.ts";
import { corpusDir, expectation, fixturesDir, summarise } from "./helpers.ts";

// The dev corpus stays in ../shared (publishers' pages are not copied into the project). Each text
// dump has a reviewed expectation here holding only parsed fields and the edges of the bodies.
// `UPDATE=1 npx vitest run tests/parse/corpus.test.ts` rewrites them; review the diff.
const expectedDir = resolve(fixturesDir, "corpus");
const present = existsSync(corpusDir);
const dumps = present ? readdirSync(corpusDir).filter((f) => f.endsWith(".txt")).sort() : [];

describe.skipIf(!present)(`dev corpus (${present ? corpusDir : "../shared/corpus/dev is absent: skipped"})`, () => {
  it("finds the text dumps", () => {
    expect(dumps.length).toBeGreaterThan(0);
  });
  for (const name of dumps) {
    it(name, async () => {
      const dump = readDump(join(corpusDir, name));
      const result = parseDump(dump);
      expect(result.lines).toHaveLength(dump.text.split("\n").length);
      const actual = { encoding: dump.encoding, articles: result.articles.map(summarise) };
      const expected = expectation(join(expectedDir, `${name}.expected.json`), actual);
      expect(expected, `no expectation for ${name}: run with UPDATE=1 and review it`).toBeDefined();
      expect(actual).toEqual(expected);
    });
  }
});
