import { dateTime, longDate, machineDate, shortDate, shortDateTime, timeOfDay } from './format';

describe('dates on pages', () => {
  it.each([
    ['2012-09-14', '14 September 2012', '14 Sep 2012'],
    ['2012-06-01', '1 June 2012', '1 Jun 2012'],
    // 23:30 UTC on 13 September is already 14 September in London (BST).
    [new Date('2012-09-13T23:30:00Z'), '14 September 2012', '14 Sep 2012'],
    // In winter London is on UTC.
    [new Date('2012-12-13T23:30:00Z'), '13 December 2012', '13 Dec 2012'],
    ['2012-09-13T23:30:00.000Z', '14 September 2012', '14 Sep 2012'],
    [null, '', ''],
    [undefined, '', ''],
    ['not a date', '', ''],
  ])('%p is %p, or %p where space is short', (value, long, short) => {
    expect(longDate(value)).toBe(long);
    expect(shortDate(value)).toBe(short);
  });

  it.each([
    ['2012-09-14T08:05:00Z', '9:05am'],
    ['2012-09-14T16:00:00Z', '5pm'],
    ['2012-09-14T11:00:00Z', 'midday'],
    ['2012-09-13T23:00:00Z', 'midnight'],
    ['2012-12-14T12:30:00Z', '12:30pm'],
    ['2012-12-14T00:10:00Z', '12:10am'],
  ])('%s is %s in London', (instant, text) => {
    expect(timeOfDay(new Date(instant))).toBe(text);
  });

  it('writes a date and time the GOV.UK way', () => {
    expect(dateTime(new Date('2012-09-14T08:05:00Z'))).toBe('14 September 2012 at 9:05am');
    expect(dateTime(null)).toBe('');
    expect(shortDateTime(new Date('2012-09-14T11:00:00Z'))).toBe('14 Sep 2012 at midday');
    expect(shortDateTime(undefined)).toBe('');
  });

  it('gives machines a calendar date or an ISO instant', () => {
    expect(machineDate('2012-09-14')).toBe('2012-09-14');
    expect(machineDate(new Date('2012-09-14T08:05:00Z'))).toBe('2012-09-14T08:05:00.000Z');
    expect(machineDate(null)).toBe('');
  });
});
