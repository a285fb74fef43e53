import { CADENCES, Cadence } from '../../plans/plan-vocabulary';
import { CalendarDate, addCalendarMonths, calendarDateFromParts, calendarDateParts, compareCalendarDates, endOfMonth, formatMonthYear, isCalendarDate } from '../../deadlines';

/**
 * "By when" as plans write it: a month ("April 2016" means by the end of
 * April), a day ("1 September 2012", "01/09/2012"), a cadence ("Quarterly",
 * "Quarterly review of action plans", "Termly"), several years of the same
 * month ("September 2015 / 16 / 17") or "Ongoing". Month-only dates are kept
 * as the month's last day with month precision, as the plans module stores them.
 */

export type DatePrecision = 'day' | 'month';

export interface PlanDate {
  date: CalendarDate;
  precision: DatePrecision;
}

export { CADENCES };
export type { Cadence };

export type Timescale =
  | { kind: 'date'; date: PlanDate }
  | { kind: 'dates'; dates: PlanDate[] }
  | { kind: 'cadence'; cadence: Cadence; from: PlanDate | null }
  | { kind: 'ongoing' }
  | { kind: 'unreadable' };

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11,
  december: 12, dec: 12,
};
const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';

// Order matters: "bi-monthly" before "monthly", "six-monthly" before "monthly".
const CADENCE_WORDS: Array<[RegExp, Cadence]> = [
  [/\bfortnightly\b|\bevery (?:two|2) weeks\b/, 'fortnightly'],
  [/\bweekly\b|\bevery week\b|\beach week\b/, 'weekly'],
  [/\bbi-?monthly\b|\bevery (?:two|2) months\b/, 'bi_monthly'],
  [/\bsix-?monthly\b|\bhalf-?yearly\b|\bbi-?annual(?:ly)?\b|\bevery (?:six|6) months\b|\btwice (?:a|per|each) year\b/, 'six_monthly'],
  [/\bquarterly\b|\bevery (?:three|3) months\b|\beach quarter\b|\bevery quarter\b/, 'quarterly'],
  [/\bmonthly\b|\bevery month\b|\beach month\b/, 'monthly'],
  [/\btermly\b|\beach term\b|\bevery term\b/, 'termly'],
  [/\bannual(?:ly)?\b|\byearly\b|\beach year\b|\bevery year\b/, 'annually'],
];

const ONGOING = /\bon-?going\b|\bcontinuous(?:ly)?\b|\bthroughout\b|\bas required\b/;

function planDate(year: number, month: number, day: number | null): PlanDate | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12) return null;
  if (day === null) return { date: endOfMonth(calendarDateFromParts(year, month, 1)), precision: 'month' };
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(text) ? { date: text, precision: 'day' } : null;
}

function fullYear(text: string, century: number): number {
  return text.length === 2 ? century + Number(text) : Number(text);
}

interface Found {
  at: number;
  end: number;
  dates: PlanDate[];
}

