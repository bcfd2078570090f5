import { describe, expect, it } from "vitest";
import { findByline, isAuthorBio } from "../../src/parse/byline.ts";
import { classifyLine, creditName } from "../../src/parse/classify.ts";
import { findDate } from "../../src/parse/dates.ts";
import { findDateline } from "../../src/parse/dateline.ts";
import { lineFeatures } from "../../src/parse/features.ts";
import { creditBeforeDate } from "../../src/parse/fields.ts";
import { defaultVocabulary } from "../../src/parse/vocab.ts";

const vocab = defaultVocabulary();
const kind = (text: string): string => classifyLine(lineFeatures(text, 0), vocab).kind;

describe("dates", () => {
  it.each([
    ["24 July 2015", "2015-07-24"],
    ["January 18, 2017 11:00 PM PST", "2017-01-18"],
    ["Feb. 23, 2015 -- Life-threatening", "2015-02-23"],
    ["12.11.2018", "2018-11-12"],
    ["Le Monde | 04.05.2015 à 13h36", "2015-05-04"],
    ["2017-03-10 09:58", "2017-03-10"],
    ["2017年3月10日", "2017-03-10"],
    ["10. September 2019", "2019-09-10"],
    ["mercredi 11 septembre 2019", "2019-09-11"],
    ["3 de marzo de 2017", "2017-03-03"],
    ["Thu 3 Jan 2019 02.00 EST", "2019-01-03"],
  ])("reads %s", (text, iso) => {
    expect(findDate(text, vocab)?.iso).toBe(iso);
  });

  it.each(["3/4/2015", "31 February 2015", "in May", "2015", "3/9(木) 18:45"])("gives null rather than a guess for %s", (text) => {
    expect(findDate(text, vocab)).toBeNull();
  });
});

describe("bylines", () => {
  it.each([
    ["By Jill Serjeant", "Jill Serjeant"],
    ["by Steven Musil January 18, 2017 11:00 PM PST", "Steven Musil"],
    ["by Ahiza Garcia @ahiza_garcia February 1, 2016: 12:41 PM ET", "Ahiza Garcia"],
    ["by Lucas Nolan22 Dec 2016651", "Lucas Nolan"],
    ["By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project", "Daniel Kahn Gillmor"],
    ["by Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)", "Eleanor Ainge Roy"],
    ["Eine Analyse von Caspar Schwietering", "Caspar Schwietering"],
    ["Le Monde | 04.05.2015 | Par Martin Untersinger (avec Damien Leloup et Morgane Tual)", "Martin Untersinger (avec Damien Leloup et Morgane Tual)"],
    ["Reporting by Tom Hale; Editing by Sara Ng", "Tom Hale"],
    ["• Our Foreign Staff", "Our Foreign Staff"],
  ])("reads %s", (text, name) => {
    expect(findByline(text, vocab)?.name).toBe(name);
  });

  it.each(["By continuing to use this site you agree", "Par ailleurs, le gouvernement a annoncé", "By changesets By changed lines", "作者："])(
    "finds no byline in %s",
    (text) => {
      expect(findByline(text, vocab)).toBeNull();
    },
  );
});

describe("datelines", () => {
  it.each([
    ["(FNA) ~ A senior leader said", "(FNA) ~", "FNA"],
    ["LOS ANGELES (Reuters) - South Korean thriller", "LOS ANGELES (Reuters) -", "Reuters"],
    ["MOSCOW (AP) — An unmanned Russian cargo ship", "MOSCOW (AP) —", "AP"],
    ["CAIRO — Gunmen opened fire", "CAIRO —", null],
  ])("reads %s", (text, dateline, outlet) => {
    expect(findDateline(text)).toEqual({ text: dateline, outlet });
  });

  it.each(["The council - which met on Tuesday - agreed", "A — B", "Note: this is prose"])("finds none in %s", (text) => {
    expect(findDateline(text)).toBeNull();
  });
});

