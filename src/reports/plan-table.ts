import {
  BAND_ORDER,
  CalendarDate,
  TimescaleBand,
  bandLabel,
  compareCalendarDates,
  formatLongDate,
  formatMonthYear,
} from '../deadlines';
import type { ActivityView } from '../plans/views';
import { OFSTED_COLUMN_LABELS, OUTCOME_FIRST_COLUMN_LABELS, PlanKind, defaultColumnLabels } from '../plans/plan-vocabulary';
import { decapitalise } from './number-words';
import { Cell, Row, RowGroup, Table, cellOf, columnsOf, textCell } from './report-model';

/**
 * The plan's tables as a committee paper prints them: one table per section, a
 * band row per timescale, the recommendation's number and text once, spanning
 * all its activity rows. Plain functions from the plan tree to rows; no I/O.
 */

/**
 * recommendation-first: the Ofsted paper's five columns (Recommendation |
 * Activity | Outcome measure | Cost | Lead agency).
 * outcome-first: serious case review, audit and business plans (Outcome |
 * Action required | By who | By when | Measure of success).
 */
export const PLAN_LAYOUTS = ['recommendation-first', 'outcome-first'] as const;
export type PlanLayout = (typeof PLAN_LAYOUTS)[number];

/** What the tables need of a plan: a subset of the plan tree the plans module returns. */
export interface TablePlan<A extends TableActivity = TableActivity> {
  kind: PlanKind;
  columnLabels: string[];
  sections: Array<TableSection<A>>;
}

export interface TableSection<A extends TableActivity = TableActivity> {
  title: string;
  recommendations: Array<TableRecommendation<A>>;
}

export interface TableRecommendation<A extends TableActivity = TableActivity> {
  number: number;
  text: string;
  band: TimescaleBand;
  targetDate: string | null;
  dueDate: string | null;
  activities: A[];
}

export type TableActivity = Pick<ActivityView, 'id' | 'text' | 'outcomeMeasures' | 'leadAgencyText' | 'leadAgencies' | 'dueDate' | 'dueDatePrecision'> & {
  /** The cost as the plan writes it: the paper prints the words, not the parsed amount. */
  cost: Pick<ActivityView['cost'], 'text'>;
  /** "By when" as an outcome-first plan writes it ("Quarterly", "September 2015 / 16 / 17"), when it wrote one. */
  byWhen?: string | null;
};

const LAYOUT_COLUMNS: Record<PlanLayout, readonly string[]> = {
  'recommendation-first': OFSTED_COLUMN_LABELS,
  'outcome-first': OUTCOME_FIRST_COLUMN_LABELS,
};

/** Relative widths of the five columns: long texts wide, costs and dates narrow. */
const LAYOUT_WEIGHTS: Record<PlanLayout, readonly number[]> = {
  'recommendation-first': [22, 24, 26, 11, 17],
  'outcome-first': [22, 30, 15, 10, 23],
};

/** The layout a plan's own columns describe; a plan without five columns falls back on its kind. */
export function planLayout(plan: Pick<TablePlan, 'kind' | 'columnLabels'>): PlanLayout {
  const labels = plan.columnLabels.length === 5 ? plan.columnLabels : defaultColumnLabels(plan.kind);
  return /^outcomes?\b/i.test(labels[0].trim()) ? 'outcome-first' : 'recommendation-first';
}

/** The plan's own labels when they describe this layout, else the layout's standard ones. */
export function columnLabelsFor(plan: Pick<TablePlan, 'kind' | 'columnLabels'>, layout: PlanLayout): string[] {
  if (plan.columnLabels.length === 5 && planLayout(plan) === layout) return [...plan.columnLabels];
  return [...LAYOUT_COLUMNS[layout]];
}

export function layoutWeights(layout: PlanLayout): readonly number[] {
  return LAYOUT_WEIGHTS[layout];
}

/** The band as a band row prints it after the section title: "Immediately", "within three months", "by 30 November 2012". */
export function bandPhrase(recommendation: Pick<TableRecommendation, 'band' | 'targetDate' | 'dueDate'>): string {
  if (recommendation.band === 'by_date') {
    const date = recommendation.targetDate ?? recommendation.dueDate;
    return date ? `by ${formatLongDate(date as CalendarDate)}` : 'by a date still to be set';
  }
  // The paper capitalises "Immediately" on its own but writes "within three months" mid-line.
  return recommendation.band === 'immediately' ? bandLabel(recommendation.band) : decapitalise(bandLabel(recommendation.band));
}

