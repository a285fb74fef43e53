import type { ActivityStatus } from '../plans/plan-vocabulary';
import { WorkingDayCalendar } from '../deadlines';
import type { RagRating } from './rag';
import { Standing, isAtRisk, isDueSoon, isOpen, isOverdue, isQuiet, isUnreported, standingOf, statusText, workingDaysLate } from './standing';

describe('standingOf (as of 14 September 2012)', () => {
  it.each<[ActivityStatus, string | null, RagRating | null, Standing]>([
    ['complete', '2012-09-13', 'blue', 'complete'],
    ['cancelled', '2012-09-13', null, 'cancelled'],
    ['in_progress', '2012-09-13', 'red', 'overdue'],
    ['not_started', '2012-09-13', 'green', 'overdue'],
    ['in_progress', '2012-09-14', 'green', 'on_track'],
    ['not_started', '2012-09-20', 'amber', 'at_risk'],
    ['blocked', '2012-12-13', 'red', 'at_risk'],
    ['deferred', null, 'amber', 'at_risk'],
    ['in_progress', null, 'green', 'on_track'],
  ])('%s due %s rated %s -> %s', (status, dueDate, rating, expected) => {
    expect(standingOf({ status, dueDate }, rating, '2012-09-14')).toBe(expected);
  });
});

describe('statusText', () => {
  it.each<[ActivityStatus, number | null, boolean, string]>([
    ['not_started', null, false, 'Not started'],
    ['in_progress', 40, false, 'In progress (40%)'],
    ['complete', 100, false, 'Complete'],
    ['complete', 100, true, 'Complete, verified'],
    ['blocked', 20, false, 'Blocked (20%)'],
    ['cancelled', 20, false, 'Cancelled'],
  ])('%s %p %p -> %s', (status, percent, verified, expected) => {
    expect(statusText(status, percent, verified)).toBe(expected);
  });
});

describe('isOpen, isOverdue and isAtRisk (as of 14 September 2012)', () => {
  it.each<[ActivityStatus, string | null, RagRating | null, boolean, boolean, boolean]>([
    ['not_started', '2012-09-13', 'red', true, true, false],
    ['in_progress', '2012-09-14', 'amber', true, false, true],
    ['blocked', '2012-12-13', 'red', true, false, true],
    ['deferred', '2012-09-13', 'amber', true, true, false],
    ['in_progress', '2012-12-13', 'green', true, false, false],
    ['complete', '2012-09-13', 'blue', false, false, false],
    ['cancelled', '2012-09-13', null, false, false, false],
    ['not_started', null, 'amber', true, false, true],
  ])('%s due %s rated %s: open %p, overdue %p, at risk %p', (status, dueDate, rating, open, overdue, atRisk) => {
    expect(isOpen(status)).toBe(open);
    expect(isOverdue({ status, dueDate }, '2012-09-14')).toBe(overdue);
    expect(isAtRisk({ status, dueDate }, rating, '2012-09-14')).toBe(atRisk);
  });
});

describe('isQuiet: work the reminders leave alone', () => {
  it.each<[ActivityStatus, boolean, string | null, boolean]>([
    ['in_progress', false, '2012-09-13', false],
    ['not_started', false, '2012-09-13', false],
    ['blocked', false, '2012-09-13', false],
    ['complete', false, '2012-09-13', true],
    ['complete', true, '2012-09-13', true],
    ['cancelled', false, '2012-09-13', true],
    ['deferred', false, '2012-09-13', true],
    ['in_progress', false, null, true],
  ])('%s, verified %p, due %s: quiet %p', (status, verified, dueDate, quiet) => {
    expect(isQuiet({ status, verified, dueDate })).toBe(quiet);
  });
});

describe('workingDaysLate', () => {
  const calendar = new WorkingDayCalendar();
  it.each<[string | null, string, number | null]>([
    ['2012-09-13', '2012-09-14', 1],
    ['2012-08-24', '2012-08-28', 1], // over the August bank holiday
    ['2012-09-14', '2012-09-14', 0],
    ['2012-09-20', '2012-09-14', 0],
    [null, '2012-09-14', 0],
    ['1890-01-01', '2012-09-14', null], // before the bank holidays this version knows
  ])('due %s, as of %s: %p', (dueDate, asOf, late) => {
    expect(workingDaysLate(calendar, dueDate, asOf as never)).toBe(late);
  });
});

describe('isDueSoon: due within the next 10 working days (as of Friday 14 September 2012)', () => {
  const calendar = new WorkingDayCalendar();
  it.each<[ActivityStatus, string | null, boolean]>([
    ['in_progress', '2012-09-14', true],
    ['not_started', '2012-09-28', true],
    // 10 working days after Friday 14 September is Friday 28; the Monday after is the 11th.
    ['not_started', '2012-10-01', false],
    ['in_progress', '2012-09-13', false],
    ['complete', '2012-09-20', false],
    ['cancelled', '2012-09-20', false],
    ['blocked', '2012-09-20', true],
    ['in_progress', null, false],
    // Beyond the years whose bank holidays are known: cannot be counted, so not called soon.
    ['in_progress', '2040-01-01', false],
  ])('%s due %s -> %p', (status, dueDate, expected) => {
    expect(isDueSoon(calendar, { status, dueDate }, '2012-09-14')).toBe(expected);
  });
});

describe('isUnreported: nothing reported for 30 days (as of 14 September 2012)', () => {
  it.each<[ActivityStatus, string | null, string | null, boolean]>([
    ['in_progress', '2012-08-15', '2012-06-13', true],
    ['in_progress', '2012-08-16', '2012-06-13', false],
    // Never reported: counted from when the work was due to start.
    ['not_started', null, '2012-06-13', true],
    ['not_started', null, '2012-09-01', false],
    ['not_started', null, null, false],
    ['complete', '2012-06-20', '2012-06-13', false],
    ['cancelled', null, '2012-06-13', false],
    ['blocked', '2012-07-01', '2012-06-13', true],
  ])('%s last reported %s, due to start %s -> %p', (status, lastReportedOn, startDate, expected) => {
    expect(isUnreported({ status, lastReportedOn, startDate }, '2012-09-14')).toBe(expected);
  });
});
