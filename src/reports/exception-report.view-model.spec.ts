import { CalendarDate, WorkingDayCalendar } from '../deadlines';
import type { RagAssessment } from '../progress/rag';
import { ExceptionActivity, exceptionReportView, exceptionSummary } from './exception-report.view-model';

const ASOF: CalendarDate = '2012-09-14';
const calendar = new WorkingDayCalendar();

const csl = { id: 'csl', name: 'SCC – CSL Directorate – Safeguarding' };
const nhs = { id: 'nhs', name: 'NHS Southampton' };
const police = { id: 'police', name: 'Police' };

function activity(id: string, overrides: Partial<ExceptionActivity>): ExceptionActivity {
  return {
    id,
    text: `Activity ${id}`,
    status: 'not_started',
    dueDate: '2012-09-13',
    dueDatePrecision: 'day',
    planTitle: 'Quality Improvement Plan',
    sectionTitle: 'Safeguarding',
    recommendationNumber: 1,
    owner: null,
    leadAgencies: [csl],
    latest: null,
    ...overrides,
  };
}

const rated = (rating: RagAssessment['rating'], ...reasons: string[]): RagAssessment => ({ rating, computed: rating, reasons, verified: false, override: null });

describe('exceptionReportView', () => {
  const activities = [
    activity('late-1', { dueDate: '2012-09-13', owner: 'Sam Safeguarding', recommendationNumber: 3 }),
    activity('late-20', { dueDate: '2012-08-16', leadAgencies: [csl, nhs], latest: { note: 'Waiting for HR', reportedOn: '2012-09-01' } }),
    activity('risk', { dueDate: '2012-09-20', leadAgencies: [nhs] }),
    activity('blocked', { status: 'blocked', dueDate: '2012-12-13', leadAgencies: [police] }),
    activity('fine', { status: 'in_progress', dueDate: '2012-12-13' }),
    activity('done', { status: 'complete', dueDate: '2012-06-27' }),
    activity('orphan', { dueDate: '2012-09-12', leadAgencies: [] }),
  ];
  const assessments = new Map<string, RagAssessment>([
    ['late-1', rated('red', 'due 13 Sep 2012, 1 working day overdue')],
    ['late-20', rated('red', 'due 16 Aug 2012, 20 working days overdue')],
    ['risk', rated('amber', 'due 20 Sep 2012, in 5 working days, not started')],
    ['blocked', rated('red', 'blocked: waiting for the system')],
    ['fine', rated('green', 'on track')],
    ['done', rated('blue', 'complete')],
    ['orphan', rated('red', 'due 12 Sep 2012, 2 working days overdue')],
  ]);
  const view = exceptionReportView(activities, assessments, calendar, ASOF, { appendix: '4', title: null });

  it('groups overdue and at-risk work by lead agency, most first, unled work last', () => {
    expect(view.title).toBe('Appendix 4: Overdue and at-risk activities as of 14 September 2012');
    expect(view.draft).toBe(false);
    expect(view.tables.map((table) => table.heading)).toEqual([
      'SCC – CSL Directorate – Safeguarding: two overdue',
      'NHS Southampton: one overdue, one at risk',
      'Police: one at risk',
      'No lead agency: one overdue',
    ]);
    expect(view.tables.map((table) => table.groups.map((group) => [group.label, group.rows.map((row) => row.cells[0].paragraphs[0])]))).toEqual([
      [['Overdue', ['Activity late-20', 'Activity late-1']]],
      [
        ['Overdue', ['Activity late-20']],
        ['At risk', ['Activity risk']],
      ],
      [['At risk', ['Activity blocked']]],
      [['Overdue', ['Activity orphan']]],
    ]);
  });

  it('prints where the work sits, working days overdue, owner, RAG and the latest note, and why under the row', () => {
    const [late20, late1] = view.tables[0].groups[0].rows;
    // The recommendation spans the row and the line of reasons under it.
    expect(late1.header).toEqual({ number: '', text: 'Safeguarding 3', rowSpan: 2 });
    expect(late1.cells.map((cell) => [cell.strong, ...cell.paragraphs])).toEqual([
      [null, 'Activity late-1'],
      [null, '13 Sep 2012'],
      [null, '1'],
      [null, 'Sam Safeguarding'],
      ['Red'],
      [null, 'None reported'],
    ]);
    expect(late1.cells[4].tone).toBe('red');
    expect(late1.detail).toEqual({ span: 6, lines: [{ label: 'Red:', text: 'due 13 Sep 2012, 1 working day overdue.' }] });
    expect(late20.cells[2].paragraphs).toEqual(['20']);
    expect(late20.cells[3].paragraphs).toEqual(['Not named']);
    expect(late20.cells[5].paragraphs).toEqual(['Waiting for HR', 'Reported 1 Sep 2012']);
    const [risk] = view.tables[1].groups[1].rows;
    expect(risk.cells[2].paragraphs).toEqual(['Not yet due']);
  });

  it('sums up', () => {
    expect(view.summary).toMatch(/^As of 14 September 2012, three activities are overdue and two more are at risk, under three lead agencies\. /);
  });

  it('names the plan too when the report spans several', () => {
    const two = exceptionReportView(
      [activity('a', {}), activity('b', { planTitle: 'Focused visit plan' })],
      new Map([
        ['a', rated('red', 'late')],
        ['b', rated('red', 'late')],
      ]),
      calendar,
      ASOF,
      { appendix: '1', title: 'Exceptions' },
    );
    expect(two.title).toBe('Appendix 1: Exceptions');
    expect(two.tables[0].groups[0].rows.map((row) => row.header?.text)).toEqual(['Quality Improvement Plan: Safeguarding 1', 'Focused visit plan: Safeguarding 1']);
  });

  it('says "not known" for working days it cannot count', () => {
    const old = exceptionReportView([activity('old', { dueDate: '2009-12-01' })], new Map([['old', rated(null, 'not rated')]]), calendar, ASOF, { appendix: '1', title: null });
    expect(old.tables[0].groups[0].rows[0].cells[2].paragraphs).toEqual(['Not known']);
  });
});

describe('exceptionSummary', () => {
  const tail = ' Each lead agency lists the work it leads, most overdue first, so work led jointly appears under each lead. Overdue means past its due date and not complete; at risk means not yet due but rated Amber or Red.';
  it.each<[number, number, number, string]>([
    [0, 0, 0, 'As of 14 September 2012, no activities are overdue or at risk.'],
    [1, 0, 1, 'As of 14 September 2012, one activity is overdue, under one lead agency.' + tail],
    [0, 12, 2, 'As of 14 September 2012, 12 activities are at risk, under two lead agencies.' + tail],
    [45, 1, 10, 'As of 14 September 2012, 45 activities are overdue and one more is at risk, under 10 lead agencies.' + tail],
  ])('%i overdue, %i at risk, %i leads', (overdue, atRisk, leads, expected) => {
    expect(exceptionSummary(overdue, atRisk, leads, ASOF)).toBe(expected);
  });
});