function bandKey(recommendation: Pick<TableRecommendation, 'band' | 'targetDate' | 'dueDate'>): string {
  return recommendation.band === 'by_date' ? `by_date:${recommendation.targetDate ?? recommendation.dueDate ?? ''}` : recommendation.band;
}

/** Most urgent band first; dated recommendations by date; then by number, as Ofsted numbers them. */
export function compareRecommendations(a: Omit<TableRecommendation, 'activities'>, b: Omit<TableRecommendation, 'activities'>): number {
  const byBand = BAND_ORDER[a.band] - BAND_ORDER[b.band];
  if (byBand !== 0) return byBand;
  if (a.band === 'by_date') {
    const da = a.targetDate ?? a.dueDate;
    const db = b.targetDate ?? b.dueDate;
    if (da && db && da !== db) return compareCalendarDates(da as CalendarDate, db as CalendarDate);
    if (da !== db) return da ? -1 : 1;
  }
  return a.number - b.number;
}

/** Sections with recommendations, each with its recommendations grouped by band in print order. */
export function bandedSections<R extends Omit<TableRecommendation, 'activities'>>(
  sections: ReadonlyArray<{ title: string; recommendations: R[] }>,
): Array<{ section: { title: string }; bands: Array<{ key: string; phrase: string; band: TimescaleBand; recommendations: R[] }> }> {
  return sections
    .filter((section) => section.recommendations.length > 0)
    .map((section) => {
      const sorted = [...section.recommendations].sort(compareRecommendations);
      const bands: Array<{ key: string; phrase: string; band: TimescaleBand; recommendations: R[] }> = [];
      for (const recommendation of sorted) {
        const key = bandKey(recommendation);
        const last = bands[bands.length - 1];
        if (last && last.key === key) last.recommendations.push(recommendation);
        else bands.push({ key, phrase: bandPhrase(recommendation), band: recommendation.band, recommendations: [recommendation] });
      }
      return { section, bands };
    });
}

/** Lead agencies as the plan writes them; the normalised names when it wrote none. */
export function leadAgencyText(activity: Pick<TableActivity, 'leadAgencyText' | 'leadAgencies'>): string {
  const written = activity.leadAgencyText?.trim();
  if (written) return activity.leadAgencyText as string;
  return activity.leadAgencies.map((agency) => agency.name).join(', ');
}

/** "By who" in an outcome-first plan: the plan's words, else the agencies' short names (explained by the key). */
export function byWhoText(activity: Pick<TableActivity, 'leadAgencyText' | 'leadAgencies'>): string {
  const written = activity.leadAgencyText?.trim();
  if (written) return activity.leadAgencyText as string;
  return activity.leadAgencies.map((agency) => agency.shortName ?? agency.name).join(', ');
}

/** A month-only date prints as the month ("April 2016"), a day in full. */
export function dueText(activity: Pick<TableActivity, 'dueDate' | 'dueDatePrecision'>): string {
  if (!activity.dueDate) return '';
  const date = activity.dueDate as CalendarDate;
  return activity.dueDatePrecision === 'month' ? formatMonthYear(date) : formatLongDate(date);
}

/** "By when" in an outcome-first plan: the plan's own words (a month, a cadence), else the due date. */
export function byWhenText(activity: Pick<TableActivity, 'byWhen' | 'dueDate' | 'dueDatePrecision'>): string {
  return activity.byWhen?.trim() ? activity.byWhen : dueText(activity);
}

function activityCells(activity: TableActivity, layout: PlanLayout): Cell[] {
  if (layout === 'outcome-first') {
    return [textCell(activity.text), textCell(byWhoText(activity)), textCell(byWhenText(activity)), cellOf([...activity.outcomeMeasures])];
  }
  return [textCell(activity.text), cellOf([...activity.outcomeMeasures]), textCell(activity.cost.text), textCell(leadAgencyText(activity))];
}

