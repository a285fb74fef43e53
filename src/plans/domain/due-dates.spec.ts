import { DEFAULT_BAND_OFFSETS, WorkingDayCalendar } from '../../deadlines';
import { activityDueDate, bandOffsetProblems, parseDueDateInput, recommendationDueDate, withDefaultOffsets } from './due-dates';

const calendar = new WorkingDayCalendar();
const southampton = { publishedOn: '2012-06-13', bandOffsets: DEFAULT_BAND_OFFSETS };

describe('parseDueDateInput', () => {
  it.each([
    ['2012-09-01', { date: '2012-09-01', precision: 'day' }],
    ['2012-09', { date: '2012-09-30', precision: 'month' }],
    ['2012-02', { date: '2012-02-29', precision: 'month' }],
    ['2013-02', { date: '2013-02-28', precision: 'month' }],
    ['2016-04', { date: '2016-04-30', precision: 'month' }],
  ])('%s means %p', (input, expected) => {
    expect(parseDueDateInput(input)).toEqual(expected);
  });
});

describe('recommendationDueDate', () => {
  it.each([
    ['immediately', '2012-06-27'],
    ['within_three_months', '2012-09-13'],
    ['within_six_months', '2012-12-13'],
  ] as const)('derives %s from the publication date', (band, expected) => {
    expect(recommendationDueDate(southampton, { band, targetDate: null, dueDateOverride: null }, calendar)).toBe(expected);
  });

  it('lets an override win over the band', () => {
    expect(
      recommendationDueDate(southampton, { band: 'within_three_months', targetDate: null, dueDateOverride: '2012-10-01' }, calendar),
    ).toBe('2012-10-01');
  });

  it('uses the target date of a by_date recommendation as written', () => {
    expect(recommendationDueDate(southampton, { band: 'by_date', targetDate: '2012-09-01', dueDateOverride: null }, calendar)).toBe(
      '2012-09-01',
    );
  });

  it('has no band deadline while the plan has no publication date', () => {
    expect(
      recommendationDueDate({ ...southampton, publishedOn: null }, { band: 'within_six_months', targetDate: null, dueDateOverride: null }, calendar),
    ).toBeNull();
  });

  it('honours the plan’s own offsets and the council’s closure days', () => {
    const plan = { publishedOn: '2012-06-13', bandOffsets: withDefaultOffsets({ within_three_months: { unit: 'months', amount: 2 } }) };
    expect(recommendationDueDate(plan, { band: 'within_three_months', targetDate: null, dueDateOverride: null }, calendar)).toBe('2012-08-13');
    const closed = new WorkingDayCalendar(['2012-08-13']);
    expect(recommendationDueDate(plan, { band: 'within_three_months', targetDate: null, dueDateOverride: null }, closed)).toBe('2012-08-14');
  });
});

describe('activityDueDate', () => {
  it('follows the recommendation unless the activity has its own date', () => {
    expect(activityDueDate(null, '2012-09-13')).toBe('2012-09-13');
    expect(activityDueDate('2012-09-01', '2012-09-13')).toBe('2012-09-01');
    expect(activityDueDate(null, null)).toBeNull();
  });
});

describe('bandOffsetProblems', () => {
  it('accepts the defaults', () => {
    expect(bandOffsetProblems(DEFAULT_BAND_OFFSETS)).toEqual({});
  });

  it('names the band whose amount is out of range for its unit', () => {
    expect(bandOffsetProblems(withDefaultOffsets({ within_six_months: { unit: 'months', amount: 30 } }))).toEqual({
      'bandOffsets.within_six_months.amount': 'must be a whole number from 0 to 24 months',
    });
    expect(bandOffsetProblems(withDefaultOffsets({ immediately: { unit: 'working_days', amount: 2.5 } }))).toEqual({
      'bandOffsets.immediately.amount': 'must be a whole number from 0 to 260 working days',
    });
  });
});
