import { CalendarDate, formatLongDate } from './calendar-date';
import {
  BAND_ORDER,
  bandDueDate,
  bandLabel,
  BandOffsets,
  DEFAULT_BAND_OFFSETS,
  isTimescaleBand,
  MAX_OFFSET_AMOUNT,
  OFFSET_BANDS,
  OFFSET_UNITS,
  TIMESCALE_BANDS,
  TimescaleBand,
  validateBandOffsets,
} from './timescale-band';
import { WorkingDayCalendar } from './working-days';

const england = new WorkingDayCalendar();

describe('TimescaleBand', () => {
  it('has the four bands, in the order Ofsted lists them', () => {
    expect(TIMESCALE_BANDS).toEqual(['immediately', 'within_three_months', 'within_six_months', 'by_date']);
    expect(OFFSET_BANDS).toEqual(['immediately', 'within_three_months', 'within_six_months']);
    expect(TimescaleBand.WithinThreeMonths).toBe('within_three_months');
    expect(OFFSET_UNITS).toEqual(['working_days', 'calendar_days', 'months']);
  });

  it.each<[unknown, boolean]>([
    ['immediately', true],
    ['by_date', true],
    ['within_a_year', false],
    ['Immediately', false],
    [undefined, false],
    [3, false],
  ])('isTimescaleBand(%p) is %p', (value, expected) => {
    expect(isTimescaleBand(value)).toBe(expected);
  });

  it('sorts by BAND_ORDER most urgent first, explicit dates last', () => {
    const bands: TimescaleBand[] = ['by_date', 'within_six_months', 'immediately', 'within_three_months'];
    expect([...bands].sort((a, b) => BAND_ORDER[a] - BAND_ORDER[b])).toEqual(TIMESCALE_BANDS);
  });
});

describe('bandLabel', () => {
  it.each<[TimescaleBand, string]>([
    ['immediately', 'Immediately'],
    ['within_three_months', 'Within three months'],
    ['within_six_months', 'Within six months'],
    ['by_date', 'By date'],
  ])('%s is "%s"', (band, label) => {
    expect(bandLabel(band)).toBe(label);
  });

  it('refuses an unknown band rather than printing "undefined" in a committee paper', () => {
    expect(() => bandLabel('within_a_year' as TimescaleBand)).toThrow(TypeError);
  });
});

describe('DEFAULT_BAND_OFFSETS', () => {
  it('reads immediately as 10 working days and the others as whole months', () => {
    expect(DEFAULT_BAND_OFFSETS).toEqual({
      immediately: { unit: 'working_days', amount: 10 },
      within_three_months: { unit: 'months', amount: 3 },
      within_six_months: { unit: 'months', amount: 6 },
    });
    expect(validateBandOffsets(DEFAULT_BAND_OFFSETS)).toEqual([]);
  });

  it('is frozen, so one plan cannot change another plan defaults', () => {
    expect(Object.isFrozen(DEFAULT_BAND_OFFSETS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_BAND_OFFSETS.immediately)).toBe(true);
  });
});

