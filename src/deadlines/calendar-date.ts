import { TZDate } from '@date-fns/tz';

/**
 * A day in the council's calendar, written 'YYYY-MM-DD' and meant in Europe/London.
 *
 * Deadlines are days, not instants: "13 September 2012" must stay 13 September for a
 * server in UTC and a laptop in Auckland alike. So dates travel as strings and every
 * calculation below works on UTC day numbers, never on local-time Date objects.
 *
 * The template type catches obvious mistakes at compile time; every function also
 * checks its input at run time (see isCalendarDate) and throws a TypeError otherwise.
 */
export type CalendarDate = `${number}-${number}-${number}`;

/** 0 = Sunday ... 6 = Saturday, as JavaScript's getUTCDay() counts. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface CalendarDateParts {
  readonly year: number;
  /** 1 = January ... 12 = December. */
  readonly month: number;
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

// Committee papers abbreviate September as "Sep" (not "Sept"), like the other months.
const SHORT_MONTH_NAMES = MONTH_NAMES.map((name) => name.slice(0, 3));

/** Days since 1970-01-01 for a year, month (1-12) and day; plain integer arithmetic. */
function dayNumberFromParts(year: number, month: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return Math.round(instant.getTime() / MS_PER_DAY);
}

function partsFromDayNumber(dayNumber: number): CalendarDateParts {
  const instant = new Date(dayNumber * MS_PER_DAY);
  return {
    year: instant.getUTCFullYear(),
    month: instant.getUTCMonth() + 1,
    day: instant.getUTCDate(),
  };
}

function daysInMonth(year: number, month: number): number {
  return dayNumberFromParts(year, month + 1, 1) - dayNumberFromParts(year, month, 1);
}

function readParts(value: unknown): CalendarDateParts | undefined {
  if (typeof value !== 'string') return undefined;
  const match = SHAPE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function partsOf(date: CalendarDate): CalendarDateParts {
  const parts = readParts(date);
  if (!parts) {
    throw new TypeError(`Not a calendar date (expected a real date as YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return parts;
}

function dayNumberOf(date: CalendarDate): number {
  const { year, month, day } = partsOf(date);
  return dayNumberFromParts(year, month, day);
}

function fromDayNumber(dayNumber: number): CalendarDate {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return calendarDateFromParts(year, month, day);
}

function requireWholeNumber(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a whole number, got ${value}`);
  }
}

/** True only for a real date written exactly 'YYYY-MM-DD' (no time, no single digits). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return readParts(value) !== undefined;
}

/** Accepts a string from outside (a form, a database row) or throws a TypeError. */
export function parseCalendarDate(value: string): CalendarDate {
  partsOf(value as CalendarDate);
  return value as CalendarDate;
}

/** Builds a date from a year, month (1-12) and day; throws if that day does not exist. */
export function calendarDateFromParts(year: number, month: number, day: number): CalendarDate {
  if (!Number.isInteger(year) || year < 0 || year > 9999) {
    throw new RangeError(`Year out of range for a calendar date (0000-9999): ${year}`);
  }
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isCalendarDate(text)) {
    throw new RangeError(`No such date: year ${year}, month ${month}, day ${day}`);
  }
  return text;
}

export function calendarDateParts(date: CalendarDate): CalendarDateParts {
  return partsOf(date);
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  requireWholeNumber(days, 'Number of days');
  return fromDayNumber(dayNumberOf(date) + days);
}

/**
 * The same day of the month `months` later (or earlier when negative). When that day
 * does not exist the answer is the last day of that month, because "within three
 * months" of 31 August cannot reach into December: 31 Aug 2012 + 3 = 30 Nov 2012.
 */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  requireWholeNumber(months, 'Number of months');
  const { year, month, day } = partsOf(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const lastDay = daysInMonth(targetYear, targetMonth);
  return calendarDateFromParts(targetYear, targetMonth, Math.min(day, lastDay));
}

/** `to` minus `from` in calendar days: positive when `to` is later. */
export function calendarDaysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/** Month-only dates ("by April 2016") mean the end of that month. */
export function endOfMonth(date: CalendarDate): CalendarDate {
  const { year, month } = partsOf(date);
  return calendarDateFromParts(year, month, daysInMonth(year, month));
}

/** -1, 0 or 1, for Array.prototype.sort. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  const difference = dayNumberOf(a) - dayNumberOf(b);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

export function dayOfWeek(date: CalendarDate): DayOfWeek {
  // 1 January 1970 (day 0) was a Thursday.
  return ((((dayNumberOf(date) + 4) % 7) + 7) % 7) as DayOfWeek;
}

export function isWeekend(date: CalendarDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/**
 * Today's date as the council sees it. Servers run in UTC, but at 23:30 UTC on
 * 30 June 2012 it was already 1 July in London (BST), and a reminder or an
 * "overdue" flag must follow the council's clock.
 */
export function todayInLondon(now: Date = new Date()): CalendarDate {
  if (Number.isNaN(now.getTime())) {
    throw new TypeError('todayInLondon needs a valid Date');
  }
  const london = new TZDate(now.getTime(), 'Europe/London');
  return calendarDateFromParts(london.getFullYear(), london.getMonth() + 1, london.getDate());
}

/**
 * The instant a London day ends (the next day's midnight in London, BST or
 * GMT), so "as of 14 September 2012" takes in everything recorded that day.
 */
export function endOfLondonDay(date: CalendarDate): Date {
  const { year, month, day } = partsOf(addCalendarDays(date, 1));
  return new Date(new TZDate(year, month - 1, day, 0, 0, 0, 'Europe/London').getTime());
}

/** '13 September 2012', as committee papers write dates in full. */
export function formatLongDate(date: CalendarDate): string {
  const { year, month, day } = partsOf(date);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** '13 Sep 2012', for tables where a column is narrow. */
export function formatShortDate(date: CalendarDate): string {
  const { year, month, day } = partsOf(date);
  return `${day} ${SHORT_MONTH_NAMES[month - 1]} ${year}`;
}

/** 'September 2012': reports print band deadlines as month and year. */
export function formatMonthYear(date: CalendarDate): string {
  const { year, month } = partsOf(date);
  return `${MONTH_NAMES[month - 1]} ${year}`;
}
