import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readLastBuild, writeLastBuild } from "../../src/cli/pipeline/last-build.ts";

describe("the last build's record", () => {
  let cache: string;
  beforeEach(async () => {
    cache = await mkdtemp(join(tmpdir(), "newsarchive-last-build-"));
  });
  afterEach(async () => {
    await rm(cache, { recursive: true, force: true });
  });

  it("gives back the settings and size a build wrote", async () => {
    await writeLastBuild(cache, { pathPrefix: "/archive/", baseUrl: "https://example.org", articles: 14_918, pages: 28_608 });
    expect(await readLastBuild(cache)).toEqual({ pathPrefix: "/archive/", baseUrl: "https://example.org", articles: 14_918, pages: 28_608 });
  });

  it("reads a record written before it had the site's size as a size of nothing", async () => {
    await writeFile(join(cache, "last-build.json"), '{"pathPrefix":"/","baseUrl":null}\n');
    expect(await readLastBuild(cache)).toEqual({ pathPrefix: "/", baseUrl: null, articles: 0, pages: 0 });
  });

  it("has no record when there was no build, or its file is damaged", async () => {
    expect(await readLastBuild(cache)).toBeUndefined();
    await writeFile(join(cache, "last-build.json"), '{"pathPrefix":');
    expect(await readLastBuild(cache)).toBeUndefined();
    await writeFile(join(cache, "last-build.json"), '{"pathPrefix":"/","pages":-3,"articles":"many"}');
    expect(await readLastBuild(cache)).toEqual({ pathPrefix: "/", baseUrl: null, articles: 0, pages: 0 });
  });
});
