import { allActivities, demoPlan, PlanTreeBody } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

interface Group {
  key: string;
  label: string;
  count: number;
  activityIds: string[];
}
interface Item {
  activityId: string;
  dueDate: string;
  workingDaysOverdue: number;
}

/**
 * The overdue review a page at a time: total and group counts over every
 * page (worked out by PostgreSQL), the items most late first and then in
 * plan order, each group's activityIds naming that page's items, and the
 * same answer as of a past date (read through the standing history).
 */
describe('The overdue review, paged', () => {
  let t: TestApp;
  let demo: PlanTreeBody;
  const review = async (query: Record<string, string | number>) =>
    (await t.http.get('/api/reviews/overdue').query({ planId: demo.id, ...query }).expect(200)).body as {
      page: number;
      pageSize: number;
      total: number;
      groups: Group[];
      items: Item[];
    };

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    demo = await demoPlan(t);
  });
  afterAll(async () => t?.close());

  it('splits the 48 overdue activities of 14 September 2012 into pages that add up to the whole, most late first', async () => {
    const whole = await review({ asOf: '2012-09-14', groupBy: 'band' });
    expect([whole.page, whole.pageSize, whole.total, whole.items.length]).toEqual([1, 100, 48, 48]);
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await review({ asOf: '2012-09-14', groupBy: 'band', page, pageSize: 20 }));
    expect(pages.map((p) => p.items.length)).toEqual([20, 20, 8]);
    expect(pages.every((p) => p.total === 48)).toBe(true);
    // Page after page is the whole list in the same order, nothing twice.
    expect(pages.flatMap((p) => p.items.map((i) => i.activityId))).toEqual(whole.items.map((i) => i.activityId));
    const days = whole.items.map((i) => i.workingDaysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    // The counts cover every page; the ids name the page's own items.
    for (const p of pages) {
      expect(Object.fromEntries(p.groups.map((g) => [g.key, g.count]))).toEqual({ immediately: 16, within_three_months: 32 });
      expect(p.groups.flatMap((g) => g.activityIds).sort()).toEqual(p.items.map((i) => i.activityId).sort());
    }
    const beyond = await review({ asOf: '2012-09-14', page: 4, pageSize: 20 });
    expect([beyond.total, beyond.items.length]).toEqual([48, 0]);
  });

  it('counts an activity under each agency that leads it, on every page, as the items show them', async () => {
    const first = await review({ asOf: '2012-09-14', groupBy: 'leadAgency', pageSize: 10 });
    const whole = await review({ asOf: '2012-09-14', groupBy: 'leadAgency' });
    expect(first.groups.map((g) => [g.key, g.count])).toEqual(whole.groups.map((g) => [g.key, g.count]));
    const expected: Record<string, number> = {};
    for (const activity of allActivities(demo).filter((a) => a.band !== 'within_six_months')) {
      for (const agency of activity.leadAgencies) expected[agency.id] = (expected[agency.id] ?? 0) + 1;
    }
    expect(Object.fromEntries(whole.groups.map((g) => [g.key, g.count]))).toEqual(expected);
  });

  it('reads a past date through the record: work completed since is still overdue then, and paged alike', async () => {
    const [done] = allActivities(demo).filter((a) => a.band === 'immediately');
    await t.http.post(`/api/activities/${done.id}/updates`).send({ status: 'complete', percentComplete: 100, note: 'Done' }).expect(201);
    const then = await review({ asOf: '2012-09-14', pageSize: 5 });
    expect(then.total).toBe(48);
    const now = await review({ pageSize: 5 });
    expect(now.total).toBe(allActivities(demo).length - 1);
  });

  it('refuses a page size beyond 200 or below 1, naming the field', async () => {
    for (const pageSize of ['0', '201', 'ten']) {
      const refused = await t.http.get('/api/reviews/overdue').query({ pageSize });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toHaveProperty('pageSize');
    }
  });
});
