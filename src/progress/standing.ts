import { CalendarDate, WorkingDayCalendar, calendarDaysBetween, compareCalendarDates } from '../deadlines';
import type { ActivityStatus } from '../plans/plan-vocabulary';
import { CLOSED_ACTIVITY_STATUSES } from '../plans/plan-vocabulary';
import { DUE_SOON_WORKING_DAYS, RagRating, SILENCE_DAYS } from './rag';

/**
 * Where an activity stands on a date, in the words every reader of the plan
 * uses: the chair's reviews, the board papers, the reminders and the pages.
 * Each rule is here once. The activity read model (activity-rows.service.ts)
 * filters by the same "open" and "overdue" in SQL, and its tests check the two
 * agree.
 */
export interface StandingOf {
  status: ActivityStatus;
  dueDate: string | null;
}

/** Neither complete nor cancelled: still the plan's business. */
export function isOpen(status: ActivityStatus): boolean {
  return !CLOSED_ACTIVITY_STATUSES.includes(status);
}

/** Past its due date and still open, whatever its rating (a board's overdue list). */
export function isOverdue(activity: StandingOf, asOf: CalendarDate): boolean {
  return isOpen(activity.status) && activity.dueDate !== null && compareCalendarDates(activity.dueDate as CalendarDate, asOf) < 0;
}

/** Open, not overdue, and rated Amber or Red: deadlines close with nothing started, progress lagging, silence, blocked work. */
export function isAtRisk(activity: StandingOf, rating: RagRating | null, asOf: CalendarDate): boolean {
  return isOpen(activity.status) && !isOverdue(activity, asOf) && (rating === 'amber' || rating === 'red');
}

/**
 * Open, not yet overdue, and due within the next 10 working days (the due day
 * counts, so work due today is due soon): the window in which the RAG rules
 * turn unstarted work amber. A due date in a year whose bank holidays are not
 * known cannot be counted, so it is not called soon.
 */
export function isDueSoon(calendar: WorkingDayCalendar, activity: StandingOf, asOf: CalendarDate): boolean {
  if (!isOpen(activity.status) || activity.dueDate === null || isOverdue(activity, asOf)) return false;
  try {
    return calendar.workingDaysBetween(asOf, activity.dueDate as CalendarDate) <= DUE_SOON_WORKING_DAYS;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

export interface ReportingOf {
  status: ActivityStatus;
  /** London date of the latest progress update, null when never. */
  lastReportedOn: string | null;
  /** When the work was due to start (the activity's own date, else the plan's publication date). */
  startDate: string | null;
}

/**
 * Open work nobody has reported on for 30 days or more: counted from the
 * latest update, or, never reported, from when the work was due to start
 * (as the RAG rules' "nothing reported since"); with neither date there is
 * nothing to count from.
 */
export function isUnreported(activity: ReportingOf, asOf: CalendarDate): boolean {
  if (!isOpen(activity.status)) return false;
  const since = activity.lastReportedOn ?? activity.startDate;
  return since !== null && calendarDaysBetween(since as CalendarDate, asOf) >= SILENCE_DAYS;
}

/** Done and evidenced, done, cancelled or deferred work (or work with no date) is not chased by reminders. */
export function isQuiet(activity: { status: ActivityStatus; verified: boolean; dueDate: string | null }): boolean {
  return activity.verified || ['complete', 'cancelled', 'deferred'].includes(activity.status) || activity.dueDate === null;
}

/**
 * Working days between the due date and the date asked about: 0 when not yet
 * late, null when the due date lies outside the years whose bank holidays are
 * known (a wrong count in a paper is worse than none).
 */
export function workingDaysLate(calendar: WorkingDayCalendar, dueDate: string | null, asOf: CalendarDate): number | null {
  if (!dueDate || compareCalendarDates(dueDate as CalendarDate, asOf) >= 0) return 0;
  try {
    return calendar.workingDaysBetween(dueDate as CalendarDate, asOf);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

export type Standing = 'complete' | 'cancelled' | 'overdue' | 'at_risk' | 'on_track';

export function standingOf(activity: StandingOf, rating: RagRating | null, asOf: CalendarDate): Standing {
  if (activity.status === 'complete') return 'complete';
  if (activity.status === 'cancelled') return 'cancelled';
  if (isOverdue(activity, asOf)) return 'overdue';
  return isAtRisk(activity, rating, asOf) ? 'at_risk' : 'on_track';
}

export const STATUS_LABELS: Readonly<Record<ActivityStatus, string>> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  complete: 'Complete',
  blocked: 'Blocked',
  deferred: 'Deferred',
  cancelled: 'Cancelled',
};

export const RAG_LABELS: Readonly<Record<RagRating, string>> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  blue: 'Blue',
};

/** "In progress (40%)", "Complete, verified". */
export function statusText(status: ActivityStatus, percentComplete: number | null, verified: boolean): string {
  if (status === 'complete') return verified ? 'Complete, verified' : 'Complete';
  const label = STATUS_LABELS[status];
  return percentComplete !== null && status !== 'cancelled' ? `${label} (${percentComplete}%)` : label;
}
