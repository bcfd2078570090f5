import { describe, expect, it } from "vitest";
import { formatBuildTimes } from "../../src/cli/commands/build.ts";

describe("formatBuildTimes", () => {
  it("names each stage that ran, in order, and the whole", () => {
    expect(formatBuildTimes({ ingest: 1.714, render: 2.43, search: 2.899, swap: 0.1, total: 5.31 })).toBe(
      "time: ingest 1.71 s, pages 2.43 s, search 2.90 s (beside the pages), publish 0.10 s; 5.31 s in all",
    );
  });

  it("leaves out the stages that did not run", () => {
    expect(formatBuildTimes({ ingest: 0.5, render: 1, swap: 0.05, total: 1.6 })).toBe("time: ingest 0.50 s, pages 1.00 s, publish 0.05 s; 1.60 s in all");
    expect(formatBuildTimes({ ingest: 0.25, total: 0.3 })).toBe("time: ingest 0.25 s; 0.30 s in all");
  });
});
