import type { ActivityStatus } from '../plans/plan-vocabulary';
import type { RagRating } from '../progress/rag';
import { Standing, standingOf, statusText } from './standing';

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
