import {
  IndicatorUnit,
  financialYearOf,
  Month,
  formatMonthLong,
  formatMonthShort,
  formatMonthSpan,
  formatValue,
  roundForDisplay,
} from '../domain';

/**
 * One chart per indicator for the board's performance report: the monthly
 * values as a line with points, the target as a dashed line, each comparator
 * as a dotted line, every series labelled at its end so no meaning rests on
 * colour alone, month labels as the board writes them ("Oct-21"). The chart
 * is a Vega-Lite specification built here (pure, testable in Jest) and drawn
 * to SVG in a worker (chart-renderer.ts), because Vega is an ES module that
 * Jest's CommonJS runtime cannot load.
 */

export interface ChartComparator {
  /** "statistical neighbours", "England 20/21". */
  label: string;
  /** Null when not available: left off the chart, said in the text. */
  value: number | null;
}

export interface IndicatorChartInput {
  title: string;
  unit: IndicatorUnit;
  /** The months across the chart, oldest first. */
  months: Month[];
  /** One per month; null where there is no value. */
  values: Array<number | null>;
  /** The target in force each month (pro rata where that applies); null where there is none or it is TBC. */
  targets: Array<number | null>;
  /** Said in the text when a target is still to be confirmed. */
  targetTbc?: boolean;
  comparators: ChartComparator[];
  /** The label of the indicator's own line; "Outturn" by default. */
  seriesLabel?: string;
  /** A year-to-date figure restarts each April: its line (and its pro rata target) break there rather than plunge. */
  resetsInApril?: boolean;
}

// Readable at A4 width: the plot takes most of a portrait column, the labels the rest.
export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 200;
const LABEL_GAP = 13;
const FONT = 'Arial, "Liberation Sans", Helvetica, sans-serif';

const COLOURS = { value: '#1d70b8', target: '#d4351c', comparator: '#505a5f' };
// Each comparator gets a dash pattern of its own, so two grey lines are told apart in black and white too.
const COMPARATOR_DASHES = [[2, 3], [8, 3, 2, 3], [1, 5], [10, 4], [4, 2, 1, 2, 1, 2]];

const AXIS_TITLES: Record<IndicatorUnit, string> = {
  percentage: 'Per cent',
  number: 'Number',
  rate_per_10000: 'Rate per 10,000',
  days: 'Days',
  ratio: 'Ratio',
};

interface Datum {
  series: string;
  /** Lines join points of one segment only: the financial year, for a figure that restarts each April. */
  segment: number;
  kind: 'value' | 'target' | 'comparator';
  month: string;
  order: number;
  value: number | null;
}

interface Label {
  text: string;
  order: number;
  month: string;
  value: number;
  kind: Datum['kind'];
  y: number;
}

function check(input: IndicatorChartInput): void {
  if (input.months.length === 0) throw new RangeError('A chart needs at least one month');
  if (input.values.length !== input.months.length || input.targets.length !== input.months.length) {
    throw new RangeError(`A chart needs one value and one target per month: ${input.months.length} months, ${input.values.length} values, ${input.targets.length} targets`);
  }
}

/** The y axis's range: every figure shown, a little room above and below, from zero when that is close. */
export function yDomain(figures: number[]): [number, number] {
  if (figures.length === 0) return [0, 1];
  let lo = Math.min(...figures);
  let hi = Math.max(...figures);
  const pad = hi === lo ? Math.max(Math.abs(hi) * 0.1, 1) : (hi - lo) * 0.12;
  lo -= pad;
  hi += pad;
  if (lo < 0 && Math.min(...figures) >= 0) lo = 0;
  return [lo, hi];
}

/**
 * Labels at the right-hand end of each line, nudged apart so none sits on
 * another: positions are worked out in pixels from the y domain, which the
 * specification fixes so Vega draws the lines where the labels expect them.
 */
