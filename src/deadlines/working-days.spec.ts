import { addCalendarDays, CalendarDate, compareCalendarDates, isWeekend } from './calendar-date';
import { findBankHoliday } from './bank-holidays';
import { WorkingDayCalendar } from './working-days';

const england = new WorkingDayCalendar();
const closedOnChristmasEve2012 = new WorkingDayCalendar(['2012-12-24']);

describe('WorkingDayCalendar.isWorkingDay', () => {
  it.each<[CalendarDate, boolean, string]>([
    ['2012-09-13', true, 'Thursday'],
    ['2012-09-15', false, 'Saturday'],
    ['2012-09-16', false, 'Sunday'],
    ['2012-08-27', false, 'Summer bank holiday'],
    ['2012-04-06', false, 'Good Friday'],
    ['2012-04-09', false, 'Easter Monday'],
    ['2012-05-28', true, 'the usual Spring bank holiday, moved in 2012'],
    ['2012-06-04', false, 'Spring bank holiday 2012'],
    ['2012-06-05', false, 'Diamond Jubilee'],
    ['2020-05-04', true, 'the usual Early May bank holiday, moved in 2020'],
    ['2020-05-08', false, 'VE Day'],
    ['2010-12-27', false, 'Christmas Day substitute'],
    ['2010-12-28', false, 'Boxing Day substitute'],
    ['2012-12-24', true, 'Christmas Eve is not a bank holiday'],
  ])('%s: %p (%s)', (date, working) => {
    expect(england.isWorkingDay(date)).toBe(working);
  });

  it('treats a council closure day as non-working', () => {
    expect(closedOnChristmasEve2012.isWorkingDay('2012-12-24')).toBe(false);
    expect(closedOnChristmasEve2012.isWorkingDay('2012-12-27')).toBe(true);
  });

  it('keeps one council closure days out of another council calendar', () => {
    expect(england.isWorkingDay('2012-12-24')).toBe(true);
  });

  it.each<[CalendarDate, string]>([
    ['2009-12-31', '2009'],
    ['2033-01-04', '2033'],
  ])('refuses %s, naming the year %s', (date, year) => {
    expect(() => england.isWorkingDay(date)).toThrow(RangeError);
    expect(() => england.isWorkingDay(date)).toThrow(year);
  });

  it('refuses an invalid date', () => {
    expect(() => england.isWorkingDay('2012-02-30')).toThrow(TypeError);
  });
});

describe('WorkingDayCalendar constructor', () => {
  it('accepts any iterable of closure days', () => {
    const calendar = new WorkingDayCalendar(new Set<CalendarDate>(['2012-12-24', '2012-12-31']));
    expect(calendar.isWorkingDay('2012-12-31')).toBe(false);
  });

  it('refuses a closure day that is not a calendar date', () => {
    expect(() => new WorkingDayCalendar(['2012-12-32'])).toThrow(TypeError);
    expect(() => new WorkingDayCalendar(['2012-12-32'])).toThrow('"2012-12-32"');
  });

  it('accepts closure days outside the shipped years without using them', () => {
    const calendar = new WorkingDayCalendar(['2009-12-24', '2012-12-24']);
    expect(calendar.workingDaysBetween('2012-12-21', '2012-12-27')).toBe(1);
  });

  it('is not confused by a closure day on a weekend or bank holiday', () => {
    const calendar = new WorkingDayCalendar(['2012-12-22', '2012-12-25']);
    expect(calendar.workingDaysBetween('2012-12-21', '2012-12-31')).toBe(
      england.workingDaysBetween('2012-12-21', '2012-12-31'),
    );
  });
});

describe('WorkingDayCalendar.bankHolidayOn and isClosureDay', () => {
  it.each<[CalendarDate, string | undefined]>([
    ['2012-08-27', 'Summer bank holiday'],
    ['2012-06-05', "Queen's Diamond Jubilee"],
    ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
    ['2012-09-13', undefined],
    ['2012-09-15', undefined],
  ])('%s: %p', (date, name) => {
    expect(england.bankHolidayOn(date)).toBe(name);
  });

  it('tells closure days apart from bank holidays', () => {
    expect(closedOnChristmasEve2012.isClosureDay('2012-12-24')).toBe(true);
    expect(closedOnChristmasEve2012.bankHolidayOn('2012-12-24')).toBeUndefined();
    expect(closedOnChristmasEve2012.isClosureDay('2012-12-25')).toBe(false);
  });

  it('refuses dates outside the shipped years', () => {
    expect(() => england.bankHolidayOn('2033-12-25')).toThrow(RangeError);
    expect(() => england.isClosureDay('2033-12-24')).toThrow(RangeError);
  });
});

