import { allRecommendations, createSmallPlan, planTree, rowCounts, smallPlanBody } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

describe('Client addresses behind a reverse proxy', () => {
  it('takes the address from X-Forwarded-For only when told a proxy is in front', async () => {
    const behindProxy = await startTestApp({ demo: false, config: { trustProxyHops: 1 } });
    try {
      await behindProxy.anon.post('/api/auth/sign-in').set('X-Forwarded-For', '203.0.113.7').send({ email: 'nobody@council.gov.uk', password: 'wrong password!' }).expect(401);
      const [row] = await behindProxy.dataSource.query(`SELECT ip_address FROM sign_in_attempts WHERE email = 'nobody@council.gov.uk'`);
      expect(row.ip_address).toBe('203.0.113.7');
    } finally {
      await behindProxy.close();
    }
  });
});

describe('Plan integrity: concurrent edits, ordering and awkward input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('keeps due dates right when the publication date and a band change at the same time', async () => {
    for (let round = 0; round < 8; round++) {
      const plan = await createSmallPlan(t, { title: `Race ${round}` });
      const recommendation = allRecommendations(plan).find((r) => r.band === 'within_three_months')!;
      const [planChange, bandChange] = await Promise.all([
        t.http.patch(`/api/plans/${plan.id}`).send({ version: plan.version, source: { publishedOn: '2013-06-13' } }),
        t.http.patch(`/api/recommendations/${recommendation.id}`).send({ version: recommendation.version, band: 'within_six_months' }),
      ]);
      expect([planChange.status, bandChange.status]).toEqual([200, 200]);
      const after = allRecommendations(await planTree(t, plan.id)).find((r) => r.id === recommendation.id)!;
      // Six months after 13 June 2013 is Friday 13 December 2013.
      expect(after).toMatchObject({ band: 'within_six_months', dueDate: '2013-12-13' });
      expect(after.activities.every((a) => a.dueDate === '2013-12-13')).toBe(true);
    }
  });

  it('moves a table later and earlier, renumbering the others', async () => {
    const plan = await createSmallPlan(t, { title: 'Ordering' });
    const second = await t.http.post('/api/sections').send({ planId: plan.id, title: 'Children looked after' }).expect(201);
    const third = await t.http.post('/api/sections').send({ planId: plan.id, title: 'Care leavers' }).expect(201);
    const first = plan.sections[0];
    const titles = async () => (await planTree(t, plan.id)).sections.map((s) => [s.title, (s as unknown as { position: number }).position]);

    await t.http.patch(`/api/sections/${first.id}`).send({ version: first.version, position: 2 }).expect(200);
    expect(await titles()).toEqual([
      ['Children looked after', 1],
      ['Front door', 2],
      ['Care leavers', 3],
    ]);
    await t.http.patch(`/api/sections/${third.body.id}`).send({ version: third.body.version, position: 1 }).expect(200);
    expect(await titles()).toEqual([
      ['Care leavers', 1],
      ['Children looked after', 2],
      ['Front door', 3],
    ]);
    await t.http.delete(`/api/sections/${second.body.id}?version=${second.body.version}`).expect(204);
    expect(await titles()).toEqual([
      ['Care leavers', 1],
      ['Front door', 2],
    ]);
  });

  it('places a new activity where asked and closes the gap when one is deleted', async () => {
    const plan = await createSmallPlan(t, { title: 'Activity order' });
    const recommendation = allRecommendations(plan)[0];
    await t.http.post('/api/activities').send({ recommendationId: recommendation.id, text: 'Goes first', position: 1 }).expect(201);
    const texts = async () =>
      allRecommendations(await planTree(t, plan.id))
        .find((r) => r.id === recommendation.id)!
        .activities.map((a) => [a.text, (a as unknown as { position: number }).position]);
    expect(await texts()).toEqual([
      ['Goes first', 1],
      ['Daily MASH screening huddle', 2],
      ['Audit of screening decisions', 3],
    ]);
    const middle = allRecommendations(await planTree(t, plan.id)).find((r) => r.id === recommendation.id)!.activities[1];
    await t.http.delete(`/api/activities/${middle.id}?version=${middle.version}`).expect(204);
    expect(await texts()).toEqual([
      ['Goes first', 1],
      ['Audit of screening decisions', 2],
    ]);
  });

  it('refuses positions and numbers beyond any real plan, naming the field', async () => {
    const plan = await createSmallPlan(t, { title: 'Caps' });
    const recommendation = allRecommendations(plan)[0];
    const position = await t.http.post('/api/activities').send({ recommendationId: recommendation.id, text: 'x', position: 2147483647 });
    expect(position.status).toBe(400);
    expect(Object.keys(position.body.errors)).toEqual(['position']);
    const page = await t.http.get('/api/plans?page=99999999999');
    expect(page.status).toBe(400);
    expect(Object.keys(page.body.errors)).toEqual(['page']);
  });

  it('refuses text holding the NUL character, naming the field, in bodies and queries', async () => {
    const plan = await createSmallPlan(t, { title: 'NUL' });
    const body = await t.http.post('/api/sections').send({ planId: plan.id, title: 'Bad\u0000title' });
    expect(body.status).toBe(400);
    expect(body.body.errors).toEqual({ title: 'must not contain the NUL character' });
    const query = await t.http.get('/api/lead-agencies?search=%00');
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual({ search: 'must not contain the NUL character' });
  });

  it('refuses a publication date before the inspection', async () => {
    const response = await t.http.post('/api/plans').send(
      smallPlanBody({ source: { inspectionStartDate: '2012-04-23', inspectionEndDate: '2012-05-04', publishedOn: '2012-04-30' } }),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual({ 'source.publishedOn': 'must not be before the inspection' });
  });

  it('refuses a new lead agency that is only another spelling of an existing one', async () => {
    const csl = await t.http.post('/api/lead-agencies').send({ name: 'SCC – CSL Directorate', aliases: ['Children’s Services and Learning'] }).expect(201);
    for (const [body, field] of [
      [{ name: 'SCC - CSL Directorate' }, 'name'],
      [{ name: 'scc -csl directorate' }, 'name'],
      [{ name: "Children's Services and Learning" }, 'name'],
      [{ name: 'Children’s services', aliases: ['SCC—CSL Directorate'] }, 'aliases[0]'],
      [{ name: '   ' }, 'name'],
    ] as const) {
      const response = await t.http.post('/api/lead-agencies').send(body);
      expect({ body, status: response.status, fields: Object.keys(response.body.errors ?? {}) }).toEqual({ body, status: 400, fields: [field] });
    }
    // Renaming to its own alias is fine; that spelling belongs to it.
    await t.http.patch(`/api/lead-agencies/${csl.body.id}`).send({ version: csl.body.version, name: 'SCC - CSL Directorate' }).expect(200);
  });

  it('refuses an owner who is not an active user, naming the nested field', async () => {
    const body = smallPlanBody({ title: 'Owners' }) as { sections: Array<{ recommendations: Array<{ activities: Array<Record<string, unknown>> }> }> };
    body.sections[0].recommendations[1].activities[0].ownerId = '00000000-0000-4000-8000-000000000000';
    const response = await t.http.post('/api/plans').send(body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual({
      'sections[0].recommendations[1].activities[0].ownerId': 'no active user with id 00000000-0000-4000-8000-000000000000',
    });
  });

  it('leaves nothing behind when a nested plan fails after its rows were written', async () => {
    const before = await rowCounts(t.dataSource);
    // Every row is valid, but six months after November 2032 falls outside the
    // bank-holiday years the product knows, which is found only when dates are derived.
    const response = await t.http.post('/api/plans').send(smallPlanBody({ title: 'Too far ahead', source: { publishedOn: '2032-11-01' } }));
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.errors)).toEqual(['source.publishedOn']);
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });
});
