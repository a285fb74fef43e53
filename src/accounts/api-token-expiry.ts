import { TZDate } from '@date-fns/tz';
import { CalendarDate, addCalendarDays, calendarDateParts, compareCalendarDates, isCalendarDate, todayInLondon } from '../deadlines';

/** How long a personal API token should work, as asked for: a last day, or a number of days from today, or neither (until revoked). */
export interface ApiTokenExpiry {
  expiresOn?: string | null;
  expiresInDays?: number | null;
}

export const API_TOKEN_MAX_DAYS = 3650;

export type ApiTokenExpiryResult = { expiresOn: CalendarDate | null; expiresAt: Date | null } | { field: 'expiresOn' | 'expiresInDays'; problem: string };

/**
 * A token works through the end of its last day as the council's clock
 * counts it, so it stops at the midnight (Europe/London) that follows.
 * "In 30 days" makes the last day 30 days from today. A last day already
 * gone is refused; today is allowed (it works until midnight).
 */
export function apiTokenExpiry(request: ApiTokenExpiry, now: Date): ApiTokenExpiryResult {
  const today = todayInLondon(now);
  const hasDate = request.expiresOn !== undefined && request.expiresOn !== null;
  const hasDays = request.expiresInDays !== undefined && request.expiresInDays !== null;
  if (hasDate && hasDays) return { field: 'expiresInDays', problem: 'give expiresOn or expiresInDays, not both' };
  if (hasDays) {
    const days = request.expiresInDays!;
    if (!Number.isInteger(days) || days < 1 || days > API_TOKEN_MAX_DAYS) {
      return { field: 'expiresInDays', problem: `must be a whole number of days from 1 to ${API_TOKEN_MAX_DAYS}` };
    }
    const expiresOn = addCalendarDays(today, days);
    return { expiresOn, expiresAt: midnightAfter(expiresOn) };
  }
  if (hasDate) {
    const expiresOn = request.expiresOn!;
    if (!isCalendarDate(expiresOn)) return { field: 'expiresOn', problem: 'must be a real date written YYYY-MM-DD' };
    if (compareCalendarDates(expiresOn, today) < 0) return { field: 'expiresOn', problem: `must not be in the past (today is ${today})` };
    return { expiresOn, expiresAt: midnightAfter(expiresOn) };
  }
  return { expiresOn: null, expiresAt: null };
}

/** The last day a token works, read back from the instant it stops. */
export function apiTokenLastDay(expiresAt: Date | null): CalendarDate | null {
  return expiresAt ? todayInLondon(new Date(expiresAt.getTime() - 1)) : null;
}

function midnightAfter(day: CalendarDate): Date {
  const { year, month, day: dayOfMonth } = calendarDateParts(addCalendarDays(day, 1));
  return new Date(new TZDate(year, month - 1, dayOfMonth, 0, 0, 0, 0, 'Europe/London').getTime());
}
