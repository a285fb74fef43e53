import type { RenderedChart } from '../../../indicators/charts';
import {
  addMonths,
  compareMonths,
  comparatorLabel,
  CUMULATION_LABELS,
  formatMonthLong,
  formatMonthShort,
  FREQUENCIES,
  isReturnMonth,
  lastMonths,
  Month,
  POLARITY_LABELS,
  Tolerance,
  UNIT_LABELS,
} from '../../../indicators/domain';
import type { IndicatorView, ValueView } from '../../../indicators/indicator-views';
import { indicatorChartInput, indicatorRow, labelledChart, PerformanceIndicatorInput } from '../../../indicators/report/performance-report.view-model';
import type { IndicatorChartInput } from '../../../indicators/charts';
import { ragTag, Tag } from '../../standing-words';
import type { CalendarDate } from '../../../deadlines';
import { monthChoices, NarrativeView, priorityOnPage, RatingView } from './priority-judgement';

/** Months in a chart on the pages: as many as the board's report prints. */
export const PAGE_CHART_MONTHS = 9;
/** Months listed on an indicator's page, each with its value and a link to enter or correct it. */
export const PAGE_VALUE_MONTHS = 12;
export const UNLINKED = 'Indicators not linked to a priority';

export const indicatorsPath = (planId: string) => `/plans/${planId}/indicators`;
export const indicatorPath = (planId: string, indicatorId: string) => `${indicatorsPath(planId)}/${indicatorId}`;
export const valuePath = (planId: string, indicatorId: string, month: Month) => `${indicatorPath(planId, indicatorId)}/values/${month}`;

/**
 * The indicator with its values as the rules read it: the same input the
 * board's performance report builds, so the pages and the paper rate, word
 * and chart an indicator alike. The plan's default tolerance stands in for an
 * indicator without its own.
 */
export function performanceInputOf(indicator: IndicatorView, values: readonly ValueView[], planTolerance: Tolerance | null): PerformanceIndicatorInput {
  return {
    id: indicator.id,
    title: indicator.title,
    unit: indicator.unit,
    polarity: indicator.polarity,
    cumulation: indicator.cumulation,
    frequency: indicator.frequency,
    values: values.map((v) => ({ month: v.month as Month, value: v.value, notAvailable: v.notAvailable, status: v.status })),
    targets: indicator.targets.map((t) => ({
      appliesTo: t.month !== null ? { month: t.month as Month } : { financialYear: t.financialYear! },
      target: t.kind === 'tbc' ? { kind: 'tbc' } : t.kind === 'bound' ? { kind: 'bound', comparison: t.comparison!, value: t.value! } : { kind: 'value', value: t.value! },
    })),
    tolerance: indicator.tolerance ?? planTolerance,
    comparators: indicator.comparators.map(({ name, kind, financialYear, source, value }) => ({ name, kind, financialYear, source, value })),
  };
}

/**
 * The month an indicator is judged on: the latest with a figure (or "N/A")
 * on record; with none, the latest month whose return is due by now (the
 * month before the current one), so the page says "no data for …".
 */
export function latestMonthOf(values: readonly Pick<ValueView, 'month' | 'value' | 'notAvailable'>[], thisMonth: Month): Month {
  const recorded = values.filter((v) => v.value !== null || v.notAvailable).map((v) => v.month as Month);
  if (recorded.length) return recorded.sort(compareMonths)[recorded.length - 1];
  return addMonths(thisMonth, -1);
}

/** "Percentage, lower is better, monthly": what the figures are. */
export function describeIndicator(indicator: Pick<IndicatorView, 'unit' | 'polarity' | 'cumulation' | 'frequency'>): string {
  const parts = [UNIT_LABELS[indicator.unit].replace(/^./, (c) => c.toUpperCase())];
  if (indicator.cumulation !== 'month') parts.push(CUMULATION_LABELS[indicator.cumulation]);
  parts.push(indicator.polarity ? POLARITY_LABELS[indicator.polarity] : 'which way is better not yet set');
  parts.push(indicator.frequency);
  return parts.join(', ');
}

export interface IndicatorSummary {
  id: string;
  title: string;
  href: string;
  description: string;
  /** "June 2022". */
  month: string;
  /** "26%", "No data", "N/A". */
  latest: string;
  provisional: boolean;
  target: string;
  rag: Tag;
  reasons: string[];
  travel: string[];
  comparators: string[];
  owner: string | null;
  leadAgencies: string;
  priorities: Array<{ sectionId: string; title: string }>;
  chart: { key: string; input: IndicatorChartInput };
  canEnterValues: boolean;
}