describe('WorkingDayCalendar.nextWorkingDayOnOrAfter', () => {
  it.each<[string, WorkingDayCalendar, CalendarDate, CalendarDate]>([
    ['a working day stays put', england, '2012-09-13', '2012-09-13'],
    ['Saturday moves to Monday', england, '2012-09-15', '2012-09-17'],
    ['Sunday moves to Monday', england, '2012-09-16', '2012-09-17'],
    ['Summer bank holiday moves to Tuesday', england, '2012-08-27', '2012-08-28'],
    ['Good Friday moves past Easter Monday', england, '2012-04-06', '2012-04-10'],
    ['the 2012 jubilee weekend', england, '2012-06-02', '2012-06-06'],
    ['Christmas 2010 on a Saturday, both substitutes', england, '2010-12-25', '2010-12-29'],
    ['Boxing Day 2020 on a Saturday', england, '2020-12-26', '2020-12-29'],
    ['New Year 2011 on a Saturday', england, '2011-01-01', '2011-01-04'],
    ['Christmas Eve 2012 when the council is open', england, '2012-12-24', '2012-12-24'],
    ['Christmas Eve 2012 when the council is closed', closedOnChristmasEve2012, '2012-12-24', '2012-12-27'],
    ['the last covered day, a Friday', england, '2032-12-31', '2032-12-31'],
  ])('%s: %s -> %s', (_, calendar, date, expected) => {
    expect(calendar.nextWorkingDayOnOrAfter(date)).toBe(expected);
  });

  it('refuses to run past the last covered year', () => {
    // 2033-01-01 is a Saturday, and 2033 holidays are not known.
    expect(() => england.nextWorkingDayOnOrAfter('2033-01-01')).toThrow(RangeError);
  });
});

describe('WorkingDayCalendar.addWorkingDays', () => {
  it.each<[string, WorkingDayCalendar, CalendarDate, number, CalendarDate]>([
    ['ten working days (immediately)', england, '2012-06-13', 10, '2012-06-27'],
    ['one day, next day', england, '2012-09-13', 1, '2012-09-14'],
    ['from Friday skips the weekend', england, '2012-09-14', 1, '2012-09-17'],
    ['from Saturday counts from Monday', england, '2012-09-15', 1, '2012-09-17'],
    ['across Summer bank holiday', england, '2012-08-24', 1, '2012-08-28'],
    ['across Easter', england, '2012-04-05', 1, '2012-04-10'],
    ['across the 2012 jubilee', england, '2012-06-01', 1, '2012-06-06'],
    ['into Christmas Eve', england, '2012-12-21', 1, '2012-12-24'],
    ['across Christmas 2012', england, '2012-12-21', 2, '2012-12-27'],
    ['across Christmas and New Year', england, '2012-12-24', 5, '2013-01-03'],
    ['across the 2010 Christmas substitutes', england, '2010-12-24', 1, '2010-12-29'],
    ['across a closure day', closedOnChristmasEve2012, '2012-12-21', 1, '2012-12-27'],
    ['zero from a working day stays put', england, '2012-09-13', 0, '2012-09-13'],
    ['zero from a Saturday moves to Monday', england, '2012-09-15', 0, '2012-09-17'],
    ['zero from a bank holiday moves on', england, '2012-08-27', 0, '2012-08-28'],
    ['back one from Monday is Friday', england, '2012-09-17', -1, '2012-09-14'],
    ['back one from Saturday is Friday', england, '2012-09-15', -1, '2012-09-14'],
    ['back across Summer bank holiday', england, '2012-08-28', -1, '2012-08-24'],
    ['back across Christmas 2012', england, '2012-12-27', -2, '2012-12-21'],
    ['back ten', england, '2012-06-27', -10, '2012-06-13'],
  ])('%s: %s + %i = %s', (_, calendar, date, workingDays, expected) => {
    expect(calendar.addWorkingDays(date, workingDays)).toBe(expected);
  });

  it('refuses a fractional number of working days', () => {
    expect(() => england.addWorkingDays('2012-09-13', 1.5)).toThrow(RangeError);
  });

  it('refuses to step into a year whose holidays are unknown, naming it', () => {
    expect(() => england.addWorkingDays('2032-12-30', 5)).toThrow(/2033/);
    expect(() => england.addWorkingDays('2010-01-04', -2)).toThrow(/2009/);
  });

  it('refuses a starting date outside the shipped years', () => {
    expect(() => england.addWorkingDays('2009-12-31', 1)).toThrow(RangeError);
  });
});

