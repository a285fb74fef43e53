import { CalendarDate, WorkingDayCalendar, compareCalendarDates } from '../../deadlines';
import { Month, addMonths, lastDayOf, monthOfDate } from './periods';

/**
 * When a month's value is due from an indicator's owner: N working days after
 * the month ends (10 by default), counted as every deadline is, skipping
 * weekends, bank holidays and the council's closure days.
 */
export const DEFAULT_RETURN_WORKING_DAYS = 10;

export function returnDueOn(month: Month, calendar: WorkingDayCalendar, workingDays = DEFAULT_RETURN_WORKING_DAYS): CalendarDate {
  if (!Number.isSafeInteger(workingDays) || workingDays < 0) throw new RangeError(`Working days after month end must be a whole number of 0 or more, got ${workingDays}`);
  return calendar.addWorkingDays(lastDayOf(month), workingDays);
}

/** The latest month whose return is overdue on the given day: the month the chaser asks about. */
export function monthToChase(today: CalendarDate, calendar: WorkingDayCalendar, workingDays = DEFAULT_RETURN_WORKING_DAYS): Month {
  let month = addMonths(monthOfDate(today), -1);
  while (!isReturnOverdue(month, today, calendar, workingDays)) month = addMonths(month, -1);
  return month;
}

/** Whether a month with no value is overdue on the given day: after its due day. */
export function isReturnOverdue(month: Month, today: CalendarDate, calendar: WorkingDayCalendar, workingDays = DEFAULT_RETURN_WORKING_DAYS): boolean {
  return compareCalendarDates(today, returnDueOn(month, calendar, workingDays)) > 0;
}
