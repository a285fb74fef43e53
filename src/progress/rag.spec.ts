import { CalendarDate, WorkingDayCalendar } from '../deadlines';
import { assessActivity, compareRag, RAG_RATINGS, RagAssessment, RagInput, RagOverride, RagRating, rollUp } from './rag';

const england = new WorkingDayCalendar();

// Under way since July, due in December, last updated a week ago, and on the line:
// green on Monday 17 September 2012, so each case below changes only what it tests.
const onTrack: RagInput = {
  status: 'in_progress',
  verified: false,
  percentComplete: 50,
  startDate: '2012-07-02',
  dueDate: '2012-12-13',
  lastReportedOn: '2012-09-10',
  blockedReason: null,
};
const MONDAY_17_SEP: CalendarDate = '2012-09-17';

interface Case {
  rule: string;
  input: Partial<RagInput>;
  asOf?: CalendarDate;
  rating: RagRating | null;
  reasons: string[];
}

function assess(changes: Partial<RagInput>, asOf: CalendarDate = MONDAY_17_SEP, override?: RagOverride | null) {
  return assessActivity({ ...onTrack, ...changes }, asOf, england, override);
}

describe('assessActivity: the rules', () => {
  it.each<Case>([
    // Green
    {
      rule: 'green: on track, counting working days left',
      input: {},
      rating: 'green',
      reasons: ['on track: due 13 Dec 2012, 63 working days left'],
    },
    {
      rule: 'green: no due date',
      input: { dueDate: null },
      rating: 'green',
      reasons: ['on track: no due date'],
    },
    {
      rule: 'green: 1 working day left, singular',
      input: { dueDate: '2012-09-18', percentComplete: 90 },
      rating: 'green',
      reasons: ['on track: due 18 Sep 2012, 1 working day left'],
    },
    {
      rule: 'green: due today is not yet overdue',
      input: { dueDate: '2012-09-17', percentComplete: 90 },
      rating: 'green',
      reasons: ['on track: due 17 Sep 2012, today'],
    },
    {
      rule: 'green: due on a Saturday, assessed the Friday before',
      input: { dueDate: '2012-09-15', percentComplete: 90 },
      asOf: '2012-09-14',
      rating: 'green',
      reasons: ['on track: due 15 Sep 2012, no working days left'],
    },
    {
      rule: 'green: "verified" means nothing until the work is complete',
      input: { verified: true },
      rating: 'green',
      reasons: ['on track: due 13 Dec 2012, 63 working days left'],
    },

    // Blue
    {
      rule: 'blue: complete',
      input: { status: 'complete', percentComplete: 100 },
      rating: 'blue',
      reasons: ['complete'],
    },
    {
      rule: 'blue: complete and verified',
      input: { status: 'complete', verified: true, percentComplete: 100 },
      rating: 'blue',
      reasons: ['complete and verified'],
    },
    {
      rule: 'blue: complete after its due date is done, not overdue',
      input: { status: 'complete', dueDate: '2012-09-13', percentComplete: 40, lastReportedOn: '2012-06-01' },
      asOf: '2012-09-19',
      rating: 'blue',
      reasons: ['complete'],
    },

    // Red: overdue
    {
      rule: 'red: overdue by working days',
      input: { dueDate: '2012-09-13', percentComplete: 90 },
      asOf: '2012-09-19',
      rating: 'red',
      reasons: ['due 13 Sep 2012, 4 working days overdue'],
    },
    {
      rule: 'red: 1 working day overdue, singular',
      input: { dueDate: '2012-09-13', percentComplete: 90 },
      asOf: '2012-09-14',
      rating: 'red',
      reasons: ['due 13 Sep 2012, 1 working day overdue'],
    },
    {
      rule: 'red: due Friday, assessed Saturday: past due but 0 working days late',
      input: { dueDate: '2012-09-14', percentComplete: 90 },
      asOf: '2012-09-15',
      rating: 'red',
      reasons: ['due 14 Sep 2012, overdue'],
    },
    {
      rule: 'red: due Friday, assessed Sunday: still 0 working days late',
      input: { dueDate: '2012-09-14', percentComplete: 90 },
      asOf: '2012-09-16',
      rating: 'red',
      reasons: ['due 14 Sep 2012, overdue'],
    },
    {
      rule: 'red: due Fri 24 Aug, Tue 28 Aug is 1 working day late (Summer bank holiday)',
      input: { dueDate: '2012-08-24', percentComplete: 90, lastReportedOn: '2012-08-20' },
      asOf: '2012-08-28',
      rating: 'red',
      reasons: ['due 24 Aug 2012, 1 working day overdue'],
    },
    {
      rule: 'red: due Fri 24 Aug, on the bank holiday itself it is 0 working days late',
      input: { dueDate: '2012-08-24', percentComplete: 90, lastReportedOn: '2012-08-20' },
      asOf: '2012-08-27',
      rating: 'red',
      reasons: ['due 24 Aug 2012, overdue'],
    },

    // Red: blocked
    {
      rule: 'red: blocked, with the note that blocked it',
      input: { status: 'blocked', blockedReason: ' waiting for the NHS data-sharing agreement ' },
      rating: 'red',
      reasons: ['blocked: waiting for the NHS data-sharing agreement'],
    },
    {
      rule: 'red: blocked, no note',
      input: { status: 'blocked' },
      rating: 'red',
      reasons: ['blocked'],
    },
    {
      rule: 'red: blocked, blank note',
      input: { status: 'blocked', blockedReason: '   ' },
      rating: 'red',
      reasons: ['blocked'],
    },
    {
      rule: 'red: blocked, note not given at all',
      input: { status: 'blocked', blockedReason: undefined },
      rating: 'red',
      reasons: ['blocked'],
    },
    {
      rule: 'red: overdue and blocked, both reasons, overdue first',
      input: { status: 'blocked', blockedReason: 'no social worker allocated', dueDate: '2012-09-13', percentComplete: 90 },
      asOf: '2012-09-19',
      rating: 'red',
      reasons: ['due 13 Sep 2012, 4 working days overdue', 'blocked: no social worker allocated'],
    },
    {
      rule: 'red: the amber findings follow the red ones, expected % capped at 100',
      input: { dueDate: '2012-09-13', startDate: '2012-09-01', percentComplete: 40, lastReportedOn: '2012-08-01' },
      asOf: '2012-09-19',
      rating: 'red',
      reasons: [
        'due 13 Sep 2012, 4 working days overdue',
        '40% complete against 100% expected by now',
        'nothing reported since 1 Aug 2012 (49 days)',
      ],
    },

    // Deferred
    {
      rule: 'amber: deferred and not overdue',
      input: { status: 'deferred' },
      rating: 'amber',
      reasons: ['deferred'],
    },
    {
      rule: 'red: deferred past its due date is overdue, and still says deferred',
      input: { status: 'deferred', dueDate: '2012-09-13', percentComplete: 90 },
      asOf: '2012-09-19',
      rating: 'red',
      reasons: ['due 13 Sep 2012, 4 working days overdue', 'deferred'],
    },

    // Amber: due soon and not started
    {
      rule: 'amber: due within 10 working days and not started',
      input: { status: 'not_started', percentComplete: null, startDate: null, lastReportedOn: null, dueDate: '2012-09-20' },
      asOf: '2012-09-14',
      rating: 'amber',
      reasons: ['due 20 Sep 2012, in 4 working days, not started'],
    },
    {
      rule: 'amber: due today and not started',
      input: { status: 'not_started', percentComplete: null, startDate: null, lastReportedOn: null, dueDate: '2012-09-20' },
      asOf: '2012-09-20',
      rating: 'amber',
      reasons: ['due 20 Sep 2012, today, not started'],
    },
    {
      rule: 'amber: due in exactly 10 working days and not started',
      input: { status: 'not_started', percentComplete: null, startDate: null, lastReportedOn: null, dueDate: '2012-10-01' },
      rating: 'amber',
      reasons: ['due 1 Oct 2012, in 10 working days, not started'],
    },
    {
      rule: 'green: due in 11 working days, not started, is not yet amber',
      input: { status: 'not_started', percentComplete: null, startDate: null, lastReportedOn: null, dueDate: '2012-10-02' },
      rating: 'green',
      reasons: ['on track: due 2 Oct 2012, 11 working days left'],
    },
    {
      rule: 'amber: 15 calendar days but 10 working days across the Summer bank holiday',
      input: { status: 'not_started', percentComplete: null, startDate: null, lastReportedOn: null, dueDate: '2012-08-31' },
      asOf: '2012-08-16',
      rating: 'amber',
      reasons: ['due 31 Aug 2012, in 10 working days, not started'],
    },
    {
      rule: 'green: due soon but already under way',
      input: { status: 'in_progress', percentComplete: null, startDate: null, lastReportedOn: null, dueDate: '2012-09-20' },
      asOf: '2012-09-14',
      rating: 'green',
      reasons: ['on track: due 20 Sep 2012, 4 working days left'],
    },

    // Amber: behind the straight line
    {
      rule: 'amber: more than 30 points behind the straight line',
      input: { startDate: '2012-09-01', dueDate: '2012-09-21', percentComplete: 40 },
      asOf: '2012-09-16',
      rating: 'amber',
      reasons: ['40% complete against 75% expected by now'],
    },
    {
      rule: 'green: exactly 30 points behind is tolerated',
      input: { startDate: '2012-09-01', dueDate: '2012-09-21', percentComplete: 45 },
      asOf: '2012-09-16',
      rating: 'green',
      reasons: ['on track: due 21 Sep 2012, 5 working days left'],
    },
    {
      rule: 'amber: never reported and not started counts as 0%',
      input: { status: 'not_started', percentComplete: null },
      rating: 'amber',
      reasons: ['0% complete against 47% expected by now'],
    },
    {
      rule: 'green: never reported a percentage but under way: unknown, so no lag',
      input: { status: 'in_progress', percentComplete: null },
      rating: 'green',
      reasons: ['on track: due 13 Dec 2012, 63 working days left'],
    },
    {
      rule: 'green: no start date, so no straight line',
      input: { startDate: null, percentComplete: 0 },
      rating: 'green',
      reasons: ['on track: due 13 Dec 2012, 63 working days left'],
    },
    {
      rule: 'green: before its start date nothing is expected',
      input: { status: 'not_started', percentComplete: null, startDate: '2012-10-01' },
      rating: 'green',
      reasons: ['on track: due 13 Dec 2012, 63 working days left'],
    },

    // Amber: silence
    {
      rule: 'amber: nothing reported for 45 days',
      input: { lastReportedOn: '2012-08-01' },
      asOf: '2012-09-15',
      rating: 'amber',
      reasons: ['nothing reported since 1 Aug 2012 (45 days)'],
    },
    {
      rule: 'amber: nothing reported for exactly 30 days',
      input: { lastReportedOn: '2012-08-18' },
      asOf: '2012-09-17',
      rating: 'amber',
      reasons: ['nothing reported since 18 Aug 2012 (30 days)'],
    },
    {
      rule: 'green: last reported 29 days ago',
      input: { lastReportedOn: '2012-08-19' },
      asOf: '2012-09-17',
      rating: 'green',
      reasons: ['on track: due 13 Dec 2012, 63 working days left'],
    },
    {
      rule: 'amber: never reported, counted from when work was due to start',
      input: { lastReportedOn: null, percentComplete: null, startDate: '2012-08-01' },
      asOf: '2012-09-15',
      rating: 'amber',
      reasons: ['nothing reported since work was due to start on 1 Aug 2012 (45 days)'],
    },
    {
      rule: 'green: never reported and no start date: nothing to count from',
      input: { lastReportedOn: null, percentComplete: null, startDate: null },
      rating: 'green',
      reasons: ['on track: due 13 Dec 2012, 63 working days left'],
    },

    // Several amber findings at once
    {
      rule: 'amber: due soon, behind and silent, in that order',
      input: { status: 'not_started', percentComplete: null, startDate: '2012-08-01', dueDate: '2012-09-20', lastReportedOn: null },
      asOf: '2012-09-14',
      rating: 'amber',
      reasons: [
        'due 20 Sep 2012, in 4 working days, not started',
        '0% complete against 88% expected by now',
        'nothing reported since work was due to start on 1 Aug 2012 (44 days)',
      ],
    },
    {
      rule: 'amber: deferred first, then silence',
      input: { status: 'deferred', lastReportedOn: '2012-08-01' },
      asOf: '2012-09-15',
      rating: 'amber',
      reasons: ['deferred', 'nothing reported since 1 Aug 2012 (45 days)'],
    },

    // Cancelled
    {
      rule: 'not rated: cancelled, even past its due date',
      input: { status: 'cancelled', dueDate: '2012-09-13', lastReportedOn: null },
      asOf: '2012-09-19',
      rating: null,
      reasons: ['cancelled'],
    },
  ])('$rule', ({ input, asOf, rating, reasons }) => {
    const assessment = assess(input, asOf);
    expect(assessment.rating).toBe(rating);
    expect(assessment.computed).toBe(rating);
    expect(assessment.reasons).toEqual(reasons);
    expect(assessment.override).toBeNull();
  });

  it.each<[Partial<RagInput>, boolean]>([
    [{ status: 'complete', verified: true }, true],
    [{ status: 'complete', verified: false }, false],
    [{ status: 'in_progress', verified: true }, false],
    [{ status: 'blocked', verified: true }, false],
    [{ status: 'cancelled', verified: true }, false],
  ])('verified only when complete and checked: %p -> %p', (input, verified) => {
    expect(assess(input).verified).toBe(verified);
  });
});

