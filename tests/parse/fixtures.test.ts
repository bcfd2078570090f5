import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseText } from "../../src/parse/index.ts";
import { expectation, fixturesDir, roleRuns, summarise } from "./helpers.ts";

// The fixture loop: tests/fixtures/<case>/input.txt is parsed and compared with expected.json.
// `UPDATE=1 npx vitest run tests/parse` rewrites the expectations; review them in the diff.
const cases = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(fixturesDir, d.name, "input.txt")))
  .map((d) => d.name)
  .sort();

describe("parser fixtures", () => {
  it("has fixtures to run", () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const name of cases) {
    it(name, () => {
      const text = readFileSync(join(fixturesDir, name, "input.txt"), "utf8");
      const result = parseText(text, `${name}/input.txt`);
      const actual = {
        articles: result.articles.map(summarise),
        roles: roleRuns(result),
        diagnostics: result.diagnostics.map((d) => `${d.id}${d.line ? `@${d.line}` : ""}`),
      };
      const expected = expectation(join(fixturesDir, name, "expected.json"), actual);
      expect(expected, `no expected.json for ${name}: run with UPDATE=1 and review it`).toBeDefined();
      expect(actual).toEqual(expected);
    });
  }
});
