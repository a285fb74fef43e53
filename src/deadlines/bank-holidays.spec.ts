import {
  assertWithinBankHolidayYears,
  BANK_HOLIDAYS_FIRST_YEAR,
  BANK_HOLIDAYS_LAST_YEAR,
  BankHoliday,
  bankHolidaysInYear,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  findBankHoliday,
  isWithinBankHolidayYears,
} from './bank-holidays';
import {
  addCalendarDays,
  calendarDateFromParts,
  CalendarDate,
  compareCalendarDates,
  dayOfWeek,
  endOfMonth,
  isCalendarDate,
  isWeekend,
} from './calendar-date';

// An independent working of the regular rules, so that a typo in the shipped table
// fails here rather than moving a council's deadline.

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return calendarDateFromParts(year, month, day);
}

function firstMonday(year: number, month: number): CalendarDate {
  let date = calendarDateFromParts(year, month, 1);
  while (dayOfWeek(date) !== 1) date = addCalendarDays(date, 1);
  return date;
}

function lastMonday(year: number, month: number): CalendarDate {
  let date = endOfMonth(calendarDateFromParts(year, month, 1));
  while (dayOfWeek(date) !== 1) date = addCalendarDays(date, -1);
  return date;
}

/**
 * The eight regular holidays. A fixed-date holiday on a weekend moves to the next
 * weekday that is not already a holiday: so in 2011 Christmas (Sunday) goes to
 * Tuesday 27 because Boxing Day already has Monday 26.
 */
function regularHolidays(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const holidays: BankHoliday[] = [
    { date: addCalendarDays(easter, -2), name: 'Good Friday' },
    { date: addCalendarDays(easter, 1), name: 'Easter Monday' },
    { date: firstMonday(year, 5), name: 'Early May bank holiday' },
    { date: lastMonday(year, 5), name: 'Spring bank holiday' },
    { date: lastMonday(year, 8), name: 'Summer bank holiday' },
  ];
  const fixed: Array<[CalendarDate, string]> = [
    [calendarDateFromParts(year, 1, 1), "New Year's Day"],
    [calendarDateFromParts(year, 12, 25), 'Christmas Day'],
    [calendarDateFromParts(year, 12, 26), 'Boxing Day'],
  ];
  for (const [date, name] of fixed) {
    if (!isWeekend(date)) holidays.push({ date, name });
  }
  for (const [date, name] of fixed) {
    if (!isWeekend(date)) continue;
    let substitute = date;
    while (isWeekend(substitute) || holidays.some((holiday) => holiday.date === substitute)) {
      substitute = addCalendarDays(substitute, 1);
    }
    holidays.push({ date: substitute, name, substituteDay: true });
  }
  return holidays.sort((a, b) => compareCalendarDates(a.date, b.date));
}

const ONE_OFF_YEARS = [2011, 2012, 2020, 2022, 2023];

const years = Array.from(
  { length: BANK_HOLIDAYS_LAST_YEAR - BANK_HOLIDAYS_FIRST_YEAR + 1 },
  (_, index) => BANK_HOLIDAYS_FIRST_YEAR + index,
);
const regularYears = years.filter((year) => !ONE_OFF_YEARS.includes(year));

describe('the independent working used to check the table', () => {
  // Published Easter Sundays, so the check itself is checked.
  it.each<[number, CalendarDate]>([
    [2010, '2010-04-04'],
    [2011, '2011-04-24'],
    [2012, '2012-04-08'],
    [2013, '2013-03-31'],
    [2016, '2016-03-27'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2027, '2027-03-28'],
    [2032, '2032-03-28'],
    [2038, '2038-04-25'], // latest possible
    [2285, '2285-03-22'], // earliest possible
  ])('Easter Sunday %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it.each<[number, CalendarDate, CalendarDate]>([
    [2012, '2012-05-07', '2012-05-28'],
    [2011, '2011-05-02', '2011-05-30'], // May 2011 starts on a Sunday
    [2015, '2015-05-04', '2015-05-25'],
  ])('first and last Mondays of May %i are %s and %s', (year, first, last) => {
    expect(firstMonday(year, 5)).toBe(first);
    expect(lastMonday(year, 5)).toBe(last);
  });
});

