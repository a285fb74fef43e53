import {
  BandOffsets,
  CalendarDate,
  DEFAULT_BAND_OFFSETS,
  TimescaleBand,
  WorkingDayCalendar,
  bandDueDate,
  endOfMonth,
} from '../../deadlines';
import type { DueDatePrecision } from '../plan-vocabulary';

export interface DueDateInput {
  date: CalendarDate;
  precision: DueDatePrecision;
}

/**
 * "By September 2012" means by the end of September: a month is stored as its
 * last day, remembered as month-precision so papers print "September 2012".
 */
export function parseDueDateInput(input: string): DueDateInput {
  if (/^\d{4}-\d{2}$/.test(input)) {
    return { date: endOfMonth(`${input}-01` as CalendarDate), precision: 'month' };
  }
  return { date: input as CalendarDate, precision: 'day' };
}

/** Bands a plan leaves out (or sends as undefined) keep the default offset. */
export function withDefaultOffsets(offsets: Partial<BandOffsets> | null | undefined): BandOffsets {
  const given = Object.entries(offsets ?? {}).filter(([, offset]) => offset !== undefined && offset !== null);
  return { ...DEFAULT_BAND_OFFSETS, ...Object.fromEntries(given) };
}

export interface PlanDates {
  publishedOn: string | null;
  bandOffsets: BandOffsets;
}

export interface RecommendationDates {
  band: TimescaleBand;
  targetDate: string | null;
  dueDateOverride: string | null;
}

/**
 * The date a recommendation is due: an override wins; a by_date band carries
 * its own date; otherwise the band counts from Ofsted's publication date. A
 * plan with no publication date yet has no band deadlines.
 */
export function recommendationDueDate(
  plan: PlanDates,
  recommendation: RecommendationDates,
  calendar: WorkingDayCalendar,
): string | null {
  if (recommendation.dueDateOverride) return recommendation.dueDateOverride;
  if (recommendation.band === 'by_date') return recommendation.targetDate;
  if (!plan.publishedOn) return null;
  return bandDueDate(plan.publishedOn as CalendarDate, recommendation.band, plan.bandOffsets, calendar);
}

/** An activity keeps its recommendation's date unless it has its own. */
export function activityDueDate(dueDateOverride: string | null, recommendationDue: string | null): string | null {
  return dueDateOverride ?? recommendationDue;
}

const OFFSET_LIMITS: Record<BandOffsets[keyof BandOffsets]['unit'], number> = {
  months: 24,
  working_days: 260,
  calendar_days: 366,
};

/** What is wrong with a plan's band offsets, keyed by field, for a 400 answer. */
export function bandOffsetProblems(offsets: BandOffsets): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [band, offset] of Object.entries(offsets) as Array<[keyof BandOffsets, BandOffsets[keyof BandOffsets]]>) {
    const limit = OFFSET_LIMITS[offset.unit];
    if (!Number.isInteger(offset.amount) || offset.amount < 0 || offset.amount > limit) {
      problems[`bandOffsets.${band}.amount`] = `must be a whole number from 0 to ${limit} ${offset.unit.replace('_', ' ')}`;
    }
  }
  return problems;
}
