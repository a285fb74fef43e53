import type { CalendarDate } from '../deadlines';
import type { RagAssessment } from '../progress/rag';
import { ReportPlan } from './appendix.view-model';
import {
  LatestUpdate,
  ProgressActivity,
  StandingCounts,
  latestCell,
  latestLine,
  progressReportView,
  progressSummary,
  ragCell,
  ragLine,
  ragWordCell,
} from './progress-report.view-model';
import { demoReportPlan } from './testing/demo-report-plan';

const ASOF: CalendarDate = '2012-09-14';

const counts = (overrides: Partial<StandingCounts>): StandingCounts => ({
  complete: 0,
  cancelled: 0,
  overdue: 0,
  at_risk: 0,
  on_track: 0,
  verified: 0,
  total: 0,
  ...overrides,
});

const DEFINITIONS = ' Overdue means past its due date and not complete; at risk means not yet due but rated Amber or Red.';

describe('progressSummary', () => {
  it.each<[Partial<StandingCounts>, string]>([
    [
      { total: 58, complete: 2, verified: 1, on_track: 1, at_risk: 9, overdue: 45, cancelled: 1 },
      'As of 14 September 2012, of the 58 activities in this plan, two are complete (one verified by the board), one is on track, nine are at risk, 45 are overdue and one has been cancelled.',
    ],
    [
      { total: 10, complete: 3, verified: 3, on_track: 7 },
      'As of 14 September 2012, of the 10 activities in this plan, three are complete (all verified by the board), seven are on track, none are at risk and none are overdue.',
    ],
    [
      { total: 4, complete: 1, verified: 0, overdue: 3 },
      'As of 14 September 2012, of the four activities in this plan, one is complete (none yet verified by the board), none are on track, none are at risk and three are overdue.',
    ],
    [
      { total: 1, complete: 1, verified: 1 },
      'As of 14 September 2012, this plan has one activity: one is complete (verified by the board), none are on track, none are at risk and none are overdue.',
    ],
    [
      { total: 3, cancelled: 2, on_track: 1 },
      'As of 14 September 2012, of the three activities in this plan, none are complete, one is on track, none are at risk, none are overdue and two have been cancelled.',
    ],
  ])('%p', (given, expected) => {
    expect(progressSummary(counts(given), ASOF)).toBe(expected + DEFINITIONS);
  });

  it('says so when the plan has no activities', () => {
    expect(progressSummary(counts({}), ASOF)).toBe('As of 14 September 2012, this plan has no activities yet.');
  });
});

const assessment = (rating: RagAssessment['rating'], reasons: string[]): RagAssessment => ({ rating, computed: rating, reasons, verified: false, override: null });

describe('lines under a row', () => {
  it.each<[RagAssessment | undefined, { label: string; text: string }]>([
    [assessment('red', ['due 13 Sep 2012, 1 working day overdue', 'nothing reported since 1 Aug 2012 (44 days)']), { label: 'Red:', text: 'due 13 Sep 2012, 1 working day overdue; nothing reported since 1 Aug 2012 (44 days).' }],
    [assessment(null, ['cancelled']), { label: 'Not rated:', text: 'cancelled.' }],
    [assessment('amber', ['overridden by Chair: waiting for the audit.']), { label: 'Amber:', text: 'overridden by Chair: waiting for the audit.' }],
    [undefined, { label: 'Not rated:', text: 'no rating.' }],
  ])('rates %j', (given, expected) => {
    expect(ragLine(given)).toEqual(expected);
  });

  it('gives the latest note with its date, or says nothing was reported', () => {
    expect(latestLine({ note: 'Training booked', reportedOn: '2012-09-10' })).toEqual({ label: 'Latest progress (reported 10 Sep 2012):', text: 'Training booked' });
    expect(latestLine({ note: '  ', reportedOn: '2012-09-10' }).text).toBe('a status change with no note.');
    expect(latestLine(undefined)).toEqual({ label: 'Latest progress:', text: 'none reported.' });
  });

  it('prints the rating in words, coloured, over the status', () => {
    expect(ragWordCell(assessment('amber', ['x']), 'Not started')).toEqual({ strong: 'Amber', paragraphs: ['Not started'], tone: 'amber' });
    expect(ragWordCell(assessment(null, ['cancelled']), 'Cancelled')).toEqual({ strong: 'Not rated', paragraphs: ['Cancelled'], tone: null });
  });
});

