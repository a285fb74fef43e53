import {
  CalendarDate,
  calendarDaysBetween,
  compareCalendarDates,
  formatShortDate,
  WorkingDayCalendar,
} from '../deadlines';
import { ActivityStatus } from '../plans/plan-vocabulary';

/**
 * RAG ratings for an improvement board: Red, Amber, Green, plus Blue for done.
 *
 * Committees ask why an item is red, not just that it is, so every rating carries
 * its reasons in the words a board paper would use.
 *
 * Dates outside the years whose bank holidays are known make WorkingDayCalendar throw
 * a RangeError. It is left to propagate: a wrong working-day count in a paper is worse
 * than no paper. Only a rating that needs a working-day count can throw, so complete
 * and cancelled activities, and ones with no due date, are rated whatever their dates.
 */

/** Worst first, so the order of this list is the order of a board's attention. */
export const RAG_RATINGS = ['red', 'amber', 'green', 'blue'] as const;
export type RagRating = (typeof RAG_RATINGS)[number];

export interface RagInput {
  status: ActivityStatus;
  /** The chair has checked the evidence. */
  verified: boolean;
  /** 0..100, null when never reported. */
  percentComplete: number | null;
  /** When the work was expected to start: the activity's own date, else the plan's publication date. */
  startDate: CalendarDate | null;
  dueDate: CalendarDate | null;
  /** London date of the latest progress update, null when never. */
  lastReportedOn: CalendarDate | null;
  /** The note of the update that set it blocked, if any. */
  blockedReason?: string | null;
}

export interface RagOverride {
  rating: RagRating;
  reason: string;
  expiresOn: CalendarDate;
  setBy: string;
}

export interface RagAssessment {
  /** What the board sees: the override while active, else the computed rating; null only for cancelled. */
  rating: RagRating | null;
  /** The rules' answer, always shown beside an override. */
  computed: RagRating | null;
  /** Why, in plain English, most important first. */
  reasons: string[];
  /** Blue-and-verified is shown separately from Blue. */
  verified: boolean;
  override: (RagOverride & { active: boolean }) | null;
}

export interface RagRollUp {
  rating: RagRating | null;
  counts: Record<RagRating, number>;
  /** Items shown Blue whose evidence the chair has checked; a subset of counts.blue. */
  verified: number;
  /** Cancelled items: listed, but not part of the rating. */
  notRated: number;
  total: number;
}

// "Due soon" is counted in working days because that is how Ofsted and the council
// set deadlines; the 10 includes the due day itself (due in 10 working days is amber).
export const DUE_SOON_WORKING_DAYS = 10;
// Percentages are self-reported and rough, so only a clear lag behind the straight line counts.
const LAG_TOLERANCE_POINTS = 30;
// Silence is counted in calendar days: a month without an update is a month, holidays or not.
export const SILENCE_DAYS = 30;

interface Computed {
  rating: RagRating | null;
  reasons: string[];
}

export function assessActivity(
  input: RagInput,
  asOf: CalendarDate,
  calendar: WorkingDayCalendar,
  override?: RagOverride | null,
): RagAssessment {
  requirePercent(input.percentComplete);
  const computed = computeRating(input, asOf, calendar);
  const verified = input.status === 'complete' && input.verified;

  if (!override) {
    return { rating: computed.rating, computed: computed.rating, reasons: computed.reasons, verified, override: null };
  }

  // A cancelled activity is out of the plan; a board judgement cannot put it back in the counts.
  const active = computed.rating !== null && compareCalendarDates(asOf, override.expiresOn) <= 0;
  const shown = { ...override, active };
  if (!active) {
    return { rating: computed.rating, computed: computed.rating, reasons: computed.reasons, verified, override: shown };
  }
  return {
    rating: override.rating,
    computed: computed.rating,
    reasons: [
      `overridden by ${override.setBy}: ${override.reason} (until ${formatShortDate(override.expiresOn)})`,
      ...computed.reasons,
    ],
    verified,
    override: shown,
  };
}

/**
 * Reasons come in order of severity: those that make an item red, then those that
 * would make it amber. A red item keeps its amber findings because the chair
 * challenging an owner wants the whole picture ("overdue, and nothing reported since
 * August"), and reasons[0] still always explains the rating.
 */
function computeRating(input: RagInput, asOf: CalendarDate, calendar: WorkingDayCalendar): Computed {
  if (input.status === 'cancelled') return { rating: null, reasons: ['cancelled'] };
  if (input.status === 'complete') {
    return { rating: 'blue', reasons: [input.verified ? 'complete and verified' : 'complete'] };
  }

  const overdue = input.dueDate !== null && compareCalendarDates(asOf, input.dueDate) > 0;
  const redReasons: string[] = [];
  if (overdue && input.dueDate !== null) redReasons.push(overdueReason(input.dueDate, asOf, calendar));
  if (input.status === 'blocked') redReasons.push(blockedReason(input.blockedReason));

  const amberReasons = amberFindings(input, asOf, calendar, overdue);

  if (redReasons.length > 0) return { rating: 'red', reasons: [...redReasons, ...amberReasons] };
  if (amberReasons.length > 0) return { rating: 'amber', reasons: amberReasons };
  return { rating: 'green', reasons: [onTrackReason(input.dueDate, asOf, calendar)] };
}

/**
 * Due on a Friday and assessed at the weekend, an item is past its date but no
 * working day late; it is still red (the date has gone) and says plainly "overdue".
 */