describe("credits", () => {
  it.each([
    ["© 2018 ACLU", "ACLU"],
    ["Copyright © 2017 Breitbart", "Breitbart"],
    ["© 2019 Guardian News & Media Limited or its affiliated companies. All rights reserved.", "Guardian News"],
    ["© Telegraph Media Group Limited 2017", "Telegraph"],
    ["© CHIP Digital GmbH 2019Content Management by InterRed", "CHIP"],
  ])("reads the outlet of %s", (text, name) => {
    expect(creditName(text, vocab)).toBe(name);
  });

  it("reads a name printed before a date", () => {
    expect(creditBeforeDate("Le Monde | 04.05.2015 à 13h36", vocab)).toBe("Le Monde");
    expect(creditBeforeDate("CNNMoney (New York) First published February 1, 2016: 1:28 AM ET", vocab)).toBe("CNNMoney (New York)");
    expect(creditBeforeDate("Updated 24 July 2015", vocab)).toBeNull();
  });
});

describe("line kinds", () => {
  it.each([
    [", , , , , , ,", "junk"],
    ["[INS:[INS::INS]:INS]", "junk"],
    ["WEB18-Facebook-1160x768.jpg", "junk"],
    ["R E L A T E D :", "related-marker"],
    ["More on this story", "related-marker"],
    ["Auch auf heise online:", "related-marker"],
    ["Share on Facebook", "debris"],
    ["Your name * [Anonymous                     ]", "debris"],
    ["Mac & i > News > 2015 > KW 15 > 1Password", "debris"],
    ["Comments (5 posted)", "comment-marker"],
    ["Source: Xinhua", "source"],
    ["JIM WATSON/AFP/Getty Images", "caption"],
    ["Media caption Mr Obama told the BBC", "caption"],
    ["'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump Supporters?'", "title"],
    ["Monday on MSNBC, discussing the march, the feminist and…", "title"],
    ["The low ranking was due to its extreme levels of wealth and income inequality.", "para"],
  ])("%s is %s", (text, expected) => {
    expect(kind(text)).toBe(expected);
  });
});

describe("author bios", () => {
  it.each([
    "Journaliste au Monde Suivre Aller sur la page de ce journaliste",
    "Jane Doe is a senior reporter for the Guardian.",
    "Martin Untersinger, journaliste",
    "Max Muster ist Redakteur im Ressort Politik.",
    "Ana García Ruiz es periodista de la sección de Local.",
    "Reporter at the Washington Post",
  ])("knows %s for a line about the author", (text) => {
    expect(isAuthorBio(text, vocab)).toBe(true);
  });

  it.each([
    "Journalist arrested in Turkey",
    "The Government said on Monday it would act.",
    "Il presidente è arrivato a Roma.",
    "Reporters said the road was closed.",
  ])("does not take %s for one", (text) => {
    expect(isAuthorBio(text, vocab)).toBe(false);
  });
});

describe("general page furniture", () => {
  it.each(["Page 1 of 5", "Seite 2 von 4", "Pagina 1 di 3", "Página 3 de 7", "Page 2 / 9"])("reads %s as debris", (text) => {
    expect(kind(text)).toBe("debris");
  });

  it("does not take a headline with numbers for pagination", () => {
    expect(kind("Inflation rises to 3 percent in 2019")).not.toBe("debris");
  });

  it.each([
    ["© 2019 Diario del Centro S.L. Todos los derechos reservados.", "Diario del Centro"],
    ["© Gazzetta di Provincia S.p.A. - Tutti i diritti riservati", "Gazzetta di Provincia"],
  ])("ends a copyright holder's name before a dotted company suffix: %s", (text, name) => {
    expect(creditName(text, vocab)).toBe(name);
  });

  it("takes no outlet from a Japanese \"last updated\" label", () => {
    expect(creditBeforeDate("最終更新:3/12(火) 19:10", vocab)).toBeNull();
  });
});