describe('cells', () => {
  it('shows the rating in words with its reasons, capitalised, and the colour as a tone, for a wide RAG column', () => {
    expect(ragCell(assessment('red', ['due 13 Sep 2012, 1 working day overdue', 'nothing reported since 1 Aug 2012 (44 days)']))).toEqual({
      strong: 'Red',
      paragraphs: ['Due 13 Sep 2012, 1 working day overdue', 'Nothing reported since 1 Aug 2012 (44 days)'],
      tone: 'red',
    });
    expect(ragCell(assessment(null, ['cancelled']))).toEqual({ strong: 'Not rated', paragraphs: ['Cancelled'], tone: null });
  });

  it('shows the latest note with its date, or that nothing was reported', () => {
    expect(latestCell({ note: 'Training booked', reportedOn: '2012-09-10' })).toEqual({ strong: null, paragraphs: ['Training booked', 'Reported 10 Sep 2012'], tone: null });
    expect(latestCell({ note: null, reportedOn: '2012-09-10' }).paragraphs).toEqual(['Reported 10 Sep 2012']);
    expect(latestCell(undefined).paragraphs).toEqual(['None reported']);
  });
});

describe('progressReportView of the demo plan', () => {
  const { plan: base } = demoReportPlan();
  const plan: ReportPlan<ProgressActivity> = {
    ...base,
    sections: base.sections.map((section) => ({
      ...section,
      recommendations: section.recommendations.map((r) => ({
        ...r,
        activities: r.activities.map((a) => ({ ...a, status: 'not_started' as const, percentComplete: null, verified: false })),
      })),
    })),
  };
  const activities = plan.sections.flatMap((s) => s.recommendations.flatMap((r) => r.activities));
  const [first, second] = activities;
  first.status = 'complete';
  first.verified = true;
  second.status = 'in_progress';
  second.percentComplete = 40;
  const assessments = new Map<string, RagAssessment>(activities.map((a) => [a.id, assessment('red', ['due 27 Jun 2012, 58 working days overdue'])]));
  assessments.set(first.id, assessment('blue', ['complete and verified']));
  const latest = new Map<string, LatestUpdate>([[second.id, { note: 'Framework drafted', reportedOn: '2012-09-03' }]]);

  const view = progressReportView(plan, assessments, latest, ASOF, { appendix: '3', title: null, layout: null });

  it('is titled with the plan and the date', () => {
    expect(view.title).toBe('Appendix 3: Progress on the Quality Improvement Plan in response to OfSTED Announced Inspection 2012, as of 14 September 2012');
    expect(view.draft).toBe(true);
  });

  it('adds the due date and the RAG in words over the status to the plan’s five columns, and why and the latest progress under each row', () => {
    const [table] = view.tables;
    expect(table.columns.map((c) => c.label)).toEqual([
      'Area for development - Ofsted report',
      'Activity to be delivered',
      'Outcome measure',
      'Cost (if app.)',
      'Lead agency',
      'Due',
      'RAG and status',
    ]);
    expect(table.columns.reduce((sum, c) => sum + c.width, 0)).toBe(100);
    const [row1, row2] = table.groups[0].rows;
    expect(row1.cells.slice(4).map((c) => [c.strong, c.paragraphs, c.tone])).toEqual([
      [null, ['27 Jun 2012'], null],
      ['Blue', ['Complete, verified'], 'blue'],
    ]);
    expect(row1.detail).toEqual({
      span: 6,
      lines: [
        { label: 'Blue:', text: 'complete and verified.' },
        { label: 'Latest progress:', text: 'none reported.' },
      ],
    });
    expect(row2.cells[5]).toEqual({ strong: 'Red', paragraphs: ['In progress (40%)'], tone: 'red' });
    expect(row2.detail?.lines).toEqual([
      { label: 'Red:', text: 'due 27 Jun 2012, 58 working days overdue.' },
      { label: 'Latest progress (reported 3 Sep 2012):', text: 'Framework drafted' },
    ]);
    // Recommendation 1's cell spans its nine activities and the line under each.
    expect(row1.header?.rowSpan).toBe(18);
    expect(view.tables.flatMap((t) => t.groups.flatMap((g) => g.rows)).filter((r) => r.isActivity)).toHaveLength(58);
  });

  it('lets rows run on across pages and tables follow one another', () => {
    expect(view.tables.map((t) => [t.newPage, t.rowsMaySplit])).toEqual([
      [false, true],
      [false, true],
    ]);
  });

  it('sums up where the plan stands', () => {
    // 16 + 32 activities were due by 13 September; the first is complete; the six-month ten are rated red here, so at risk.
    expect(view.summary).toMatch(/^As of 14 September 2012, of the 58 activities in this plan, one is complete \(verified by the board\), none are on track, 10 are at risk and 47 are overdue\./);
  });
});
