import { CalendarDate, calendarDateFromParts, compareCalendarDates, endOfMonth } from '../../deadlines';

/**
 * Months, the period of a monthly return, written 'YYYY-MM'. Like CalendarDate
 * they travel as strings and every calculation works on month numbers, never
 * on Date objects, so a month is the same month on any server.
 *
 * Councils count years from April: the financial year 2021/22 runs from April
 * 2021 to March 2022, and a year-to-date figure restarts each April.
 */
export type Month = `${number}-${number}`;

const SHAPE = /^(\d{4})-(\d{2})$/;

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const SHORT_MONTH_NAMES = MONTH_NAMES.map((name) => name.slice(0, 3));

export interface MonthParts {
  readonly year: number;
  /** 1 = January ... 12 = December. */
  readonly month: number;
}

function readParts(value: unknown): MonthParts | undefined {
  if (typeof value !== 'string') return undefined;
  const match = SHAPE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 1 || month < 1 || month > 12) return undefined;
  return { year, month };
}

export function isMonth(value: unknown): value is Month {
  return readParts(value) !== undefined;
}

export function monthParts(month: Month): MonthParts {
  const parts = readParts(month);
  if (!parts) throw new TypeError(`Not a month (expected YYYY-MM): ${JSON.stringify(month)}`);
  return parts;
}

/** Accepts a string from outside (a query string, a database row) or throws a TypeError. */
export function parseMonth(value: string): Month {
  monthParts(value as Month);
  return value as Month;
}

export function monthFromParts(year: number, month: number): Month {
  if (!Number.isSafeInteger(year) || !Number.isSafeInteger(month) || month < 1 || month > 12 || year < 1 || year > 9999) {
    throw new RangeError(`Not a month: year ${year}, month ${month}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}` as Month;
}

function index(month: Month): number {
  const { year, month: m } = monthParts(month);
  return year * 12 + (m - 1);
}

function fromIndex(value: number): Month {
  return monthFromParts(Math.floor(value / 12), (value % 12) + 1);
}

export function addMonths(month: Month, count: number): Month {
  if (!Number.isSafeInteger(count)) throw new RangeError(`Months to add must be a whole number, got ${count}`);
  return fromIndex(index(month) + count);
}

/** Whole months from one to the other: May to June 2022 is 1. */
export function monthsBetween(from: Month, to: Month): number {
  return index(to) - index(from);
}

export function compareMonths(a: Month, b: Month): -1 | 0 | 1 {
  const difference = index(a) - index(b);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/** Every month from the first to the last, both included; empty when the last comes first. */
export function monthRange(first: Month, last: Month): Month[] {
  const months: Month[] = [];
  for (let i = index(first); i <= index(last); i++) months.push(fromIndex(i));
  return months;
}

/** The N months that end with the given one, oldest first: a board table's columns. */
export function lastMonths(asOf: Month, count: number): Month[] {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`A table needs at least one month, got ${count}`);
  return monthRange(addMonths(asOf, -(count - 1)), asOf);
}

export function monthOfDate(date: CalendarDate): Month {
  return date.slice(0, 7) as Month;
}

export function firstDayOf(month: Month): CalendarDate {
  const { year, month: m } = monthParts(month);
  return calendarDateFromParts(year, m, 1);
}

export function lastDayOf(month: Month): CalendarDate {
  return endOfMonth(firstDayOf(month));
}

/**
 * The month the board's next performance report covers when no month is
 * asked for: the month before the current one, whose returns come in (and
 * whose narratives and rating are written) during the current month.
 */
export function defaultReportMonth(today: CalendarDate): Month {
  return addMonths(monthOfDate(today), -1);
}

/**
 * The day at whose end a month's report reads the record by default: the
 * last day of the following month, when that month's returns are in and its
 * report is written. Null while that day has not yet ended: the report then
 * reads the record as it stands.
 */
export function reportRecordDay(asOf: Month, today: CalendarDate, recordedBy?: CalendarDate): CalendarDate | null {
  const day = recordedBy ?? lastDayOf(addMonths(asOf, 1));
  return compareCalendarDates(day, today) >= 0 ? null : day;
}

/** The year in which the financial year starts: April 2021 to March 2022 is 2021. */
export function financialYearOf(month: Month): number {
  const { year, month: m } = monthParts(month);
  return m >= 4 ? year : year - 1;
}

/** April is month 1 of the financial year, March month 12. */
export function monthOfFinancialYear(month: Month): number {
  const { month: m } = monthParts(month);
  return m >= 4 ? m - 3 : m + 9;
}

export function firstMonthOfFinancialYear(financialYear: number): Month {
  return monthFromParts(financialYear, 4);
}

/** '2021/22', as council papers write a financial year. */
export function financialYearLabel(financialYear: number): string {
  return `${financialYear}/${String((financialYear + 1) % 100).padStart(2, '0')}`;
}

/** '21/22', as a board table's column heading does ("Southampton 21/22"). */
export function shortFinancialYearLabel(financialYear: number): string {
  return `${String(financialYear % 100).padStart(2, '0')}/${String((financialYear + 1) % 100).padStart(2, '0')}`;
}

/** 'May 2022', in sentences: "no data for May 2022". */
export function formatMonthLong(month: Month): string {
  const { year, month: m } = monthParts(month);
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

/** 'Jun-22', as a board table's column headings and a chart's axis write months. */
export function formatMonthShort(month: Month): string {
  const { year, month: m } = monthParts(month);
  return `${SHORT_MONTH_NAMES[m - 1]}-${String(year % 100).padStart(2, '0')}`;
}

/** 'June', for "pro rata to June". */
export function monthName(month: Month): string {
  return MONTH_NAMES[monthParts(month).month - 1];
}

/** 'October 2021 to June 2022', or 'June 2022' for a single month; 'October to December 2021' within a year. */
export function formatMonthSpan(first: Month, last: Month): string {
  if (compareMonths(first, last) === 0) return formatMonthLong(first);
  const a = monthParts(first);
  const b = monthParts(last);
  if (a.year === b.year) return `${MONTH_NAMES[a.month - 1]} to ${formatMonthLong(last)}`;
  return `${formatMonthLong(first)} to ${formatMonthLong(last)}`;
}