function placeLabels(labels: Omit<Label, 'y'>[], domain: [number, number]): Label[] {
  const [lo, hi] = domain;
  const toY = (value: number) => CHART_HEIGHT * (1 - (value - lo) / (hi - lo));
  const placed = labels.map((label) => ({ ...label, y: toY(label.value) })).sort((a, b) => a.y - b.y);
  for (let i = 1; i < placed.length; i++) placed[i].y = Math.max(placed[i].y, placed[i - 1].y + LABEL_GAP);
  const overflow = placed.length ? placed[placed.length - 1].y - (CHART_HEIGHT + 4) : 0;
  if (overflow > 0) {
    placed[placed.length - 1].y -= overflow;
    for (let i = placed.length - 2; i >= 0; i--) placed[i].y = Math.min(placed[i].y, placed[i + 1].y - LABEL_GAP);
  }
  return placed;
}

function shown(value: number, unit: IndicatorUnit): string {
  return formatValue(value, unit);
}

export function chartSpec(input: IndicatorChartInput): Record<string, unknown> {
  check(input);
  const months = input.months.map((month, order) => ({ month: formatMonthShort(month), order, segment: input.resetsInApril ? financialYearOf(month) : 0 }));
  const own = input.seriesLabel ?? 'Outturn';
  const data: Datum[] = [];
  input.values.forEach((value, i) => data.push({ series: own, kind: 'value', ...months[i], value }));
  const hasTarget = input.targets.some((t) => t !== null);
  if (hasTarget) input.targets.forEach((value, i) => data.push({ series: 'Target', kind: 'target', ...months[i], value }));
  const comparators = input.comparators.filter((c): c is ChartComparator & { value: number } => c.value !== null && Number.isFinite(c.value));
  for (const comparator of comparators) months.forEach((m) => data.push({ series: comparator.label, kind: 'comparator', ...m, segment: 0, value: comparator.value }));

  const figures = data.map((d) => d.value).filter((v): v is number => v !== null);
  const domain = yDomain(figures);
  const lastOf = (kind: Datum['kind'], series: string) => [...data].reverse().find((d) => d.kind === kind && d.series === series && d.value !== null);
  const labels: Omit<Label, 'y'>[] = [];
  const lastValue = lastOf('value', own);
  if (lastValue) labels.push({ text: `${own} ${shown(lastValue.value!, input.unit)}`, order: lastValue.order, month: lastValue.month, value: lastValue.value!, kind: 'value' });
  const lastTarget = hasTarget ? lastOf('target', 'Target') : undefined;
  if (lastTarget) labels.push({ text: `Target ${shown(lastTarget.value!, input.unit)}`, order: lastTarget.order, month: lastTarget.month, value: lastTarget.value!, kind: 'target' });
  for (const comparator of comparators) {
    labels.push({ text: `${comparator.label} ${shown(comparator.value, input.unit)}`, order: months.length - 1, month: months[months.length - 1].month, value: comparator.value, kind: 'comparator' });
  }
  const placed = placeLabels(labels, domain);

  const x = { field: 'month', type: 'ordinal', sort: months.map((m) => m.month), title: null, axis: { labelAngle: 0, labelOverlap: true } };
  const y = {
    field: 'value',
    type: 'quantitative',
    scale: { domain, nice: false, zero: false },
    title: AXIS_TITLES[input.unit],
    axis: { tickCount: 5, format: ',.4~f' },
  };
  const layer: unknown[] = [
    {
      data: { values: data.filter((d) => d.kind === 'comparator') },
      mark: { type: 'line', color: COLOURS.comparator, strokeWidth: 1.5 },
      encoding: {
        x,
        y,
        detail: { field: 'series' },
        strokeDash: { field: 'series', type: 'nominal', scale: { range: COMPARATOR_DASHES }, legend: null },
      },
    },
    {
      data: { values: data.filter((d) => d.kind === 'target') },
      mark: { type: 'line', color: COLOURS.target, strokeWidth: 2, strokeDash: [7, 4], invalid: 'break-paths-show-domains' },
      encoding: { x, y, detail: { field: 'segment' } },
    },
    {
      data: { values: data.filter((d) => d.kind === 'value') },
      mark: { type: 'line', color: COLOURS.value, strokeWidth: 2.5, invalid: 'break-paths-show-domains', point: { filled: true, size: 45, color: COLOURS.value } },
      encoding: { x, y, detail: { field: 'segment' } },
    },
    {
      data: { values: placed.map((label) => ({ ...label, colour: COLOURS[label.kind] })) },
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, fontSize: 10.5, font: FONT },
      encoding: {
        x,
        y: { field: 'y', type: 'quantitative', scale: null, axis: null },
        text: { field: 'text' },
        color: { field: 'colour', type: 'nominal', scale: null, legend: null },
      },
    },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    background: 'white',
    padding: { left: 4, top: 8, right: 8, bottom: 4 },
    config: {
      font: FONT,
      view: { stroke: null },
      axis: { labelFontSize: 10.5, titleFontSize: 10.5, labelColor: '#0b0c0c', titleColor: '#0b0c0c', gridColor: '#dee0e2', domainColor: '#505a5f', tickColor: '#505a5f' },
    },
    layer,
  };
}

