import { CalendarDate, WorkingDayCalendar } from '../../deadlines';
import { isReturnOverdue, monthToChase, returnDueOn } from './chaser';
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
