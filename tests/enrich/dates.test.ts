import { describe, expect, it } from "vitest";
import { dateFromCapture, lastWeekdayOnOrBefore, parseIsoDate } from "../../src/enrich/dates.ts";
import { readAndParse, seedPath } from "./helpers.ts";

const seed = await readAndParse(seedPath);
const [first, second, third, fourth] = seed.result.articles;

describe("dateFromCapture", () => {
  // 2015-09-29 was a Tuesday.
  it("dates the seed's \"on Saturday\" to the Saturday on or before the capture", () => {
    expect(dateFromCapture(first!.headline, first!.body, "2015-09-29", "en")).toEqual({ date: "2015-09-26", phrase: "on Saturday" });
    expect(dateFromCapture(second!.headline, second!.body, "2015-09-29", "en")?.date).toBe("2015-09-26");
  });

  it("takes the first weekday of the opening paragraphs, not later ones", () => {
    // "told FNA on Wednesday" (2nd paragraph) comes before "on Monday" (6th).
    expect(dateFromCapture(third!.headline, third!.body, "2015-10-01", "en")?.date).toBe("2015-09-30");
    expect(dateFromCapture(fourth!.headline, fourth!.body, "2015-10-01", "en")?.date).toBe("2015-09-30");
  });

  it("counts the capture day itself", () => {
    expect(dateFromCapture("x", ["It happened on Saturday."], "2015-09-26", "en")?.date).toBe("2015-09-26");
  });

  it("does not date a text that says no day, a bad capture date or an unknown language", () => {
    expect(dateFromCapture("x", ["Earlier this month, officials met."], "2015-09-29", "en")).toBeNull();
    expect(dateFromCapture("x", ["One.", "Two.", "Three.", "Four.", "Five.", "Only the sixth says on Monday."], "2015-09-29", "en")).toBeNull();
    expect(dateFromCapture("x", ["It happened on Saturday."], "2015-02-30", "en")).toBeNull();
    expect(dateFromCapture("x", ["It happened on Saturday."], "2015-09-29", "fi")).toBeNull();
  });

  it("reads weekdays in the article's language", () => {
    expect(dateFromCapture("x", ["Die Regierung teilte am Montag mit, dass …"], "2015-09-29", "de")?.date).toBe("2015-09-28");
    expect(dateFromCapture("x", ["Le ministre a annoncé samedi que …"], "2015-09-29", "fr")?.date).toBe("2015-09-26");
  });
});

describe("lastWeekdayOnOrBefore", () => {
  it("walks back at most six days", () => {
    const tuesday = parseIsoDate("2015-09-29")!;
    const days = [0, 1, 2, 3, 4, 5, 6].map((weekday) => lastWeekdayOnOrBefore(tuesday, weekday).toISOString().slice(0, 10));
    expect(days).toEqual(["2015-09-28", "2015-09-29", "2015-09-23", "2015-09-24", "2015-09-25", "2015-09-26", "2015-09-27"]);
  });
});
