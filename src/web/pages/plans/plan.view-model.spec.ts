import type { PlanTreeView } from '../../../plans/plan-tree.reader';
import { rated, rowOf } from '../activities/testing/rows';
import { PlanStanding, planPageViewModel, ragCounts, yourPlansViewModel } from './plan.view-model';

const tally = (activities: number, rag: 'red' | 'amber' | 'green' | 'blue' | null, byRag: Partial<Record<'red' | 'amber' | 'green' | 'blue' | 'notRated', number>>) => ({
  activities,
  rag,
  byStatus: {},
  byRag: { red: 0, amber: 0, green: 0, blue: 0, notRated: 0, ...byRag },
  percentComplete: 50,
  percentVerified: 0,
});

const tree = {
  id: 'plan-1',
  title: 'Quality Improvement Plan 2012',
  kind: 'ofsted_inspection',
  status: 'draft',
  source: { publishedOn: '2012-06-13', reportTitle: 'Inspection of safeguarding' },
  sections: [
    {
      id: 's1',
      title: 'Safeguarding',
      recommendations: [
        {
          id: 'r1',
          number: 1,
          text: 'Improve supervision.',
          band: 'immediately',
          dueDate: '2012-06-27',
          activities: [
            { id: 'a1', text: 'Audit case files', dueDate: '2012-06-27', dueDatePrecision: 'day', status: 'in_progress', percentComplete: 10, verification: null, leadAgencies: [{ id: 'g', name: 'CSL', shortName: null }] },
            { id: 'a2', text: 'Train managers', dueDate: '2012-06-27', dueDatePrecision: 'day', status: 'complete', percentComplete: 100, verification: null, leadAgencies: [] },
          ],
        },
      ],
    },
  ],
} as unknown as PlanTreeView;

const standing = {
  summary: {
    planId: 'plan-1',
    asOf: '2012-09-14',
    ...tally(2, 'red', { red: 1, blue: 1 }),
    sections: [{ sectionId: 's1', title: 'Safeguarding', ...tally(2, 'red', { red: 1, blue: 1 }), bands: [{ band: 'immediately', label: 'Immediately', ...tally(2, 'red', { red: 1, blue: 1 }) }] }],
    bands: [{ band: 'immediately', label: 'Immediately', ...tally(2, 'red', { red: 1, blue: 1 }) }],
    recommendations: [{ recommendationId: 'r1', sectionTitle: 'Safeguarding', number: 1, band: 'immediately', rag: 'red', byRag: { red: 1, amber: 0, green: 0, blue: 1, notRated: 0 } }],
  },
  // As the record stood on the date asked: a1 was not started then.
  rows: [rowOf({ id: 'a1', status: 'not_started', dueDate: '2012-06-27' }), rowOf({ id: 'a2', status: 'complete', dueDate: '2012-06-27' })],
  assessments: new Map([
    ['a1', rated('red', 'due 27 Jun 2012, 56 working days overdue')],
    ['a2', rated('blue', 'complete')],
  ]),
} as unknown as PlanStanding;

describe('the plan page', () => {
  const model = (wholePlan = true, exceptionReport = true) => planPageViewModel({ tree, standing, asOf: '2012-09-14', wholePlan, downloads: { papers: wholePlan, exceptionReport } });

  it('shows each activity with its RAG and status as the record stood on the date, linked to its page', () => {
    const [activity] = model().sections[0].recommendations[0].activities;
    expect(activity).toMatchObject({ href: '/plans/plan-1/activities/a1', status: { text: 'Not started' }, rag: { text: 'Red', classes: 'govuk-tag--red' }, reason: 'Due 27 Jun 2012, 56 working days overdue', leadAgencies: 'CSL' });
    const item = model().sections[0].recommendations[0].taskList.items[0];
    expect(item).toMatchObject({ href: '/plans/plan-1/activities/a1', title: { text: 'Audit case files' }, status: { tag: { text: 'Red' } } });
    expect(item.hint.text).toBe('Not started, due 27 June 2012. Lead: CSL. Red because: due 27 Jun 2012, 56 working days overdue');
  });

  it('rolls up per table and timescale from the plan summary', () => {
    expect(model().rollUps.map((row) => [row.level, row.label, row.rag.text, row.red, row.blue, row.percentComplete])).toEqual([
      ['section', 'Safeguarding', 'Red', 1, 1, '50%'],
      ['band', 'Immediately', 'Red', 1, 1, '50%'],
    ]);
    expect(model().sections[0].countsText).toBe('1 red, 1 blue');
    expect(model().sections[0].recommendations[0]).toMatchObject({ heading: 'Recommendation 1', band: 'Immediately', due: '27 June 2012', rag: { text: 'Red' } });
  });

  it('links the papers as of the date for whole-plan readers, the exception report for its chair, nothing for a service head', () => {
    const papers = model().downloads.papers;
    expect(papers.map((p) => p.links.map((l) => l.href))).toEqual([
      ['/plans/plan-1/appendix?format=html', '/plans/plan-1/appendix?format=pdf', '/plans/plan-1/appendix?format=docx'],
      ['/plans/plan-1/progress-report?format=html&asOf=2012-09-14', '/plans/plan-1/progress-report?format=pdf&asOf=2012-09-14', '/plans/plan-1/progress-report?format=docx&asOf=2012-09-14'],
      // The performance report is for the month before the date, whose returns are in.
      ['/plans/plan-1/performance-report?format=html&asOf=2012-08', '/plans/plan-1/performance-report?format=pdf&asOf=2012-08', '/plans/plan-1/performance-report?format=docx&asOf=2012-08'],
    ]);
    expect(papers[2].title).toBe('Performance report for August 2012');
    expect(model(false, false).indicatorsHref).toBe('/plans/plan-1/indicators');
    expect(model().downloads.exceptionReport?.links[1].href).toBe('/review/exception-report?format=pdf&asOf=2012-09-14&planId=plan-1');
    expect(model(true, false).downloads.exceptionReport).toBeNull();
    expect(model(false, false).downloads).toEqual({ papers: [], exceptionReport: null });
  });

  it('describes the plan', () => {
    expect(model()).toMatchObject({ title: 'Quality Improvement Plan 2012', kind: 'Ofsted inspection', status: { text: 'Draft' }, publishedOn: '13 June 2012', counts: { sections: 1, recommendations: 1, activities: 2 } });
  });

  it.each([
    [{ red: 2, amber: 1, green: 0, blue: 3, notRated: 0 }, '2 red, 1 amber, 3 blue'],
    [{ red: 0, amber: 0, green: 0, blue: 0, notRated: 1 }, '1 not rated'],
    [{ red: 0, amber: 0, green: 0, blue: 0, notRated: 0 }, 'No activities'],
  ])('counts %j as "%s"', (byRag, words) => {
    expect(ragCounts(byRag)).toBe(words);
  });
});

describe('your plans', () => {
  it('lists each plan counted as far as the person sees it, paged', () => {
    const plan = { id: 'p1', title: 'Plan', kind: 'focused_visit' as const, status: 'approved' as const, source: { publishedOn: null }, counts: { sections: 1, recommendations: 1, activities: 1 } };
    const model = yourPlansViewModel({ items: [plan], page: 1, pageSize: 20, total: 21 });
    expect(model.items).toEqual([{ href: '/plans/p1', title: 'Plan', kind: 'Focused visit', status: { text: 'Approved', classes: 'govuk-tag--teal' }, publishedOn: null, activities: '1 activity' }]);
    expect(model.pagination?.next?.href).toBe('/your-plans?page=2');
  });
});
