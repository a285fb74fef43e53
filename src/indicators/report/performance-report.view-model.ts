import { CalendarDate, compareCalendarDates, formatShortDate } from '../../deadlines';
import type { RagAssessment, RagRating } from '../../progress/rag';
import { TitleOptions, documentTitle, fileNameOf } from '../../reports/appendix.view-model';
import { capitalise, countOf, joinWithAnd, numberInWords } from '../../reports/number-words';
import { ragCell } from '../../reports/progress-report.view-model';
import { Column, Table, columnsOf, textCell } from '../../reports/report-model';
import { RAG_LABELS } from '../../progress/standing';
import { IndicatorChartInput, chartTextAlternative } from '../charts/chart-model';
import type { RenderedChart } from '../charts/chart-renderer';
import type { SvgNode } from '../charts/svg-tree';
import {
  COMPARISON_WORDS,
  ChairRating,
  Comparator,
  Cumulation,
  Frequency,
  IndicatorRating,
  IndicatorTarget,
  IndicatorUnit,
  Month,
  POLARITY_LABELS,
  Polarity,
  Target,
  Tolerance,
  UNIT_LABELS,
  ValueStatus,
  comparatorLabel,
  comparatorPosition,
  directionOfTravel,
  effectiveTarget,
  formatMonthLong,
  formatMonthShort,
  formatMonthSpan,
  formatCell,
  lastDayOf,
  lastMonths,
  priorityRagText,
  rateIndicator,
  ratePriority,
  targetFor,
  CUMULATION_LABELS,
  DEFAULT_TOLERANCE,
} from '../domain';

/**
 * The improvement board's performance report, as councils send it every two
 * months: per priority, the RAG with its risk label and reasons, "What the
 * data tells us", the indicator table (the last N months, target and
 * comparators, each value marked against target in words as well as colour),
 * a chart per indicator with its text alternative, "Actions / next steps" and
 * the priority's overdue and at-risk actions.
 *
 * Plain functions from plain data: the service gathers the input, the chart
 * renderer draws the charts (performanceChartInputs -> ChartRenderer), and
 * this builds everything the template (templates/reports/performance-report.hbs)
 * and the Word renderer print. Every string is plain text; they escape it.
 */

export interface PerformanceValueInput {
  month: Month;
  /** Null when recorded as not available ("N/A"). */
  value: number | null;
  notAvailable?: boolean;
  status?: ValueStatus | null;
}

export interface PerformanceIndicatorInput {
  id: string;
  title: string;
  unit: IndicatorUnit;
  /** Null until a person sets which way is better: shown, never rated. */
  polarity: Polarity | null;
  cumulation: Cumulation;
  frequency?: Frequency;
  /** The values on record as of the report's date (a later correction is not yet known then). */
  values: PerformanceValueInput[];
  targets: IndicatorTarget[];
  /** The indicator's own, else the plan's default. */
  tolerance: Tolerance | null;
  comparators: Comparator[];
}

/** An overdue or at-risk action of the priority, as the exception report shows it. */
export interface PriorityException {
  text: string;
  /** "3.2", the recommendation or outcome it answers, when there is one. */
  reference: string | null;
  dueDate: CalendarDate | null;
  owner: string | null;
  leadAgencies: string[];
  overdue: boolean;
  assessment: RagAssessment;
}

export interface PriorityInput {
  id: string;
  title: string;
  /** Every activity's rating as of the report's date, for the roll-up. */
  activities: RagAssessment[];
  /** Its overdue and at-risk actions. */
  exceptions: PriorityException[];
  chairRatings: ChairRating[];
  /** The narratives for the report's month; null when not written. */
  dataTellsUs: string | null;
  nextSteps: string | null;
  indicators: PerformanceIndicatorInput[];
}

export interface PerformanceReportInput {
  planTitle: string;
  /** The plan is still a draft: DRAFT on every page. */
  draft: boolean;
  /** The report's month. */
  asOf: Month;
  /** The day ratings are taken on (the chair's judgement in force, activities' RAG); the month's last day by default. */
  asOfDate?: CalendarDate;
  /** Months in each table and chart; 9 by default, as boards print them. */
  months?: number;
  /**
   * How the figures were read, printed under the summary: "Figures, targets,
   * narratives and ratings as the record held them at the end of 31 July 2022".
   */
  recorded?: string | null;
  priorities: PriorityInput[];
}

