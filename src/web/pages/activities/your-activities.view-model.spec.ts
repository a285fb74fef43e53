import { WorkingDayCalendar } from '../../../deadlines';
import { rated, reportedOn, rowOf } from './testing/rows';
import { workListOf, YOUR_ACTIVITIES_PAGE_SIZE, yourActivitiesViewModel } from './your-activities.view-model';

const calendar = new WorkingDayCalendar();
const ASOF = '2012-09-14';

describe('your activities: which list each is in (as of Friday 14 September 2012)', () => {
  it.each([
    ['due yesterday, open', rowOf({ id: 'a', dueDate: '2012-09-13' }), 'overdue'],
    ['blocked and late', rowOf({ id: 'a', status: 'blocked', dueDate: '2012-06-27' }), 'overdue'],
    ['due today', rowOf({ id: 'a', dueDate: '2012-09-14', latestUpdate: reportedOn('2012-06-20') }), 'dueSoon'],
    ['due on the 10th working day', rowOf({ id: 'a', dueDate: '2012-09-28' }), 'dueSoon'],
    ['due on the 11th working day, silent since June', rowOf({ id: 'a', dueDate: '2012-10-01', latestUpdate: reportedOn('2012-06-20') }), 'unreported'],
    ['never updated since Ofsted published', rowOf({ id: 'a', dueDate: '2012-12-13' }), 'unreported'],
    ['updated last week', rowOf({ id: 'a', dueDate: '2012-12-13', latestUpdate: reportedOn('2012-09-07') }), 'rest'],
    ['complete after its date', rowOf({ id: 'a', status: 'complete', dueDate: '2012-06-27' }), 'rest'],
    ['cancelled, never updated', rowOf({ id: 'a', status: 'cancelled', dueDate: '2012-12-13' }), 'rest'],
  ])('%s -> %s', (_what, row, list) => {
    expect(workListOf(row, ASOF, calendar)).toBe(list);
  });
});

describe('your activities: the page', () => {
  const rows = [
    { row: rowOf({ id: 'rest', dueDate: '2012-12-13', latestUpdate: reportedOn('2012-09-10') }), assessment: rated('green', 'on track: due 13 Dec 2012, 64 working days left') },
    { row: rowOf({ id: 'late1', dueDate: '2012-09-13' }), assessment: rated('red', 'due 13 Sep 2012, 1 working day overdue') },
    { row: rowOf({ id: 'late3', dueDate: '2012-09-11', planId: 'plan-2', planTitle: 'Focused visit plan' }), assessment: rated('red', 'due 11 Sep 2012, 3 working days overdue') },
    { row: rowOf({ id: 'soon', dueDate: '2012-09-20', status: 'not_started' }), assessment: rated('amber', 'due 20 Sep 2012, in 4 working days, not started') },
    { row: rowOf({ id: 'silent', dueDate: '2012-12-13', latestUpdate: reportedOn('2012-07-02') }), assessment: rated('amber', 'nothing reported since 2 Jul 2012 (74 days)') },
    { row: rowOf({ id: 'done', dueDate: '2012-06-27', status: 'complete', verified: true }), assessment: rated('blue', 'complete and verified') },
    { row: rowOf({ id: 'dropped', dueDate: '2012-12-13', status: 'cancelled' }), assessment: rated(null, 'cancelled') },
  ];
  const ids = (model: ReturnType<typeof yourActivitiesViewModel>) => model.lists.map((list) => `${list.key}: ${list.items.map((i) => i.id).join(' ')}`);

  it('lists overdue work first (most late first), then due soon, then silent, then the rest (finished last)', () => {
    const model = yourActivitiesViewModel(rows, ASOF, calendar, {}, 1);
    expect(ids(model)).toEqual(['overdue: late3 late1', 'dueSoon: soon', 'unreported: silent', 'rest: rest done dropped']);
    expect(model.summary.map((s) => s.count)).toEqual([2, 1, 1, 3]);
    expect(model.pagination).toBeNull();
  });

  it('gives each its RAG (by word and colour) with reasons, due date, plan, recommendation and link', () => {
    const [first] = yourActivitiesViewModel(rows, ASOF, calendar, {}, 1).lists[0].items;
    expect(first).toMatchObject({
      href: '/plans/plan-2/activities/late3',
      planTitle: 'Focused visit plan',
      recommendation: 'Safeguarding recommendation 1',
      due: '11 September 2012',
      late: '3 working days overdue',
      lastUpdate: 'Never updated',
      status: { text: 'In progress' },
      rag: { text: 'Red', classes: 'govuk-tag--red' },
      reasons: ['Due 11 Sep 2012, 3 working days overdue'],
    });
  });

  it.each([
    [{ planId: 'plan-2' }, ['overdue: late3']],
    [{ status: 'complete' }, ['rest: done']],
    [{ rag: 'amber' }, ['dueSoon: soon', 'unreported: silent']],
    [{ rag: 'none' }, ['rest: dropped']],
    [{ rag: 'red', planId: 'plan-1' }, ['overdue: late1']],
    // Anything not among the choices is taken as "any", never an error or an echo.
    [{ status: '<script>', rag: 'purple', planId: 'no-such-plan' }, ['overdue: late3 late1', 'dueSoon: soon', 'unreported: silent', 'rest: rest done dropped']],
  ])('filters by %j', (filter, expected) => {
    const model = yourActivitiesViewModel(rows, ASOF, calendar, filter, 1);
    expect(ids(model)).toEqual(expected);
  });

  it('offers the plans of the person’s own activities, and marks the chosen filters', () => {
    const model = yourActivitiesViewModel(rows, ASOF, calendar, { planId: 'plan-2', rag: 'red' }, 1);
    expect(model.filters.plans.map((p) => p.text)).toEqual(['All plans', 'Quality Improvement Plan 2012', 'Focused visit plan']);
    expect(model.filters.plans.find((p) => 'selected' in p && p.selected)?.value).toBe('plan-2');
    expect(model.filters.rags.find((r) => 'selected' in r && r.selected)?.text).toBe('Red');
    expect(model.filtered).toBe(true);
    expect(model.total).toBe(7);
    expect(model.shown).toBe(1);
  });

  it('pages through a long list, keeping the filters in the links', () => {
    const many = Array.from({ length: YOUR_ACTIVITIES_PAGE_SIZE + 5 }, (_, i) => ({
      row: rowOf({ id: `late${String(i).padStart(3, '0')}`, dueDate: '2012-09-13' }),
      assessment: rated('red', 'overdue'),
    }));
    const second = yourActivitiesViewModel(many, ASOF, calendar, { rag: 'red' }, 2);
    expect(second.lists[0].items).toHaveLength(5);
    expect(second.lists[0].count).toBe(YOUR_ACTIVITIES_PAGE_SIZE + 5);
    expect(second.pagination?.previous?.href).toBe('/your-activities?rag=red');
    // A page past the end shows the last one.
    expect(yourActivitiesViewModel(many, ASOF, calendar, {}, 9).page).toBe(2);
  });
});
