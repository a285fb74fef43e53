import { runInThisContext } from 'vm';
import {
  addCalendarDays,
  endOfLondonDay,
  addCalendarMonths,
  calendarDateFromParts,
  calendarDateParts,
  calendarDaysBetween,
  CalendarDate,
  compareCalendarDates,
  dayOfWeek,
  endOfMonth,
  formatLongDate,
  formatMonthYear,
  formatShortDate,
  isCalendarDate,
  isWeekend,
  parseCalendarDate,
  todayInLondon,
} from './calendar-date';

describe('isCalendarDate', () => {
  it.each([
    ['2012-09-13'],
    ['2012-02-29'], // leap year
    ['2000-02-29'], // divisible by 400: leap
    ['2013-12-31'],
    ['2013-01-01'],
    ['0001-01-01'],
  ])('accepts %s', (text) => {
    expect(isCalendarDate(text)).toBe(true);
  });

  it.each([
    ['2012-02-30', 'no 30 February'],
    ['2013-02-29', '2013 is not a leap year'],
    ['1900-02-29', 'centuries are not leap years unless divisible by 400'],
    ['2012-04-31', 'April has 30 days'],
    ['2012-13-01', 'no month 13'],
    ['2012-00-10', 'no month 0'],
    ['2012-09-00', 'no day 0'],
    ['2012-9-1', 'single-digit month and day'],
    ['2012-09-1', 'single-digit day'],
    ['20120901', 'no separators'],
    ['2012/09/01', 'wrong separators'],
    ['12-09-01', 'two-digit year'],
    ['2012-09-13T00:00:00Z', 'time part'],
    ['2012-09-13 10:00', 'time part'],
    [' 2012-09-13', 'leading space'],
    ['2012-09-13\n', 'trailing newline'],
    ['+2012-09-13', 'sign'],
    ['', 'empty'],
    ['13/09/2012', 'UK order'],
  ])('rejects %j (%s)', (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });

  it.each([[undefined], [null], [20120913], [new Date(Date.UTC(2012, 8, 13))], [{}]])(
    'rejects the non-string %p',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
});

describe('parseCalendarDate', () => {
  it('returns a valid date unchanged', () => {
    expect(parseCalendarDate('2012-09-13')).toBe('2012-09-13');
  });

  it('throws a TypeError quoting the bad value', () => {
    expect(() => parseCalendarDate('2012-02-30')).toThrow(TypeError);
    expect(() => parseCalendarDate('2012-02-30')).toThrow('"2012-02-30"');
  });
});

describe('calendarDateFromParts and calendarDateParts', () => {
  it.each([
    [2012, 9, 13, '2012-09-13'],
    [2012, 2, 29, '2012-02-29'],
    [45, 1, 1, '0045-01-01'], // years below 100 are not read as 19xx
  ])('%i-%i-%i is %s', (year, month, day, expected) => {
    expect(calendarDateFromParts(year, month, day)).toBe(expected);
    expect(calendarDateParts(expected as CalendarDate)).toEqual({ year, month, day });
  });

  it.each([
    [2013, 2, 29],
    [2012, 13, 1],
    [2012, 1, 0],
    [10000, 1, 1],
    [-1, 1, 1],
    [2012.5, 1, 1],
  ])('refuses %p-%p-%p with a RangeError', (year, month, day) => {
    expect(() => calendarDateFromParts(year, month, day)).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  it.each<[CalendarDate, number, CalendarDate]>([
    ['2012-09-13', 0, '2012-09-13'],
    ['2012-09-13', 1, '2012-09-14'],
    ['2012-09-13', -13, '2012-08-31'],
    ['2012-02-28', 1, '2012-02-29'],
    ['2013-02-28', 1, '2013-03-01'],
    ['2012-12-31', 1, '2013-01-01'],
    ['2013-01-01', -1, '2012-12-31'],
    ['2012-03-24', 2, '2012-03-26'], // across the spring clock change
    ['2012-10-27', 2, '2012-10-29'], // across the autumn clock change
    ['2012-01-01', 366, '2013-01-01'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });

  it('refuses a fractional number of days', () => {
    expect(() => addCalendarDays('2012-09-13', 1.5)).toThrow(RangeError);
  });

  it('refuses an invalid date', () => {
    expect(() => addCalendarDays('2012-02-30', 1)).toThrow(TypeError);
  });

  it('refuses to leave four-digit years', () => {
    expect(() => addCalendarDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('addCalendarMonths', () => {
  it.each<[CalendarDate, number, CalendarDate]>([
    ['2012-06-13', 3, '2012-09-13'],
    ['2012-06-13', 6, '2012-12-13'],
    ['2012-06-13', 0, '2012-06-13'],
    ['2012-08-31', 3, '2012-11-30'], // 31 November does not exist
    ['2011-11-30', 3, '2012-02-29'], // leap year
    ['2012-11-30', 3, '2013-02-28'], // not a leap year
    ['2012-02-29', 12, '2013-02-28'],
    ['2012-02-29', 48, '2016-02-29'],
    ['2012-02-29', 3, '2012-05-29'], // same day of month, not end of month
    ['2013-03-31', -1, '2013-02-28'],
    ['2012-03-31', -1, '2012-02-29'],
    ['2012-01-15', -1, '2011-12-15'],
    ['2012-10-31', 3, '2013-01-31'], // across a year end
    ['2012-12-31', -12, '2011-12-31'],
    ['2012-05-31', 1, '2012-06-30'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it('refuses a fractional number of months', () => {
    expect(() => addCalendarMonths('2012-06-13', 0.5)).toThrow(RangeError);
  });

  it('refuses an invalid date', () => {
    expect(() => addCalendarMonths('2012-9-1' as CalendarDate, 1)).toThrow(TypeError);
  });
});

describe('calendarDaysBetween', () => {
  it.each<[CalendarDate, CalendarDate, number]>([
    ['2012-09-13', '2012-09-13', 0],
    ['2012-09-13', '2012-09-14', 1],
    ['2012-09-14', '2012-09-13', -1],
    ['2012-01-01', '2013-01-01', 366],
    ['2013-01-01', '2014-01-01', 365],
  ])('%s to %s is %i days', (from, to, expected) => {
    expect(calendarDaysBetween(from, to)).toBe(expected);
  });
});

describe('endOfMonth', () => {
  it.each<[CalendarDate, CalendarDate]>([
    ['2012-09-13', '2012-09-30'],
    ['2012-02-01', '2012-02-29'],
    ['2013-02-10', '2013-02-28'],
    ['2012-12-31', '2012-12-31'],
    ['2016-04-01', '2016-04-30'],
  ])('end of the month of %s is %s', (date, expected) => {
    expect(endOfMonth(date)).toBe(expected);
  });
});

describe('compareCalendarDates', () => {
  it.each<[CalendarDate, CalendarDate, number]>([
    ['2012-09-13', '2012-09-14', -1],
    ['2012-09-14', '2012-09-13', 1],
    ['2012-09-13', '2012-09-13', 0],
    ['2011-12-31', '2012-01-01', -1],
  ])('compares %s with %s as %i', (a, b, expected) => {
    expect(compareCalendarDates(a, b)).toBe(expected);
  });

  it('sorts dates chronologically', () => {
    const dates: CalendarDate[] = ['2012-12-13', '2012-06-27', '2011-12-31', '2012-09-13'];
    expect([...dates].sort(compareCalendarDates)).toEqual([
      '2011-12-31',
      '2012-06-27',
      '2012-09-13',
      '2012-12-13',
    ]);
  });

  it('refuses an invalid date', () => {
    expect(() => compareCalendarDates('2012-09-13', '2013-02-29')).toThrow(TypeError);
  });
});

describe('dayOfWeek and isWeekend', () => {
  it.each<[CalendarDate, number, boolean]>([
    ['2012-09-13', 4, false], // Thursday
    ['2012-09-14', 5, false], // Friday
    ['2012-09-15', 6, true], // Saturday
    ['2012-09-16', 0, true], // Sunday
    ['2012-09-17', 1, false], // Monday
    ['1970-01-01', 4, false], // Thursday
    ['1969-12-28', 0, true], // Sunday, before 1970
    ['2010-12-25', 6, true], // Saturday
  ])('%s is day %i (weekend: %p)', (date, day, weekend) => {
    expect(dayOfWeek(date)).toBe(day);
    expect(isWeekend(date)).toBe(weekend);
  });
});

describe('endOfLondonDay', () => {
  it.each<[CalendarDate, string]>([
    ['2012-09-14', '2012-09-14T23:00:00.000Z'], // BST: London's midnight is 23:00 UTC
    ['2013-01-15', '2013-01-16T00:00:00.000Z'], // GMT
    ['2012-03-24', '2012-03-25T00:00:00.000Z'], // the night the clocks go forward
    ['2012-10-27', '2012-10-27T23:00:00.000Z'], // still BST at midnight on 28 October
    ['2012-12-31', '2013-01-01T00:00:00.000Z'],
  ])('%s ends at %s', (date, instant) => {
    expect(endOfLondonDay(date).toISOString()).toBe(instant);
  });

  it('is the first instant of the next London day', () => {
    const end = endOfLondonDay('2012-06-30');
    expect(todayInLondon(end)).toBe('2012-07-01');
    expect(todayInLondon(new Date(end.getTime() - 1))).toBe('2012-06-30');
  });
});

describe('todayInLondon', () => {
  it.each<[string, CalendarDate]>([
    ['2012-06-30T23:30:00Z', '2012-07-01'], // BST: already 1 July in London
    ['2012-06-30T22:59:59Z', '2012-06-30'],
    ['2013-01-15T23:30:00Z', '2013-01-15'], // GMT: still 15 January
    ['2013-01-16T00:00:00Z', '2013-01-16'],
    ['2012-03-25T00:30:00Z', '2012-03-25'], // night the clocks go forward
    ['2012-10-27T23:30:00Z', '2012-10-28'], // still BST until 01:00 UTC on 28 October
  ])('at %s it is %s in London', (instant, expected) => {
    expect(todayInLondon(new Date(instant))).toBe(expected);
  });

  it('uses the current time by default', () => {
    const before = todayInLondon(new Date());
    const today = todayInLondon();
    const after = todayInLondon(new Date());
    expect([before, after]).toContain(today);
  });

  it('refuses an invalid Date', () => {
    expect(() => todayInLondon(new Date('not a date'))).toThrow(TypeError);
  });
});

describe('formatting', () => {
  it.each<[CalendarDate, string, string, string]>([
    ['2012-09-13', '13 September 2012', '13 Sep 2012', 'September 2012'],
    ['2012-06-01', '1 June 2012', '1 Jun 2012', 'June 2012'],
    ['2013-01-05', '5 January 2013', '5 Jan 2013', 'January 2013'],
    ['2016-04-30', '30 April 2016', '30 Apr 2016', 'April 2016'],
    ['2012-12-25', '25 December 2012', '25 Dec 2012', 'December 2012'],
  ])('%s is "%s", "%s" and "%s"', (date, long, short, monthYear) => {
    expect(formatLongDate(date)).toBe(long);
    expect(formatShortDate(date)).toBe(short);
    expect(formatMonthYear(date)).toBe(monthYear);
  });

  it('refuses an invalid date', () => {
    expect(() => formatLongDate('2012-02-30')).toThrow(TypeError);
    expect(() => formatShortDate('2012-02-30')).toThrow(TypeError);
    expect(() => formatMonthYear('2012-02-30')).toThrow(TypeError);
  });
});

describe('independence from the machine time zone', () => {
  // Jest hands each test file a copy of process.env, and Node only re-reads the time
  // zone when TZ is set on the real one, which runInThisContext reaches.
  const realProcess = runInThisContext('process') as NodeJS.Process;
  const originalTimeZone = realProcess.env.TZ;

  function setMachineTimeZone(timeZone: string | undefined): void {
    for (const env of [realProcess.env, process.env]) {
      if (timeZone === undefined) delete env.TZ;
      else env.TZ = timeZone;
    }
  }

  afterEach(() => setMachineTimeZone(originalTimeZone));

  // Auckland is ahead of UTC and Los Angeles behind it, so local-time arithmetic
  // would be off by a day in one direction or the other.
  it.each<[string, number]>([
    ['Pacific/Auckland', 0], // noon UTC on 30 June 2012 is midnight in NZST (+12)
    ['America/Los_Angeles', 5], // and 5 am in PDT (-7)
  ])('gives the same answers in %s', (timeZone, localHourAtNoonUtc) => {
    setMachineTimeZone(timeZone);
    // Proves the runtime honours the change, so the checks below mean something.
    expect(new Date(Date.UTC(2012, 5, 30, 12)).getHours()).toBe(localHourAtNoonUtc);

    expect(isCalendarDate('2012-02-29')).toBe(true);
    expect(isCalendarDate('2013-02-29')).toBe(false);
    expect(calendarDateFromParts(2012, 3, 25)).toBe('2012-03-25');
    expect(addCalendarDays('2012-03-24', 2)).toBe('2012-03-26');
    expect(addCalendarDays('2012-10-27', 2)).toBe('2012-10-29');
    expect(addCalendarMonths('2012-08-31', 3)).toBe('2012-11-30');
    expect(addCalendarMonths('2011-11-30', 3)).toBe('2012-02-29');
    expect(addCalendarMonths('2013-03-31', -1)).toBe('2013-02-28');
    expect(endOfMonth('2012-02-01')).toBe('2012-02-29');
    expect(calendarDaysBetween('2012-03-01', '2012-04-01')).toBe(31);
    expect(compareCalendarDates('2012-03-25', '2012-03-26')).toBe(-1);
    expect(dayOfWeek('2012-09-13')).toBe(4);
    expect(todayInLondon(new Date('2012-06-30T23:30:00Z'))).toBe('2012-07-01');
    expect(todayInLondon(new Date('2013-01-15T23:30:00Z'))).toBe('2013-01-15');
    expect(formatLongDate('2012-09-13')).toBe('13 September 2012');
  });

  it('restores the machine time zone afterwards', () => {
    expect(realProcess.env.TZ).toBe(originalTimeZone);
  });
});

describe('day arithmetic agrees with JavaScript’s own Gregorian calendar', () => {
  // The arithmetic is integer-only (no Date per call); Date is the reference it must match, day for day.
  const reference = (date: string) => {
    const instant = new Date(0);
    const [year, month, day] = date.split('-').map(Number);
    instant.setUTCFullYear(year, month - 1, day);
    return instant;
  };
  const text = (instant: Date) =>
    `${String(instant.getUTCFullYear()).padStart(4, '0')}-${String(instant.getUTCMonth() + 1).padStart(2, '0')}-${String(instant.getUTCDate()).padStart(2, '0')}`;

  it.each([
    ['0000-01-01', 800],
    ['0099-12-01', 400],
    ['1599-12-01', 500],
    ['1899-12-01', 500],
    ['1969-12-01', 100],
    ['1999-12-01', 900],
    ['2099-12-01', 500],
    ['9998-12-01', 390],
  ])('walks %s forward %i days: each next day, weekday and month length as Date has them', (start, days) => {
    let date = start as CalendarDate;
    for (let i = 0; i < days; i++) {
      const next = addCalendarDays(date, 1);
      const expected = reference(date);
      expected.setUTCDate(expected.getUTCDate() + 1);
      expect(next).toBe(text(expected));
      expect(dayOfWeek(next)).toBe(expected.getUTCDay());
      expect(calendarDaysBetween(date, next)).toBe(1);
      date = next;
    }
  });

  it.each([
    ['0000-02-29', true],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2012-02-29', true],
    ['2100-02-29', false],
    ['2400-02-29', true],
    ['2023-02-29', false],
    ['2024-04-31', false],
    ['2024-12-31', true],
  ])('knows whether %s exists: %s', (date, exists) => {
    expect(isCalendarDate(date)).toBe(exists);
  });

  it('counts 146,097 days in every 400 years, and months across year ends', () => {
    expect(calendarDaysBetween('1600-03-01' as CalendarDate, '2000-03-01' as CalendarDate)).toBe(146_097);
    expect(calendarDaysBetween('0000-01-01' as CalendarDate, '1970-01-01' as CalendarDate)).toBe(719_528);
    expect(addCalendarMonths('2012-12-31' as CalendarDate, 2)).toBe('2013-02-28');
    expect(addCalendarMonths('2012-01-31' as CalendarDate, -1)).toBe('2011-12-31');
    expect(endOfMonth('2100-02-10' as CalendarDate)).toBe('2100-02-28');
  });
});

describe('dates asked about again', () => {
  it('still refuses a bad date after many good ones (only checked dates are remembered)', () => {
    let date = '2000-01-01' as CalendarDate;
    for (let i = 0; i < 5000; i++) {
      expect(compareCalendarDates(date, '2000-01-01' as CalendarDate)).toBe(i === 0 ? 0 : 1);
      date = addCalendarDays(date, 1);
    }
    expect(() => compareCalendarDates('2000-02-30' as CalendarDate, date)).toThrow(TypeError);
    expect(() => dayOfWeek('2012-13-01' as CalendarDate)).toThrow(TypeError);
    expect(dayOfWeek('2012-06-13' as CalendarDate)).toBe(3);
  });
});
