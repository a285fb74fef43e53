import { BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR, CalendarDate, calendarDateParts, isCalendarDate } from '../deadlines';
import { addError, FormErrors, noErrors, text } from './forms';

/** What a GOV.UK date input sends: three boxes, as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DatePart = keyof DateParts;

export type DateReading =
  | { kind: 'date'; date: CalendarDate }
  | { kind: 'empty' }
  /** What is wrong, worded as the GOV.UK pattern does, and which boxes to mark. */
  | { kind: 'problem'; message: string; parts: DatePart[] };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "9", "09", "Sep" or "September" (people type months every way). */
function monthNumber(value: string): number | null {
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const word = value.toLowerCase();
  if (word.length < 3) return null;
  const index = MONTHS.findIndex((month) => month.startsWith(word) && (word.length === 3 || month === word));
  return index === -1 ? null : index + 1;
}

/**
 * Reads a GOV.UK date input, wording each problem as the Design System's
 * pattern does: "… must include a month", "… must be a real date". `what`
 * names the date in the person's words ("The date the override ends").
 */
export function readDateInput(parts: DateParts, what: string): DateReading {
  const trimmed: DateParts = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() };
  const missing = (['day', 'month', 'year'] as const).filter((part) => trimmed[part] === '');
  if (missing.length === 3) return { kind: 'empty' };
  if (missing.length) {
    return { kind: 'problem', message: `${what} must include a ${missing.join(' and ')}`, parts: [...missing] };
  }
  if (!/^\d{4}$/.test(trimmed.year)) return { kind: 'problem', message: 'Year must include 4 numbers', parts: ['year'] };
  const month = monthNumber(trimmed.month);
  const day = /^\d{1,2}$/.test(trimmed.day) ? Number(trimmed.day) : null;
  const date = `${trimmed.year}-${String(month ?? 0).padStart(2, '0')}-${String(day ?? 0).padStart(2, '0')}`;
  if (month === null || day === null || !isCalendarDate(date)) {
    return { kind: 'problem', message: `${what} must be a real date`, parts: month === null || month < 1 || month > 12 ? ['month'] : ['day'] };
  }
  return { kind: 'date', date };
}

/** The three boxes for a date already known (a form shown again, an "as of" date in the address). */
export function partsOf(date: string | null | undefined): DateParts {
  if (!date || !isCalendarDate(date)) return { day: '', month: '', year: '' };
  const { year, month, day } = calendarDateParts(date);
  return { day: String(day), month: String(month), year: String(year) };
}

/** A date input's boxes from a form or query, named `${name}-day`, `${name}-month`, `${name}-year` (govukDateInput's names). */
export function datePartsFrom(source: Record<string, unknown>, name: string): DateParts {
  return { day: text(source[`${name}-day`]), month: text(source[`${name}-month`]), year: text(source[`${name}-year`]) };
}

/**
 * The wording of the API's refusal of an "as of" date outside the years whose
 * bank holidays are known (IsWorkingDayCountable), for a person: the same
 * years and the same reason.
 */
export const AS_OF_OUT_OF_RANGE = `The date must be between ${BANK_HOLIDAYS_FIRST_YEAR} and ${BANK_HOLIDAYS_LAST_YEAR} (the years whose bank holidays are known)`;

export interface AsOfChoice {
  /** YYYY-MM-DD as asked (not yet checked against the bank-holiday years: the page's DTO does that), or undefined for today. */
  asOf: string | undefined;
  /** What the boxes show. */
  parts: DateParts;
  /** A problem reading the boxes or the address, for the error summary. */
  problem: { message: string; parts: DatePart[] } | null;
}

/**
 * An "as of" date from a page's address: the GOV.UK date input's three boxes
 * (asOf-day, asOf-month, asOf-year, as the form sends them) or `?asOf=YYYY-MM-DD`
 * (as links and people write it). Nothing asked means today.
 */
export function readAsOf(query: Record<string, unknown>): AsOfChoice {
  const parts = datePartsFrom(query, 'asOf');
  const boxes = readDateInput(parts, 'The date');
  if (boxes.kind === 'date') return { asOf: boxes.date, parts, problem: null };
  if (boxes.kind === 'problem') return { asOf: undefined, parts, problem: boxes };
  const written = text(query.asOf).trim();
  if (!written) return { asOf: undefined, parts, problem: null };
  if (!isCalendarDate(written)) return { asOf: undefined, parts: { day: '', month: '', year: '' }, problem: { message: 'The date must be a real date, like 14 9 2012', parts: ['day'] } };
  return { asOf: written, parts: partsOf(written), problem: null };
}

/**
 * The errors of an "as of" choice for the error summary: the boxes' own
 * problem, else the API DTO's refusal (a date outside the bank-holiday
 * years), said as the API says it, linked to the date's first box.
 */
export function asOfErrors(choice: AsOfChoice, problems: Record<string, string>): FormErrors {
  const errors = noErrors();
  if (choice.problem) addError(errors, `asOf-${choice.problem.parts[0]}`, choice.problem.message);
  else if (problems.asOf) addError(errors, 'asOf-day', AS_OF_OUT_OF_RANGE);
  return errors;
}
