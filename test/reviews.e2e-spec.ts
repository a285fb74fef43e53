import { PlanTreeBody, allActivities, demoPlan } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

interface Group {
  key: string;
  label: string;
  count: number;
  activityIds: string[];
}

const countsOf = (groups: Group[]) => Object.fromEntries(groups.map((g) => [g.key, g.count]));
const NO_RAG = { red: 0, amber: 0, green: 0, blue: 0, notRated: 0 };
const NO_STATUS = { not_started: 0, in_progress: 0, complete: 0, blocked: 0, deferred: 0, cancelled: 0 };

describe('Reviews: the plan summary and the chair’s overdue and at-risk lists', () => {
  let t: TestApp;
  let demo: PlanTreeBody;
  let summaryPlan: PlanTreeBody;
  const a: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    demo = await demoPlan(t);
    const activity = (text: string) => ({ text });
    summaryPlan = (
      await t.http
        .post('/api/plans')
        .send({
          title: 'Plan for the summary',
          kind: 'monitoring_visit',
          source: { publishedOn: '2012-06-13' },
          sections: [
            {
              title: 'Front door',
              recommendations: [
                { number: 1, band: 'immediately', text: 'Screen contacts.', activities: ['Signed off and checked', 'Signed off', 'Dropped'].map(activity) },
                { number: 2, band: 'within_three_months', text: 'Oversee assessments.', activities: ['Stuck', 'Under way'].map(activity) },
              ],
            },
            {
              title: 'Care leavers',
              recommendations: [{ number: 1, band: 'within_six_months', text: 'Pathway plans.', activities: ['Not begun', 'Ahead of plan'].map(activity) }],
            },
          ],
        })
        .expect(201)
    ).body;
    for (const row of allActivities(summaryPlan)) a[row.text] = row.id;
    const report = (id: string, body: Record<string, unknown>) => t.http.post(`/api/activities/${id}/updates`).send(body).expect(201);
    // The leads report in June; the one ahead of plan reports again in September.
    t.clock.set('2012-06-18T10:00:00+01:00');
    await report(a['Signed off and checked'], { status: 'complete', note: 'Screening audit shows 100%' });
    await t.http.post(`/api/activities/${a['Signed off and checked']}/verification`).send({ note: 'Read the audit' }).expect(200);
    await report(a['Signed off'], { status: 'complete', note: 'Done' });
    await report(a['Dropped'], { status: 'cancelled', note: 'Superseded by the MASH' });
    await report(a['Stuck'], { status: 'blocked', note: 'Waiting for the system upgrade' });
    await report(a['Under way'], { status: 'in_progress', percentComplete: 20 });
    await report(a['Ahead of plan'], { status: 'in_progress', percentComplete: 60 });
    t.clock.set('2012-09-03T10:00:00+01:00');
    await report(a['Ahead of plan'], { status: 'in_progress', percentComplete: 60, note: 'Still ahead' });
  });
  afterAll(() => t.close());

  const summary = async (asOf: string) => (await t.http.get(`/api/plans/${summaryPlan.id}/summary`).query({ asOf }).expect(200)).body;

  describe('plan summary', () => {
    it('counts by status and RAG for the whole plan, with percent complete and percent verified', async () => {
      const body = await summary('2012-09-14');
      expect(body).toMatchObject({
        planId: summaryPlan.id,
        asOf: '2012-09-14',
        activities: 7,
        byStatus: { ...NO_STATUS, not_started: 1, in_progress: 2, complete: 2, blocked: 1, cancelled: 1 },
        rag: 'red',
        byRag: { red: 2, amber: 1, green: 1, blue: 2, notRated: 1 },
        // Cancelled work is out of the plan: 2 of 6 complete, 1 of 6 verified.
        percentComplete: 33.3,
        percentVerified: 16.7,
      });
    });

    it('breaks the counts down per section and per band', async () => {
      const body = await summary('2012-09-14');
      expect(body.sections.map((s: { title: string }) => s.title)).toEqual(['Front door', 'Care leavers']);
      const [front, care] = body.sections;
      expect(front).toMatchObject({ activities: 5, rag: 'red', byRag: { ...NO_RAG, red: 2, blue: 2, notRated: 1 }, percentComplete: 50, percentVerified: 25 });
      expect(front.bands.map((b: { band: string }) => b.band)).toEqual(['immediately', 'within_three_months']);
      expect(front.bands[0]).toMatchObject({
        activities: 3,
        byStatus: { ...NO_STATUS, complete: 2, cancelled: 1 },
        rag: 'blue',
        percentComplete: 100,
        percentVerified: 50,
      });
      expect(front.bands[1]).toMatchObject({ activities: 2, byStatus: { ...NO_STATUS, blocked: 1, in_progress: 1 }, rag: 'red', percentComplete: 0 });
      expect(care).toMatchObject({ activities: 2, rag: 'amber', byRag: { ...NO_RAG, amber: 1, green: 1 } });
      expect(body.bands.map((b: { band: string; rag: string; activities: number }) => [b.band, b.rag, b.activities])).toEqual([
        ['immediately', 'blue', 3],
        ['within_three_months', 'red', 2],
        ['within_six_months', 'amber', 2],
      ]);
    });

    it('rates each recommendation, worst first, with its counts', async () => {
      const body = await summary('2012-09-14');
      const rows = body.recommendations.map((r: { sectionTitle: string; number: number; rag: string; byRag: object }) => [r.sectionTitle, r.number, r.rag, r.byRag]);
      expect(rows).toEqual([
        ['Front door', 2, 'red', { ...NO_RAG, red: 2 }],
        ['Care leavers', 1, 'amber', { ...NO_RAG, amber: 1, green: 1 }],
        ['Front door', 1, 'blue', { ...NO_RAG, blue: 2, notRated: 1 }],
      ]);
    });

    it('is as of the date asked: in June only the blocked activity is red', async () => {
      const body = await summary('2012-06-20');
      expect(body).toMatchObject({ asOf: '2012-06-20', rag: 'red', byRag: { red: 1, amber: 0, green: 3, blue: 2, notRated: 1 } });
      expect(body.recommendations.map((r: { rag: string }) => r.rag)).toEqual(['red', 'green', 'blue']);
    });
  });

  describe('overdue as of 14 September 2012 on the demo plan', () => {
    const overdue = async (query: Record<string, string>) =>
      (await t.http.get('/api/reviews/overdue').query({ asOf: '2012-09-14', planId: demo.id, ...query }).expect(200)).body;
    const dueByThen = () => allActivities(demo).filter((x) => x.band !== 'within_six_months');

    beforeAll(async () => {
      // One activity with a named owner, so the owner grouping has something to show.
      const owned = dueByThen()[0];
      await t.http
        .patch(`/api/activities/${owned.id}`)
        .send({ version: owned.version, owner: { name: 'Pat Principal', email: 'pat@southampton.example' } })
        .expect(200);
    });

    it('lists all 48 immediate and three-month activities, each with days overdue, owner, lead agencies and reasons', async () => {
      const body = await overdue({ groupBy: 'band' });
      expect(body.total).toBe(48);
      expect(body.items.map((i: { activityId: string }) => i.activityId).sort()).toEqual(dueByThen().map((x) => x.id).sort());
      const byId = new Map(body.items.map((i: { activityId: string }) => [i.activityId, i]));
      const first = dueByThen()[0];
      expect(byId.get(first.id)).toMatchObject({
        dueDate: '2012-06-27',
        workingDaysOverdue: 56,
        owner: { name: 'Pat Principal', email: 'pat@southampton.example' },
        leadAgencies: first.leadAgencies.map((l) => ({ id: l.id, name: l.name })),
        lastUpdate: null,
        rag: { rating: 'red', reasons: expect.arrayContaining(['due 27 Jun 2012, 56 working days overdue']) },
      });
      const threeMonth = dueByThen().find((x) => x.dueDate === '2012-09-13')!;
      expect(byId.get(threeMonth.id)).toMatchObject({ workingDaysOverdue: 1, owner: null, rag: { reasons: expect.arrayContaining(['due 13 Sep 2012, 1 working day overdue']) } });
      // Due Saturday 1 September: ten working days by Friday 14th.
      const weekend = dueByThen().find((x) => x.dueDate === '2012-09-01')!;
      expect(byId.get(weekend.id)).toMatchObject({ workingDaysOverdue: 10 });
    });

    it('groups by band: 16 immediate and 32 three-month', async () => {
      const body = await overdue({ groupBy: 'band' });
      expect(body.groupBy).toBe('band');
      expect(countsOf(body.groups)).toEqual({ immediately: 16, within_three_months: 32 });
    });

    it('groups by section: 22 in Safeguarding, 26 in Children looked after', async () => {
      const body = await overdue({ groupBy: 'section' });
      expect(body.groups.map((g: Group) => [g.label, g.count])).toEqual([
        ['Children looked after', 26],
        ['Safeguarding', 22],
      ]);
    });

    it('groups by lead agency, listing an activity under each agency that leads it', async () => {
      const body = await overdue({ groupBy: 'leadAgency' });
      const expected: Record<string, number> = {};
      for (const x of dueByThen()) for (const agency of x.leadAgencies) expected[agency.id] = (expected[agency.id] ?? 0) + 1;
      expect(countsOf(body.groups)).toEqual(expected);
      const nhs = body.groups.find((g: Group) => g.label === 'NHS Southampton');
      expect(nhs.count).toBe(1);
      expect(body.total).toBe(48);
    });

    it('groups by owner', async () => {
      const body = await overdue({ groupBy: 'owner' });
      expect(body.groups.map((g: Group) => [g.label, g.count])).toEqual([
        ['No named owner', 47],
        ['Pat Principal', 1],
      ]);
    });

    it('refuses an unknown grouping or date, naming the field (400)', async () => {
      for (const path of ['/api/reviews/overdue', '/api/reviews/at-risk']) {
        const bad = await t.http.get(path).query({ asOf: '2012-09-14', groupBy: 'colour' });
        expect(bad.status).toBe(400);
        expect(bad.body.errors).toHaveProperty('groupBy');
        const badDate = await t.http.get(path).query({ asOf: '14/09/2012' });
        expect(badDate.status).toBe(400);
        expect(badDate.body.errors).toHaveProperty('asOf');
      }
    });

    it('covers every plan unless planId narrows it, and each person sees only their own reach', async () => {
      const all = (await t.http.get('/api/reviews/overdue').query({ asOf: '2012-09-14' }).expect(200)).body;
      // The summary plan adds its blocked and its under-way three-month activities.
      expect(all.total).toBe(50);
      expect(all.items.filter((i: { planId: string }) => i.planId === summaryPlan.id).map((i: { activityId: string }) => i.activityId).sort()).toEqual(
        [a['Stuck'], a['Under way']].sort(),
      );
      const nhs = (await (await t.as('head.nhs@demo.test')).get('/api/reviews/overdue').query({ asOf: '2012-09-14' }).expect(200)).body;
      expect(nhs.total).toBe(1);
    });

    it('shows the last update and its date, keeps blocked work, and drops an activity once it is complete', async () => {
      const [reported, blocked, completed] = dueByThen().filter((x) => x.band === 'within_three_months');
      // Blocked since June; the others report just before the September board.
      t.clock.set('2012-06-19T10:00:00+01:00');
      await t.http.post(`/api/activities/${blocked.id}/updates`).send({ status: 'blocked', note: 'No budget agreed' }).expect(201);
      t.clock.set('2012-09-12T10:00:00+01:00');
      await t.http.post(`/api/activities/${reported.id}/updates`).send({ status: 'in_progress', percentComplete: 70, note: 'Drafts with legal' }).expect(201);
      await t.http.post(`/api/activities/${completed.id}/updates`).send({ status: 'complete', note: 'Signed off by the DCS' }).expect(201);

      const body = await overdue({ groupBy: 'band' });
      expect(body.total).toBe(47);
      expect(countsOf(body.groups)).toEqual({ immediately: 16, within_three_months: 31 });
      const ids = body.items.map((i: { activityId: string }) => i.activityId);
      expect(ids).not.toContain(completed.id);
      const item = body.items.find((i: { activityId: string }) => i.activityId === reported.id);
      expect(item.lastUpdate).toMatchObject({ note: 'Drafts with legal' });
      expect(new Date(item.lastUpdate.at).toISOString()).toBe('2012-09-12T09:00:00.000Z');
      expect(item).toMatchObject({ status: 'in_progress', percentComplete: 70 });
      const stuck = body.items.find((i: { activityId: string }) => i.activityId === blocked.id);
      expect(stuck.rag.reasons).toEqual(expect.arrayContaining(['blocked: No budget agreed', 'due 13 Sep 2012, 1 working day overdue']));
    });
  });

  describe('at risk: amber and not yet overdue', () => {
    const atRisk = async (asOf: string, query: Record<string, string> = {}) =>
      (await t.http.get('/api/reviews/at-risk').query({ asOf, planId: demo.id, ...query }).expect(200)).body;

    it('on 14 September 2012: the ten six-month activities, silent since publication, and none of the overdue ones', async () => {
      const body = await atRisk('2012-09-14', { groupBy: 'band' });
      const sixMonth = allActivities(demo).filter((x) => x.band === 'within_six_months');
      expect(body.total).toBe(10);
      expect(body.items.map((i: { activityId: string }) => i.activityId).sort()).toEqual(sixMonth.map((x) => x.id).sort());
      expect(countsOf(body.groups)).toEqual({ within_six_months: 10 });
      for (const item of body.items) {
        expect(item).toMatchObject({ workingDaysOverdue: 0, rag: { rating: 'amber' } });
        expect(item.rag.reasons).toContain('nothing reported since work was due to start on 13 Jun 2012 (93 days)');
      }
    });

    it('on 20 June 2012: the sixteen immediate activities due within days and not started, and the blocked one', async () => {
      const body = await atRisk('2012-06-20', { groupBy: 'section' });
      expect(body.total).toBe(17);
      const amber = body.items.filter((i: { rag: { rating: string } }) => i.rag.rating === 'amber');
      expect(amber).toHaveLength(16);
      expect(amber.every((i: { band: string }) => i.band === 'immediately')).toBe(true);
      expect(amber[0].rag.reasons).toContain('due 27 Jun 2012, in 5 working days, not started');
      // Blocked work is Red before its deadline; the chair sees it here rather than nowhere.
      const blocked = body.items.filter((i: { rag: { rating: string } }) => i.rag.rating === 'red');
      expect(blocked.map((i: { status: string; band: string }) => [i.status, i.band])).toEqual([['blocked', 'within_three_months']]);
      expect(body.groups.reduce((n: number, g: Group) => n + g.count, 0)).toBe(17);
    });
  });
});
