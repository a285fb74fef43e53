import { demoPlan } from './support/plans-fixtures';
import request from 'supertest';
import { AuthService } from '../src/accounts/auth.service';
import { AuthenticationRider } from '../src/accounts/authentication-rider';
import { openRequestContext } from '../src/common/request-context.middleware';
import { PLAN_CHANGE_MARK_RIDER, planChangeMark } from '../src/plans/plan-read-cache';
import { TEST_ADMIN, TEST_PASSWORD, TestApp, startTestApp, statementsDuring } from './support/test-app';

/**
 * How many SQL statements each read runs, authentication included, pinned:
 * a change that adds a query per row, a second look-up per request or an
 * N+1 shows here in CI rather than in a board's waiting time. Each count is
 * the same for the demo plan (58 activities) and for a plan of any size; the
 * benches (bench/) measure the time.
 */
describe('Query counts of the authenticated reads', () => {
  let t: TestApp;
  let planId: string;
  const AS_OF = '2012-09-14';

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    planId = (await demoPlan(t)).id;
  });
  afterAll(async () => t?.close());

  /** Statements run while answering one request (after a warm-up request, so start-up work is not counted), by an API client or a signed-in browser's agent. */
  async function statementsFor(client: { get: (url: string) => request.Test }, url: string): Promise<number> {
    await client.get(url).expect(200);
    return (await statementsDuring(t.dataSource, () => client.get(url).expect(200))).length;
  }

  async function queriesFor(email: string | null, url: string): Promise<number> {
    return statementsFor(email ? await t.as(email) : t.http, url);
  }

  const reads: Array<[string, (planId: string) => string, number, number]> = [
    // [what, url, as an admin, as the plan's chair (one more: their reach, read once per request)].
    // Authentication is one statement of each.
    ['GET /api/me', () => '/api/me', 4, 4],
    ['GET /api/activities (a page)', () => '/api/activities?pageSize=20', 6, 7],
    // Kept from the warm-up read (the plan has not changed since): authentication with the plan's change mark, one statement.
    ['GET /api/plans/:id (the tree)', (id) => `/api/plans/${id}`, 1, 2],
    ['GET /api/reviews/overdue', (id) => `/api/reviews/overdue?asOf=${AS_OF}&planId=${id}`, 6, 7],
    ['GET /api/reviews/overdue (every plan, by owner)', () => `/api/reviews/overdue?asOf=${AS_OF}&groupBy=owner`, 6, 7],
    ['GET /api/reviews/at-risk', (id) => `/api/reviews/at-risk?asOf=${AS_OF}&planId=${id}`, 3, 4],
    ['GET /api/plans/:id/summary', (id) => `/api/plans/${id}/summary?asOf=${AS_OF}`, 3, 4],
    ['appendix (HTML)', (id) => `/api/plans/${id}/appendix`, 1, 2],
    ['progress report (HTML)', (id) => `/api/plans/${id}/progress-report?asOf=${AS_OF}`, 6, 7],
    // One statement more than the activities alone: the plans' indicators, for their overdue monthly returns.
    ['exception report (HTML)', (id) => `/api/reviews/exceptions?asOf=${AS_OF}&planId=${id}`, 5, 6],
    ['performance report (HTML)', (id) => `/api/plans/${id}/performance-report?asOf=2012-09`, 10, 11],
  ];

  it.each(reads)('%s', async (_, url, asAdmin, asChair) => {
    expect([await queriesFor(null, url(planId)), await queriesFor('chair@demo.test', url(planId))]).toEqual([asAdmin, asChair]);
  });

  it.each([
    // Authentication with the change mark, then the plan's own reads: four for the tree, three for the appendix.
    ['GET /api/plans/:id (the tree)', (id: string) => `/api/plans/${id}`, 5, 6],
    ['appendix (HTML)', (id: string) => `/api/plans/${id}/appendix`, 4, 5],
  ])('%s, made afresh after a change to the plan', async (_, url, asAdmin, asChair) => {
    const afterChange = async (client: { get: (url: string) => request.Test }) => {
      await client.get(url(planId)).expect(200);
      // Any committed change, here one by hand that no service announced: the triggers note it.
      await t.dataSource.query('UPDATE plans SET updated_at = updated_at WHERE id = $1', [planId]);
      return (await statementsDuring(t.dataSource, () => client.get(url(planId)).expect(200))).length;
    };
    expect([await afterChange(t.http), await afterChange(await t.as('chair@demo.test'))]).toEqual([asAdmin, asChair]);
  });

  it('runs as many statements for the performance report and the indicator list (API and page) with twelve indicators as with one', async () => {
    const page = request.agent(t.app.getHttpServer());
    const form = await page.get('/sign-in').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    await page.post('/sign-in').type('form').send({ _csrf: csrf, email: TEST_ADMIN, password: TEST_PASSWORD }).expect(303);
    const plan = (await t.http.post('/api/plans').send({ title: 'Indicator count plan', kind: 'other', sections: [{ title: 'Front door' }, { title: 'Children in care' }] }).expect(201)).body;
    const add = async (n: number) => {
      const indicator = (
        await t.http
          .post('/api/indicators')
          .send({
            planId: plan.id,
            title: `Indicator ${n}`,
            unit: 'percentage',
            polarity: 'higher_is_better',
            sectionIds: [plan.sections[n % 2].id],
            targets: [{ financialYear: 2012, target: '90%' }],
            comparators: [{ name: 'England', kind: 'england', value: 88 }],
          })
          .expect(201)
      ).body;
      for (const month of ['2012-07', '2012-08', '2012-09']) await t.http.put(`/api/indicators/${indicator.id}/values/${month}`).send({ value: 80 + n }).expect(200);
    };
    const counts = async () => [
      await queriesFor(null, `/api/plans/${plan.id}/performance-report?asOf=2012-09`),
      await queriesFor(null, '/api/indicators?pageSize=100'),
      await queriesFor(null, `/api/indicators?planId=${plan.id}&pageSize=100`),
      // The plan's indicators page: every indicator's values in one read, not two statements each; every priority's narratives and the chair's ratings for the month in two.
      await statementsFor(page, `/plans/${plan.id}/indicators`),
    ];
    await add(0);
    const one = await counts();
    for (let n = 1; n < 12; n++) await add(n);
    expect(await counts()).toEqual(one);
    expect(one).toEqual([13, 6, 6, 16]);
  });

  /** The prepared statements' names (undefined for one not prepared) a request runs. */
  async function statementNames(client: { get: (url: string) => request.Test }, url: string, status = 200): Promise<Array<string | undefined>> {
    return (await statementsDuring(t.dataSource, () => client.get(url).expect(status))).map((statement) => statement.name);
  }

  it('reads a kept plan in one prepared statement: the session with the change mark riding along, planned once per connection', async () => {
    for (const url of [`/api/plans/${planId}/appendix`, `/api/plans/${planId}`]) {
      await t.http.get(url).expect(200);
      expect(await statementNames(t.http, url)).toEqual(['ipm_live_session_plan_change_mark']);
    }
    // Any other authenticated request: the session alone, prepared too.
    expect((await statementNames(t.http, '/api/me'))[0]).toBe('ipm_live_session');
    // Word is made every time, without the mark: nothing rides.
    expect((await statementNames(t.http, `/api/plans/${planId}/appendix?format=docx`))[0]).toBe('ipm_live_session');
    // A malformed plan id authenticates alone (nothing rides) and is refused with 400 by the route, not a database error.
    expect(await statementNames(t.http, '/api/plans/not-a-uuid', 400)).toEqual(['ipm_live_session']);

    // No such plan: the mark that rode says so, and the answer is 404 after the one statement.
    expect(await statementNames(t.http, '/api/plans/00000000-0000-4000-8000-000000000000', 404)).toEqual(['ipm_live_session_plan_change_mark']);

    // node-postgres prepares a named statement on the connection that first runs it, and later runs only execute it.
    const runner = t.dataSource.createQueryRunner();
    try {
      await planChangeMark(runner.manager, planId);
      await planChangeMark(runner.manager, planId);
      const prepared: Array<{ name: string; statement: string }> = await runner.query('SELECT name, statement FROM pg_prepared_statements');
      expect(prepared.map((row) => row.name)).toContain('ipm_plan_change_mark');
      expect(prepared.find((row) => row.name === 'ipm_plan_change_mark')!.statement).toContain('FROM plan_changes');
    } finally {
      await runner.release();
    }
  });

  it('gives a kept plan only to a live session (a signed-out token is refused though its mark rode along), and to a personal API token, which reads the mark itself', async () => {
    const url = `/api/plans/${planId}/appendix`;
    const kept = (await t.http.get(url).expect(200)).text;
    const signIn = await t.anon.post('/api/auth/sign-in').send({ email: TEST_ADMIN, password: TEST_PASSWORD }).expect(200);
    const admin = t.withToken(signIn.body.accessToken);
    expect((await admin.get(url).expect(200)).text).toBe(kept);
    await admin.post('/api/auth/sign-out').expect(204);
    // The mark went with the refused request's authentication, which found no live session: 401, nothing given.
    expect(await statementNames(admin, url, 401)).toEqual(['ipm_live_session_plan_change_mark']);

    const token = (await t.http.post('/api/me/api-tokens').send({ name: 'Clerk script', scope: 'read_only' }).expect(201)).body.token as string;
    const script = t.withToken(token);
    const names = await statementNames(script, url);
    expect(names).toContain('ipm_plan_change_mark');
    expect(names).not.toContain('ipm_live_session_plan_change_mark');
    expect((await script.get(url).expect(200)).text).toBe(kept);
  });

  it('authenticates a live session whatever its rider finds, and refuses a second rider under a name already taken', async () => {
    const auth = t.app.get(AuthService);
    const signIn = await t.anon.post('/api/auth/sign-in').send({ email: 'viewer@demo.test', password: TEST_PASSWORD }).expect(200);
    // A rider that finds no row: the session is still live, and the route would read for itself.
    const findsNothing: AuthenticationRider = { name: 'finds_nothing', sql: (p) => `SELECT 1 AS one WHERE ${p}::uuid IS NULL`, parameter: () => null };
    const authenticated = await auth.authenticateWith(signIn.body.accessToken, { rider: findsNothing, parameter: planId });
    expect(authenticated?.actor.email).toBe('viewer@demo.test');
    expect(authenticated?.riderRow).toBeUndefined();
    // Another rider named as the change mark's would share its statement name and its rows.
    expect((await auth.authenticateWith(signIn.body.accessToken, { rider: PLAN_CHANGE_MARK_RIDER, parameter: planId }))?.riderRow).toMatchObject({ plan_exists: true });
    const impostor: AuthenticationRider = { ...PLAN_CHANGE_MARK_RIDER, sql: (p) => `SELECT ${p}::uuid AS id` };
    await expect(auth.authenticateWith(signIn.body.accessToken, { rider: impostor, parameter: planId })).rejects.toThrow('Two authentication riders are named plan_change_mark');
  });

  it('authenticates with one statement per request and nothing cached: a signed-out token is refused on its next request', async () => {
    const signIn = await t.anon.post('/api/auth/sign-in').send({ email: 'viewer@demo.test', password: TEST_PASSWORD }).expect(200);
    const viewer = t.withToken(signIn.body.accessToken);
    await viewer.get('/api/me').expect(200);
    await viewer.post('/api/auth/sign-out').expect(204);
    await viewer.get('/api/me').expect(401);
  });

  it('refuses the token of a person deactivated since it was issued, on the next request', async () => {
    const signIn = await t.anon.post('/api/auth/sign-in').send({ email: 'head.nhs@demo.test', password: TEST_PASSWORD }).expect(200);
    const head = t.withToken(signIn.body.accessToken);
    await head.get('/api/me').expect(200);
    await t.dataSource.query(`UPDATE users SET active = false WHERE email = 'head.nhs@demo.test'`);
    await head.get('/api/me').expect(401);
    await t.dataSource.query(`UPDATE users SET active = true WHERE email = 'head.nhs@demo.test'`);
  });
});

