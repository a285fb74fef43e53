import { assertWithinBankHolidayYears, ENGLAND_AND_WALES_BANK_HOLIDAYS, findBankHoliday } from './bank-holidays';
import {
  addCalendarDays,
  CalendarDate,
  calendarDaysBetween,
  compareCalendarDates,
  dayOfWeek,
  isCalendarDate,
  isWeekend,
} from './calendar-date';

/**
 * Working days as Ofsted and the council count them: not Saturday or Sunday, not an
 * England and Wales bank holiday, and not a day the council has closed (many close
 * on 24 December or between Christmas and New Year).
 *
 * Bank holidays are known only from BANK_HOLIDAYS_FIRST_YEAR to
 * BANK_HOLIDAYS_LAST_YEAR. Every method throws a RangeError naming the year if it is
 * given, or has to look at, a day outside those years, rather than guess.
 */
export class WorkingDayCalendar {
  private readonly closureDays: ReadonlySet<CalendarDate>;

  /** Weekdays that are not worked, in date order, so spans can be counted quickly. */
  private readonly nonWorkingWeekdays: readonly CalendarDate[];

  /**
   * Closure days outside the shipped years are accepted (a council's list may run
   * back years) but never consulted, since such days are refused anyway.
   */
  constructor(closureDays: Iterable<CalendarDate> = []) {
    const closures = new Set<CalendarDate>();
    for (const day of closureDays) {
      if (!isCalendarDate(day)) {
        throw new TypeError(`Closure day is not a calendar date (YYYY-MM-DD): ${JSON.stringify(day)}`);
      }
      closures.add(day);
    }
    this.closureDays = closures;

    const nonWorking = new Set<CalendarDate>(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((holiday) => holiday.date));
    for (const day of closures) nonWorking.add(day);
    this.nonWorkingWeekdays = [...nonWorking].filter((day) => !isWeekend(day)).sort(compareCalendarDates);
  }

  isWorkingDay(date: CalendarDate): boolean {
    return !isWeekend(date) && findBankHoliday(date) === undefined && !this.closureDays.has(date);
  }

  /** The bank holiday's name, for telling a user why a date moved. */
  bankHolidayOn(date: CalendarDate): string | undefined {
    return findBankHoliday(date)?.name;
  }

  isClosureDay(date: CalendarDate): boolean {
    assertWithinBankHolidayYears(date);
    return this.closureDays.has(date);
  }

  /** A deadline that falls on a weekend, bank holiday or closure day moves to the next working day. */
  nextWorkingDayOnOrAfter(date: CalendarDate): CalendarDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addCalendarDays(day, 1);
    return day;
  }

  /**
   * n > 0: the nth working day after `date`, not counting `date` itself (so 10 working
   * days from Wednesday 13 June 2012 is Wednesday 27 June).
   * n < 0: the nth working day before `date`, likewise not counting it.
   * n = 0: `date` itself if it is a working day, otherwise the next one, so that the
   * answer is always a day on which something can actually be due.
   */
  addWorkingDays(date: CalendarDate, workingDays: number): CalendarDate {
    if (!Number.isSafeInteger(workingDays)) {
      throw new RangeError(`Number of working days must be a whole number, got ${workingDays}`);
    }
    if (workingDays === 0) return this.nextWorkingDayOnOrAfter(date);
    assertWithinBankHolidayYears(date);
    const step = workingDays > 0 ? 1 : -1;
    let remaining = Math.abs(workingDays);
    let day = date;
    while (remaining > 0) {
      day = addCalendarDays(day, step);
      if (this.isWorkingDay(day)) remaining--;
    }
    return day;
  }

  /**
   * Working days after `from` up to and including `to`: how many working days late
   * something due on `from` is on `to`. Due Thursday 13 September 2012, it is 1 day
   * late on Friday 14, still 1 over the weekend, and 2 on Monday 17.
   * Negative when `to` is before `from`; 0 when they are the same day.
   */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
    assertWithinBankHolidayYears(from);
    assertWithinBankHolidayYears(to);
    const order = compareCalendarDates(from, to);
    if (order === 0) return 0;
    if (order > 0) return -this.workingDaysBetween(to, from);

    // Weekdays in (from, to], then less the holidays and closures among them.
    const span = calendarDaysBetween(from, to);
    let weekdays = Math.floor(span / 7) * 5;
    const startDay = dayOfWeek(from);
    for (let offset = 1; offset <= span % 7; offset++) {
      const weekday = (startDay + offset) % 7;
      if (weekday !== 0 && weekday !== 6) weekdays++;
    }
    return weekdays - (this.countNonWorkingWeekdaysUpTo(to) - this.countNonWorkingWeekdaysUpTo(from));
  }

  private countNonWorkingWeekdaysUpTo(date: CalendarDate): number {
    // ISO dates sort as strings, so a binary search on the text is a search by date.
    let low = 0;
    let high = this.nonWorkingWeekdays.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.nonWorkingWeekdays[middle] <= date) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