describe('WorkingDayCalendar.workingDaysBetween', () => {
  it.each<[string, WorkingDayCalendar, CalendarDate, CalendarDate, number]>([
    ['same day', england, '2012-09-13', '2012-09-13', 0],
    ['due Thursday, Friday', england, '2012-09-13', '2012-09-14', 1],
    ['due Thursday, Saturday', england, '2012-09-13', '2012-09-15', 1],
    ['due Thursday, Sunday', england, '2012-09-13', '2012-09-16', 1],
    ['due Thursday, Monday', england, '2012-09-13', '2012-09-17', 2],
    ['a full week', england, '2012-09-13', '2012-09-20', 5],
    ['earlier date gives a negative count', england, '2012-09-14', '2012-09-13', -1],
    ['earlier across a weekend', england, '2012-09-17', '2012-09-13', -2],
    ['Friday to Summer bank holiday', england, '2012-08-24', '2012-08-27', 0],
    ['Friday to the day after Summer bank holiday', england, '2012-08-24', '2012-08-28', 1],
    ['across Christmas and New Year 2012', england, '2012-12-21', '2013-01-02', 5],
    ['across Christmas and New Year 2012, closed Christmas Eve', closedOnChristmasEve2012, '2012-12-21', '2013-01-02', 4],
    ['across the 2010 substitutes into 2011', england, '2010-12-24', '2011-01-04', 4],
    ['the whole of 2013', england, '2012-12-31', '2013-12-31', 253],
  ])('%s: %s to %s = %i', (_, calendar, from, to, expected) => {
    expect(calendar.workingDaysBetween(from, to)).toBe(expected);
  });

  it.each<[CalendarDate, CalendarDate]>([
    ['2009-12-31', '2010-01-05'],
    ['2032-12-31', '2033-01-04'],
    ['2033-01-04', '2033-01-04'],
  ])('refuses %s to %s, outside the shipped years', (from, to) => {
    expect(() => england.workingDaysBetween(from, to)).toThrow(RangeError);
  });
});

describe('counting and stepping agree with a day-by-day count', () => {
  // A deterministic spread of dates across the covered years, including the odd ones.
  function* pairs(): Generator<[CalendarDate, CalendarDate]> {
    let seed = 2012;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let index = 0; index < 300; index++) {
      const from = addCalendarDays('2010-01-01', next() % 8000);
      const to = addCalendarDays(from, (next() % 120) - 20);
      if (to <= '2032-12-31') yield [from, to];
    }
    yield ['2012-05-25', '2012-06-08'];
    yield ['2022-05-27', '2022-09-23'];
  }

  function slowCount(calendar: WorkingDayCalendar, from: CalendarDate, to: CalendarDate): number {
    const [low, high, sign] = compareCalendarDates(from, to) <= 0 ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let day = addCalendarDays(low, 1); day <= high; day = addCalendarDays(day, 1)) {
      if (!isWeekend(day) && !findBankHoliday(day) && !calendar.isClosureDay(day)) count++;
    }
    return sign * count;
  }

  it.each([
    ['England and Wales', england],
    ['with closure days', new WorkingDayCalendar(['2012-12-24', '2015-12-24', '2022-05-31', '2030-07-01'])],
  ])('workingDaysBetween matches a day-by-day count (%s)', (_, calendar) => {
    for (const [from, to] of pairs()) {
      expect([from, to, calendar.workingDaysBetween(from, to)]).toEqual([from, to, slowCount(calendar, from, to)]);
    }
  });

  it('addWorkingDays(d, n) is n working days after d', () => {
    for (const [from] of pairs()) {
      for (const n of [1, 2, 5, 10, 20, 70]) {
        const due = england.addWorkingDays(from, n);
        expect(england.isWorkingDay(due)).toBe(true);
        expect([from, n, england.workingDaysBetween(from, due)]).toEqual([from, n, n]);
        // and it is the first such day
        expect([from, n, england.workingDaysBetween(from, addCalendarDays(due, -1))]).toEqual([from, n, n - 1]);
      }
    }
  });
});
