import { TZDate } from '@date-fns/tz';
import { CalendarDate, formatLongDate, formatShortDate, isCalendarDate, todayInLondon } from '../deadlines';

/**
 * How pages write dates and times, in the GOV.UK style: "14 September 2012",
 * "14 Sep 2012" where space is short, "9:05am", "midday". Calendar dates
 * ('YYYY-MM-DD') are days in Europe/London; instants are shown as London sees
 * them, whatever the server's time zone.
 */
export function longDate(value: CalendarDate | Date | string | null | undefined): string {
  const date = calendarDateOf(value);
  return date ? formatLongDate(date) : '';
}

export function shortDate(value: CalendarDate | Date | string | null | undefined): string {
  const date = calendarDateOf(value);
  return date ? formatShortDate(date) : '';
}

/** "14 September 2012 at 9:05am" */
export function dateTime(value: Date | string | null | undefined): string {
  const instant = instantOf(value);
  if (!instant) return '';
  return `${formatLongDate(todayInLondon(instant))} at ${timeOfDay(instant)}`;
}

/** "14 Sep 2012 at 9:05am", where space is short (a table column). */
export function shortDateTime(value: Date | string | null | undefined): string {
  const instant = instantOf(value);
  if (!instant) return '';
  return `${formatShortDate(todayInLondon(instant))} at ${timeOfDay(instant)}`;
}

/** "9:05am", "5pm", "midday", "midnight", in Europe/London. */
export function timeOfDay(instant: Date): string {
  const london = new TZDate(instant.getTime(), 'Europe/London');
  const hours = london.getHours();
  const minutes = london.getMinutes();
  if (minutes === 0 && hours === 0) return 'midnight';
  if (minutes === 0 && hours === 12) return 'midday';
  const suffix = hours < 12 ? 'am' : 'pm';
  const hour = hours % 12 === 0 ? 12 : hours % 12;
  return minutes === 0 ? `${hour}${suffix}` : `${hour}:${String(minutes).padStart(2, '0')}${suffix}`;
}

/** For <time datetime="…">: the calendar date, or the instant in ISO 8601. */
export function machineDate(value: CalendarDate | Date | string | null | undefined): string {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  return instantOf(value)?.toISOString() ?? '';
}

function calendarDateOf(value: CalendarDate | Date | string | null | undefined): CalendarDate | null {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  const instant = instantOf(value);
  return instant ? todayInLondon(instant) : null;
}

function instantOf(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const instant = value instanceof Date ? value : new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