/** "rose from 21% to 26%", "fell from …", "stayed at 26%". */
function movement(first: { month: Month; value: number }, last: { month: Month; value: number }, span: { first: Month; last: Month }, unit: IndicatorUnit): string {
  const a = roundForDisplay(first.value, unit);
  const b = roundForDisplay(last.value, unit);
  const from = first.month === span.first ? shown(first.value, unit) : `${shown(first.value, unit)} in ${formatMonthLong(first.month)}`;
  const to = last.month === span.last ? shown(last.value, unit) : `${shown(last.value, unit)} in ${formatMonthLong(last.month)}`;
  if (first.month === last.month) return `${shown(last.value, unit)} in ${formatMonthLong(last.month)} only`;
  if (a === b) return `stayed at ${to}`;
  return `${b > a ? 'rose' : 'fell'} from ${from} to ${to}`;
}

/** "no data for May 2022", "no data for April, May and June 2022". */
function missingMonths(months: Month[]): string | null {
  if (months.length === 0) return null;
  if (months.length > 3) return `no data for ${months.length} of the months`;
  const names = months.map(formatMonthLong);
  return `no data for ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`}`;
}

/**
 * The chart's text alternative, one sentence: "Percentage of re-referrals
 * within 12 months, October 2021 to June 2022: rose from 21% to 26% against a
 * target of 23%; statistical neighbours 28%". The figures are in the table
 * beside the chart; this says what the picture shows.
 */
export function chartTextAlternative(input: IndicatorChartInput): string {
  check(input);
  const span = { first: input.months[0], last: input.months[input.months.length - 1] };
  const points = input.months.map((month, i) => ({ month, value: input.values[i] })).filter((p): p is { month: Month; value: number } => p.value !== null);
  const opening = `${input.title}, ${formatMonthSpan(span.first, span.last)}`;
  if (points.length === 0) return `${opening}: no data`;

  const targets = input.targets.filter((t): t is number => t !== null);
  let target = '';
  if (targets.length) {
    const lastTarget = input.targets[input.targets.length - 1];
    const same = targets.every((t) => roundForDisplay(t, input.unit) === roundForDisplay(targets[0], input.unit));
    target = same ? ` against a target of ${shown(targets[0], input.unit)}` : lastTarget !== null ? ` against a target of ${shown(lastTarget, input.unit)} by ${formatMonthLong(span.last)}` : ' against a target that varies';
  } else if (input.targetTbc) target = '; target to be confirmed';

  const parts = [`${movement(points[0], points[points.length - 1], span, input.unit)}${target}`];
  const missing = missingMonths(input.months.filter((_, i) => input.values[i] === null));
  if (missing) parts.push(missing);
  const comparators = input.comparators.map((c) => (c.value === null ? `${c.label} not available` : `${c.label} ${shown(c.value, input.unit)}`));
  if (comparators.length) parts.push(comparators.join(', '));
  return `${opening}: ${parts.join('; ')}`;
}

