import { CalendarDate, WorkingDayCalendar, compareCalendarDates } from '../../deadlines';
import { Month, addMonths, compareMonths, lastDayOf, monthOfDate, monthParts } from './periods';
import type { Frequency } from './vocabulary';

/**
 * When a month's value is due from an indicator's owner: N working days after
 * the month ends (10 by default), counted as every deadline is, skipping
 * weekends, bank holidays and the council's closure days.
 */
export const DEFAULT_RETURN_WORKING_DAYS = 10;

/** How often the chaser repeats while a return is still missing, as overdue activities are chased. */
export const DEFAULT_CHASE_EVERY_WORKING_DAYS = 5;

/** How far back the chair's exception report looks for missing returns. */
export const OVERDUE_RETURNS_LOOK_BACK_MONTHS = 12;

/**
 * The months a return is made for: every month for a monthly indicator; the
 * quarter's last month (June, September, December, March) for a quarterly
 * one; March, the financial year's end, for an annual one. A value is
 * recorded against that month.
 */
export function isReturnMonth(month: Month, frequency: Frequency = 'monthly'): boolean {
  const { month: m } = monthParts(month);
  if (frequency === 'quarterly') return m % 3 === 0;
  if (frequency === 'annual') return m === 3;
  return true;
}

export function returnDueOn(month: Month, calendar: WorkingDayCalendar, workingDays = DEFAULT_RETURN_WORKING_DAYS): CalendarDate {
  if (!Number.isSafeInteger(workingDays) || workingDays < 0) throw new RangeError(`Working days after month end must be a whole number of 0 or more, got ${workingDays}`);
  return calendar.addWorkingDays(lastDayOf(month), workingDays);
}

/** The latest month whose return is overdue on the given day: the month the chaser asks about. */
export function monthToChase(today: CalendarDate, calendar: WorkingDayCalendar, workingDays = DEFAULT_RETURN_WORKING_DAYS, frequency: Frequency = 'monthly'): Month {
  let month = addMonths(monthOfDate(today), -1);
  while (!isReturnMonth(month, frequency) || !isReturnOverdue(month, today, calendar, workingDays)) month = addMonths(month, -1);
  return month;
}

/** Whether a month with no value is overdue on the given day: after its due day. */
export function isReturnOverdue(month: Month, today: CalendarDate, calendar: WorkingDayCalendar, workingDays = DEFAULT_RETURN_WORKING_DAYS): boolean {
  return compareCalendarDates(today, returnDueOn(month, calendar, workingDays)) > 0;
}

export interface OverdueReturn {
  month: Month;
  dueOn: CalendarDate;
  /** Working days after the due day: 1 on the first day it is overdue. */
  workingDaysOverdue: number;
}

export interface ChaseRules {
  /** Working days after month end the return is due (the plan's, 10 by default). */
  workingDays?: number;
  /** The chaser repeats every this many working days while the return is missing. */
  every?: number;
  frequency?: Frequency;
}

/**
 * Whether the owner is chased on this day, and for which month, if that
 * month's value is still missing: the latest return that is overdue, on its
 * first overdue working day and every `every` working days after (1, 6, 11,
 * ... by default, like an overdue activity), until the next month's return
 * falls overdue and takes its place. Earlier gaps are not chased again; they
 * stay on the chair's exception report. Digests go out on working days only.
 */
export function returnChaseOn(day: CalendarDate, calendar: WorkingDayCalendar, rules: ChaseRules = {}): OverdueReturn | null {
  if (!calendar.isWorkingDay(day)) return null;
  const workingDays = rules.workingDays ?? DEFAULT_RETURN_WORKING_DAYS;
  const every = Math.max(1, rules.every ?? DEFAULT_CHASE_EVERY_WORKING_DAYS);
  const month = monthToChase(day, calendar, workingDays, rules.frequency ?? 'monthly');
  const dueOn = returnDueOn(month, calendar, workingDays);
  const workingDaysOverdue = calendar.workingDaysBetween(dueOn, day);
  return workingDaysOverdue >= 1 && (workingDaysOverdue - 1) % every === 0 ? { month, dueOn, workingDaysOverdue } : null;
}

/**
 * The returns overdue on a day, newest first: every return month from the
 * indicator's first (its earliest value, or the month before it was set up)
 * whose due day has passed, at most `limit` months back. The caller keeps
 * those that have no value on the record.
 */
export function overdueReturnMonths(
  first: Month,
  asOf: CalendarDate,
  calendar: WorkingDayCalendar,
  rules: Omit<ChaseRules, 'every'> & { limit?: number } = {},
): OverdueReturn[] {
  const workingDays = rules.workingDays ?? DEFAULT_RETURN_WORKING_DAYS;
  const limit = rules.limit ?? OVERDUE_RETURNS_LOOK_BACK_MONTHS;
  const found: OverdueReturn[] = [];
  const latest = addMonths(monthOfDate(asOf), -1);
  for (let month = latest, looked = 0; looked < limit && compareMonths(month, first) >= 0; month = addMonths(month, -1), looked++) {
    if (!isReturnMonth(month, rules.frequency ?? 'monthly') || !isReturnOverdue(month, asOf, calendar, workingDays)) continue;
    const dueOn = returnDueOn(month, calendar, workingDays);
    found.push({ month, dueOn, workingDaysOverdue: calendar.workingDaysBetween(dueOn, asOf) });
  }
  return found;
}
