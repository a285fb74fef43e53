import type { Response } from 'supertest';
import { PlanTreeBody, agencyNamed, allRecommendations, createSmallPlan, demoPlan, missingId, smallPlanBody } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

/** Ids of rows the requests below refer to, filled in once the app is up. */
interface Ctx {
  demo: PlanTreeBody;
  plan: PlanTreeBody;
  sectionId: string;
  recommendationId: string;
  activityId: string;
  agencyId: string;
}

type Call = (t: TestApp, c: Ctx) => PromiseLike<Response>;

describe('Validation: the API names the field that is wrong and never answers 500', () => {
  let t: TestApp;
  const c = {} as Ctx;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    c.demo = await demoPlan(t);
    c.plan = await createSmallPlan(t, { title: 'Plan for odd requests' });
    c.sectionId = c.plan.sections[0].id;
    c.recommendationId = allRecommendations(c.plan)[0].id;
    c.activityId = allRecommendations(c.plan)[0].activities[0].id;
    c.agencyId = (await t.http.post('/api/lead-agencies').send({ name: 'Agency for odd requests' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  /** The row's current version, so a PATCH reaches the service rather than stopping at 409. */
  async function versionOf(path: string): Promise<number> {
    return (await t.http.get(path).expect(200)).body.version;
  }
  const patchCurrent = async (path: string, body: Record<string, unknown>) =>
    t.http.patch(path).send({ version: await versionOf(path), ...body });

  async function expectFieldError(call: Call, field: string, status = 400): Promise<void> {
    const response = await call(t, c);
    expect({ status: response.status, fields: Object.keys(response.body.errors ?? {}) }).toEqual({
      status,
      fields: expect.arrayContaining([field]),
    });
    expect(response.body.statusCode).toBe(status);
  }

  const plan = (extra: Record<string, unknown>) => ({ ...smallPlanBody({ title: 'Refused plan' }), ...extra });
  const nestedPlan = (path: (p: any) => void) => {
    const body = smallPlanBody({ title: 'Refused nested plan' });
    path(body);
    return body;
  };

  it.each<[string, Call, string]>([
    ['a plan', (t) => t.http.post('/api/plans').send(plan({ colour: 'red' })), 'colour'],
    ['a table inside a plan', (t) => t.http.post('/api/plans').send(nestedPlan((p) => (p.sections[0].colour = 'red'))), 'sections[0].colour'],
    ['an activity change', (t, c) => patchCurrent(`/api/activities/${c.activityId}`, { priority: 'high' }), 'priority'],
    ['a lead agency', (t) => t.http.post('/api/lead-agencies').send({ name: 'New body', region: 'South' }), 'region'],
    ['the activity list', (t) => t.http.get('/api/activities').query({ owner: 'me' }), 'owner'],
  ])('refuses a field it does not know, naming it: %s', async (_, call, field) => {
    await expectFieldError(call, field);
  });

  it.each<[string, Call, string]>([
    ['30 February as a publication date', (t) => t.http.post('/api/plans').send(plan({ source: { publishedOn: '2012-02-30' } })), 'source.publishedOn'],
    ['13/06/2012 as a publication date', (t) => t.http.post('/api/plans').send(plan({ source: { publishedOn: '13/06/2012' } })), 'source.publishedOn'],
    ['13/06/2012 as an activity due date', (t, c) => t.http.post('/api/activities').send({ recommendationId: c.recommendationId, text: 'A', dueDate: '13/06/2012' }), 'dueDate'],
    ['month 13 as an override', (t, c) => patchCurrent(`/api/recommendations/${c.recommendationId}`, { dueDateOverride: '2012-13-01' }), 'dueDateOverride'],
    ['30 February inside a plan', (t) => t.http.post('/api/plans').send(nestedPlan((p) => (p.sections[0].recommendations[0].activities[0].dueDate = '2012-02-30'))), 'sections[0].recommendations[0].activities[0].dueDate'],
    ['a closure day written 30/02/2012', (t) => t.http.post('/api/closure-days').send({ date: '30/02/2012', description: 'Closed' }), 'date'],
    ['overdue as of 30 February', (t) => t.http.get('/api/activities').query({ overdueAsOf: '2012-02-30' }), 'overdueAsOf'],
    ['due before 13/06/2012', (t) => t.http.get('/api/activities').query({ dueBefore: '13/06/2012' }), 'dueBefore'],
    ['year 0000, which PostgreSQL cannot store', (t, c) => t.http.post('/api/activities').send({ recommendationId: c.recommendationId, text: 'A', dueDate: '0000-01-01' }), 'dueDate'],
  ])('refuses a bad date with 400 naming the field: %s', async (_, call, field) => {
    await expectFieldError(call, field);
  });

  it.each<[string, Call, string]>([
    ['a new recommendation', (t, c) => t.http.post('/api/recommendations').send({ sectionId: c.sectionId, number: 50, band: 'asap', text: 'A' }), 'band'],
    ['a recommendation inside a plan', (t) => t.http.post('/api/plans').send(nestedPlan((p) => (p.sections[0].recommendations[1].band = 'soon'))), 'sections[0].recommendations[1].band'],
    ['a change of band', (t, c) => patchCurrent(`/api/recommendations/${c.recommendationId}`, { band: 'within_a_year' }), 'band'],
    ['the activity list', (t) => t.http.get('/api/activities').query({ band: 'immediately,soon' }), 'band'],
  ])('refuses a timescale band Ofsted does not use, naming band: %s', async (_, call, field) => {
    await expectFieldError(call, field);
  });

  it.each<[string, Call, string]>([
    ['a plan without a title', (t) => t.http.post('/api/plans').send({ kind: 'ofsted_inspection' }), 'title'],
    ['a table without a title inside a plan', (t) => t.http.post('/api/plans').send(nestedPlan((p) => delete p.sections[0].title)), 'sections[0].title'],
    ['an activity without text', (t, c) => t.http.post('/api/activities').send({ recommendationId: c.recommendationId }), 'text'],
    ['a recommendation without a number', (t, c) => t.http.post('/api/recommendations').send({ sectionId: c.sectionId, band: 'immediately', text: 'A' }), 'number'],
    ['a lead agency without a name', (t) => t.http.post('/api/lead-agencies').send({ shortName: 'X' }), 'name'],
    ['a change without the version', (t, c) => t.http.patch(`/api/activities/${c.activityId}`).send({ text: 'B' }), 'version'],
    ['a delete without the version', (t, c) => t.http.delete(`/api/activities/${c.activityId}`), 'version'],
  ])('refuses a missing required field, naming it: %s', async (_, call, field) => {
    await expectFieldError(call, field);
  });

  it.each<[string, Call, string]>([
    ['GET /api/plans/123', (t) => t.http.get('/api/plans/123'), 'id'],
    ['PATCH /api/recommendations/1', (t) => t.http.patch('/api/recommendations/1').send({ version: 1 }), 'id'],
    ['DELETE /api/sections/xyz', (t) => t.http.delete('/api/sections/xyz').query({ version: 1 }), 'id'],
    ['GET /api/lead-agencies/SCC', (t) => t.http.get('/api/lead-agencies/SCC'), 'id'],
    ['a section id of "abc"', (t) => t.http.post('/api/recommendations').send({ sectionId: 'abc', number: 50, band: 'immediately', text: 'A' }), 'sectionId'],
    ['a recommendation id of 7', (t) => t.http.post('/api/activities').send({ recommendationId: 7, text: 'A' }), 'recommendationId'],
    ['a plan id of "plan-1"', (t) => t.http.post('/api/sections').send({ planId: 'plan-1', title: 'A' }), 'planId'],
    ['a lead agency id of "Police"', (t, c) => t.http.post('/api/activities').send({ recommendationId: c.recommendationId, text: 'A', leadAgencyIds: ['Police'] }), 'leadAgencyIds'],
    ['a parent agency id of "SCC"', (t) => t.http.post('/api/lead-agencies').send({ name: 'Child', parentId: 'SCC' }), 'parentId'],
    ['a plan filter of "abc"', (t) => t.http.get('/api/activities').query({ planId: 'abc' }), 'planId'],
  ])('refuses an id that is not a UUID, naming it: %s', async (_, call, field) => {
    await expectFieldError(call, field);
  });

  it.each<[string, Call, string]>([
    ['a section', (t) => t.http.post('/api/recommendations').send({ sectionId: missingId(), number: 50, band: 'immediately', text: 'A' }), 'sectionId'],
    ['a recommendation', (t) => t.http.post('/api/activities').send({ recommendationId: missingId(), text: 'A' }), 'recommendationId'],
    ['a plan', (t) => t.http.post('/api/sections').send({ planId: missingId(), title: 'A' }), 'planId'],
    ['a lead agency of a new activity', (t, c) => t.http.post('/api/activities').send({ recommendationId: c.recommendationId, text: 'A', leadAgencyIds: [missingId()] }), 'leadAgencyIds[0]'],
    ['a lead agency of a changed activity', (t, c) => patchCurrent(`/api/activities/${c.activityId}`, { leadAgencyIds: [missingId()] }), 'leadAgencyIds[0]'],
    ['a parent agency', (t) => t.http.post('/api/lead-agencies').send({ name: 'Orphan', parentId: missingId() }), 'parentId'],
    ['a new parent agency', (t, c) => patchCurrent(`/api/lead-agencies/${c.agencyId}`, { parentId: missingId() }), 'parentId'],
    ['a lead agency filter', (t) => t.http.get('/api/activities').query({ leadAgencyId: missingId() }), 'leadAgencyId'],
  ])('refuses a reference to %s that does not exist, naming the field', async (_, call, field) => {
    const response = await call(t, c);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(Object.keys(response.body.errors ?? {})).toContain(field);
  });

  it('answers malformed JSON with 400', async () => {
    const broken = await t.http.post('/api/plans').set('Content-Type', 'application/json').send('{"title": "Plan", "kind": ');
    expect(broken.status).toBe(400);
    expect(broken.body.statusCode).toBe(400);
    const unquoted = await t.http.patch(`/api/activities/${c.activityId}`).set('Content-Type', 'application/json').send('{version: 1}');
    expect(unquoted.status).toBe(400);
  });

  it('names a refused body by its status: too large is 413 Payload Too Large, an unknown charset 415', async () => {
    const huge = await t.http.post('/api/plans').set('Content-Type', 'application/json').send(JSON.stringify({ title: 'x'.repeat(2_000_000), kind: 'other' }));
    expect([huge.status, huge.body.statusCode, huge.body.error]).toEqual([413, 413, 'Payload Too Large']);
    expect(huge.body.message).toEqual(expect.any(String));
    const charset = await t.http.post('/api/plans').set('Content-Type', 'application/json; charset=klingon').send('{"title":"Plan"}');
    expect([charset.status, charset.body.statusCode, charset.body.error]).toEqual([415, 415, 'Unsupported Media Type']);
  });

  const long = (n: number) => 'x'.repeat(n);
  const oddRequests: Array<[string, Call]> = [
    ['an array instead of a plan', (t) => t.http.post('/api/plans').send([smallPlanBody()])],
    ['an empty array instead of an activity', (t) => t.http.post('/api/activities').send([])],
    ['an array instead of a plan change', (t, c) => t.http.patch(`/api/plans/${c.plan.id}`).send([{ version: 1 }])],
    ['the JSON literal null', (t) => t.http.post('/api/plans').set('Content-Type', 'application/json').send('null')],
    ['a bare JSON number', (t) => t.http.post('/api/lead-agencies').set('Content-Type', 'application/json').send('42')],
    ['a number written as a string', (t, c) => t.http.post('/api/recommendations').send({ sectionId: c.sectionId, number: '3', band: 'immediately', text: 'A' })],
    ['a version written as a string', (t, c) => t.http.patch(`/api/activities/${c.activityId}`).send({ version: '1', text: 'B' })],
    ['a page number of "abc"', (t) => t.http.get('/api/plans').query({ page: 'abc' })],
    ['a version of "latest" on delete', (t, c) => t.http.delete(`/api/activities/${c.activityId}`).query({ version: 'latest' })],
    ['a 600-character plan title', (t) => t.http.post('/api/plans').send(plan({ title: long(600) }))],
    ['a 6,000-character activity', (t, c) => t.http.post('/api/activities').send({ recommendationId: c.recommendationId, text: long(6000) })],
    ['a 300 kB plan title', (t) => t.http.post('/api/plans').send(plan({ title: long(300_000) }))],
    ['sections as a string', (t) => t.http.post('/api/plans').send(plan({ sections: 'Safeguarding' }))],
    ['a null table', (t) => t.http.post('/api/plans').send(plan({ sections: [null] }))],
    ['recommendations as an object', (t) => t.http.post('/api/plans').send(plan({ sections: [{ title: 'A', recommendations: { number: 1 } }] }))],
    ['activities nested three deep', (t) => t.http.post('/api/plans').send(plan({ sections: [{ title: 'A', recommendations: [{ number: 1, band: 'immediately', text: 'A', activities: [[[{ text: 'A' }]]] }] }] }))],
    ['the source as an array', (t) => t.http.post('/api/plans').send(plan({ source: ['2012-06-13'] }))],
    ['a band offset as a bare number', (t) => t.http.post('/api/plans').send(plan({ bandOffsets: { immediately: 10 } }))],
    ['an offset for by_date', (t) => t.http.post('/api/plans').send(plan({ bandOffsets: { by_date: { unit: 'months', amount: 1 } } }))],
    ['an offset of 5,000 months', (t, c) => patchCurrent(`/api/plans/${c.plan.id}`, { bandOffsets: { within_six_months: { unit: 'months', amount: 5000 } } })],
    ['an owner as a string', (t, c) => t.http.post('/api/activities').send({ recommendationId: c.recommendationId, text: 'A', owner: 'Jane' })],
    ['outcome measures nested in arrays', (t, c) => t.http.post('/api/activities').send({ recommendationId: c.recommendationId, text: 'A', outcomeMeasures: [['A']] })],
    ['a position beyond any integer column', (t, c) => t.http.post('/api/activities').send({ recommendationId: c.recommendationId, text: 'A', position: 1e12 })],
    ['a closure day in 2099, beyond the known bank holidays', (t) => t.http.post('/api/closure-days').send({ date: '2099-01-02', description: 'Far future' })],
    ['a plan published in 2099, beyond the known bank holidays', (t) => t.http.post('/api/plans').send(plan({ source: { publishedOn: '2099-06-15' } }))],
    ['a null status on a new activity', (t, c) => t.http.post('/api/activities').send({ recommendationId: c.recommendationId, text: 'A', status: null })],
    ['a null plan title', (t, c) => patchCurrent(`/api/plans/${c.plan.id}`, { title: null })],
    ['a null plan kind', (t, c) => patchCurrent(`/api/plans/${c.plan.id}`, { kind: null })],
    ['null band offsets', (t, c) => patchCurrent(`/api/plans/${c.plan.id}`, { bandOffsets: null })],
    ['null column labels', (t, c) => patchCurrent(`/api/plans/${c.plan.id}`, { columnLabels: null })],
    ['a null table title', (t, c) => patchCurrent(`/api/sections/${c.sectionId}`, { title: null })],
    ['a null recommendation number', (t, c) => patchCurrent(`/api/recommendations/${c.recommendationId}`, { number: null })],
    ['a null band', (t, c) => patchCurrent(`/api/recommendations/${c.recommendationId}`, { band: null })],
    ['null activity text', (t, c) => patchCurrent(`/api/activities/${c.activityId}`, { text: null })],
    ['a null activity status', (t, c) => patchCurrent(`/api/activities/${c.activityId}`, { status: null })],
    ['a null agency name', (t, c) => patchCurrent(`/api/lead-agencies/${c.agencyId}`, { name: null })],
    ['null aliases', (t, c) => patchCurrent(`/api/lead-agencies/${c.agencyId}`, { aliases: null })],
  ];

  it.each(oddRequests)('refuses %s with a 4xx, not a 500', async (_, call) => {
    const response = await call(t, c);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('has left the rows it was sent odd requests about as they were', async () => {
    const tree = (await t.http.get(`/api/plans/${c.plan.id}`).expect(200)).body as PlanTreeBody;
    expect(tree).toMatchObject({ title: 'Plan for odd requests', kind: 'focused_visit' });
    expect(allRecommendations(tree)[0]).toMatchObject({ number: 1, band: 'immediately', dueDate: '2012-06-27' });
    expect(allRecommendations(tree)[0].activities[0]).toMatchObject({ text: 'Daily MASH screening huddle', status: 'not_started' });
    expect((await agencyNamed(t, 'Agency for odd requests')).aliases).toEqual([]);
    await t.http.get('/health').expect(200);
  });
});
