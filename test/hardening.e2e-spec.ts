import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { allActivities, createSmallPlan, demoPlan } from './support/plans-fixtures';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

describe('Hardening found in review', () => {
  let t: TestApp;
  let smtp: SmtpListener;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({ demo: true, config: { smtpUrl: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('throttles sign-in guesses sent all at once: no more than five are even tried', async () => {
    await t.dataSource.query('DELETE FROM sign_in_attempts');
    const answers = await Promise.all(
      Array.from({ length: 15 }, () => t.anon.post('/api/auth/sign-in').send({ email: 'head.nhs@demo.test', password: 'a wrong guess' })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    await t.dataSource.query('DELETE FROM sign_in_attempts');
  });

  it('ends the whole session when a used refresh token comes back (a stolen copy)', async () => {
    const first = await t.anon.post('/api/auth/sign-in').send({ email: 'viewer@demo.test', password: TEST_PASSWORD }).expect(200);
    const second = await t.anon.post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
    await t.withToken(second.body.accessToken).get('/api/me').expect(200);
    // The old token again: whoever has it is not the person who refreshed.
    await t.anon.post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    await t.withToken(second.body.accessToken).get('/api/me').expect(401);
    await t.anon.post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
  });

  it('does not let an API token mint tokens or change the password', async () => {
    const created = await (await t.as('head.csl@demo.test')).post('/api/me/api-tokens').send({ name: 'Export' }).expect(201);
    const script = t.withToken(created.body.token);
    await script.get('/api/me').expect(200);
    await script.post('/api/me/api-tokens').send({ name: 'Another' }).expect(403);
    await script.post('/api/me/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' }).expect(403);
    await script.delete(`/api/me/api-tokens/${created.body.id}`).expect(403);
  });

  it('sends at most three reset links an hour to one account', async () => {
    smtp.clear();
    for (let i = 0; i < 5; i++) await t.anon.post('/api/auth/password-reset').send({ email: 'viewer@demo.test' }).expect(202);
    // Links are sent after the answer: wait for three (however loaded the machine), then a moment for any fourth.
    const toViewer = () => smtp.messages.filter((mail) => mail.to.includes('viewer@demo.test'));
    await smtp.waitFor(() => toViewer().length >= 3, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(toViewer()).toHaveLength(3);
  });

  it('answers a probe for a section in another plan as if it did not exist', async () => {
    const hidden = await createSmallPlan(t, { title: 'Nobody else’s plan' });
    const nhs = await t.as('head.nhs@demo.test');
    const section = await nhs.get(`/api/sections/${hidden.sections[0].id}`).expect(404);
    expect(section.body.message).toBe(`No section with id ${hidden.sections[0].id}`);
    const recommendation = hidden.sections[0].recommendations[0];
    const byId = await nhs.get(`/api/recommendations/${recommendation.id}`).expect(404);
    expect(byId.body.message).toBe(`No recommendation with id ${recommendation.id}`);
    expect(JSON.stringify([section.body, byId.body])).not.toContain(hidden.id);
  });

  it('lists blocked work that is not yet overdue as at risk', async () => {
    const plan = await demoPlan(t);
    const sixMonth = allActivities(plan).find((a) => a.band === 'within_six_months')!;
    t.clock.set('2012-06-29T10:00:00+01:00');
    await t.http.post(`/api/activities/${sixMonth.id}/updates`).send({ status: 'blocked', note: 'Waiting for the housing provider' }).expect(201);
    t.clock.reset();
    const atRisk = await t.http.get(`/api/reviews/at-risk?asOf=2012-07-02&planId=${plan.id}`).expect(200);
    const item = atRisk.body.items.find((i: { activityId: string }) => i.activityId === sixMonth.id);
    expect(item.rag.rating).toBe('red');
    expect(item.rag.reasons).toContain('blocked: Waiting for the housing provider');
  });

  it('shows the newest events when an activity’s history is cut short', async () => {
    const plan = await demoPlan(t);
    const activity = allActivities(plan)[0];
    for (const percentComplete of [10, 20, 30]) {
      await t.http.post(`/api/activities/${activity.id}/updates`).send({ status: 'in_progress', percentComplete }).expect(201);
    }
    const history = (await t.http.get(`/api/activities/${activity.id}/history?limit=2`).expect(200)).body;
    expect(history).toHaveLength(2);
    expect(history[1].after).toMatchObject({ percentComplete: 30 });
    expect(new Date(history[0].occurredAt) <= new Date(history[1].occurredAt)).toBe(true);
  });

  it('keeps ordinary fields on the record while leaving secrets off it', async () => {
    const client = await t.as('chair@demo.test');
    await client.post('/api/me/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'chair passphrase 2026' }).expect(200);
    const token = await client.post('/api/me/api-tokens').send({ name: 'Board pack export' }).expect(201);
    const events: Array<{ after: Record<string, unknown> }> = await t.dataSource.query(
      `SELECT after FROM audit_events WHERE actor_label LIKE 'Chris Chair%' ORDER BY id`,
    );
    const text = JSON.stringify(events);
    expect(text).toContain('"passwordChanged":true');
    expect(text).toContain(`"tokenPrefix":"${token.body.tokenPrefix}"`);
    expect(text).not.toContain('chair passphrase 2026');
    expect(text).not.toContain(token.body.token);
  });

  it('refuses as-of dates it cannot count working days for, and still reviews a plan with a far-off deadline', async () => {
    await t.http.get('/api/reviews/overdue?asOf=2040-01-01').expect(400);
    const rag = await t.http.get(`/api/activities/${allActivities(await demoPlan(t))[0].id}/rag?asOf=2009-01-01`).expect(400);
    expect(Object.keys(rag.body.errors)).toEqual(['asOf']);
    const far = await createSmallPlan(t, { title: 'Far-off plan', source: { publishedOn: '2012-06-13' } });
    const activity = allActivities(far)[0];
    // Moved out to 2035 in June 2012, before the date reviewed.
    t.clock.set('2012-06-20T10:00:00+01:00');
    await t.http.patch(`/api/activities/${activity.id}`).send({ version: activity.version, dueDate: '2035-03-31' }).expect(200);
    t.clock.reset();
    const atRisk = await t.http.get('/api/reviews/at-risk?asOf=2012-07-02').expect(200);
    expect(atRisk.body.items.some((i: { activityId: string }) => i.activityId === activity.id)).toBe(false);
    const rating = await t.http.get(`/api/activities/${activity.id}/rag?asOf=2012-07-02`).expect(200);
    expect(rating.body).toMatchObject({ rating: null, reasons: [expect.stringMatching(/^not rated: /)] });
  });
});
