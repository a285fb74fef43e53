import { CalendarDate, calendarDateFromParts, endOfMonth, isCalendarDate } from '../../deadlines';

/** One line of a table pasted from a paper, with its number in the paste (from 1). */
export interface PastedRow {
  line: number;
  cells: string[];
}

/**
 * Splits text pasted from a Word or PDF paper into rows of cells: Word copies
 * tables tab-separated; text typed or copied from elsewhere may use "|" or
 * runs of spaces. Blank lines are dropped; the line numbers stay those of the paste.
 */
export function pastedRows(text: string): PastedRow[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const separator = lines.some((line) => line.includes('\t')) ? /\t/ : lines.some((line) => line.includes('|')) ? /\s*\|\s*/ : / {2,}/;
  return lines
    .map((line, index) => ({ line: index + 1, cells: line.replace(/^\s*\|/, '').replace(/\|\s*$/, '').split(separator).map((cell) => cell.trim()) }))
    .filter((row) => row.cells.some((cell) => cell !== ''));
}

/** The column whose heading matches, or -1. */
export function columnOf(header: readonly string[], pattern: RegExp): number {
  return header.findIndex((cell) => pattern.test(cell.trim()));
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthNumber = (name: string) => MONTHS.findIndex((month) => month.startsWith(name.toLowerCase().slice(0, 3)) && name.length >= 3) + 1;

/**
 * A date as papers write it: "2012-12-17", "17/12/2012", "17 December 2012",
 * "17 Dec 12"; a month alone ("December 2012") means its last day. Null when
 * it is none of these.
 */
export function paperDate(text: string): CalendarDate | null {
  const value = text.trim().replace(/(\d)(st|nd|rd|th)\b/i, '$1');
  if (isCalendarDate(value)) return value;
  const year = (written: string) => (written.length === 2 ? 2000 + Number(written) : Number(written));
  const safe = (y: number, m: number, d: number) => {
    try {
      return calendarDateFromParts(y, m, d);
    } catch {
      return null;
    }
  };
  let match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/.exec(value);
  if (match) return safe(year(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{2}|\d{4})$/.exec(value);
  if (match && monthNumber(match[2]) > 0) return safe(year(match[3]), monthNumber(match[2]), Number(match[1]));
  match = /^([A-Za-z]+)\.?\s+(\d{4})$/.exec(value);
  if (match && monthNumber(match[1]) > 0) {
    const first = safe(Number(match[2]), monthNumber(match[1]), 1);
    return first ? endOfMonth(first) : null;
  }
  return null;
}
