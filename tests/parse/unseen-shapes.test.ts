import { describe, expect, it } from "vitest";
import { classifyLine, creditName } from "../../src/parse/classify.ts";
import { findDate, isMonthYear } from "../../src/parse/dates.ts";
import { findDateline } from "../../src/parse/dateline.ts";
import { lineFeatures } from "../../src/parse/features.ts";
import { creditBeforeDate } from "../../src/parse/fields.ts";
import { parseText } from "../../src/parse/index.ts";
import { defaultVocabulary } from "../../src/parse/vocab.ts";

// Shapes of pages outside the dev corpus: blogs, magazines, Russian news, wire leads without a dash.
const vocab = defaultVocabulary();
const kind = (text: string): string => classifyLine(lineFeatures(text, 0), vocab).kind;

describe("Russian dates and credits", () => {
  it.each([
    ["12 марта 2019, 14:20", "2019-03-12"],
    ["Опубликовано: 1 сентября 2020 г.", "2020-09-01"],
    ["3 мая 2018 года", "2018-05-03"],
  ])("reads %s", (text, iso) => {
    expect(findDate(text, vocab)?.iso).toBe(iso);
  });

  it("reads «Автор:» as a byline marker", () => {
    expect(kind("Автор: Ирина Соколова")).toBe("byline");
  });

  it("drops the quotes around a copyright holder's name", () => {
    expect(creditName("© 2019 «Вечерний Вестник». Все права защищены.", vocab)).toBe("Вечерний Вестник");
  });
});

describe("meta lines", () => {
  it("takes a month and a year alone on a line for a date line that names no day", () => {
    expect(isMonthYear("June 2021", vocab)).toBe(true);
    expect(isMonthYear("June 2021 was wet", vocab)).toBe(false);
    expect(kind("June 2021")).toBe("date");
    expect(findDate("June 2021", vocab)).toBeNull();
  });

  it("does not credit the outlet with the writer's name on a byline that carries the date", () => {
    expect(creditBeforeDate("By Jane Doe | March 3, 2014 10:42 am", vocab)).toBeNull();
    expect(creditBeforeDate("Le Monde | 04.05.2015 à 13h36", vocab)).toBe("Le Monde");
  });

  it("reads an agency's initials opening a lead as a dateline, with or without a dash", () => {
    expect(findDateline("(CNN) Power has been restored")?.outlet).toBe("CNN");
    expect(findDateline("(Reuters) - Power has been restored")?.outlet).toBe("Reuters");
    expect(findDateline("(This is an aside) and then")).toBeNull();
  });

  it("takes a count of comments with the post's title for a comment marker, but not a teaser's count", () => {
    expect(kind("2 thoughts on “Why my tomatoes split after the rain”")).toBe("comment-marker");
    expect(kind("2559Comments. Click to view comments")).not.toBe("comment-marker");
  });
});

describe("pull quotes", () => {
  const paragraph = (s: string): string => `${s} The keepers kept the light burning through every storm of the winter.`;
  it("sets a repeated sentence apart from the body, and keeps a quote said once", () => {
    const text = [
      "The last lighthouse keepers", "", "By Daniel Reeve", "", "12 June 2021", "",
      paragraph("He spent a month at a time on the rock. You learned to listen to the sea, he says."), "",
      "“You learned to listen to the sea.”", "",
      paragraph("The work was mostly routine, cleaning the lens and logging the weather every hour."), "",
      "“Nobody ever thanked us, and nobody needed to.”", "",
      paragraph("The last keepers left the rock in 1998 when the light was automated for good."), "",
    ].join("\n");
    const [article] = parseText(text, "pull-quote.txt").articles;
    expect(article?.body.some((b) => b.startsWith("“You learned"))).toBe(false);
    expect(article?.body.some((b) => b.startsWith("“Nobody ever"))).toBe(true);
    expect(article?.body.length).toBe(4);
  });
});