describe('assessActivity: board overrides', () => {
  const chairSaysAmber: RagOverride = {
    rating: 'amber',
    reason: 'new start date agreed with the police',
    expiresOn: '2012-09-30',
    setBy: 'Chair of the Improvement Board',
  };
  const overdue: Partial<RagInput> = { dueDate: '2012-09-13', percentComplete: 90 };

  it('shows the override while active, with the computed rating and its reasons beside it', () => {
    expect(assess(overdue, '2012-09-19', chairSaysAmber)).toEqual<RagAssessment>({
      rating: 'amber',
      computed: 'red',
      reasons: [
        'overridden by Chair of the Improvement Board: new start date agreed with the police (until 30 Sep 2012)',
        'due 13 Sep 2012, 4 working days overdue',
      ],
      verified: false,
      override: { ...chairSaysAmber, active: true },
    });
  });

  it('is still active on the day it expires', () => {
    const assessment = assess(overdue, '2012-09-30', chairSaysAmber);
    expect(assessment.rating).toBe('amber');
    expect(assessment.override?.active).toBe(true);
  });

  it('stops applying the day after it expires, but is still returned', () => {
    expect(assess(overdue, '2012-10-01', chairSaysAmber)).toEqual<RagAssessment>({
      rating: 'red',
      computed: 'red',
      reasons: ['due 13 Sep 2012, 12 working days overdue'],
      verified: false,
      override: { ...chairSaysAmber, active: false },
    });
  });

  it('can hold back a complete item the board is not convinced by, keeping verified', () => {
    const assessment = assess({ status: 'complete', verified: true }, MONDAY_17_SEP, chairSaysAmber);
    expect(assessment.rating).toBe('amber');
    expect(assessment.computed).toBe('blue');
    expect(assessment.verified).toBe(true);
    expect(assessment.reasons[1]).toBe('complete and verified');
  });

  it('does not rate a cancelled activity', () => {
    const assessment = assess({ status: 'cancelled' }, MONDAY_17_SEP, chairSaysAmber);
    expect(assessment.rating).toBeNull();
    expect(assessment.computed).toBeNull();
    expect(assessment.reasons).toEqual(['cancelled']);
    expect(assessment.override).toEqual({ ...chairSaysAmber, active: false });
  });

  it('treats a null override like none', () => {
    expect(assess({}, MONDAY_17_SEP, null).override).toBeNull();
  });
});