function overdueReason(dueDate: CalendarDate, asOf: CalendarDate, calendar: WorkingDayCalendar): string {
  const late = calendar.workingDaysBetween(dueDate, asOf);
  const due = `due ${formatShortDate(dueDate)}`;
  return late === 0 ? `${due}, overdue` : `${due}, ${countOf(late, 'working day')} overdue`;
}

function blockedReason(note: string | null | undefined): string {
  const trimmed = note?.trim();
  return trimmed ? `blocked: ${trimmed}` : 'blocked';
}

/**
 * Deferred comes first because it is a decision the board took and it explains the
 * other findings; then the nearest deadline, then progress, then silence.
 */
function amberFindings(
  input: RagInput,
  asOf: CalendarDate,
  calendar: WorkingDayCalendar,
  overdue: boolean,
): string[] {
  const reasons: string[] = [];
  if (input.status === 'deferred') reasons.push('deferred');

  if (!overdue && input.dueDate !== null && input.status === 'not_started') {
    const left = calendar.workingDaysBetween(asOf, input.dueDate);
    if (left <= DUE_SOON_WORKING_DAYS) {
      const when = timeLeft(left, asOf, input.dueDate, (count) => `in ${count}`);
      reasons.push(`due ${formatShortDate(input.dueDate)}, ${when}, not started`);
    }
  }

  const lag = lagReason(input, asOf);
  if (lag) reasons.push(lag);

  const silence = silenceReason(input, asOf);
  if (silence) reasons.push(silence);

  return reasons;
}

/**
 * Both figures are rounded before they are compared, so a reason never reads as a
 * lag of 30 points while claiming to be more than 30.
 */
function lagReason(input: RagInput, asOf: CalendarDate): string | null {
  if (input.startDate === null || input.dueDate === null) return null;
  // Never reporting on work not yet started means nothing done; on work under way it means we do not know.
  const reported = input.percentComplete ?? (input.status === 'not_started' ? 0 : null);
  if (reported === null) return null;
  const actual = Math.round(reported);
  const expected = Math.round(expectedPercent(input.startDate, input.dueDate, asOf));
  return expected - actual > LAG_TOLERANCE_POINTS ? `${actual}% complete against ${expected}% expected by now` : null;
}

function expectedPercent(startDate: CalendarDate, dueDate: CalendarDate, asOf: CalendarDate): number {
  const span = calendarDaysBetween(startDate, dueDate);
  // Due on (or, by a data slip, before) the day it starts: nothing is expected until the due day, then all of it.
  if (span <= 0) return compareCalendarDates(asOf, dueDate) >= 0 ? 100 : 0;
  const fraction = calendarDaysBetween(startDate, asOf) / span;
  return Math.min(100, Math.max(0, fraction * 100));
}

/** Never reported counts from when the work was due to start; with no such date there is nothing to measure from. */
function silenceReason(input: RagInput, asOf: CalendarDate): string | null {
  if (input.lastReportedOn !== null) {
    const days = calendarDaysBetween(input.lastReportedOn, asOf);
    return days >= SILENCE_DAYS ? `nothing reported since ${formatShortDate(input.lastReportedOn)} (${days} days)` : null;
  }
  if (input.startDate === null) return null;
  const days = calendarDaysBetween(input.startDate, asOf);
  return days >= SILENCE_DAYS
    ? `nothing reported since work was due to start on ${formatShortDate(input.startDate)} (${days} days)`
    : null;
}

function onTrackReason(dueDate: CalendarDate | null, asOf: CalendarDate, calendar: WorkingDayCalendar): string {
  if (dueDate === null) return 'on track: no due date';
  const left = calendar.workingDaysBetween(asOf, dueDate);
  const when = timeLeft(left, asOf, dueDate, (count) => `${count} left`);
  return `on track: due ${formatShortDate(dueDate)}, ${when}`;
}

/**
 * A due date on a weekend or holiday can be 0 working days away without being today;
 * saying "today" then would be wrong.
 */
function timeLeft(
  left: number,
  asOf: CalendarDate,
  dueDate: CalendarDate,
  phrase: (count: string) => string,
): string {
  if (left === 0) return compareCalendarDates(asOf, dueDate) === 0 ? 'today' : 'no working days left';
  return phrase(countOf(left, 'working day'));
}

function countOf(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

// Bad figures from an import would otherwise turn quietly into a green or amber.
function requirePercent(percent: number | null): void {
  if (percent === null) return;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`Percent complete must be between 0 and 100, got ${percent}`);
  }
}

/**
 * Counts what the board sees (overrides included), because the roll-up sits on the
 * same page as the items' own ratings and must agree with them.
 */
export function rollUp(assessments: RagAssessment[]): RagRollUp {
  const counts: Record<RagRating, number> = { red: 0, amber: 0, green: 0, blue: 0 };
  let verified = 0;
  let notRated = 0;
  for (const assessment of assessments) {
    if (assessment.rating === null) {
      notRated++;
      continue;
    }
    counts[assessment.rating]++;
    if (assessment.rating === 'blue' && assessment.verified) verified++;
  }
  return {
    rating: RAG_RATINGS.find((rating) => counts[rating] > 0) ?? null,
    counts,
    verified,
    notRated,
    total: assessments.length,
  };
}

/** For Array.prototype.sort: worst first, unrated (cancelled) last. */
export function compareRag(a: RagRating | null, b: RagRating | null): number {
  return rank(a) - rank(b);
}

function rank(rating: RagRating | null): number {
  return rating === null ? RAG_RATINGS.length : RAG_RATINGS.indexOf(rating);
}
