import { CalendarDate, WorkingDayCalendar } from '../deadlines';
import { DEFAULT_REMINDER_POLICY, withDefaultPolicy } from './reminder-policy';
import { isEscalation, isWeeklyDigestDay, remindersDueOn } from './schedule';

const calendar = new WorkingDayCalendar();
const open = (dueDate: string) => ({ dueDate: dueDate as CalendarDate, status: 'in_progress' as const, verified: false });
const kinds = (day: string, dueDate: string, policy = DEFAULT_REMINDER_POLICY) =>
  remindersDueOn(day as CalendarDate, open(dueDate), policy, calendar).map((r) => `${r.audience}:${r.kind}`);

describe('remindersDueOn, for an activity due Thursday 13 September 2012', () => {
  it.each([
    ['2012-08-30', ['owner:due_in_10']],
    ['2012-08-31', []],
    ['2012-09-06', ['owner:due_in_5']],
    ['2012-09-12', ['owner:due_in_1']],
    ['2012-09-13', ['owner:due_today']],
    ['2012-09-14', ['owner:overdue']],
    ['2012-09-17', []],
    ['2012-09-20', ['chairs:escalation_5']],
    ['2012-09-21', ['owner:overdue']],
    ['2012-10-11', ['chairs:escalation_20']],
    ['2012-10-12', ['owner:overdue']],
    ['2012-09-15', []],
  ])('on %s: %p', (day, expected) => {
    expect(kinds(day, '2012-09-13')).toEqual(expected);
  });
});

describe('bank holidays and weekends', () => {
  it('counts working days across the Summer bank holiday (27 August 2012)', () => {
    // Due Fri 7 Sep 2012: ten working days before is Thu 23 Aug, because Mon 27 Aug is a holiday.
    expect(kinds('2012-08-23', '2012-09-07')).toEqual(['owner:due_in_10']);
    expect(kinds('2012-08-24', '2012-09-07')).toEqual([]);
  });

  it('sends nothing on a bank holiday or a weekend', () => {
    expect(kinds('2012-08-27', '2012-08-28')).toEqual([]);
    expect(kinds('2012-09-15', '2012-09-17')).toEqual([]);
  });

  it('treats a deadline on a Saturday as due on the Friday before', () => {
    expect(kinds('2012-08-31', '2012-09-01')).toEqual(['owner:due_today']);
    expect(kinds('2012-09-03', '2012-09-01')).toEqual(['owner:overdue']);
  });
});

describe('activities that never trigger reminders', () => {
  it.each(['complete', 'cancelled', 'deferred'] as const)('%s work stays quiet', (status) => {
    expect(remindersDueOn('2012-09-13', { dueDate: '2012-09-13', status, verified: false }, DEFAULT_REMINDER_POLICY, calendar)).toEqual([]);
  });
  it('verified work stays quiet; so does work without a due date', () => {
    expect(remindersDueOn('2012-09-13', { dueDate: '2012-09-13', status: 'complete', verified: true }, DEFAULT_REMINDER_POLICY, calendar)).toEqual([]);
    expect(remindersDueOn('2012-09-13', { dueDate: null, status: 'in_progress', verified: false }, DEFAULT_REMINDER_POLICY, calendar)).toEqual([]);
  });
});

describe('a plan’s own policy', () => {
  it('changes the lead times, overdue pace and escalations', () => {
    const policy = withDefaultPolicy({ beforeDueWorkingDays: [3], onDueDate: false, overdueEveryWorkingDays: 2, escalateAtWorkingDaysOverdue: [1] });
    expect(kinds('2012-09-10', '2012-09-13', policy)).toEqual(['owner:due_in_3']);
    expect(kinds('2012-09-06', '2012-09-13', policy)).toEqual([]);
    expect(kinds('2012-09-13', '2012-09-13', policy)).toEqual([]);
    expect(kinds('2012-09-14', '2012-09-13', policy)).toEqual(['owner:overdue', 'chairs:escalation_1']);
    expect(kinds('2012-09-17', '2012-09-13', policy)).toEqual([]);
    expect(kinds('2012-09-18', '2012-09-13', policy)).toEqual(['owner:overdue']);
  });
});

describe('digest days', () => {
  it('weekly digests go on the first working day of the week', () => {
    expect(isWeeklyDigestDay('2012-09-10', calendar)).toBe(true);
    expect(isWeeklyDigestDay('2012-09-11', calendar)).toBe(false);
    // Monday 27 August 2012 is a bank holiday: that week's digest goes on Tuesday.
    expect(isWeeklyDigestDay('2012-08-28', calendar)).toBe(true);
    expect(isWeeklyDigestDay('2012-08-27', calendar)).toBe(false);
  });

  it('knows an escalation from a reminder', () => {
    expect(isEscalation('escalation_5')).toBe(true);
    expect(isEscalation('overdue')).toBe(false);
  });
});