describe('assessActivity: bad input', () => {
  it.each([-1, 100.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses percent complete %p', (percentComplete) => {
    expect(() => assess({ percentComplete })).toThrow(RangeError);
  });

  it('lets the calendar refuse an assessment date outside the bank-holiday years', () => {
    expect(() => assess({ dueDate: '2032-12-20' }, '2033-01-04')).toThrow(RangeError);
  });

  it('lets the calendar refuse a due date outside the bank-holiday years', () => {
    expect(() => assess({ dueDate: '2033-03-31' })).toThrow(RangeError);
  });

  it('rates a complete item from before the known years, since no working day is counted', () => {
    expect(assess({ status: 'complete', dueDate: '2009-06-30' }, '2009-12-01').rating).toBe('blue');
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => assess({ dueDate: '2012-09-31' })).toThrow(TypeError);
  });
});

describe('rollUp', () => {
  function rated(rating: RagRating | null, verified = false): RagAssessment {
    return { rating, computed: rating, reasons: [], verified, override: null };
  }

  it.each<[string, RagRating | null, RagAssessment[]]>([
    ['nothing at all', null, []],
    ['only cancelled', null, [rated(null)]],
    ['any red is red', 'red', [rated('blue'), rated('green'), rated('amber'), rated('red')]],
    ['else any amber is amber', 'amber', [rated('blue'), rated('green'), rated('amber')]],
    ['else green', 'green', [rated('blue'), rated('green'), rated(null)]],
    ['else blue', 'blue', [rated('blue'), rated('blue', true)]],
  ])('%s -> %p', (_, rating, assessments) => {
    expect(rollUp(assessments).rating).toBe(rating);
  });

  it('counts each rating, verified blues, and cancelled items apart', () => {
    expect(
      rollUp([rated('red'), rated('red'), rated('amber'), rated('blue'), rated('blue', true), rated(null), rated(null)]),
    ).toEqual({
      rating: 'red',
      counts: { red: 2, amber: 1, green: 0, blue: 2 },
      verified: 1,
      notRated: 2,
      total: 7,
    });
  });

  it('counts what the board sees, so an active override moves an item', () => {
    const override: RagOverride = { rating: 'green', reason: 'agreed extension', expiresOn: '2012-09-30', setBy: 'Chair' };
    const overdue = assessActivity({ ...onTrack, dueDate: '2012-09-13', percentComplete: 90 }, '2012-09-19', england, override);
    expect(rollUp([overdue])).toMatchObject({ rating: 'green', counts: { red: 0, amber: 0, green: 1, blue: 0 } });
  });

  it('does not count as verified a verified item that the board has overridden away from blue', () => {
    const held: RagAssessment = { ...rated('amber', true), computed: 'blue' };
    expect(rollUp([held]).verified).toBe(0);
  });
});

describe('compareRag', () => {
  it('sorts worst first and unrated last', () => {
    const ratings: (RagRating | null)[] = ['blue', null, 'green', 'red', 'amber', 'red', null];
    expect([...ratings].sort(compareRag)).toEqual(['red', 'red', 'amber', 'green', 'blue', null, null]);
  });

  it.each(RAG_RATINGS)('ties %s with itself', (rating) => {
    expect(compareRag(rating, rating)).toBe(0);
  });
});
