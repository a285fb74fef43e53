import {
  addMonths,
  compareMonths,
  defaultReportMonth,
  financialYearLabel,
  financialYearOf,
  formatMonthLong,
  formatMonthShort,
  formatMonthSpan,
  isMonth,
  lastDayOf,
  lastMonths,
  Month,
  monthOfFinancialYear,
  monthRange,
  monthsBetween,
  parseMonth,
  reportRecordDay,
  shortFinancialYearLabel,
} from './periods';

describe('months', () => {
  it.each<[unknown, boolean]>([
    ['2022-05', true],
    ['2022-12', true],
    ['2022-13', false],
    ['2022-00', false],
    ['2022-5', false],
    ['2022-05-01', false],
    ['May 2022', false],
    [202205, false],
    [null, false],
  ])('isMonth(%j) is %s', (value, expected) => {
    expect(isMonth(value)).toBe(expected);
  });

  it('parseMonth refuses what is not a month, naming it', () => {
    expect(() => parseMonth('2022-13')).toThrow(/Not a month.*2022-13/);
  });

  it.each<[Month, number, Month]>([
    ['2021-10', 3, '2022-01'],
    ['2022-01', -1, '2021-12'],
    ['2022-06', -12, '2021-06'],
    ['2022-06', 0, '2022-06'],
  ])('%s plus %i months is %s', (month, count, expected) => {
    expect(addMonths(month, count)).toBe(expected);
  });

  it('counts and compares months across a year end', () => {
    expect(monthsBetween('2021-10', '2022-06')).toBe(8);
    expect(compareMonths('2021-12', '2022-01')).toBe(-1);
    expect(compareMonths('2022-01', '2022-01')).toBe(0);
    expect(monthRange('2021-11', '2022-02')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(monthRange('2022-02', '2021-11')).toEqual([]);
  });

  it('gives a board table its last N months, oldest first', () => {
    expect(lastMonths('2022-06', 9)).toEqual(['2021-10', '2021-11', '2021-12', '2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06']);
    expect(() => lastMonths('2022-06', 0)).toThrow(RangeError);
  });

  it('knows the last day of a month, leap years included', () => {
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2022-02')).toBe('2022-02-28');
  });
});

describe('financial years (April to March)', () => {
  it.each<[Month, number, number]>([
    ['2021-04', 2021, 1],
    ['2021-10', 2021, 7],
    ['2021-12', 2021, 9],
    ['2022-01', 2021, 10],
    ['2022-03', 2021, 12],
    ['2022-04', 2022, 1],
    ['2022-06', 2022, 3],
  ])('%s is in the year starting %i, its month %i', (month, year, position) => {
    expect(financialYearOf(month)).toBe(year);
    expect(monthOfFinancialYear(month)).toBe(position);
  });

  it('is labelled as councils write it', () => {
    expect(financialYearLabel(2021)).toBe('2021/22');
    expect(financialYearLabel(1999)).toBe('1999/00');
    expect(shortFinancialYearLabel(2019)).toBe('19/20');
  });
});

describe('month labels', () => {
  it.each<[Month, string, string]>([
    ['2022-05', 'May 2022', 'May-22'],
    ['2021-09', 'September 2021', 'Sep-21'],
    ['2009-01', 'January 2009', 'Jan-09'],
  ])('%s is "%s" in a sentence and "%s" in a table', (month, long, short) => {
    expect(formatMonthLong(month)).toBe(long);
    expect(formatMonthShort(month)).toBe(short);
  });

  it.each<[Month, Month, string]>([
    ['2021-10', '2022-06', 'October 2021 to June 2022'],
    ['2022-04', '2022-06', 'April to June 2022'],
    ['2022-06', '2022-06', 'June 2022'],
  ])('the span %s to %s is "%s"', (first, last, expected) => {
    expect(formatMonthSpan(first, last)).toBe(expected);
  });
});

describe('the board report’s month and the record it reads', () => {
  it.each([
    ['2022-07-14', '2022-06'],
    ['2022-07-01', '2022-06'],
    ['2022-01-31', '2021-12'],
  ] as const)('on %s the next report covers %s', (today, month) => {
    expect(defaultReportMonth(today)).toBe(month);
  });

  it.each([
    // The month's report is written during the following month: until that month has ended, the record as it stands.
    ['2022-06', '2022-07-14', undefined, null],
    ['2022-06', '2022-07-31', undefined, null],
    ['2022-06', '2022-08-01', undefined, '2022-07-31'],
    ['2021-12', '2022-03-10', undefined, '2022-01-31'],
    // The current month's report, and a day the board met that is still to come.
    ['2022-07', '2022-07-14', undefined, null],
    ['2022-06', '2022-09-01', '2022-07-20', '2022-07-20'],
    ['2022-06', '2022-07-14', '2022-07-20', null],
  ] as const)('the report for %s, on %s (recorded by %s), reads the record at the end of %s', (asOf, today, recordedBy, day) => {
    expect(reportRecordDay(asOf, today, recordedBy)).toBe(day);
  });
});
