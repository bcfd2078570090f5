import { scaleBand, scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import type { Article } from "../../model/index.ts";
import { groupDigits, monthLabel, shortMonthLabel } from "./format.ts";
import type { ChartBar, ChartView } from "./types.ts";

/**
 * Articles per month as a static SVG bar chart, computed here (d3-scale for the axes, d3-shape's
 * stack for series) and drawn by templates/_includes/chart.njk. No script runs in the browser.
 */

const WIDTH = 720;
const HEIGHT = 220;
const PLOT = { left: 40, top: 10, right: 10, bottom: 30 } as const;
/** Series beyond this many outlets are summed into "Other outlets": the palette stays legible. */
const MAX_SERIES = 5;

/** Every month from the first to the last, inclusive: `["2015-09", "2015-10", …]`. */
export function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  const endYear = Number(last.slice(0, 4));
  const endMonth = Number(last.slice(5, 7));
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

function xTicks(months: string[], x: (m: string) => number): ChartView["xTicks"] {
  if (months.length > 24) {
    const januaries = months.filter((m, i) => m.endsWith("-01") || i === 0);
    const step = Math.ceil(januaries.length / 10);
    return januaries.filter((_, i) => i % step === 0).map((m) => ({ x: x(m), label: m.slice(0, 4) }));
  }
  const step = Math.ceil(months.length / 7);
  return months.filter((_, i) => i % step === 0).map((m) => ({ x: x(m), label: shortMonthLabel(m) }));
}

interface SeriesSpec {
  label: string;
  /** Which series an article counts towards, or null to leave it out. */
  of: (article: Article) => number;
}

/**
 * Builds the chart for dated articles; null when none is dated (the page says so instead).
 * `seriesLabels[i]` names series i; `seriesOf` assigns each article to one.
 */
function monthlyChart(
  id: string,
  title: string,
  articles: readonly Article[],
  series: SeriesSpec,
  seriesLabels: string[],
): ChartView | null {
  const dated = articles.filter((a) => a.date !== null);
  if (dated.length === 0) return null;
  const monthsOf = dated.map((a) => a.date!.slice(0, 7)).sort();
  const months = monthRange(monthsOf[0]!, monthsOf[monthsOf.length - 1]!);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const counts = months.map(() => seriesLabels.map(() => 0));
  for (const article of dated) {
    const row = counts[monthIndex.get(article.date!.slice(0, 7))!]!;
    const s = series.of(article);
    row[s] = (row[s] ?? 0) + 1;
  }
  const totals = counts.map((row) => row.reduce((sum, n) => sum + n, 0));
  const max = Math.max(...totals);

  const x = scaleBand<string>().domain(months).range([PLOT.left, WIDTH - PLOT.right]).paddingInner(months.length > 60 ? 0 : 0.2).paddingOuter(0.1);
  const y = scaleLinear().domain([0, max]).nice().range([HEIGHT - PLOT.bottom, PLOT.top]);
  const keys = seriesLabels.map((_, i) => i);
  const layers = stack<number[], number>().keys(keys).value((row, key) => row[key] ?? 0)(counts);

  const round = (n: number): number => Math.round(n * 10) / 10;
  const bars: ChartBar[] = [];
  for (const layer of layers) {
    layer.forEach(([y0, y1], i) => {
      if (y1 <= y0) return;
      bars.push({
        x: round(x(months[i]!)!),
        y: round(y(y1)),
        width: round(Math.max(x.bandwidth(), 1)),
        height: round(y(y0) - y(y1)),
        series: layer.key,
      });
    });
  }
  const yTicks = y.ticks(Math.min(4, y.domain()[1]!)).filter(Number.isInteger).map((t) => ({ y: round(y(t)), label: groupDigits(t) }));
  const busiest = months[totals.indexOf(max)]!;
  const multi = seriesLabels.length > 1;
  return {
    id,
    title,
    summary:
      `${groupDigits(dated.length)} dated ${dated.length === 1 ? "article" : "articles"} from ${monthLabel(months[0]!)} ` +
      `to ${monthLabel(months[months.length - 1]!)}; the busiest month was ${monthLabel(busiest)} with ${groupDigits(max)}.`,
    width: WIDTH,
    height: HEIGHT,
    plot: { left: PLOT.left, top: PLOT.top, right: WIDTH - PLOT.right, bottom: HEIGHT - PLOT.bottom },
    bars,
    xTicks: xTicks(months, (m) => round(x(m)! + x.bandwidth() / 2)),
    yTicks,
    legend: multi ? seriesLabels.map((label, i) => ({ label, series: i })) : [],
    table: {
      caption: `${title}, months with articles`,
      head: multi ? ["Month", ...seriesLabels, "Total"] : ["Month", "Articles"],
      rows: months.flatMap((m, i) =>
        totals[i] === 0 ? [] : [[monthLabel(m), ...(multi ? counts[i]!.map(String) : []), String(totals[i])]],
      ),
    },
  };
}

/** An outlet's articles per month (one series). */
export function outletTimeline(slug: string, name: string, articles: readonly Article[]): ChartView | null {
  return monthlyChart(`chart-outlet-${slug}`, `Articles per month from ${name}`, articles, { label: name, of: () => 0 }, [name]);
}

/** A topic's attention per month, stacked by outlet: the busiest outlets, then the rest together. */
export function topicAttention(
  slug: string,
  name: string,
  articles: readonly Article[],
  outletName: (slug: string) => string,
): ChartView | null {
  const perOutlet = new Map<string, number>();
  for (const a of articles) {
    if (a.date === null) continue;
    const key = a.outlet?.slug ?? "";
    perOutlet.set(key, (perOutlet.get(key) ?? 0) + 1);
  }
  const ranked = [...perOutlet.entries()]
    .filter(([key]) => key !== "")
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1))
    .map(([key]) => key);
  const shown = ranked.slice(0, ranked.length > MAX_SERIES ? MAX_SERIES - 1 : MAX_SERIES);
  const index = new Map(shown.map((key, i) => [key, i]));
  const labels = shown.map(outletName);
  const needsOther = perOutlet.size > shown.length;
  if (needsOther) labels.push(shown.length === ranked.length ? "Unknown outlet" : "Other outlets");
  const of = (a: Article): number => index.get(a.outlet?.slug ?? "") ?? shown.length;
  return monthlyChart(`chart-topic-${slug}`, `Articles per month about ${name}, by outlet`, articles, { label: name, of }, labels);
}
