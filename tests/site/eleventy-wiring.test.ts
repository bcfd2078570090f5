import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import Eleventy from "@11ty/eleventy";
import { afterAll, describe, expect, it, vi } from "vitest";
import { batches, configureEleventy } from "../../src/site/eleventy.ts";
import { buildSiteData } from "../../src/site/site-data.ts";
import { plainSiteDataOptions, seedInput, templatesDir } from "./fixtures.ts";

const out = await mkdtemp(join(tmpdir(), "newsarchive-wiring-"));
afterAll(() => rm(out, { recursive: true, force: true }));

describe("Eleventy wiring", () => {
  it("prints no timing warnings of Eleventy's, whatever share of a run a filter takes", async () => {
    const { data } = buildSiteData(seedInput(), plainSiteDataOptions("<p>Body.</p>"));
    const batch = batches(data, 100_000).next().value!;
    const wiring = configureEleventy(batch, { pathPrefix: "/", baseUrl: null });
    const eleventy = new Eleventy(relative(process.cwd(), templatesDir), relative(process.cwd(), out), {
      quietMode: true,
      config: (config) => {
        wiring(config);
        // A filter that takes most of the run, as the line rows of a large dump's page may.
        config.addFilter("slow", (text: string) => {
          const until = performance.now() + 80;
          while (performance.now() < until);
          return text;
        });
        config.addTemplate("slow.njk", "{{ 'slow' | slow }}", { permalink: "slow.html" });
      },
    });
    const printed: unknown[][] = [];
    const spies = (["log", "warn", "error"] as const).map((method) => vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args)));
    try {
      const pages = await eleventy.toJSON();
      expect(pages.some((page) => page.content === "slow")).toBe(true);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(printed).toEqual([]);
  });
});