/** Every date written in the text, in order, with where it was found. */
function findDates(lower: string): Found[] {
  const found: Found[] = [];
  const taken: Array<[number, number]> = [];
  const free = (at: number, end: number) => taken.every(([a, b]) => end <= a || at >= b);
  // A date that does not exist ("31 February 2016") is taken out with nothing in it, so the
  // month alone is not read from what is left: a slip in a deadline is for a person to fix.
  const add = (at: number, end: number, dates: PlanDate[]) => {
    if (!free(at, end)) return;
    taken.push([at, end]);
    found.push({ at, end, dates });
  };
  // "September 2015 / 16 / 17", "Sept 2015, 2016 and 2017": one month, several years.
  for (const m of lower.matchAll(new RegExp(`\\b${MONTH}[\\s-]+(\\d{4})((?:\\s*(?:/|,|&|and)\\s*(?:\\d{4}|\\d{2})\\b){1,10})`, 'g'))) {
    const month = MONTHS[m[1]];
    const first = Number(m[2]);
    const century = Math.floor(first / 100) * 100;
    const years = [first];
    for (const part of m[3].matchAll(/\d{2,4}/g)) {
      let year = fullYear(part[0], century);
      while (year <= years[years.length - 1]) year += 100;
      years.push(year);
    }
    add(m.index!, m.index! + m[0].length, years.map((y) => planDate(y, month, null)).filter((d): d is PlanDate => d !== null));
  }
  // "1 September 2012", "1st Sept 2012"
  for (const m of lower.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})\\b`, 'g'))) {
    const date = planDate(Number(m[3]), MONTHS[m[2]], Number(m[1]));
    add(m.index!, m.index! + m[0].length, date ? [date] : []);
  }
  // "01/09/2012", "1.9.2012": councils in England write the day first.
  for (const m of lower.matchAll(/\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g)) {
    const date = planDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (date) add(m.index!, m.index! + m[0].length, [date]);
  }
  for (const m of lower.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    const date = planDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) add(m.index!, m.index! + m[0].length, [date]);
  }
  // "April 2016", "Apr-16", "April '16"
  for (const m of lower.matchAll(new RegExp(`\\b${MONTH}[\\s-]*(?:'|’)?(\\d{4}|\\d{2})\\b`, 'g'))) {
    const year = fullYear(m[2], 2000);
    const date = planDate(year, MONTHS[m[1]], null);
    if (date) add(m.index!, m.index! + m[0].length, [date]);
  }
  // "09/2016"
  for (const m of lower.matchAll(/\b(\d{1,2})\/(\d{4})\b/g)) {
    const date = planDate(Number(m[2]), Number(m[1]), null);
    if (date) add(m.index!, m.index! + m[0].length, [date]);
  }
  // "2016/17": a financial year ends on 31 March.
  for (const m of lower.matchAll(/\b(\d{4})\s*[/-]\s*(\d{2})\b/g)) {
    const first = Number(m[1]);
    const second = fullYear(m[2], Math.floor(first / 100) * 100);
    if (second === first + 1) {
      const date = planDate(second, 3, null);
      if (date) add(m.index!, m.index! + m[0].length, [date]);
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/** Reads a "By when" cell. Only the first 300 characters are read: a timescale is short. */
export function parseTimescale(text: string): Timescale {
  const lower = text.slice(0, 300).normalize('NFKC').toLowerCase().replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s+/g, ' ').trim();
  if (!lower) return { kind: 'unreadable' };
  const found = findDates(lower);
  if (found.some((f) => f.dates.length === 0)) return { kind: 'unreadable' };
  const dates = found.flatMap((f) => f.dates);
  const cadence = CADENCE_WORDS.find(([pattern]) => pattern.test(lower))?.[1];
  if (cadence) return { kind: 'cadence', cadence, from: dates[0] ?? null };
  // "March 2016, 2015/16": one date written twice is one date.
  const distinct = [...new Map(dates.map((d) => [d.date, d])).values()].sort((a, b) => compareCalendarDates(a.date, b.date));
  if (distinct.length === 1) return { kind: 'date', date: distinct[0] };
  if (distinct.length > 1) return { kind: 'dates', dates: distinct };
  if (ONGOING.test(lower)) return { kind: 'ongoing' };
  return { kind: 'unreadable' };
}

/**
 * A deadline an activity states itself: "Embed the new electronic Care Plan
 * document onto PARIS by 1 September 2012." Only "by …" counts: "From July
 * 2012 all practitioners …" is when work starts, not when it is due.
 */
export function deadlineInText(text: string): PlanDate | null {
  const lower = text.slice(0, 5000).toLowerCase();
  const pattern = new RegExp(`\\bby\\s+(?:the\\s+)?(?:end\\s+of\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?${MONTH},?\\s+(\\d{4})\\b`, 'g');
  let last: PlanDate | null = null;
  for (const m of lower.matchAll(pattern)) {
    last = planDate(Number(m[3]), MONTHS[m[2]], m[1] ? Number(m[1]) : null) ?? last;
  }
  return last;
}

export interface Milestone {
  date: CalendarDate;
  precision: DatePrecision;
  label: string;
}

// Terms end in December (autumn), April (spring, with Easter) and July (summer).
const TERM_ENDS: Record<number, string> = { 12: 'Autumn term', 4: 'Spring term', 7: 'Summer term' };
const QUARTER_ENDS = new Set([3, 6, 9, 12]);
const MAX_MILESTONES = 120;

/**
 * The checkpoints of a recurring commitment between the plan's start and end,
 * each at the end of its month: quarterly at the ends of March, June,
 * September and December (the council's financial quarters), termly at the ends
 * of the school terms, the others counted in months from the start. Weekly and
 * fortnightly commitments get no milestones: a board does not review weekly.
 */
export function milestonesFor(cadence: Cadence, start: CalendarDate, end: CalendarDate): Milestone[] {
  if (cadence === 'weekly' || cadence === 'fortnightly') return [];
  if (compareCalendarDates(end, start) < 0) return [];
  const milestones: Milestone[] = [];
  const last = endOfMonth(end);
  const stepMonths: Partial<Record<Cadence, number>> = { monthly: 1, bi_monthly: 2, six_monthly: 6, annually: 12 };
  const step = stepMonths[cadence];
  if (step) {
    for (let k = 1; milestones.length < MAX_MILESTONES; k++) {
      const date = endOfMonth(addCalendarMonths(start, k * step));
      if (compareCalendarDates(date, last) > 0) break;
      milestones.push({ date, precision: 'month', label: formatMonthYear(date) });
    }
    return milestones;
  }
  for (let month = endOfMonth(start); compareCalendarDates(month, last) <= 0 && milestones.length < MAX_MILESTONES; month = endOfMonth(addCalendarMonths(month, 1))) {
    if (compareCalendarDates(month, start) < 0) continue;
    const { month: m, year } = calendarDateParts(month);
    if (cadence === 'quarterly' && QUARTER_ENDS.has(m)) {
      milestones.push({ date: month, precision: 'month', label: `Quarter to ${formatMonthYear(month)}` });
    }
    if (cadence === 'termly' && TERM_ENDS[m]) {
      milestones.push({ date: month, precision: 'month', label: `${TERM_ENDS[m]} ${year}` });
    }
  }
  return milestones;
}

/** "September 2015 / 16 / 17": one milestone for each date written. */
export function milestonesOfDates(dates: PlanDate[]): Milestone[] {
  return dates.map(({ date, precision }) => ({
    date,
    precision,
    label: precision === 'month' ? formatMonthYear(date) : date,
  }));
}