export interface MonthCell {
  /** "26%", "No data", "N/A". */
  text: string;
  /** "Red", "Amber", "Green": the mark against target in words; null when not rated. */
  mark: string | null;
  tone: RagRating | null;
  /** "provisional", when the figure may still change. */
  note: string | null;
}

export interface IndicatorRow {
  id: string;
  title: string;
  /** "Percentage, lower is better", "Rate per 10,000, year to date, higher is better". */
  description: string;
  months: MonthCell[];
  target: string;
  comparators: string[];
  rating: { label: string; tone: RagRating | null; reasons: string[] };
  /** "Improving from 28% in May 2022 (previous month)". */
  travel: string[];
  /** "Better than statistical neighbours (28%)". */
  positions: string[];
}

export interface IndicatorTable {
  caption: string;
  monthLabels: string[];
  comparatorLabels: string[];
  /** Every column, for Word widths; HTML prints the same headings. */
  columns: Column[];
  rows: IndicatorRow[];
}

export interface ChartView {
  /** For aria-labelledby: unique on the page. */
  id: string;
  title: string;
  /** The text alternative, printed under the chart and read out for it. */
  text: string;
  /** Null when the chart could not be drawn; the text and the table still say it all. */
  svg: SvgNode | null;
  /** The chart's figures, for a Word chart drawn from the same data. */
  data: IndicatorChartInput;
}

export interface PriorityView {
  /** "Effective Assessment and Intervention — RAG: Amber, Medium Risk". */
  heading: string;
  title: string;
  ragText: string;
  tone: RagRating | null;
  reasons: string[];
  dataTellsUs: string[];
  nextSteps: string[];
  table: IndicatorTable | null;
  charts: ChartView[];
  exceptions: Table | null;
  newPage: boolean;
}

export interface PerformanceReportView {
  title: string;
  draft: boolean;
  fileName: string;
  asOf: string;
  summary: string;
  /** How the figures were read (as recorded by a day, or as they stand now); null when the caller does not say. */
  recorded: string | null;
  ragKey: Array<{ tone: RagRating | null; label: string; meaning: string }>;
  priorities: PriorityView[];
}

export const DEFAULT_REPORT_MONTHS = 9;

export const INDICATOR_RAG_KEY: PerformanceReportView['ragKey'] = [
  { tone: 'red', label: 'Red', meaning: 'Worse than target by more than the amber tolerance (by default more than 15% of the target).' },
  { tone: 'amber', label: 'Amber', meaning: 'Worse than target, within the amber tolerance (by default 5% to 15% of the target).' },
  { tone: 'green', label: 'Green', meaning: 'On or better than target, or within the green tolerance (by default 5% of the target).' },
  { tone: null, label: 'Not rated', meaning: 'Context only, no target, target to be confirmed (TBC), not yet set whether higher or lower is better, or no data for the month.' },
  { tone: null, label: 'prov.', meaning: 'A provisional figure, which may still be corrected.' },
];

const NOT_RATED = 'Not rated';
/** Short, because a month's column is narrow on A4; the key says what it means. */
export const PROVISIONAL = 'prov.';

function paragraphs(text: string | null): string[] {
  if (!text) return [];
  return text.split(/\r?\n\s*\r?\n|\r?\n/).map((p) => p.trim()).filter((p) => p !== '');
}

function describe(indicator: PerformanceIndicatorInput): string {
  const parts: string[] = [capitalise(UNIT_LABELS[indicator.unit])];
  if (indicator.cumulation !== 'month') parts.push(CUMULATION_LABELS[indicator.cumulation]);
  parts.push(indicator.polarity ? POLARITY_LABELS[indicator.polarity] : 'which way is better not yet set');
  return parts.join(', ');
}

function valueOf(indicator: PerformanceIndicatorInput, month: Month): PerformanceValueInput | undefined {
  return indicator.values.find((v) => v.month === month);
}