/** One indicator as the pages summarise it: its latest month against target, with its RAG and reasons, direction of travel and comparators. */
export function indicatorSummary(indicator: IndicatorView, values: readonly ValueView[], planTolerance: Tolerance | null, thisMonth: Month, chartKey: string): IndicatorSummary {
  const input = performanceInputOf(indicator, values, planTolerance);
  const month = latestMonthOf(values, thisMonth);
  const row = indicatorRow(
    input,
    [month],
    month,
    input.comparators.map((c) => c.name.trim().toLowerCase()),
  );
  const cell = row.months[0];
  return {
    id: indicator.id,
    title: indicator.title,
    href: indicatorPath(indicator.planId, indicator.id),
    description: describeIndicator(indicator),
    month: formatMonthLong(month),
    latest: cell.text,
    provisional: cell.note !== null,
    target: row.target,
    rag: { text: row.rating.label, classes: ragTag(row.rating.tone).classes },
    reasons: row.rating.reasons,
    travel: row.travel,
    comparators: row.positions,
    owner: indicator.owner?.name ?? null,
    leadAgencies: indicator.leadAgencies.map((a) => a.name).join(', '),
    priorities: indicator.priorities.map((p) => ({ sectionId: p.sectionId, title: p.title })),
    chart: { key: chartKey, input: indicatorChartInput(input, lastMonths(month, PAGE_CHART_MONTHS)) },
    canEnterValues: indicator.can.enterValues,
  };
}

export interface ChartOnPage {
  id: string;
  title: string;
  text: string;
  /** The drawing, labelled as one image by its caption; null when it could not be drawn (the caption and table still say it all). */
  svg: RenderedChart['svg'] | null;
}

/** A drawn chart as the page prints it: role="img", named by the sentence under it. */
export function chartOnPage(id: string, title: string, drawn: RenderedChart | undefined, fallbackText: string): ChartOnPage {
  return { id, title, text: drawn?.text ?? fallbackText, svg: drawn ? labelledChart(drawn.svg, id, title) : null };
}

/**
 * A plan's performance indicators page: the indicators a person may read,
 * grouped by the priorities (sections) they evidence in the plan's order,
 * each with its latest month, target, RAG, direction of travel and
 * comparators, and a chart. An indicator evidencing two priorities is listed
 * under both; its chart is drawn under the first.
 */
export function indicatorsPageViewModel(input: {
  plan: { id: string; title: string };
  sectionOrder: readonly string[];
  summaries: readonly IndicatorSummary[];
  charts: ReadonlyMap<string, RenderedChart>;
  chartTexts: ReadonlyMap<string, string>;
  manage: boolean;
  wholePlan: boolean;
  /** The board's month (narratives, the chair's rating) for those who read the whole plan; null for others. */
  board?: BoardMonthInput | null;
}) {
  const groups = new Map<string, { title: string; summaries: IndicatorSummary[] }>();
  // Those who read the whole plan see every priority, with indicators or not: each has its narratives and rating in the board's report.
  for (const section of input.board?.sections ?? []) groups.set(section.id, { title: section.title, summaries: [] });
  for (const summary of input.summaries) {
    const homes = summary.priorities.length ? summary.priorities : [{ sectionId: '', title: UNLINKED }];
    for (const home of homes) {
      const group = groups.get(home.sectionId) ?? { title: home.title, summaries: [] };
      group.summaries.push(summary);
      groups.set(home.sectionId, group);
    }
  }
  const rank = (sectionId: string) => (sectionId === '' ? Number.MAX_SAFE_INTEGER : input.sectionOrder.indexOf(sectionId) === -1 ? input.sectionOrder.length : input.sectionOrder.indexOf(sectionId));
  const ordered = [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b));
  const charted = new Set<string>();
  const board = input.board ?? null;
  return {
    plan: { ...input.plan, href: `/plans/${input.plan.id}` },
    total: input.summaries.length,
    manage: input.manage,
    wholePlan: input.wholePlan,
    addHref: `/admin/plans/${input.plan.id}/indicators/new`,
    board: board
      ? {
          action: indicatorsPath(input.plan.id),
          monthLabel: formatMonthLong(board.month),
          nextLabel: formatMonthLong(board.nextReport),
          choices: monthChoices(board.thisMonth, board.month),
          error: board.error,
          recordedBy: board.recordedBy,
        }
      : null,
    groups: ordered.map(([sectionId, group], index) => ({
      id: `priority-${index + 1}`,
      sectionId,
      title: group.title,
      board:
        board && sectionId !== ''
          ? priorityOnPage({ planId: input.plan.id, sectionId, title: group.title, month: board.month, narrative: board.narratives.get(sectionId) ?? null, rating: board.ratings.get(sectionId) ?? null, judge: board.judge })
          : null,
      rows: group.summaries,
      charts: group.summaries
        .filter((summary) => !charted.has(summary.id) && charted.add(summary.id))
        .map((summary) => chartOnPage(summary.chart.key, summary.title, input.charts.get(summary.chart.key), input.chartTexts.get(summary.chart.key) ?? '')),
    })),
  };
}

