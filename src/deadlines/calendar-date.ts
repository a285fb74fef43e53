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

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

// Committee papers abbreviate September as "Sep" (not "Sept"), like the other months.
const SHORT_MONTH_NAMES = MONTH_NAMES.map((name) => name.slice(0, 3));

/**
 * Days since 1970-01-01 for a year, month and day (proleptic Gregorian), by
 * Howard Hinnant's days_from_civil: integer arithmetic only, since a Date per
 * call was a tenth of a 5,000-activity paper's time. A month past 12 (or
 * below 1) carries into the year and a day past the month's end into the
 * next month, as Date.setUTCFullYear allowed.
 */
function dayNumberFromParts(year: number, month: number, day: number): number {
  const carried = Math.floor((month - 1) / 12);
  const m = month - carried * 12;
  const y = year + carried - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse (civil_from_days). */
function partsFromDayNumber(dayNumber: number): CalendarDateParts {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1,
  };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
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

/**
 * Each valid date's day number, remembered: a paper or review asks about the
 * same few hundred dates (due dates, the day it is as of) thousands of times,
 * and reading the text again each time was a sixteenth of a 5,000-activity
 * report. Bounded, and only a date that passed the check enters it.
 */
const DAY_NUMBERS = new Map<string, number>();
const DAY_NUMBERS_KEPT = 4096;

function dayNumberOf(date: CalendarDate): number {
  const known = DAY_NUMBERS.get(date);
  if (known !== undefined) return known;
  const { year, month, day } = partsOf(date);
  const dayNumber = dayNumberFromParts(year, month, day);
  if (DAY_NUMBERS.size >= DAY_NUMBERS_KEPT) DAY_NUMBERS.clear();
  DAY_NUMBERS.set(date, dayNumber);
  return dayNumber;
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