function rating(indicator: PerformanceIndicatorInput, month: Month): IndicatorRating {
  const recorded = valueOf(indicator, month);
  return rateIndicator({
    unit: indicator.unit,
    polarity: indicator.polarity,
    cumulation: indicator.cumulation,
    frequency: indicator.frequency,
    month,
    value: recorded?.value ?? null,
    notAvailable: recorded?.notAvailable ?? false,
    targets: indicator.targets,
    tolerance: indicator.tolerance ?? DEFAULT_TOLERANCE,
  });
}

function monthCell(indicator: PerformanceIndicatorInput, month: Month): MonthCell {
  const recorded = valueOf(indicator, month);
  const note = recorded?.status === 'provisional' ? PROVISIONAL : null;
  if (!recorded || recorded.value === null) return { text: recorded?.notAvailable ? 'N/A' : 'No data', mark: null, tone: null, note };
  const rated = rating(indicator, month);
  return { text: formatCell(recorded.value, indicator.unit), mark: rated.rating ? RAG_LABELS[rated.rating] : null, tone: rated.rating, note };
}

function targetCell(target: Target, unit: IndicatorUnit): string {
  switch (target.kind) {
    case 'value':
      return formatCell(target.value, unit);
    case 'bound':
      return `${COMPARISON_WORDS[target.comparison]} ${formatCell(target.value, unit)}`;
    case 'tbc':
      return 'TBC';
  }
}

/** The target printed for the report's month: the year's, with what is due by the month where it is pro rata. */
function targetText(indicator: PerformanceIndicatorInput, month: Month): string {
  const target = targetFor(indicator.targets, month);
  if (!target) return 'None set';
  const effective = effectiveTarget({ ...indicator, month });
  if (effective.proRata && effective.target && effective.target.kind !== 'tbc') {
    return `${targetCell(target, indicator.unit)} a year (${targetCell(effective.target, indicator.unit)} by ${formatMonthShort(month)})`;
  }
  return targetCell(target, indicator.unit);
}

function comparatorKey(comparator: Comparator): string {
  return comparator.name.trim().toLowerCase();
}

/** One indicator's row of the report's table as of a month: also the web pages' summary of an indicator. */
export function indicatorRow(indicator: PerformanceIndicatorInput, months: Month[], asOf: Month, comparatorNames: string[]): IndicatorRow {
  const rated = rating(indicator, asOf);
  const recorded = valueOf(indicator, asOf);
  const travel = directionOfTravel(
    indicator,
    indicator.values.map((v) => ({ month: v.month, value: v.value })),
    asOf,
  );
  const byName = new Map(indicator.comparators.map((c) => [comparatorKey(c), c]));
  return {
    id: indicator.id,
    title: indicator.title,
    description: describe(indicator),
    months: months.map((month) => monthCell(indicator, month)),
    target: targetText(indicator, asOf),
    comparators: comparatorNames.map((name) => {
      const comparator = byName.get(name);
      if (!comparator) return '';
      return comparator.value === null ? 'N/A' : formatCell(comparator.value, indicator.unit);
    }),
    rating: { label: rated.rating ? RAG_LABELS[rated.rating] : NOT_RATED, tone: rated.rating, reasons: rated.reasons.map(capitalise) },
    travel: [
      `${capitalise(travel.previousPeriod.text)} (${indicator.frequency === 'quarterly' ? 'previous quarter' : indicator.frequency === 'annual' ? 'previous year' : 'previous month'})`,
      `${capitalise(travel.samePeriodLastYear.text)} (same month last year)`,
    ],
    positions: indicator.comparators.map((c) => capitalise(comparatorPosition(recorded?.value ?? null, c, indicator.unit, indicator.polarity).text)),
  };
}

/** What a priority's chart shows: the table's months, values, the target in force each month, and the comparators. */
export function indicatorChartInput(indicator: PerformanceIndicatorInput, months: Month[]): IndicatorChartInput {
  const targets = months.map((month) => {
    const target = effectiveTarget({ ...indicator, month }).target;
    return target && target.kind !== 'tbc' ? target.value : null;
  });
  return {
    title: indicator.title,
    unit: indicator.unit,
    months,
    values: months.map((month) => valueOf(indicator, month)?.value ?? null),
    targets,
    targetTbc: targetFor(indicator.targets, months[months.length - 1])?.kind === 'tbc',
    resetsInApril: indicator.cumulation === 'year_to_date',
    comparators: indicator.comparators.map((c) => ({ label: comparatorLabel(c), value: c.value })),
  };
}