/**
 * What every request passes through before its route: the app-wide middleware
 * mounted once each. Nest mounts a `forRoutes('{*path}')` middleware again for
 * every path excluded from the /api prefix (the web pages), so every request,
 * API or page, was tested against 191 copies of each.
 */
describe('The request context, opened once per request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('is mounted on the app once, not once per page route, and no middleware is mounted per page route either', () => {
    const http = t.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ handle: unknown; route?: { path: string } }> } };
    const { stack } = http.router;
    expect(stack.filter((layer) => layer.handle === openRequestContext)).toHaveLength(1);
    // What a request for the appendix is tested against before its route: the app's own middleware (parsers, assets,
    // the page preparation, the request context) and the routes declared before it, not 382 copies of two middlewares.
    const appendix = stack.findIndex((layer) => layer.route?.path === '/api/plans/:id/appendix');
    expect(appendix).toBeGreaterThan(0);
    expect(stack.slice(0, appendix).filter((layer) => !layer.route).length).toBeLessThan(20);
  });

  it('gives every answer an id of its own: the API, a page, a form post and an address nothing answers', async () => {
    const ids = new Set<string>();
    const answers = [
      await t.http.get('/api/me').expect(200),
      await request(t.app.getHttpServer()).get('/sign-in').expect(200),
      await request(t.app.getHttpServer()).post('/api/auth/sign-in').send({ email: TEST_ADMIN, password: TEST_PASSWORD }).expect(200),
      await request(t.app.getHttpServer()).get('/no-such-page').expect(404),
      await t.http.get('/api/no-such-thing').expect(404),
    ];
    for (const answer of answers) {
      expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(answer.headers['x-request-id']);
    }
    expect(ids.size).toBe(answers.length);
  });

  it('carries who is acting from the guard to the audit trail on a write with a body', async () => {
    const me = (await t.http.get('/api/me').expect(200)).body as { id: string };
    const created = await t.http.post('/api/lead-agencies').send({ name: `Context check ${Date.now()}` });
    expect(created.status).toBe(201);
    const [event] = await t.dataSource.query(`SELECT actor_id, request_id FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`, [created.body.id]);
    expect(event.actor_id).toBe(me.id);
    expect(event.request_id).toBe(created.headers['x-request-id']);
  });
});