describe('ENGLAND_AND_WALES_BANK_HOLIDAYS', () => {
  it('covers 2010 to 2032', () => {
    expect(BANK_HOLIDAYS_FIRST_YEAR).toBe(2010);
    expect(BANK_HOLIDAYS_LAST_YEAR).toBe(2032);
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[0].date).toBe('2010-01-01');
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[ENGLAND_AND_WALES_BANK_HOLIDAYS.length - 1].date).toBe('2032-12-28');
  });

  it('holds only real dates, strictly in date order (so no date twice)', () => {
    const dates = ENGLAND_AND_WALES_BANK_HOLIDAYS.map((holiday) => holiday.date);
    for (const date of dates) expect(isCalendarDate(date)).toBe(true);
    for (let index = 1; index < dates.length; index++) {
      expect(compareCalendarDates(dates[index - 1], dates[index])).toBe(-1);
    }
  });

  it('never lists a Saturday or Sunday (those are substituted)', () => {
    const onWeekends = ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((holiday) => isWeekend(holiday.date));
    expect(onWeekends).toEqual([]);
  });

  it.each(regularYears)('matches the regular rules in %i', (year) => {
    expect(bankHolidaysInYear(year)).toEqual(regularHolidays(year));
  });

  it('is frozen, so no caller can change the shared calendar', () => {
    expect(Object.isFrozen(ENGLAND_AND_WALES_BANK_HOLIDAYS)).toBe(true);
    expect(Object.isFrozen(ENGLAND_AND_WALES_BANK_HOLIDAYS[0])).toBe(true);
  });
});

