import { CalendarDate, WorkingDayCalendar } from '../../deadlines';
import { isReturnMonth, isReturnOverdue, monthToChase, overdueReturnMonths, returnChaseOn, returnDueOn } from './chaser';
import { Month } from './periods';

const england = new WorkingDayCalendar();

describe('the monthly return', () => {
  it.each<[Month, number, CalendarDate]>([
    // 31 May 2022 was a Tuesday; 2 and 3 June were bank holidays (spring and the Platinum Jubilee).
    ['2022-05', 10, '2022-06-16'],
    // 30 June 2022 was a Thursday.
    ['2022-06', 10, '2022-07-14'],
    ['2022-06', 5, '2022-07-07'],
    // 31 December 2021 was a Friday; 3 January 2022 was New Year's Day moved to the Monday.
    ['2021-12', 10, '2022-01-17'],
  ])('for %s is due %i working days after month end: %s', (month, days, due) => {
    expect(returnDueOn(month, england, days)).toBe(due);
  });

  it('is overdue the day after it is due, not on the day', () => {
    expect(isReturnOverdue('2022-05', '2022-06-16', england)).toBe(false);
    expect(isReturnOverdue('2022-05', '2022-06-17', england)).toBe(true);
  });

  it.each<[CalendarDate, Month]>([
    ['2022-06-16', '2022-04'],
    ['2022-06-17', '2022-05'],
    ['2022-07-01', '2022-05'],
  ])('on %s the chaser asks about %s', (today, month) => {
    expect(monthToChase(today, england)).toBe(month);
  });

  it('counts the council\'s closure days too', () => {
    expect(returnDueOn('2022-06', new WorkingDayCalendar(['2022-07-01']), 10)).toBe('2022-07-15');
  });
});

describe('the chaser and the overdue returns', () => {
  it.each<[Month, 'monthly' | 'quarterly' | 'annual', boolean]>([
    ['2022-05', 'monthly', true],
    ['2022-05', 'quarterly', false],
    ['2022-06', 'quarterly', true],
    ['2022-03', 'annual', true],
    ['2022-06', 'annual', false],
  ])('%s is a return month of a %s indicator: %s', (month, frequency, expected) => {
    expect(isReturnMonth(month, frequency)).toBe(expected);
  });

  // The May 2022 return is due on Thursday 16 June (10 working days, two bank holidays), overdue from Friday 17.
  it.each<[CalendarDate, Month | null, number | null]>([
    ['2022-06-16', '2022-04', 21], // May's is due today, not yet chased: April's, still the latest overdue, is on its cadence
    ['2022-06-17', '2022-05', 1], // first day overdue
    ['2022-06-20', null, null], // 2 working days overdue: not a chasing day
    ['2022-06-24', '2022-05', 6], // every 5 working days after
    ['2022-07-01', '2022-05', 11],
    ['2022-07-15', '2022-06', 1], // June's return (due 14 July) takes May's place
    ['2022-06-18', null, null], // a Saturday: no digest
  ])('on %s the owner is chased about %s (%s working days overdue)', (day, month, overdue) => {
    const chase = returnChaseOn(day, england);
    expect(chase && { month: chase.month, overdue: chase.workingDaysOverdue }).toEqual(month === null ? null : { month, overdue });
  });

  it('chases a quarterly indicator about the quarter, after the quarter ends', () => {
    expect(returnChaseOn('2022-07-15', england, { frequency: 'quarterly' })).toEqual({ month: '2022-06', dueOn: '2022-07-14', workingDaysOverdue: 1 });
    expect(returnChaseOn('2022-08-15', england, { frequency: 'quarterly' })).toBeNull();
  });

  it('follows the plan’s working days and cadence', () => {
    expect(returnChaseOn('2022-07-08', england, { workingDays: 5 })).toEqual({ month: '2022-06', dueOn: '2022-07-07', workingDaysOverdue: 1 });
    expect(returnChaseOn('2022-06-20', england, { every: 1 })?.workingDaysOverdue).toBe(2);
  });

  it('lists the returns overdue on a day, newest first, from the indicator’s first month, at most a year back', () => {
    expect(overdueReturnMonths('2022-03', '2022-07-15', england).map((r) => [r.month, r.dueOn, r.workingDaysOverdue])).toEqual([
      ['2022-06', '2022-07-14', 1],
      ['2022-05', '2022-06-16', 21],
      ['2022-04', '2022-05-16', 42],
      ['2022-03', '2022-04-14', 61],
    ]);
    expect(overdueReturnMonths('2022-06', '2022-07-14', england)).toEqual([]);
    expect(overdueReturnMonths('2010-01', '2022-07-15', england)).toHaveLength(12);
    expect(overdueReturnMonths('2021-01', '2022-07-15', england, { frequency: 'quarterly' }).map((r) => r.month)).toEqual(['2022-06', '2022-03', '2021-12', '2021-09']);
  });
});
