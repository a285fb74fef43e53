import {
  ActivityBody,
  BAND_DUE_2012,
  LeadAgencyBody,
  PlanTreeBody,
  agencyAndDescendants,
  agencyNamed,
  allActivities,
  allRecommendations,
  createSmallPlan,
  demoPlan,
  idsOf,
  leadAgencies,
  planTree,
} from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

const OPEN = (a: { status: string }) => a.status !== 'complete' && a.status !== 'cancelled';

describe('Activities across plans: the filters a board uses to review progress', () => {
  let t: TestApp;
  let plan: PlanTreeBody;
  let agencies: LeadAgencyBody[];

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    plan = await demoPlan(t);
    agencies = await leadAgencies(t);
  });
  afterAll(() => t.close());

  /** Every activity the filter returns for the demo plan, in one page of 200. */
  async function listed(query: Record<string, string>): Promise<{ ids: string[]; total: number; items: ActivityBody[] }> {
    const { body } = await t.http.get('/api/activities').query({ planId: plan.id, pageSize: '200', ...query }).expect(200);
    return { ids: idsOf(body.items), total: body.total, items: body.items };
  }

  it('lists all 58 activities of the 2012 plan a page at a time, with where each sits in the plan', async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((page) => t.http.get('/api/activities').query({ planId: plan.id, page, pageSize: 25 }).expect(200)),
    );
    expect(pages.map((p) => p.body.items.length)).toEqual([25, 25, 8]);
    expect(pages.map((p) => [p.body.page, p.body.pageSize, p.body.total])).toEqual([[1, 25, 58], [2, 25, 58], [3, 25, 58]]);
    const seen = pages.flatMap((p) => p.body.items.map((a: { id: string }) => a.id)).sort();
    expect(seen).toEqual(idsOf(allActivities(plan)));
    expect(pages[0].body.items[0]).toMatchObject({ planId: plan.id, sectionTitle: 'Safeguarding', recommendationNumber: 1, band: 'immediately' });
  });

  it('refuses more than 200 activities per page', async () => {
    const refused = await t.http.get('/api/activities').query({ pageSize: 201 }).expect(400);
    expect(refused.body.errors).toHaveProperty('pageSize');
  });

  it('overdue as of 14 September 2012: exactly the open immediate and three-month activities, never the six-month ones', async () => {
    const dueByThen = allActivities(plan).filter((a) => a.band === 'immediately' || a.band === 'within_three_months');
    const sixMonth = allActivities(plan).filter((a) => a.band === 'within_six_months');
    expect(dueByThen).toHaveLength(48);

    const before = await listed({ overdueAsOf: '2012-09-14' });
    expect(before.total).toBe(48);
    expect(before.ids).toEqual(idsOf(dueByThen));

    // The board signs some off, cancels one, and one is blocked (blocked stays overdue).
    const immediate = dueByThen.filter((a) => a.band === 'immediately');
    const threeMonth = dueByThen.filter((a) => a.band === 'within_three_months');
    const changes: Array<[ActivityBody, string]> = [
      [immediate[0], 'complete'],
      [immediate[5], 'complete'],
      [threeMonth[3], 'complete'],
      [threeMonth[10], 'cancelled'],
      [threeMonth[20], 'blocked'],
      [sixMonth[0], 'complete'],
    ];
    for (const [activity, status] of changes) {
      const patched = await t.http.patch(`/api/activities/${activity.id}`).send({ version: activity.version, status }).expect(200);
      expect(patched.body).toMatchObject({ status, version: activity.version + 1 });
    }

    const after = await listed({ overdueAsOf: '2012-09-14' });
    plan = await planTree(t, plan.id);
    const expected = allActivities(plan).filter((a) => (a.band === 'immediately' || a.band === 'within_three_months') && OPEN(a));
    expect(after.total).toBe(44);
    expect(after.ids).toEqual(idsOf(expected));
    for (const [activity] of changes.slice(0, 4)) expect(after.ids).not.toContain(activity.id);
    expect(after.ids).toContain(threeMonth[20].id);
    expect(after.ids.filter((id) => sixMonth.some((a) => a.id === id))).toEqual([]);
    expect(after.items.every((a) => a.status !== 'complete' && a.status !== 'cancelled')).toBe(true);
  });

  it('counts an activity overdue only the day after it falls due: six-month work is overdue from 14 December 2012', async () => {
    const onTheDay = await listed({ overdueAsOf: BAND_DUE_2012.within_six_months, band: 'within_six_months' });
    expect(onTheDay.ids).toEqual([]);
    const dayAfter = await listed({ overdueAsOf: '2012-12-14', band: 'within_six_months' });
    const openSixMonth = allActivities(plan).filter((a) => a.band === 'within_six_months' && OPEN(a));
    expect(openSixMonth.length).toBeGreaterThan(0);
    expect(dayAfter.ids).toEqual(idsOf(openSixMonth));
  });

  it('a directorate answers for its divisions: filtering by the CSL Directorate includes work led by Safeguarding', async () => {
    const csl = agencies.find((a) => a.name === 'SCC – CSL Directorate')!;
    const safeguarding = agencies.find((a) => a.name === 'SCC – CSL Directorate – Safeguarding')!;
    const family = agencyAndDescendants(agencies, csl.id);
    expect(family.has(safeguarding.id)).toBe(true);

    const byDirectorate = await listed({ leadAgencyId: csl.id });
    const expected = allActivities(plan).filter((a) => a.leadAgencies.some((agency) => family.has(agency.id)));
    expect(byDirectorate.ids).toEqual(idsOf(expected));
    const ledOnlyBySafeguarding = allActivities(plan).filter(
      (a) => a.leadAgencies.length > 0 && a.leadAgencies.every((agency) => agency.id === safeguarding.id),
    );
    expect(ledOnlyBySafeguarding.length).toBeGreaterThan(0);
    for (const activity of ledOnlyBySafeguarding) expect(byDirectorate.ids).toContain(activity.id);

    // A division does not see its directorate's or its sister division's work.
    const bySafeguarding = await listed({ leadAgencyId: safeguarding.id });
    expect(bySafeguarding.ids).toEqual(idsOf(allActivities(plan).filter((a) => a.leadAgencies.some((agency) => agency.id === safeguarding.id))));
    expect(bySafeguarding.total).toBeLessThan(byDirectorate.total);
  });

  it('follows the structure at any depth: a team beneath a division counts for the directorate', async () => {
    const csl = await agencyNamed(t, 'SCC – CSL Directorate');
    const safeguarding = await agencyNamed(t, 'SCC – CSL Directorate – Safeguarding');
    const commissioning = await agencyNamed(t, 'SCC – CSL Directorate – Commissioning');
    const team = await t.http
      .post('/api/lead-agencies')
      .send({ name: 'SCC – CSL Directorate – Safeguarding – MASH team', parentId: safeguarding.id })
      .expect(201);
    const recommendation = allRecommendations(plan)[0];
    const activity = await t.http
      .post('/api/activities')
      .send({ recommendationId: recommendation.id, text: 'MASH team daily review', leadAgencyIds: [team.body.id] })
      .expect(201);

    expect((await listed({ leadAgencyId: csl.id })).ids).toContain(activity.body.id);
    expect((await listed({ leadAgencyId: safeguarding.id })).ids).toContain(activity.body.id);
    expect((await listed({ leadAgencyId: commissioning.id })).ids).not.toContain(activity.body.id);
    plan = await planTree(t, plan.id);
  });

  it('filters by one status or a comma-separated list of statuses', async () => {
    const sixMonth = allActivities(plan).filter((a) => a.band === 'within_six_months' && a.status === 'not_started');
    await t.http.patch(`/api/activities/${sixMonth[1].id}`).send({ version: sixMonth[1].version, status: 'in_progress' }).expect(200);
    await t.http.patch(`/api/activities/${sixMonth[2].id}`).send({ version: sixMonth[2].version, status: 'deferred' }).expect(200);
    plan = await planTree(t, plan.id);
    const withStatus = (...statuses: string[]) => idsOf(allActivities(plan).filter((a) => statuses.includes(a.status)));

    const inProgress = await listed({ status: 'in_progress' });
    expect(inProgress.ids).toEqual(withStatus('in_progress'));
    expect(inProgress.ids).toEqual([sixMonth[1].id]);
    const several = await listed({ status: 'complete,cancelled,deferred' });
    expect(several.ids).toEqual(withStatus('complete', 'cancelled', 'deferred'));
    expect(several.total).toBe(6);
  });

  it('filters by one band or several', async () => {
    const immediate = await listed({ band: 'immediately' });
    expect(immediate.ids).toEqual(idsOf(allActivities(plan).filter((a) => a.band === 'immediately')));
    expect(immediate.items.every((a) => (a as unknown as { band: string }).band === 'immediately')).toBe(true);
    const two = await listed({ band: 'immediately,within_six_months' });
    expect(two.ids).toEqual(idsOf(allActivities(plan).filter((a) => a.band === 'immediately' || a.band === 'within_six_months')));
    expect(two.total).toBe(immediate.total + 10);
  });

  it('treats due before and due after as strict: work due on the day itself is left out', async () => {
    const activities = allActivities(plan);
    const before = await listed({ dueBefore: BAND_DUE_2012.within_three_months });
    expect(before.ids).toEqual(idsOf(activities.filter((a) => a.dueDate! < BAND_DUE_2012.within_three_months)));
    expect(before.items.some((a) => a.dueDate === BAND_DUE_2012.within_three_months)).toBe(false);
    expect(before.items.some((a) => a.dueDate === BAND_DUE_2012.immediately)).toBe(true);

    const after = await listed({ dueAfter: BAND_DUE_2012.within_three_months });
    expect(after.ids).toEqual(idsOf(activities.filter((a) => a.dueDate! > BAND_DUE_2012.within_three_months)));
    expect(after.items.every((a) => a.dueDate === BAND_DUE_2012.within_six_months)).toBe(true);

    const between = await listed({ dueAfter: BAND_DUE_2012.immediately, dueBefore: BAND_DUE_2012.within_six_months });
    expect(between.ids).toEqual(
      idsOf(activities.filter((a) => a.dueDate! > BAND_DUE_2012.immediately && a.dueDate! < BAND_DUE_2012.within_six_months)),
    );
    expect(between.total).toBe(32);
    expect((await listed({ dueBefore: BAND_DUE_2012.immediately })).total).toBe(0);
  });
});

