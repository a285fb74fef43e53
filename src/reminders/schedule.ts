import { CalendarDate, WorkingDayCalendar, compareCalendarDates } from '../deadlines';
import type { ActivityStatus } from '../plans/plan-vocabulary';
import { isQuiet } from '../progress/standing';
import { ReminderPolicy } from './reminder-policy';

/** Owners hear "due soon", "due today" and "overdue"; chairs hear escalations. */
export type ReminderKind = `due_in_${number}` | 'due_today' | 'overdue' | `escalation_${number}`;
export type ReminderAudience = 'owner' | 'chairs';

export interface DueReminder {
  kind: ReminderKind;
  audience: ReminderAudience;
  /** Working days until due (positive), 0 on the day, or overdue (negative). */
  workingDaysToDue: number;
}

export interface ActivityForReminders {
  dueDate: CalendarDate | null;
  status: ActivityStatus;
  verified: boolean;
}

/**
 * What an activity triggers on one day. Digests go out on working days only,
 * so a non-working day triggers nothing (its reminders are not lost: a due
 * date on a Saturday is "due today" on the Friday before).
 *
 * Overdue reminders go on the first working day after the deadline and then
 * every `overdueEveryWorkingDays` working days (1, 6, 11, ... by default), so
 * the owner hears at once and then at a steady, unspammy pace.
 */
export function remindersDueOn(
  day: CalendarDate,
  activity: ActivityForReminders,
  policy: ReminderPolicy,
  calendar: WorkingDayCalendar,
): DueReminder[] {
  if (isQuiet(activity) || !calendar.isWorkingDay(day)) return [];
  const due = activity.dueDate!;
  if (compareCalendarDates(due, day) >= 0) {
    const ahead = calendar.workingDaysBetween(day, due);
    if (ahead === 0) return policy.onDueDate ? [{ kind: 'due_today', audience: 'owner', workingDaysToDue: 0 }] : [];
    return policy.beforeDueWorkingDays.includes(ahead) ? [{ kind: `due_in_${ahead}`, audience: 'owner', workingDaysToDue: ahead }] : [];
  }
  const overdue = calendar.workingDaysBetween(due, day);
  if (overdue < 1) return [];
  const reminders: DueReminder[] = [];
  const every = Math.max(1, policy.overdueEveryWorkingDays);
  if ((overdue - 1) % every === 0) reminders.push({ kind: 'overdue', audience: 'owner', workingDaysToDue: -overdue });
  if (policy.escalateAtWorkingDaysOverdue.includes(overdue)) {
    reminders.push({ kind: `escalation_${overdue}`, audience: 'chairs', workingDaysToDue: -overdue });
  }
  return reminders;
}

/** A milestone's reminders carry the kind of a due date's, after this prefix ("milestone_due_in_5"). */
export const MILESTONE_KIND_PREFIX = 'milestone_';

/** An action agreed at a board's meeting is reminded with a due date's kinds, after this prefix ("action_due_in_5"). */
export const ACTION_KIND_PREFIX = 'action_';

export function isActionReminder(kind: string): boolean {
  return kind.startsWith(ACTION_KIND_PREFIX);
}

export function isMilestoneReminder(kind: string): boolean {
  return kind.startsWith(MILESTONE_KIND_PREFIX);
}

/** Escalations reach the chair whatever their digest preference. */
export function isEscalation(kind: string): boolean {
  return kind.startsWith('escalation_');
}

/** Weekly-digest people hear on the first working day of each week. */
export function isWeeklyDigestDay(day: CalendarDate, calendar: WorkingDayCalendar): boolean {
  if (!calendar.isWorkingDay(day)) return false;
  // Walk back to Monday: if any earlier weekday this week was a working day, today is not the first.
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  for (let back = 1; back < weekday; back++) {
    const earlier = new Date(Date.parse(`${day}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10) as CalendarDate;
    if (calendar.isWorkingDay(earlier)) return false;
  }
  return true;
}
