import fc from "fast-check";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TIGHT_HEAP_ARTICLES } from "../../src/heap-growth.ts";
import { openApiRecords } from "../../src/site/api-records.ts";
import { keepsApiRecords } from "../../src/site/index.ts";
import { articlesIndexText, indexEntry } from "../../src/site/view/api.ts";

const scratch = await mkdtemp(join(tmpdir(), "newsarchive-api-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** What the index was before it was made from entries: the whole object, encoded at once. */
const whole = (records: readonly unknown[]): string => `${JSON.stringify({ count: records.length, articles: records }, null, 1)}\n`;

describe("the API's index made from entries", () => {
  it("is the text of the whole index encoded at once", () => {
    // Records of any JSON shape: strings with line breaks, quotes and separators, nesting, empties.
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 20 }), (records) => {
        expect(articlesIndexText(records.map(indexEntry))).toBe(whole(records));
      }),
      { numRuns: 2000 },
    );
    expect(articlesIndexText([])).toBe(whole([]));
    const record = { id: "a", headline: "Line\nbreak \u2028 “quoted” \"x\"", topics: [], outlet: null, related: [{ headline: "h" }] };
    expect(articlesIndexText([indexEntry(record), indexEntry(record)])).toBe(whole([record, record]));
  });
});

describe("the API index's kept entries", () => {
  it("keeps entries between builds, made once; another address starts afresh", async () => {
    const dir = join(scratch, "cache");
    let made = 0;
    const make = (text: string) => (): string => {
      made++;
      return text;
    };
    const first = await openApiRecords(dir, "/");
    expect(first.get("h1", make("one"))).toBe("one");
    expect(first.get("h2", make("two"))).toBe("two");
    expect(first.get("h1", make("other"))).toBe("one");
    await first.save();
    expect(made).toBe(2);

    const second = await openApiRecords(dir, "/");
    expect(second.get("h1", make("changed?"))).toBe("one");
    expect(second.get("h3", make("three"))).toBe("three");
    expect(made).toBe(3);
    await second.save();

    // A build that did not make the index asks for nothing, and the cache stays as it was.
    await (await openApiRecords(dir, "/")).save();
    const third = await openApiRecords(dir, "/");
    expect(third.get("h3", make("x"))).toBe("three");
    // h2 was not used by the second build: gone.
    expect(third.get("h2", make("two again"))).toBe("two again");
    expect(made).toBe(4);

    const elsewhere = await openApiRecords(dir, "/archive/");
    expect(elsewhere.get("h1", make("prefixed"))).toBe("prefixed");
    expect(made).toBe(5);
  });
});

describe("keepsApiRecords", () => {
  it("keeps a smaller archive's entries in every build, a large one's only when adding to a live site", () => {
    expect(keepsApiRecords(0, false)).toBe(true);
    expect(keepsApiRecords(TIGHT_HEAP_ARTICLES - 1, false)).toBe(true);
    expect(keepsApiRecords(TIGHT_HEAP_ARTICLES - 1, true)).toBe(true);
    // A fresh clone's build, or a full one after a template change: every entry is made anyway.
    expect(keepsApiRecords(TIGHT_HEAP_ARTICLES, false)).toBe(false);
    expect(keepsApiRecords(64_000, false)).toBe(false);
    expect(keepsApiRecords(64_000, true)).toBe(true);
  });
});