describe('Deadlines: when recommendations and activities fall due', () => {
  let t: TestApp;
  let plan: PlanTreeBody;
  const recommendation = (p: PlanTreeBody, n: number) => allRecommendations(p).find((r) => r.number === n)!;

  beforeAll(async () => {
    t = await startTestApp({ demo: false });
    plan = await createSmallPlan(t);
  });
  afterAll(() => t.close());

  it('derives each band’s date from publication on 13 June 2012, and a by_date recommendation keeps its target date', () => {
    expect([1, 2, 3, 4].map((n) => recommendation(plan, n).dueDate)).toEqual(['2012-06-27', '2012-09-13', '2012-12-13', '2012-11-30']);
  });

  it('stores an activity due "October 2012" as 31 October with month precision', async () => {
    const [screening, audit] = recommendation(plan, 1).activities;
    expect(audit).toMatchObject({ dueDate: '2012-10-31', dueDatePrecision: 'month', dueDateOverridden: true });
    expect(screening).toMatchObject({ dueDate: '2012-06-27', dueDatePrecision: 'day', dueDateOverridden: false });

    const created = await t.http
      .post('/api/activities')
      .send({ recommendationId: recommendation(plan, 2).id, text: 'Report to the LSCB', dueDate: '2013-02' })
      .expect(201);
    expect(created.body).toMatchObject({ dueDate: '2013-02-28', dueDatePrecision: 'month' });
    const cleared = await t.http.patch(`/api/activities/${created.body.id}`).send({ version: created.body.version, dueDate: null }).expect(200);
    expect(cleared.body).toMatchObject({ dueDate: '2012-09-13', dueDatePrecision: 'day', dueDateOverridden: false });
    plan = await planTree(t, plan.id);
  });

  it('refuses a by_date recommendation without a target date', async () => {
    const section = plan.sections[0];
    const refused = await t.http.post('/api/recommendations').send({ sectionId: section.id, number: 9, band: 'by_date', text: 'Publish the sufficiency strategy' }).expect(400);
    expect(refused.body.errors).toHaveProperty('targetDate');
    const rec = recommendation(plan, 2);
    const patched = await t.http.patch(`/api/recommendations/${rec.id}`).send({ version: rec.version, band: 'by_date' }).expect(400);
    expect(patched.body.errors).toHaveProperty('targetDate');
    const unchanged = await t.http.get(`/api/recommendations/${rec.id}`).expect(200);
    expect(unchanged.body).toMatchObject({ band: 'within_three_months', version: rec.version, dueDate: '2012-09-13' });

    const dated = await t.http
      .post('/api/recommendations')
      .send({ sectionId: section.id, number: 9, band: 'by_date', targetDate: '2012-10-15', text: 'Publish the sufficiency strategy', activities: [{ text: 'Draft' }] })
      .expect(201);
    expect(dated.body.dueDate).toBe('2012-10-15');
    expect(dated.body.activities[0].dueDate).toBe('2012-10-15');
  });

  it('moves the activities with their recommendation’s override, except those with a date of their own', async () => {
    const rec = recommendation(plan, 1);
    const overridden = await t.http.patch(`/api/recommendations/${rec.id}`).send({ version: rec.version, dueDateOverride: '2012-07-20' }).expect(200);
    expect(overridden.body).toMatchObject({ dueDate: '2012-07-20', dueDateOverridden: true, version: rec.version + 1 });
    let tree = await planTree(t, plan.id);
    expect(recommendation(tree, 1).activities.map((a) => a.dueDate)).toEqual(['2012-07-20', '2012-10-31']);

    const back = await t.http.patch(`/api/recommendations/${rec.id}`).send({ version: rec.version + 1, dueDateOverride: null }).expect(200);
    expect(back.body).toMatchObject({ dueDate: '2012-06-27', dueDateOverridden: false });
    tree = await planTree(t, plan.id);
    expect(recommendation(tree, 1).activities.map((a) => a.dueDate)).toEqual(['2012-06-27', '2012-10-31']);
    plan = tree;
  });

  it('re-derives every band date when the publication date changes', async () => {
    const moved = await t.http.patch(`/api/plans/${plan.id}`).send({ version: plan.version, source: { publishedOn: '2012-07-04' } }).expect(200);
    expect(moved.body).toMatchObject({ version: plan.version + 1, source: { publishedOn: '2012-07-04' } });
    let tree = await planTree(t, plan.id);
    expect([1, 2, 3, 4].map((n) => recommendation(tree, n).dueDate)).toEqual(['2012-07-18', '2012-10-04', '2013-01-04', '2012-11-30']);
    expect(recommendation(tree, 1).activities.map((a) => a.dueDate)).toEqual(['2012-07-18', '2012-10-31']);

    await t.http.patch(`/api/plans/${plan.id}`).send({ version: plan.version + 1, source: { publishedOn: '2012-06-13' } }).expect(200);
    tree = await planTree(t, plan.id);
    expect([1, 2, 3].map((n) => recommendation(tree, n).dueDate)).toEqual(['2012-06-27', '2012-09-13', '2012-12-13']);
    plan = tree;
  });

  it('honours a plan’s own reading of "immediately" as 20 working days when the plan is created, other bands keeping the default', async () => {
    const created = await t.http.post('/api/plans').send({
      title: 'Monitoring visit plan',
      kind: 'monitoring_visit',
      source: { publishedOn: '2012-06-13' },
      bandOffsets: { immediately: { unit: 'working_days', amount: 20 } },
      sections: [{ title: 'Practice', recommendations: [{ number: 1, band: 'immediately', text: 'Act now' }, { number: 2, band: 'within_three_months', text: 'Act soon' }] }],
    });
    expect(created.status).toBe(201);
    expect(created.body.bandOffsets).toMatchObject({ immediately: { unit: 'working_days', amount: 20 }, within_three_months: { unit: 'months', amount: 3 } });
    expect(allRecommendations(created.body).map((r) => r.dueDate)).toEqual(['2012-07-11', '2012-09-13']);
  });

  it('honours a plan’s own reading of "immediately" as 20 working days when the plan is changed', async () => {
    const changed = await t.http.patch(`/api/plans/${plan.id}`).send({ version: plan.version, bandOffsets: { immediately: { unit: 'working_days', amount: 20 } } }).expect(200);
    expect(changed.body.bandOffsets.immediately).toEqual({ unit: 'working_days', amount: 20 });
    expect(changed.body.bandOffsets.within_three_months).toEqual({ unit: 'months', amount: 3 });
    const tree = await planTree(t, plan.id);
    expect([1, 2].map((n) => recommendation(tree, n).dueDate)).toEqual(['2012-07-11', '2012-09-13']);
    expect(recommendation(tree, 1).activities.map((a) => a.dueDate)).toEqual(['2012-07-11', '2012-10-31']);
    await t.http.patch(`/api/plans/${plan.id}`).send({ version: plan.version + 1, bandOffsets: { immediately: { unit: 'working_days', amount: 10 } } }).expect(200);
    plan = await planTree(t, plan.id);
    expect(recommendation(plan, 1).dueDate).toBe('2012-06-27');
  });

  it('moves a deadline that lands on a council closure day to the next working day, and back when the closure is removed', async () => {
    await t.http.post('/api/closure-days').send({ date: '2012-06-27', description: 'Staff development day' }).expect(201);
    await t.http.post('/api/closure-days').send({ date: '2012-09-13', description: 'Office move' }).expect(201);
    let tree = await planTree(t, plan.id);
    expect([1, 2, 3].map((n) => recommendation(tree, n).dueDate)).toEqual(['2012-06-28', '2012-09-14', '2012-12-13']);
    expect(recommendation(tree, 1).activities.map((a) => a.dueDate)).toEqual(['2012-06-28', '2012-10-31']);
    const listed = await t.http.get('/api/closure-days').expect(200);
    expect(listed.body.map((d: { date: string }) => d.date)).toEqual(['2012-06-27', '2012-09-13']);

    await t.http.delete('/api/closure-days/2012-06-27').expect(204);
    await t.http.delete('/api/closure-days/2012-09-13').expect(204);
    tree = await planTree(t, plan.id);
    expect([1, 2, 3].map((n) => recommendation(tree, n).dueDate)).toEqual(['2012-06-27', '2012-09-13', '2012-12-13']);
    expect(recommendation(tree, 1).activities.map((a) => a.dueDate)).toEqual(['2012-06-27', '2012-10-31']);
  });

  it('refuses a closure day on a bank holiday', async () => {
    const refused = await t.http.post('/api/closure-days').send({ date: '2012-08-27', description: 'Summer closure' }).expect(400);
    expect(refused.body.errors.date).toMatch(/bank holiday/);
    const listed = await t.http.get('/api/closure-days').expect(200);
    expect(listed.body.map((d: { date: string }) => d.date)).not.toContain('2012-08-27');
  });
});