export function reportMonths(input: Pick<PerformanceReportInput, 'asOf' | 'months'>): Month[] {
  return lastMonths(input.asOf, input.months ?? DEFAULT_REPORT_MONTHS);
}

/** The id a chart has on the page (and the key of its drawing): by position, so it is unique and never carries plan text. */
export function chartId(priorityIndex: number, indicatorIndex: number): string {
  return `chart-${priorityIndex + 1}-${indicatorIndex + 1}`;
}

/** Every chart the report needs, keyed by chartId: hand them to ChartRenderer.renderIndicator(input, `${key}-`). */
export function performanceChartInputs(input: PerformanceReportInput): Array<{ key: string; input: IndicatorChartInput }> {
  const months = reportMonths(input);
  return input.priorities.flatMap((priority, p) => priority.indicators.map((indicator, i) => ({ key: chartId(p, i), input: indicatorChartInput(indicator, months) })));
}

export const EXCEPTION_COLUMNS = ['Action', 'Due', 'Owner and lead', 'RAG and why'];
const EXCEPTION_WEIGHTS = [38, 10, 20, 32];

function exceptionsTable(priority: PriorityInput): Table | null {
  if (priority.exceptions.length === 0) return null;
  const sorted = [...priority.exceptions].sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    if (a.dueDate === b.dueDate) return 0;
    if (!a.dueDate) return 1;
    if (!b.dueDate) return -1;
    return compareCalendarDates(a.dueDate, b.dueDate);
  });
  const rows = sorted.map((exception) => ({
    header: null,
    continuesHeader: false,
    isActivity: true,
    cells: [
      textCell(exception.reference ? `${exception.reference} ${exception.text}` : exception.text),
      textCell(exception.dueDate ? formatShortDate(exception.dueDate) : 'No date', exception.overdue ? 'Overdue' : 'At risk'),
      textCell(exception.owner, exception.leadAgencies.join(', ') || null),
      ragCell(exception.assessment),
    ],
  }));
  const columns = columnsOf(EXCEPTION_COLUMNS, EXCEPTION_WEIGHTS);
  return {
    heading: `${priority.title}: overdue and at-risk actions`,
    columns,
    columnCount: columns.length,
    groups: [{ label: null, rows }],
    newPage: false,
    hasRowHeaders: false,
  };
}

function tableColumns(monthLabels: string[], comparatorLabels: string[]): Column[] {
  const labels = ['Indicator', ...monthLabels, 'Target', ...comparatorLabels, 'RAG and why'];
  const weights = [22, ...monthLabels.map(() => 5), 7, ...comparatorLabels.map(() => 6), 18];
  return columnsOf(labels, weights);
}

function priorityView(priority: PriorityInput, index: number, months: Month[], input: PerformanceReportInput, asOfDate: CalendarDate, charts: ReadonlyMap<string, RenderedChart>): PriorityView {
  const rows = priority.indicators.map((indicator) => ({ title: indicator.title, rating: rating(indicator, input.asOf) }));
  const rag = ratePriority({ activities: priority.activities, indicators: rows, chairRatings: priority.chairRatings, asOf: asOfDate });
  const ragText = priorityRagText(rag.rating, rag.riskLabel);

  const comparatorNames: string[] = [];
  const comparatorLabels: string[] = [];
  for (const comparator of priority.indicators.flatMap((i) => i.comparators)) {
    if (!comparatorNames.includes(comparatorKey(comparator))) {
      comparatorNames.push(comparatorKey(comparator));
      comparatorLabels.push(comparator.name.trim());
    }
  }
  const monthLabels = months.map(formatMonthShort);
  const table: IndicatorTable | null = priority.indicators.length
    ? {
        caption: `${priority.title}: indicators, ${formatMonthSpan(months[0], months[months.length - 1])}`,
        monthLabels,
        comparatorLabels,
        columns: tableColumns(monthLabels, comparatorLabels),
        rows: priority.indicators.map((indicator) => indicatorRow(indicator, months, input.asOf, comparatorNames)),
      }
    : null;

  return {
    heading: `${priority.title} — ${ragText}`,
    title: priority.title,
    ragText,
    tone: rag.rating,
    reasons: rag.reasons.map(capitalise),
    dataTellsUs: paragraphs(priority.dataTellsUs),
    nextSteps: paragraphs(priority.nextSteps),
    table,
    charts: priority.indicators.map((indicator, i) => {
      const id = chartId(index, i);
      const data = indicatorChartInput(indicator, months);
      const drawn = charts.get(id);
      // A chart that could not be drawn still has its sentence, and its figures are in the table.
      return { id, title: indicator.title, text: drawn?.text ?? chartTextAlternative(data), svg: drawn ? labelledChart(drawn.svg, id, indicator.title) : null, data };
    }),
    exceptions: exceptionsTable(priority),
    newPage: index > 0,
  };
}

