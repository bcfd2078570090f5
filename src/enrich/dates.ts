/**
 * Dates for undated articles, from the capture date an editor gave in the dump's sidecar, and
 * only when the text says which day: "on Saturday" in an article captured on Tuesday 2015-09-29
 * is Saturday 2015-09-26, the last Saturday on or before the capture. No phrase, no date: we never
 * guess. The phrase is looked for in the headline and the opening paragraphs, where news stories
 * say when their event happened; later weekdays tell of earlier events.
 */

/** How many opening paragraphs may date an article. */
const DATING_PARAGRAPHS = 5;

/** Weekday names per language, Monday first, with the words that put a day before them. */
const WEEKDAYS: Readonly<Record<string, { days: readonly string[]; pattern: (day: string) => RegExp }>> = {
  en: {
    days: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    pattern: (day) => new RegExp(`\\bon\\s+${day}\\b`, "i"),
  },
  fr: {
    days: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    pattern: (day) => new RegExp(`(?:^|[\\s,(])${day}(?:\\s+(?:soir|matin|dernier))?(?=[\\s,.;)])`, "i"),
  },
  de: {
    days: ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"],
    pattern: (day) => new RegExp(`\\bam\\s+${day}\\b`, "i"),
  },
  es: {
    days: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    pattern: (day) => new RegExp(`(?:^|\\s)(?:el|este|el pasado)\\s+${day}(?=[\\s,.;])`, "i"),
  },
};

export interface DateEvidence {
  date: string;
  /** The phrase that dated the article, for the record of why. */
  phrase: string;
}

/**
 * The date of an undated article from its capture date, or null. `captureDate` is ISO
 * YYYY-MM-DD; `language` picks the weekday vocabulary (unknown languages are not dated).
 */
export function dateFromCapture(
  headline: string,
  paragraphs: readonly string[],
  captureDate: string,
  language: string,
): DateEvidence | null {
  const capture = parseIsoDate(captureDate);
  const vocabulary = WEEKDAYS[language.split("-")[0]!];
  if (!capture || !vocabulary) return null;
  for (const text of [headline, ...paragraphs.slice(0, DATING_PARAGRAPHS)]) {
    // The first weekday phrase in reading order dates the story.
    let first: { index: number; weekday: number; phrase: string } | undefined;
    vocabulary.days.forEach((day, weekday) => {
      const match = vocabulary.pattern(day).exec(text);
      if (match && (!first || match.index < first.index)) first = { index: match.index, weekday, phrase: match[0].trim() };
    });
    if (first) return { date: formatIsoDate(lastWeekdayOnOrBefore(capture, first.weekday)), phrase: first.phrase };
  }
  return null;
}

/** The last day with the given weekday (0 = Monday) on or before `date`. */
export function lastWeekdayOnOrBefore(date: Date, weekday: number): Date {
  const mondayFirst = (date.getUTCDay() + 6) % 7;
  const back = (mondayFirst - weekday + 7) % 7;
  return new Date(date.getTime() - back * 86_400_000);
}

export function parseIsoDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return formatIsoDate(date) === text ? date : null;
}

export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