export interface PlanTableOptions<A extends TableActivity = TableActivity> {
  layout: PlanLayout;
  /** The five column labels. */
  labels: string[];
  /** Columns added after the plan's own, e.g. due date, status, RAG and progress in the board's report. */
  extra?: {
    labels: string[];
    cells: (activity: A) => Cell[];
    /** Printed under the activity's row, across the table. */
    detail?: (activity: A) => Array<{ label: string; text: string }>;
  };
  /** Relative widths of all columns, the plan's five then the extras. */
  weights?: readonly number[];
}

/**
 * Tables as the plan orders them: an Ofsted plan under its band rows, most
 * urgent first (the paper's order); an outcome-first plan in its own order,
 * priority -> outcome -> action, because its authors ordered it so and its
 * outcomes are not Ofsted's timescales.
 */
export function orderedSections<R extends Omit<TableRecommendation, 'activities'>>(
  sections: ReadonlyArray<{ title: string; recommendations: R[] }>,
  layout: PlanLayout,
): Array<{ section: { title: string }; groups: Array<{ label: string | null; recommendations: R[] }> }> {
  if (layout === 'outcome-first') {
    return sections
      .filter((section) => section.recommendations.length > 0)
      .map((section) => ({ section, groups: [{ label: null, recommendations: [...section.recommendations].sort((a, b) => a.number - b.number) }] }));
  }
  return bandedSections(sections).map(({ section, bands }) => ({
    section,
    groups: bands.map((band) => ({ label: `${section.title}: ${band.phrase}`, recommendations: band.recommendations })),
  }));
}

const SELF_NAMED = /^(?:(?:strategic|business|key)\s+)?(?:priority|table|section|theme|objective|strand|workstream)(?:\s+area)?\s+(?:\d{1,3}|[ivx]{1,5}|one|two|three|four|five|six|seven|eight|nine|ten|[a-z])\b\s*(?:[:.–—-]|$)/i;

/** "Table 1: Safeguarding"; a title that names itself ("Priority 1: Ensure safeguarding …") is printed as it is. */
export function tableHeading(index: number, title: string): string {
  return SELF_NAMED.test(title.trim()) ? title.trim() : `Table ${index + 1}: ${title}`;
}

/** Ofsted writes its bullets in lower case ("ensure that …"); a numbered recommendation in a paper starts with a capital. */
export function recommendationText(text: string): string {
  return text.replace(/^(\s*["'‘“(]*)(\p{Ll})/u, (_all, before: string, letter: string) => `${before}${letter.toUpperCase()}`);
}

/** One table per section that has recommendations, numbered from 1 in print order. */
export function planTables<A extends TableActivity>(plan: { sections: Array<TableSection<A>> }, options: PlanTableOptions<A>): Table[] {
  const extraLabels = options.extra?.labels ?? [];
  const labels = [...options.labels, ...extraLabels];
  const weights = options.weights ?? [...layoutWeights(options.layout), ...extraLabels.map(() => 10)];
  const blanks = (count: number) => Array.from({ length: count }, () => textCell());
  return orderedSections(plan.sections, options.layout).map(({ section, groups }, index) => ({
    heading: tableHeading(index, section.title),
    columns: columnsOf(labels, weights),
    columnCount: labels.length,
    newPage: true,
    hasRowHeaders: true,
    rowsMaySplit: false,
    groups: groups.map(
      (group): RowGroup => ({
        label: group.label,
        rows: group.recommendations.flatMap((recommendation): Row[] => {
          const rowsEach = options.extra?.detail ? 2 : 1;
          const header = {
            number: `${recommendation.number}.`,
            text: recommendationText(recommendation.text),
            rowSpan: Math.max(1, recommendation.activities.length * rowsEach),
          };
          if (recommendation.activities.length === 0) {
            return [{ header, continuesHeader: false, cells: blanks(labels.length - 1), isActivity: false }];
          }
          return recommendation.activities.map((activity, position) => ({
            header: position === 0 ? header : null,
            continuesHeader: position > 0,
            cells: [...activityCells(activity, options.layout), ...(options.extra?.cells(activity) ?? [])],
            isActivity: true,
            detail: options.extra?.detail ? { span: labels.length - 1, lines: options.extra.detail(activity) } : null,
          }));
        }),
      }),
    ),
  }));
}