describe('validateBandOffsets', () => {
  const valid = {
    immediately: { unit: 'working_days', amount: 20 },
    within_three_months: { unit: 'months', amount: 2 },
    within_six_months: { unit: 'calendar_days', amount: 0 },
  };

  it('accepts a complete set within the limits', () => {
    expect(validateBandOffsets(valid)).toEqual([]);
    expect(
      validateBandOffsets({ ...valid, immediately: { unit: 'calendar_days', amount: MAX_OFFSET_AMOUNT } }),
    ).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['not an object', 'ten days', ['Band offsets must be an object with immediately, within_three_months, within_six_months']],
    ['null', null, ['Band offsets must be an object with immediately, within_three_months, within_six_months']],
    ['an array', [], ['Band offsets must be an object with immediately, within_three_months, within_six_months']],
    ['a band missing', { immediately: valid.immediately, within_six_months: valid.within_six_months }, ['within_three_months: missing']],
    ['an offset that is not an object', { ...valid, immediately: 10 }, ['immediately must be an object with unit and amount']],
    ['an unknown unit', { ...valid, immediately: { unit: 'weeks', amount: 2 } }, ['immediately.unit must be one of working_days, calendar_days, months (got "weeks")']],
    ['a fractional amount', { ...valid, within_six_months: { unit: 'months', amount: 5.5 } }, ['within_six_months.amount must be a whole number from 0 to 366 (got 5.5)']],
    ['a negative amount', { ...valid, within_six_months: { unit: 'months', amount: -1 } }, ['within_six_months.amount must be a whole number from 0 to 366 (got -1)']],
    ['too large an amount', { ...valid, within_six_months: { unit: 'calendar_days', amount: 367 } }, ['within_six_months.amount must be a whole number from 0 to 366 (got 367)']],
    ['an amount written as text', { ...valid, within_six_months: { unit: 'months', amount: '6' } }, ['within_six_months.amount must be a whole number from 0 to 366 (got "6")']],
    ['no amount', { ...valid, within_six_months: { unit: 'months' } }, ['within_six_months.amount must be a whole number from 0 to 366 (got nothing)']],
    ['a misspelt field', { ...valid, immediately: { unit: 'working_days', amount: 10, ammount: 20 } }, ['immediately: unexpected field "ammount"']],
    ['an offset for by_date', { ...valid, by_date: { unit: 'months', amount: 1 } }, ['by_date cannot have an offset: each such recommendation carries its own date']],
    ['an unknown band', { ...valid, within_a_year: { unit: 'months', amount: 12 } }, ['unexpected band "within_a_year"']],
    [
      'several problems at once',
      { immediately: { unit: 'hours', amount: -2 } },
      [
        'immediately.unit must be one of working_days, calendar_days, months (got "hours")',
        'immediately.amount must be a whole number from 0 to 366 (got -2)',
        'within_three_months: missing',
        'within_six_months: missing',
      ],
    ],
  ])('reports %s', (_, offsets, problems) => {
    expect(validateBandOffsets(offsets)).toEqual(problems);
  });
});