/**
 * The chart is one image to a screen reader (role="img"), named by the
 * sentence printed under it (the figure's caption) and titled with the
 * indicator, so its axis ticks and lines are not read out one by one.
 */
export function labelledChart(svg: SvgNode, id: string, title: string): SvgNode {
  const kept = svg.attributes.filter((a) => !['role', 'aria-label', 'aria-labelledby', 'aria-hidden', 'aria-roledescription', 'focusable'].includes(a.name));
  return {
    ...svg,
    attributes: [...kept, { name: 'role', value: 'img' }, { name: 'aria-labelledby', value: `${id}-text` }, { name: 'focusable', value: 'false' }],
    children: [{ tag: 'title', attributes: [], text: title, children: [] }, ...svg.children.map(withoutRoles)],
  };
}

/**
 * A drawing's inner parts without roles or ARIA of their own. Vega marks
 * each point as a graphics symbol, some with no name (a month with no
 * figure), which axe rightly reports; inside one image named by its caption,
 * the parts are not read out one by one anyway.
 */
function withoutRoles(node: SvgNode): SvgNode {
  return { ...node, attributes: node.attributes.filter((a) => a.name !== 'role' && !a.name.startsWith('aria-')), children: node.children.map(withoutRoles) };
}

function reportSummary(priorities: PriorityView[], asOf: Month): string {
  const when = `As of ${formatMonthLong(asOf)}`;
  if (priorities.length === 0) return `${when}, this plan has no priorities to report on.`;
  const rated = (['red', 'amber', 'green', 'blue'] as const)
    .map((tone) => ({ tone, count: priorities.filter((p) => p.tone === tone).length }))
    .filter((r) => r.count > 0)
    .map((r) => `${numberInWords(r.count)} ${RAG_LABELS[r.tone]}`);
  const unrated = priorities.filter((p) => p.tone === null).length;
  if (unrated) rated.push(`${numberInWords(unrated)} not rated`);
  const indicators = priorities.reduce((sum, p) => sum + (p.table?.rows.length ?? 0), 0);
  return `${when}, of the ${countOf(priorities.length, 'priority', 'priorities')} in this report, ${joinWithAnd(rated)}; ${countOf(indicators, 'indicator')} ${indicators === 1 ? 'is' : 'are'} reported, each against its target and comparators.`;
}

export function performanceReportView(
  input: PerformanceReportInput,
  charts: ReadonlyMap<string, RenderedChart>,
  options: TitleOptions,
): PerformanceReportView {
  const months = reportMonths(input);
  const asOfDate = input.asOfDate ?? lastDayOf(input.asOf);
  const planName = /^the\s/i.test(input.planTitle) ? input.planTitle : `the ${input.planTitle}`;
  const title = documentTitle(options, `Performance report on ${planName}, ${formatMonthLong(input.asOf)}`);
  const priorities = input.priorities.map((priority, index) => priorityView(priority, index, months, input, asOfDate, charts));
  return {
    title,
    draft: input.draft,
    fileName: fileNameOf(title),
    asOf: formatMonthLong(input.asOf),
    summary: reportSummary(priorities, input.asOf),
    recorded: input.recorded ?? null,
    ragKey: INDICATOR_RAG_KEY,
    priorities,
  };
}
