import type { Article } from "../../src/model/index.ts";

const SHA = "0".repeat(63) + "1";

/** A small archive of our own writing: three years and undated, two outlets, a few topics. */
export function fixtureArticles(): Article[] {
  const rows: [string, string | null, string, string, string[]][] = [
    ["harbour-cranes-return", "2019-03-02", "Harbour cranes return to the old port", "The *cranes* came back on Tuesday, and the dockers cheered the quillwort barge.", ["ports"]],
    ["council-votes-on-trams", "2019-07-19", "Council votes on trams", "After a long night the council approved the tram line by a single vote.", ["transport", "council"]],
    ["bakery-strike-ends", "2019-11-30", "Bakery strike ends", "Bakers went back to their ovens; the [union statement](https://example.org) welcomed the deal.", ["labour"]],
    ["river-flood-warning", "2020-01-14", "River flood warning issued", "The river rose two metres overnight and the embankment near the marshwort meadow held.", ["weather"]],
    ["library-opens-late", "2020-05-05", "Library opens late on Thursdays", "Readers can borrow books until ten in the evening from next week.", ["culture"]],
    ["ferry-timetable-changes", "2020-09-09", "Ferry timetable changes", "The morning ferry leaves twenty minutes earlier, the operator said.", ["transport", "ports"]],
    ["school-roof-repaired", "2021-02-22", "School roof repaired before spring", "Builders finished the roof of the primary school ahead of the rains.", ["education"]],
    ["market-square-paved", "2021-06-01", "Market square paved again", "Cobbles were relaid by hand, one by one, over six weeks.", ["council"]],
    ["undated-letter-to-editor", null, "A letter on the bus shelters", "Dear editor, the new bus shelters keep neither rain nor wind out.", ["transport"]],
    ["undated-obituary", null, "Remembering the lighthouse keeper", "He kept the lamp burning for forty winters and never missed a night.", []],
  ];
  return rows.map(([slug, date, headline, body, topics], i) => ({
    id: `fx-${String(i).padStart(2, "0")}-${slug}`,
    slug,
    headline,
    outlet: i % 2 === 0 ? { name: "Harbour Gazette", slug: "harbour-gazette" } : { name: "Evening Courier", slug: "evening-courier" },
    byline: null,
    date,
    dateline: null,
    body,
    topics,
    language: "en",
    related: [],
    sources: [{ dump: `fixture-${i}.txt`, sha256: SHA, lines: [i * 10 + 1, i * 10 + 5] }],
  }));
}
