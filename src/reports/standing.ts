import { CalendarDate, compareCalendarDates } from '../deadlines';
import type { ActivityStatus } from '../plans/plan-vocabulary';
import type { RagRating } from '../progress/rag';

/**
 * Where an activity stands for a board paper, as of a date. Overdue follows the
 * chair's overdue review exactly (past its due date and neither complete nor
 * cancelled), whatever its rating. At risk is everything else still open that
 * the board sees Amber or Red: deadlines close with nothing started, progress
 * lagging, silence, and also blocked work, which is Red without being overdue.
 */
export type Standing = 'complete' | 'cancelled' | 'overdue' | 'at_risk' | 'on_track';

export function standingOf(
  activity: { status: ActivityStatus; dueDate: string | null },
  rating: RagRating | null,
  asOf: CalendarDate,
): Standing {
  if (activity.status === 'complete') return 'complete';
  if (activity.status === 'cancelled') return 'cancelled';
  if (activity.dueDate && compareCalendarDates(activity.dueDate as CalendarDate, asOf) < 0) return 'overdue';
  return rating === 'amber' || rating === 'red' ? 'at_risk' : 'on_track';
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