describe('bandDueDate', () => {
  const plan20WorkingDaysAndTwoMonths: BandOffsets = {
    ...DEFAULT_BAND_OFFSETS,
    immediately: { unit: 'working_days', amount: 20 },
    within_three_months: { unit: 'months', amount: 2 },
  };
  const calendarDayOffsets: BandOffsets = {
    ...DEFAULT_BAND_OFFSETS,
    immediately: { unit: 'calendar_days', amount: 14 },
    within_three_months: { unit: 'working_days', amount: 0 },
  };
  const closedOnChristmasEve2012 = new WorkingDayCalendar(['2012-12-24']);

  it.each<[string, CalendarDate, TimescaleBand, BandOffsets, WorkingDayCalendar, CalendarDate]>([
    // The Southampton report, published Wednesday 13 June 2012.
    ['immediately: 10 working days', '2012-06-13', 'immediately', DEFAULT_BAND_OFFSETS, england, '2012-06-27'],
    ['three months: same day of the month', '2012-06-13', 'within_three_months', DEFAULT_BAND_OFFSETS, england, '2012-09-13'],
    ['six months: same day of the month', '2012-06-13', 'within_six_months', DEFAULT_BAND_OFFSETS, england, '2012-12-13'],
    ['on Summer bank holiday moves to Tuesday', '2012-05-27', 'within_three_months', DEFAULT_BAND_OFFSETS, england, '2012-08-28'],
    ['on a Saturday moves to Monday', '2012-06-15', 'within_three_months', DEFAULT_BAND_OFFSETS, england, '2012-09-17'],
    ['on a Sunday moves to Monday', '2012-03-16', 'within_six_months', DEFAULT_BAND_OFFSETS, england, '2012-09-17'],
    ['on Christmas 2010, past both substitute days', '2010-09-25', 'within_three_months', DEFAULT_BAND_OFFSETS, england, '2010-12-29'],
    ['on Boxing Day 2020 (Saturday), past its substitute', '2020-06-26', 'within_six_months', DEFAULT_BAND_OFFSETS, england, '2020-12-29'],
    ['on Good Friday 2012, past Easter Monday', '2012-01-06', 'within_three_months', DEFAULT_BAND_OFFSETS, england, '2012-04-10'],
    ['on the Diamond Jubilee', '2011-12-05', 'within_six_months', DEFAULT_BAND_OFFSETS, england, '2012-06-06'],
    ['on the moved Spring bank holiday 2012', '2012-03-04', 'within_three_months', DEFAULT_BAND_OFFSETS, england, '2012-06-06'],
    ['not moved on the usual Spring bank holiday date in 2012', '2012-02-28', 'within_three_months', DEFAULT_BAND_OFFSETS, england, '2012-05-28'],
    ['immediately across the jubilee', '2012-05-30', 'immediately', DEFAULT_BAND_OFFSETS, england, '2012-06-15'],
    ['31 August: 30 November', '2012-08-31', 'within_three_months', DEFAULT_BAND_OFFSETS, england, '2012-11-30'],
    ['30 November 2011: 29 February 2012 (leap)', '2011-11-30', 'within_three_months', DEFAULT_BAND_OFFSETS, england, '2012-02-29'],
    ['29 February 2012 + six months', '2012-02-29', 'within_six_months', DEFAULT_BAND_OFFSETS, england, '2012-08-29'],
    ['31 August 2012 + six months: 28 February 2013', '2012-08-31', 'within_six_months', DEFAULT_BAND_OFFSETS, england, '2013-02-28'],
    ['on a council closure day', '2012-09-24', 'within_three_months', DEFAULT_BAND_OFFSETS, closedOnChristmasEve2012, '2012-12-27'],
    ['the same without the closure day', '2012-09-24', 'within_three_months', DEFAULT_BAND_OFFSETS, england, '2012-12-24'],
    ['plan offset: immediately is 20 working days', '2012-06-13', 'immediately', plan20WorkingDaysAndTwoMonths, england, '2012-07-11'],
    ['plan offset: three months is 2 months', '2012-06-13', 'within_three_months', plan20WorkingDaysAndTwoMonths, england, '2012-08-13'],
    ['plan offset: six months untouched', '2012-06-13', 'within_six_months', plan20WorkingDaysAndTwoMonths, england, '2012-12-13'],
    ['calendar days, then the next working day', '2012-08-13', 'immediately', calendarDayOffsets, england, '2012-08-28'],
    ['zero working days from a Saturday', '2012-06-16', 'within_three_months', calendarDayOffsets, england, '2012-06-18'],
  ])('%s: published %s, %s -> %s', (_, publishedOn, band, offsets, calendar, expected) => {
    expect(bandDueDate(publishedOn, band, offsets, calendar)).toBe(expected);
  });

  it('prints as the report expects', () => {
    expect(formatLongDate(bandDueDate('2012-06-13', 'within_three_months', DEFAULT_BAND_OFFSETS, england))).toBe(
      '13 September 2012',
    );
  });

  it('refuses by_date: the recommendation carries its own date', () => {
    expect(() => bandDueDate('2012-06-13', 'by_date', DEFAULT_BAND_OFFSETS, england)).toThrow(/by_date/);
  });

  it('refuses an unknown band', () => {
    expect(() => bandDueDate('2012-06-13', 'within_a_year' as TimescaleBand, DEFAULT_BAND_OFFSETS, england)).toThrow(
      'Unknown timescale band: "within_a_year"',
    );
  });

  it('refuses invalid offsets, saying what is wrong', () => {
    const broken = { ...DEFAULT_BAND_OFFSETS, immediately: { unit: 'working_days', amount: -5 } } as BandOffsets;
    expect(() => bandDueDate('2012-06-13', 'immediately', broken, england)).toThrow(
      'immediately.amount must be a whole number from 0 to 366 (got -5)',
    );
  });

  it('refuses an invalid publication date', () => {
    expect(() => bandDueDate('2012-06-31', 'within_three_months', DEFAULT_BAND_OFFSETS, england)).toThrow(TypeError);
  });

  it.each<[CalendarDate, TimescaleBand, RegExp]>([
    ['2009-12-01', 'within_three_months', /2009/], // published before the known years
    ['2032-08-31', 'within_six_months', /2033/], // due after them
    ['2032-12-20', 'immediately', /2033/],
  ])('refuses to guess outside the known bank holiday years: %s, %s', (publishedOn, band, year) => {
    expect(() => bandDueDate(publishedOn, band, DEFAULT_BAND_OFFSETS, england)).toThrow(RangeError);
    expect(() => bandDueDate(publishedOn, band, DEFAULT_BAND_OFFSETS, england)).toThrow(year);
  });
});
