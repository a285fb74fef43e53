import { REVIEW_PAGE_SIZE, ReviewAnswer, reviewChoiceProblems, reviewViewModel } from './review.view-model';

function item(id: string, late: number, agencies: string[]): ReviewAnswer['items'][number] {
  return {
    activityId: id,
    activity: `Activity ${id}`,
    planId: 'plan-1',
    planTitle: 'Quality Improvement Plan 2012',
    sectionTitle: 'Safeguarding',
    recommendationNumber: 1,
    band: 'immediately',
    dueDate: '2012-06-27',
    workingDaysOverdue: late,
    status: 'not_started',
    percentComplete: null,
    owner: null,
    leadAgencies: agencies.map((name) => ({ id: name, name })),
    rag: { rating: 'red', reasons: [`due 27 Jun 2012, ${late} working days overdue`] },
  };
}

/** As ReviewsService answers: one page of items (most late first), groups counted over every page and naming this page's items. */
function answerOf(all: ReviewAnswer['items'], page = 1, pageSize = REVIEW_PAGE_SIZE): ReviewAnswer {
  const items = all.slice((page - 1) * pageSize, page * pageSize);
  const groups = new Map<string, { key: string; label: string; count: number; activityIds: string[] }>();
  for (const i of all) {
    for (const agency of i.leadAgencies) {
      const group = groups.get(agency.id) ?? { key: agency.id, label: agency.name, count: 0, activityIds: [] };
      group.count += 1;
      if (items.includes(i)) group.activityIds.push(i.activityId);
      groups.set(agency.id, group);
    }
  }
  return { asOf: '2012-09-14', groupBy: 'leadAgency', page, pageSize, total: all.length, groups: [...groups.values()].sort((a, b) => b.count - a.count), items };
}

const choice = { list: 'overdue' as const, groupBy: 'leadAgency' as const, asOf: '2012-09-14', asOfAsked: true, page: 1 };

describe('the chair’s review', () => {
  it('groups the work with the count in each group, listing a jointly led activity under each lead', () => {
    const model = reviewViewModel(answerOf([item('a', 56, ['CSL', 'NHS']), item('b', 1, ['CSL'])]), choice, []);
    expect(model.totalText).toBe('2 activities overdue');
    expect(model.groups.map((g) => [g.label, g.count, g.items.map((i) => i.text)])).toEqual([
      ['CSL', 2, ['Activity a', 'Activity b']],
      ['NHS', 1, ['Activity a']],
    ]);
    expect(model.groups[0].items[0]).toMatchObject({ href: '/plans/plan-1/activities/a', late: '56 working days', lateNumber: 56, rag: { text: 'Red' }, reasons: ['Due 27 Jun 2012, 56 working days overdue'], owner: 'No named owner' });
    expect(model.pagination).toBeNull();
    expect(model.showLate).toBe(true);
    expect(model.showOwner).toBe(true);
  });

  it('shows the page the service answered, the counts covering every page', () => {
    const items = Array.from({ length: REVIEW_PAGE_SIZE + 3 }, (_, i) => item(`x${i}`, 100 - i, i % 2 ? ['CSL'] : ['NHS']));
    const second = reviewViewModel(answerOf(items, 2), { ...choice, page: 2 }, []);
    expect(second.groups.reduce((sum, g) => sum + g.items.length, 0)).toBe(3);
    expect(second.groups.map((g) => g.count)).toEqual([27, 26]);
    expect(second.page).toBe(2);
    expect(second.pagination?.previous?.href).toBe('/review?asOf=2012-09-14');
    expect(second.pagination?.next).toBeNull();
  });

  it('keeps the choices in the links, leaving out the defaults', () => {
    const model = reviewViewModel(answerOf(Array.from({ length: 60 }, (_, i) => item(`y${i}`, 1, ['CSL']))), { ...choice, list: 'at-risk', groupBy: 'owner', planId: 'plan-1', asOfAsked: false }, []);
    expect(model.pagination?.next?.href).toBe('/review?list=at-risk&groupBy=owner&planId=plan-1&page=2');
    expect(model.showLate).toBe(false);
    expect(model.showOwner).toBe(false);
    expect(model.exceptionReport.map((l) => l.href)).toEqual([
      '/review/exception-report?format=html&asOf=2012-09-14&planId=plan-1',
      '/review/exception-report?format=pdf&asOf=2012-09-14&planId=plan-1',
      '/review/exception-report?format=docx&asOf=2012-09-14&planId=plan-1',
    ]);
  });

  it('offers a plan filter only when there is more than one plan', () => {
    expect(reviewViewModel(answerOf([]), choice, [{ id: 'p', title: 'Only plan' }]).plans).toEqual([]);
    expect(reviewViewModel(answerOf([]), { ...choice, planId: 'q' }, [{ id: 'p', title: 'One' }, { id: 'q', title: 'Two' }]).plans).toEqual([
      { value: '', text: 'All plans' },
      { value: 'p', text: 'One', selected: false },
      { value: 'q', text: 'Two', selected: true },
    ]);
  });

  it.each([
    [{ list: '', groupBy: '' }, {}],
    [{ list: 'at-risk', groupBy: 'band' }, {}],
    [{ list: 'everything', groupBy: 'colour' }, { list: 'Choose overdue or at risk', groupBy: 'Choose how to group the list: by lead agency, table, timescale or owner' }],
  ])('refuses a list or grouping not offered: %j', (query, problems) => {
    expect(reviewChoiceProblems(query)).toEqual(problems);
  });
});