/** What the indicators page shows of the board's month: the month chosen, and every priority's narratives and the chair's rating as its report reads them. */
export interface BoardMonthInput {
  month: Month;
  thisMonth: Month;
  /** The month the next report covers, the control's default. */
  nextReport: Month;
  /** The month asked for could not be used (said in the error summary; the default is shown). */
  error: string | null;
  /** The day at whose end the month's report reads the record; null when as it stands. */
  recordedBy: CalendarDate | null;
  sections: ReadonlyArray<{ id: string; title: string }>;
  narratives: ReadonlyMap<string, Pick<NarrativeView, 'dataTellsUs' | 'nextSteps'>>;
  ratings: ReadonlyMap<string, Pick<RatingView, 'rating' | 'riskLabel' | 'reason' | 'setBy' | 'recordedAt'>>;
  judge: boolean;
}

/** The return months to list on an indicator's page, newest first: the last year's, as the frequency has them (a quarter's last month, March for annual). */
export function returnMonths(frequency: IndicatorView['frequency'], thisMonth: Month, count = PAGE_VALUE_MONTHS): Month[] {
  if (!(FREQUENCIES as readonly string[]).includes(frequency)) return [];
  return lastMonths(thisMonth, count)
    .filter((month) => isReturnMonth(month, frequency))
    .reverse();
}

/**
 * An indicator's page: what it is, its latest month against target, its chart,
 * and each return month of the last year with the figure as recorded, its mark
 * against target and, for those who enter values, a link to enter or correct it.
 */
export function indicatorPageViewModel(input: { indicator: IndicatorView; summary: IndicatorSummary; values: readonly ValueView[]; planTolerance: Tolerance | null; thisMonth: Month; chart: ChartOnPage }) {
  const { indicator, summary } = input;
  const performance = performanceInputOf(indicator, input.values, input.planTolerance);
  const months = returnMonths(indicator.frequency, input.thisMonth);
  const row = indicatorRow(performance, months, months[0] ?? input.thisMonth, []);
  const byMonth = new Map(input.values.map((v) => [v.month, v]));
  return {
    ...summary,
    planId: indicator.planId,
    definition: indicator.definition,
    tolerance: indicator.tolerance,
    targets: indicator.targets.map((t) => ({ applies: t.month ? formatMonthLong(t.month as Month) : `${t.financialYear}/${String((t.financialYear! + 1) % 100).padStart(2, '0')}`, text: t.text })),
    comparatorList: indicator.comparators.map((c) => ({ label: comparatorLabel(c), value: c.value === null ? 'N/A' : String(c.value), source: c.source })),
    chart: input.chart,
    months: months.map((month, index) => {
      const cell = row.months[index];
      const recorded = byMonth.get(month);
      return {
        month,
        label: formatMonthLong(month),
        short: formatMonthShort(month),
        text: cell.text,
        rag: cell.tone || cell.mark ? ragTag(cell.tone) : null,
        status: recorded?.status ?? null,
        note: recorded?.note ?? null,
        enteredBy: recorded?.enteredBy?.name ?? (recorded?.fromImport ? 'an import' : null),
        enter: summary.canEnterValues ? { href: valuePath(indicator.planId, indicator.id, month), text: recorded ? 'Correct' : 'Enter' } : null,
      };
    }),
    manageHref: indicator.can.manage ? `/admin/plans/${indicator.planId}/indicators/${indicator.id}/edit` : null,
  };
}
