import {
  PlanTreeBody,
  agencyNamed,
  allActivities,
  allRecommendations,
  createSmallPlan,
  demoPlan,
  missingId,
  planTree,
  rowCounts,
  smallPlanBody,
} from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

describe('Plans API: keeping a council’s improvement plan', () => {
  let t: TestApp;
  let demo: PlanTreeBody;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    demo = await demoPlan(t);
  });
  afterAll(() => t.close());

  describe('plans', () => {
    it('creates a plan with its whole tree in one request and lists it with its counts', async () => {
      const plan = await createSmallPlan(t, { title: 'Focused visit plan (CRUD)' });
      expect(plan).toMatchObject({ title: 'Focused visit plan (CRUD)', kind: 'focused_visit', status: 'draft', version: 1 });
      expect(plan.sections.map((s) => s.recommendations.map((r) => r.activities.length))).toEqual([[2, 1, 1, 1]]);
      const list = await t.http.get('/api/plans').query({ pageSize: 200 }).expect(200);
      expect(list.body.items.find((p: { id: string }) => p.id === plan.id).counts).toEqual({ sections: 1, recommendations: 4, activities: 5 });
    });

    it('lists plans a page at a time and refuses pages of more than 200', async () => {
      const all = await t.http.get('/api/plans').query({ pageSize: 200 }).expect(200);
      expect(all.body.total).toBeGreaterThanOrEqual(2);
      const first = await t.http.get('/api/plans').query({ page: 1, pageSize: 1 }).expect(200);
      const second = await t.http.get('/api/plans').query({ page: 2, pageSize: 1 }).expect(200);
      expect([first.body.items.length, second.body.items.length]).toEqual([1, 1]);
      expect(second.body).toMatchObject({ page: 2, pageSize: 1, total: all.body.total });
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      const refused = await t.http.get('/api/plans').query({ pageSize: 201 }).expect(400);
      expect(refused.body.errors).toHaveProperty('pageSize');
    });

    it('renames and approves a plan, then deletes it with everything beneath it', async () => {
      const plan = await createSmallPlan(t, { title: 'Plan to delete' });
      const patched = await t.http.patch(`/api/plans/${plan.id}`).send({ version: 1, title: 'Plan to delete (approved)', status: 'approved' }).expect(200);
      expect(patched.body).toMatchObject({ title: 'Plan to delete (approved)', status: 'approved', version: 2 });
      expect((await planTree(t, plan.id)).version).toBe(2);
      const before = await rowCounts(t.dataSource);
      await t.http.delete(`/api/plans/${plan.id}`).query({ version: 2 }).expect(204);
      await t.http.get(`/api/plans/${plan.id}`).expect(404);
      const after = await rowCounts(t.dataSource);
      expect(after).toMatchObject({ plans: before.plans - 1, sections: before.sections - 1, recommendations: before.recommendations - 4, activities: before.activities - 5 });
    });
  });

  describe('sections, recommendations, activities and lead agencies', () => {
    it('adds, lists a page at a time, reads, renames and deletes a section of the plan', async () => {
      const created = await t.http.post('/api/sections').send({ planId: demo.id, title: 'Care leavers', sourceReference: '110' }).expect(201);
      expect(created.body).toMatchObject({ planId: demo.id, title: 'Care leavers', position: 3, version: 1 });
      const page = await t.http.get('/api/sections').query({ planId: demo.id, pageSize: 2, page: 2 }).expect(200);
      expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
      await t.http.get(`/api/sections/${created.body.id}`).expect(200);
      const renamed = await t.http.patch(`/api/sections/${created.body.id}`).send({ version: 1, title: 'Care leavers and transitions' }).expect(200);
      expect(renamed.body).toMatchObject({ title: 'Care leavers and transitions', version: 2 });
      await t.http.delete(`/api/sections/${created.body.id}`).query({ version: 2 }).expect(204);
      await t.http.get(`/api/sections/${created.body.id}`).expect(404);
    });

    it('adds a recommendation with its activities, lists, reads, edits and deletes it', async () => {
      const section = demo.sections[0];
      const created = await t.http
        .post('/api/recommendations')
        .send({ sectionId: section.id, number: 8, band: 'within_three_months', text: 'Improve return home interviews.', activities: [{ text: 'Commission return interviews' }, { text: 'Report to LSCB' }] })
        .expect(201);
      expect(created.body).toMatchObject({ number: 8, dueDate: '2012-09-13', version: 1 });
      expect(created.body.activities.map((a: { text: string; dueDate: string }) => [a.text, a.dueDate])).toEqual([
        ['Commission return interviews', '2012-09-13'],
        ['Report to LSCB', '2012-09-13'],
      ]);
      const list = await t.http.get('/api/recommendations').query({ sectionId: section.id, pageSize: 5, page: 2 }).expect(200);
      expect(list.body).toMatchObject({ total: 8, page: 2, pageSize: 5 });
      expect(list.body.items.map((r: { number: number }) => r.number)).toEqual([6, 7, 8]);
      const edited = await t.http.patch(`/api/recommendations/${created.body.id}`).send({ version: 1, text: 'Improve return home interviews for missing children.' }).expect(200);
      expect(edited.body).toMatchObject({ text: 'Improve return home interviews for missing children.', version: 2 });
      expect((await t.http.get(`/api/recommendations/${created.body.id}`).expect(200)).body.activities).toHaveLength(2);
      await t.http.delete(`/api/recommendations/${created.body.id}`).query({ version: 2 }).expect(204);
      await t.http.get(`/api/recommendations/${created.body.id}`).expect(404);
      await t.http.get(`/api/activities/${created.body.activities[0].id}`).expect(404);
    });

    it('adds an activity with measures, cost, lead agencies and owner, then edits and deletes it', async () => {
      const rec = allRecommendations(demo)[0];
      const safeguarding = await agencyNamed(t, 'SCC – CSL Directorate – Safeguarding');
      const police = await agencyNamed(t, 'Police');
      const created = await t.http
        .post('/api/activities')
        .send({ recommendationId: rec.id, text: 'Weekly strategy meeting audit', outcomeMeasures: ['90% quorate'], costText: '£3k per month', leadAgencyIds: [safeguarding.id], owner: { name: 'Head of Safeguarding', email: 'hos@example.org' } })
        .expect(201);
      expect(created.body).toMatchObject({
        recommendationId: rec.id,
        position: rec.activities.length + 1,
        outcomeMeasures: ['90% quorate'],
        cost: { text: '£3k per month', amountPence: 300000, period: 'monthly' },
        leadAgencies: [{ id: safeguarding.id }],
        owner: { name: 'Head of Safeguarding', email: 'hos@example.org' },
        dueDate: '2012-06-27',
        status: 'not_started',
        version: 1,
      });
      const edited = await t.http
        .patch(`/api/activities/${created.body.id}`)
        .send({ version: 1, text: 'Weekly strategy meeting audit with police', outcomeMeasures: ['95% quorate', 'Police attend'], leadAgencyIds: [safeguarding.id, police.id], status: 'in_progress' })
        .expect(200);
      expect(edited.body).toMatchObject({ version: 2, status: 'in_progress', outcomeMeasures: ['95% quorate', 'Police attend'] });
      expect(edited.body.leadAgencies.map((a: { name: string }) => a.name)).toEqual(['SCC – CSL Directorate – Safeguarding', 'Police']);
      expect((await t.http.get(`/api/activities/${created.body.id}`).expect(200)).body.text).toBe('Weekly strategy meeting audit with police');
      await t.http.delete(`/api/activities/${created.body.id}`).query({ version: 2 }).expect(204);
      await t.http.get(`/api/activities/${created.body.id}`).expect(404);
    });

    it('adds a lead agency beneath its parent, lists, edits and deletes it', async () => {
      const csl = await agencyNamed(t, 'SCC – CSL Directorate');
      const created = await t.http.post('/api/lead-agencies').send({ name: 'SCC – CSL Directorate – Early Help', shortName: 'Early Help', aliases: ['Early Help'], parentId: csl.id }).expect(201);
      expect(created.body).toMatchObject({ name: 'SCC – CSL Directorate – Early Help', parentId: csl.id, aliases: ['Early Help'], version: 1 });
      const page = await t.http.get('/api/lead-agencies').query({ pageSize: 5, page: 2 }).expect(200);
      expect(page.body).toMatchObject({ page: 2, pageSize: 5, total: 18 });
      expect(page.body.items).toHaveLength(5);
      const edited = await t.http.patch(`/api/lead-agencies/${created.body.id}`).send({ version: 1, aliases: ['Early Help', 'EH'] }).expect(200);
      expect(edited.body).toMatchObject({ aliases: ['Early Help', 'EH'], version: 2 });
      await t.http.delete(`/api/lead-agencies/${created.body.id}`).query({ version: 2 }).expect(204);
      await t.http.get(`/api/lead-agencies/${created.body.id}`).expect(404);
    });
  });

  describe('lead agencies: the council’s structure', () => {
    it('refuses to put a directorate beneath its own division, naming parentId', async () => {
      const csl = await agencyNamed(t, 'SCC – CSL Directorate');
      const safeguarding = await agencyNamed(t, 'SCC – CSL Directorate – Safeguarding');
      const cycle = await t.http.patch(`/api/lead-agencies/${csl.id}`).send({ version: csl.version, parentId: safeguarding.id }).expect(400);
      expect(cycle.body.errors).toHaveProperty('parentId');
      const itself = await t.http.patch(`/api/lead-agencies/${csl.id}`).send({ version: csl.version, parentId: csl.id }).expect(400);
      expect(itself.body.errors).toHaveProperty('parentId');
      expect((await t.http.get(`/api/lead-agencies/${csl.id}`).expect(200)).body).toMatchObject({ parentId: csl.parentId, version: csl.version });
    });

    it('refuses to delete an agency that still leads activities', async () => {
      const police = await agencyNamed(t, 'Police');
      const refused = await t.http.delete(`/api/lead-agencies/${police.id}`).query({ version: police.version }).expect(409);
      expect(refused.body.message).toMatch(/leads \d+ activit/);
      await t.http.get(`/api/lead-agencies/${police.id}`).expect(200);
    });

    it('finds the CSL Directorate by the spelling "SCC -CSL"', async () => {
      const found = await t.http.get('/api/lead-agencies').query({ search: 'SCC -CSL' }).expect(200);
      expect(found.body.items.map((a: { name: string }) => a.name)).toEqual(['SCC – CSL Directorate']);
      expect(found.body.total).toBe(1);
    });
  });

  describe('every change carries a version', () => {
    type Kind = { label: string; path: string; create: () => Promise<{ id: string; version: number }>; change: Record<string, unknown>; field: string };
    const kinds: Kind[] = [
      { label: 'a plan', path: 'plans', create: () => createSmallPlan(t, { title: 'Versioned plan' }), change: { title: 'Versioned plan, renamed' }, field: 'title' },
      { label: 'a section', path: 'sections', create: async () => (await t.http.post('/api/sections').send({ planId: demo.id, title: 'Versioned table' })).body, change: { title: 'Versioned table, renamed' }, field: 'title' },
      {
        label: 'a recommendation',
        path: 'recommendations',
        create: async () => (await t.http.post('/api/recommendations').send({ sectionId: demo.sections[1].id, number: 20, band: 'immediately', text: 'Versioned' })).body,
        change: { text: 'Versioned, reworded' },
        field: 'text',
      },
      { label: 'an activity', path: 'activities', create: async () => (await t.http.post('/api/activities').send({ recommendationId: allRecommendations(demo)[3].id, text: 'Versioned activity' })).body, change: { text: 'Versioned activity, reworded' }, field: 'text' },
      { label: 'a lead agency', path: 'lead-agencies', create: async () => (await t.http.post('/api/lead-agencies').send({ name: 'Versioned agency' })).body, change: { name: 'Versioned agency, renamed' }, field: 'name' },
    ];

    it.each(kinds)('$label: a stale edit is refused with 409 and the current row, a fresh one bumps the version, a stale delete is refused', async ({ path, create, change, field }) => {
      const row = await create();
      expect(row.version).toBe(1);
      const fresh = await t.http.patch(`/api/${path}/${row.id}`).send({ version: 1, ...change }).expect(200);
      expect(fresh.body).toMatchObject({ version: 2, [field]: change[field] });

      const stale = await t.http.patch(`/api/${path}/${row.id}`).send({ version: 1, [field]: 'Someone else’s edit' }).expect(409);
      expect(stale.body.current).toMatchObject({ id: row.id, version: 2, [field]: change[field] });
      const reread = await t.http.get(`/api/${path}/${row.id}`).expect(200);
      expect(reread.body).toMatchObject({ version: 2, [field]: change[field] });

      await t.http.delete(`/api/${path}/${row.id}`).query({ version: 1 }).expect(409);
      await t.http.get(`/api/${path}/${row.id}`).expect(200);
      await t.http.delete(`/api/${path}/${row.id}`).query({ version: 2 }).expect(204);
    });
  });

  describe('writes of many rows happen in one transaction', () => {
    it('creates nothing when the last activity of a nested plan names a lead agency that does not exist', async () => {
      const before = await rowCounts(t.dataSource);
      const body = smallPlanBody({ title: 'Half-written plan' }) as { sections: Array<{ recommendations: Array<{ activities: Array<Record<string, unknown>> }> }> };
      body.sections[0].recommendations[3].activities[0].leadAgencyIds = [missingId()];
      const refused = await t.http.post('/api/plans').send(body);
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(refused.body.errors).toHaveProperty(['sections[0].recommendations[3].activities[0].leadAgencyIds[0]']);
      expect(await rowCounts(t.dataSource)).toEqual(before);
    });

    it('creates nothing when the database refuses the last activity of a nested plan', async () => {
      const before = await rowCounts(t.dataSource);
      const body = smallPlanBody({ title: 'Half-written plan' }) as { sections: Array<{ recommendations: Array<{ activities: Array<Record<string, unknown>> }> }> };
      body.sections[0].recommendations[3].activities.push({ text: 'Impossible', dueDate: '0000-01' });
      const refused = await t.http.post('/api/plans').send(body);
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(await rowCounts(t.dataSource)).toEqual(before);
      const plans = await t.http.get('/api/plans').query({ pageSize: 200 }).expect(200);
      expect(plans.body.items.map((p: { title: string }) => p.title)).not.toContain('Half-written plan');
    });

    it('creates neither the recommendation nor its activities when one activity is refused by the database', async () => {
      const before = await rowCounts(t.dataSource);
      const section = demo.sections[1];
      const refused = await t.http
        .post('/api/recommendations')
        .send({ sectionId: section.id, number: 30, band: 'immediately', text: 'Half-written', activities: [{ text: 'Fine', outcomeMeasures: ['A'] }, { text: 'Impossible', dueDate: '0000-01' }] });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(await rowCounts(t.dataSource)).toEqual(before);
      const list = await t.http.get('/api/recommendations').query({ sectionId: section.id, pageSize: 200 }).expect(200);
      expect(list.body.items.map((r: { number: number }) => r.number)).not.toContain(30);
    });

    it('creates nothing when a new recommendation repeats a number the table already has', async () => {
      const before = await rowCounts(t.dataSource);
      const refused = await t.http
        .post('/api/recommendations')
        .send({ sectionId: demo.sections[0].id, number: 1, band: 'immediately', text: 'Duplicate', activities: [{ text: 'A' }, { text: 'B' }] })
        .expect(400);
      expect(refused.body.errors).toHaveProperty('number');
      expect(await rowCounts(t.dataSource)).toEqual(before);
      expect(allActivities(await planTree(t, demo.id)).filter((a) => a.text === 'A' || a.text === 'B')).toEqual([]);
    });
  });

  describe('health and API documentation', () => {
    it('reports the database up on /health', async () => {
      const health = await t.http.get('/health').expect(200);
      expect(health.body.status).toBe('ok');
      expect(health.body.info.database.status).toBe('up');
    });

    it('serves the OpenAPI UI at /api/docs and lists the plan and activity paths in /api/docs-json', async () => {
      const ui = await t.http.get('/api/docs').redirects(1).expect(200);
      expect(ui.headers['content-type']).toMatch(/html/);
      expect(ui.text).toMatch(/swagger/i);
      const json = await t.http.get('/api/docs-json').expect(200);
      expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/api/plans', '/api/plans/{id}', '/api/activities', '/api/activities/{id}']));
    });
  });
});