describe('years with one-off changes, as published on gov.uk', () => {
  it.each<[number, BankHoliday[]]>([
    [
      2011,
      [
        { date: '2011-01-03', name: "New Year's Day", substituteDay: true },
        { date: '2011-04-22', name: 'Good Friday' },
        { date: '2011-04-25', name: 'Easter Monday' },
        { date: '2011-04-29', name: 'Royal wedding' },
        { date: '2011-05-02', name: 'Early May bank holiday' },
        { date: '2011-05-30', name: 'Spring bank holiday' },
        { date: '2011-08-29', name: 'Summer bank holiday' },
        { date: '2011-12-26', name: 'Boxing Day' },
        { date: '2011-12-27', name: 'Christmas Day', substituteDay: true },
      ],
    ],
    [
      2012,
      [
        { date: '2012-01-02', name: "New Year's Day", substituteDay: true },
        { date: '2012-04-06', name: 'Good Friday' },
        { date: '2012-04-09', name: 'Easter Monday' },
        { date: '2012-05-07', name: 'Early May bank holiday' },
        { date: '2012-06-04', name: 'Spring bank holiday' },
        { date: '2012-06-05', name: "Queen's Diamond Jubilee" },
        { date: '2012-08-27', name: 'Summer bank holiday' },
        { date: '2012-12-25', name: 'Christmas Day' },
        { date: '2012-12-26', name: 'Boxing Day' },
      ],
    ],
    [
      2020,
      [
        { date: '2020-01-01', name: "New Year's Day" },
        { date: '2020-04-10', name: 'Good Friday' },
        { date: '2020-04-13', name: 'Easter Monday' },
        { date: '2020-05-08', name: 'Early May bank holiday (VE day)' },
        { date: '2020-05-25', name: 'Spring bank holiday' },
        { date: '2020-08-31', name: 'Summer bank holiday' },
        { date: '2020-12-25', name: 'Christmas Day' },
        { date: '2020-12-28', name: 'Boxing Day', substituteDay: true },
      ],
    ],
    [
      2022,
      [
        { date: '2022-01-03', name: "New Year's Day", substituteDay: true },
        { date: '2022-04-15', name: 'Good Friday' },
        { date: '2022-04-18', name: 'Easter Monday' },
        { date: '2022-05-02', name: 'Early May bank holiday' },
        { date: '2022-06-02', name: 'Spring bank holiday' },
        { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
        { date: '2022-08-29', name: 'Summer bank holiday' },
        { date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
        { date: '2022-12-26', name: 'Boxing Day' },
        { date: '2022-12-27', name: 'Christmas Day', substituteDay: true },
      ],
    ],
    [
      2023,
      [
        { date: '2023-01-02', name: "New Year's Day", substituteDay: true },
        { date: '2023-04-07', name: 'Good Friday' },
        { date: '2023-04-10', name: 'Easter Monday' },
        { date: '2023-05-01', name: 'Early May bank holiday' },
        { date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' },
        { date: '2023-05-29', name: 'Spring bank holiday' },
        { date: '2023-08-28', name: 'Summer bank holiday' },
        { date: '2023-12-25', name: 'Christmas Day' },
        { date: '2023-12-26', name: 'Boxing Day' },
      ],
    ],
  ])('%i', (year, expected) => {
    expect(bankHolidaysInYear(year)).toEqual(expected);
  });

  it('differs from the regular rules in every one-off year (so none is listed by mistake)', () => {
    for (const year of ONE_OFF_YEARS) {
      expect(bankHolidaysInYear(year)).not.toEqual(regularHolidays(year));
    }
  });
});

describe('findBankHoliday', () => {
  it.each<[CalendarDate, string | undefined]>([
    ['2012-08-27', 'Summer bank holiday'],
    ['2012-05-28', undefined], // moved to 4 June for the Diamond Jubilee
    ['2012-06-05', "Queen's Diamond Jubilee"],
    ['2020-05-04', undefined], // moved to 8 May for VE Day
    ['2020-05-08', 'Early May bank holiday (VE day)'],
    ['2010-12-27', 'Christmas Day'],
    ['2010-12-25', undefined], // a Saturday: the holiday is the substitute day
    ['2012-09-13', undefined],
    ['2032-12-28', 'Boxing Day'],
  ])('%s: %p', (date, expected) => {
    expect(findBankHoliday(date)?.name).toBe(expected);
  });

  it('marks substitute days', () => {
    expect(findBankHoliday('2010-12-28')).toEqual({ date: '2010-12-28', name: 'Boxing Day', substituteDay: true });
    expect(findBankHoliday('2012-12-26')?.substituteDay).toBeUndefined();
  });

  it.each<[CalendarDate, string]>([
    ['2009-12-25', '2009'],
    ['2033-01-03', '2033'],
  ])('refuses %s, outside the shipped years, naming the year', (date, year) => {
    expect(() => findBankHoliday(date)).toThrow(RangeError);
    expect(() => findBankHoliday(date)).toThrow(`in ${year}`);
  });

  it('refuses an invalid date', () => {
    expect(() => findBankHoliday('2012-02-30')).toThrow(TypeError);
  });
});

describe('isWithinBankHolidayYears and assertWithinBankHolidayYears', () => {
  it.each<[CalendarDate, boolean]>([
    ['2009-12-31', false],
    ['2010-01-01', true],
    ['2032-12-31', true],
    ['2033-01-01', false],
  ])('%s: %p', (date, within) => {
    expect(isWithinBankHolidayYears(date)).toBe(within);
    if (within) expect(() => assertWithinBankHolidayYears(date)).not.toThrow();
    else expect(() => assertWithinBankHolidayYears(date)).toThrow(RangeError);
  });
});

describe('bankHolidaysInYear', () => {
  it('gives each year its holidays only', () => {
    expect(bankHolidaysInYear(2013).map((holiday) => holiday.date)).toEqual([
      '2013-01-01',
      '2013-03-29',
      '2013-04-01',
      '2013-05-06',
      '2013-05-27',
      '2013-08-26',
      '2013-12-25',
      '2013-12-26',
    ]);
  });

  it.each([[2009], [2033], [2012.5]])('refuses %p', (year) => {
    expect(() => bankHolidaysInYear(year)).toThrow(RangeError);
  });
});
