import { allActivities, createSmallPlan, demoPlan, PlanTreeBody, smallPlanBody } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

/**
 * Rules every request's input meets before any DTO sees it: nesting no
 * deeper than 32 levels, text that is well-formed Unicode, required text that
 * is not blank. Each refusal is a 400 naming the field, and changes nothing.
 */
describe('Input rules: nesting depth, well-formed Unicode, blank text', () => {
  let t: TestApp;
  let plan: PlanTreeBody;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    plan = await createSmallPlan(t, { title: 'Plan for input rules' });
  });
  afterAll(() => t.close());

  const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
  const rawJson = (path: string, method: 'post' | 'patch' | 'put', text: string, client = t.http) =>
    client[method](path).set('Content-Type', 'application/json').send(text);

  describe('deeply nested JSON', () => {
    it('is refused with 400, without signing in, on sign-in and password reset', async () => {
      for (const path of ['/api/auth/sign-in', '/api/auth/password-reset', '/api/auth/refresh', '/api/auth/password-reset/confirm']) {
        const response = await rawJson(path, 'post', nested(1500), t.anon);
        expect({ path, status: response.status, errors: response.body.errors }).toEqual({
          path,
          status: 400,
          errors: { body: 'is nested more than 32 levels deep' },
        });
      }
    });

    it('is refused with 400 on endpoints that take a body, wherever the nesting sits', async () => {
      const activity = allActivities(plan)[0];
      const deepField = `{"title": ${nested(1500)}, "kind": "ofsted_inspection"}`;
      const cases: Array<[string, 'post' | 'patch' | 'put', string]> = [
        ['/api/plans', 'post', nested(1500)],
        ['/api/plans', 'post', deepField],
        [`/api/plans/${plan.id}`, 'patch', `{"version": 1, "source": ${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`],
        [`/api/activities/${activity.id}/updates`, 'post', nested(40)],
        [`/api/activities/${activity.id}/rag-override`, 'put', nested(3000)],
        ['/api/imports/preview', 'post', `{"text": "a\\tb", "mapping": ${nested(500)}}`],
      ];
      for (const [path, method, text] of cases) {
        const response = await rawJson(path, method, text);
        expect({ path, status: response.status, errors: response.body.errors }).toEqual({
          path,
          status: 400,
          errors: { body: 'is nested more than 32 levels deep' },
        });
      }
    });

    it('is refused in a multipart import field that holds JSON', async () => {
      const response = await t.http.post('/api/imports/preview').field('text', 'a\tb').field('mapping', nested(2000));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual({ mapping: 'is nested more than 32 levels deep' });
    });

    it('still accepts a plan nested as deep as a plan is (well under the limit)', async () => {
      await t.http.post('/api/plans').send(smallPlanBody({ title: 'Nested as plans are' })).expect(201);
      const atLimit = await rawJson('/api/auth/sign-in', 'post', nested(32), t.anon);
      expect(atLimit.status).toBe(400);
      expect(Object.keys(atLimit.body.errors ?? {})).not.toContain('body');
    });
  });

  describe('text that is not well-formed Unicode (a lone surrogate)', () => {
    const WELL_FORMED = 'must be well-formed Unicode text (it holds a lone surrogate)';

    it('is refused in an email field, naming it, on sign-in and password reset', async () => {
      for (const path of ['/api/auth/sign-in', '/api/auth/password-reset']) {
        const response = await t.anon.post(path).send({ email: '\ud800@x.org', password: 'whatever it is' });
        expect({ path, status: response.status, errors: response.body.errors }).toEqual({ path, status: 400, errors: { email: WELL_FORMED } });
      }
      const user = await t.http.post('/api/users').send({ name: 'Lone', email: 'lone\udfff@x.org', roles: ['viewer'] });
      expect({ status: user.status, errors: user.body.errors }).toEqual({ status: 400, errors: { email: WELL_FORMED } });
    });

    it('is refused in any other text, naming the field, and nothing is stored', async () => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM plans');
      const title = await t.http.post('/api/plans').send(smallPlanBody({ title: 'Broken \ud83d title' }));
      expect({ status: title.status, errors: title.body.errors }).toEqual({ status: 400, errors: { title: WELL_FORMED } });
      const labels = await t.http.post('/api/plans').send(smallPlanBody({ title: 'Labels', columnLabels: ['Area', 'Action \udc00'] }));
      expect({ status: labels.status, errors: labels.body.errors }).toEqual({ status: 400, errors: { 'columnLabels[1]': WELL_FORMED } });
      const deep = smallPlanBody({ title: 'Deep' }) as { sections: Array<{ recommendations: Array<{ activities: Array<{ text: string }> }> }> };
      deep.sections[0].recommendations[1].activities[0].text = 'Monthly \ud800 audit';
      const inTree = await t.http.post('/api/plans').send(deep);
      expect({ status: inTree.status, errors: inTree.body.errors }).toEqual({
        status: 400,
        errors: { 'sections[0].recommendations[1].activities[0].text': WELL_FORMED },
      });
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM plans')).toEqual(before);

      const aliases = await t.http.post('/api/imports/preview').send({ text: 'a\tb', agencyAliases: { 'Health \ud800': 'NHS' } });
      expect(aliases.status).toBe(400);
      expect(Object.keys(aliases.body.errors)).toEqual(['agencyAliases.Health \ufffd']);
      const section = plan.sections[0];
      const patch = await t.http.patch(`/api/sections/${section.id}`).send({ version: section.version, title: 'Front \udbff door' });
      expect({ status: patch.status, errors: patch.body.errors }).toEqual({ status: 400, errors: { title: WELL_FORMED } });
      const [row] = await t.dataSource.query('SELECT title FROM sections WHERE id = $1', [section.id]);
      expect(row.title).toBe('Front door');
    });

    it('is refused in a multipart field', async () => {
      const response = await t.http.post('/api/imports/preview').field('text', 'a\tb').field('mapping', '{"activity": "Action \\ud800"}');
      expect({ status: response.status, errors: response.body.errors }).toEqual({ status: 400, errors: { 'mapping.activity': WELL_FORMED } });
    });

    it('accepts text that is well-formed, astral characters included', async () => {
      const response = await t.http.post('/api/plans').send(smallPlanBody({ title: 'Plan 😀 for Ōtautahi' }));
      expect(response.status).toBe(201);
      expect(response.body.title).toBe('Plan 😀 for Ōtautahi');
    });
  });

  describe('required text that is only white space', () => {
    const BLANK = 'must not be blank';

    it('is refused for a plan title, a table title, an activity text, naming the field', async () => {
      const planTitle = await t.http.post('/api/plans').send(smallPlanBody({ title: '   ' }));
      expect({ status: planTitle.status, errors: planTitle.body.errors }).toEqual({ status: 400, errors: { title: BLANK } });
      const sectionTitle = await t.http.post('/api/sections').send({ planId: plan.id, title: '\t \n' });
      expect({ status: sectionTitle.status, errors: sectionTitle.body.errors }).toEqual({ status: 400, errors: { title: BLANK } });
      const recommendation = plan.sections[0].recommendations[0];
      const activity = await t.http.post('/api/activities').send({ recommendationId: recommendation.id, text: '\u00a0 \u3000' });
      expect({ status: activity.status, errors: activity.body.errors }).toEqual({ status: 400, errors: { text: BLANK } });
      const nested = smallPlanBody({ title: 'Blank inside' }) as { sections: Array<{ title: string }> };
      nested.sections[0].title = ' ';
      const inTree = await t.http.post('/api/plans').send(nested);
      expect({ status: inTree.status, errors: inTree.body.errors }).toEqual({ status: 400, errors: { 'sections[0].title': BLANK } });
      const current = allActivities(plan)[1];
      const patched = await t.http.patch(`/api/activities/${current.id}`).send({ version: current.version, text: '  ' });
      expect({ status: patched.status, errors: patched.body.errors }).toEqual({ status: 400, errors: { text: BLANK } });
    });

    it('is refused for an override reason and a verification note', async () => {
      const demo = await demoPlan(t);
      const activity = allActivities(demo)[0];
      const chair = await t.as('chair@demo.test');
      const override = await chair.put(`/api/activities/${activity.id}/rag-override`).send({ rating: 'amber', reason: '    ', expiresOn: '2012-12-31', version: activity.version });
      expect({ status: override.status, errors: override.body.errors }).toEqual({ status: 400, errors: { reason: 'must not be blank: give the reason for the override' } });
      const verification = await chair.post(`/api/activities/${activity.id}/verification`).send({ note: ' \t ' });
      expect({ status: verification.status, errors: verification.body.errors }).toEqual({ status: 400, errors: { note: 'must not be blank: say what evidence was checked' } });
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM rag_overrides WHERE activity_id = $1', [activity.id]);
      expect(n).toBe(0);
    });

    it('still accepts text with white space around it', async () => {
      const response = await t.http.post('/api/sections').send({ planId: plan.id, title: '  Front door (continued) ' });
      expect(response.status).toBe(201);
    });
  });

  describe('a person with no roles', () => {
    it('cannot be created, nor have every role taken away', async () => {
      const created = await t.http.post('/api/users').send({ name: 'Nobody', email: 'nobody@council.example', roles: [] });
      expect({ status: created.status, errors: created.body.errors }).toEqual({ status: 400, errors: { roles: 'must name at least one role' } });
      const viewer = (await t.http.post('/api/users').send({ name: 'Vic Viewer', email: 'vic@council.example', roles: ['viewer'] }).expect(201)).body;
      const emptied = await t.http.patch(`/api/users/${viewer.id}`).send({ version: viewer.version, roles: [] });
      expect({ status: emptied.status, errors: emptied.body.errors }).toEqual({ status: 400, errors: { roles: 'must name at least one role' } });
      const blankName = await t.http.post('/api/users').send({ name: '  ', email: 'blank@council.example', roles: ['viewer'] });
      expect({ status: blankName.status, errors: blankName.body.errors }).toEqual({ status: 400, errors: { name: 'must not be blank' } });
    });
  });
});
