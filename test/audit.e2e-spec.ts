import { PlanTreeBody, agencyNamed, allActivities, allRecommendations, createSmallPlan, demoPlan } from './support/plans-fixtures';
import { TEST_ADMIN, TestApp, startTestApp } from './support/test-app';

interface AuditEventBody {
  id: number;
  occurredAt: string;
  actor: { id: string | null; label: string };
  action: 'create' | 'update' | 'delete';
  entityType: string;
  entityId: string;
  planId: string | null;
  before: Record<string, any> | null;
  after: Record<string, any> | null;
}

const CHAIR = 'chair@demo.test';
const HEAD_CSL = 'head.csl@demo.test';
const SAFEGUARDING = 'SCC – CSL Directorate – Safeguarding';

describe('The record: every change audited, append-only, and an activity’s history', () => {
  let t: TestApp;
  let demo: PlanTreeBody;
  const userId: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    demo = await demoPlan(t);
    const users = (await t.http.get('/api/users').query({ pageSize: 100 }).expect(200)).body.items;
    for (const user of users) userId[user.email] = user.id;
  });
  afterAll(() => t.close());

  const events = async (query: Record<string, string>): Promise<AuditEventBody[]> =>
    (await t.http.get('/api/audit').query({ pageSize: 200, ...query }).expect(200)).body.items;
  /** The events of one row, oldest first. */
  const eventsOf = async (entityType: string, entityId: string) => (await events({ entityType, entityId })).reverse();
  const countAll = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_events'))[0].n);

  /** Who and when: the actor by id and by name and email, at a time inside the request. */
  function expectWhoAndWhen(event: AuditEventBody, email: string, since: number): void {
    expect(event.actor.id).toBe(userId[email]);
    expect(event.actor.label).toContain(email);
    const at = new Date(event.occurredAt).getTime();
    expect(at).toBeGreaterThanOrEqual(since - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  }

  describe('who, when, what, before and after', () => {
    it('plans, sections, recommendations and activities: create, update and delete', async () => {
      const since = Date.now();
      const plan = await createSmallPlan(t, { title: 'Audited plan' });
      const section = plan.sections[0];
      const [rec1, , , rec4] = allRecommendations(plan);
      const created = await eventsOf('plan', plan.id);
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({ action: 'create', planId: plan.id, before: null, after: { title: 'Audited plan' } });
      expectWhoAndWhen(created[0], TEST_ADMIN, since);
      expect(await eventsOf('section', section.id)).toMatchObject([{ action: 'create', after: { title: 'Front door' } }]);
      expect(await eventsOf('recommendation', rec1.id)).toMatchObject([{ action: 'create', after: { number: 1, band: 'immediately' } }]);
      expect(await eventsOf('activity', rec1.activities[0].id)).toMatchObject([{ action: 'create', after: { text: 'Daily MASH screening huddle' } }]);

      await t.http.patch(`/api/plans/${plan.id}`).send({ version: plan.version, title: 'Audited plan (revised)' }).expect(200);
      await t.http.patch(`/api/sections/${section.id}`).send({ version: section.version, title: 'Front door and MASH' }).expect(200);
      await t.http.patch(`/api/recommendations/${rec1.id}`).send({ version: rec1.version, text: 'Screen every contact within a day.' }).expect(200);
      const activity = rec1.activities[1];
      await t.http.patch(`/api/activities/${activity.id}`).send({ version: activity.version, text: 'Monthly audit of screening' }).expect(200);
      expect((await eventsOf('plan', plan.id))[1]).toMatchObject({
        action: 'update',
        before: { title: 'Audited plan' },
        after: { title: 'Audited plan (revised)' },
      });
      expect((await eventsOf('section', section.id))[1]).toMatchObject({ action: 'update', before: { title: 'Front door' }, after: { title: 'Front door and MASH' } });
      expect((await eventsOf('recommendation', rec1.id))[1]).toMatchObject({
        action: 'update',
        before: { text: 'Ensure that all contacts are screened within 24 hours.' },
        after: { text: 'Screen every contact within a day.' },
      });
      const activityUpdate = (await eventsOf('activity', activity.id))[1];
      expect(activityUpdate).toMatchObject({ action: 'update', before: { text: 'Audit of screening decisions' }, after: { text: 'Monthly audit of screening' } });
      expectWhoAndWhen(activityUpdate, TEST_ADMIN, since);

      await t.http.delete(`/api/activities/${activity.id}`).query({ version: activity.version + 1 }).expect(204);
      await t.http.delete(`/api/recommendations/${rec4.id}`).query({ version: rec4.version }).expect(204);
      expect((await eventsOf('activity', activity.id)).at(-1)).toMatchObject({ action: 'delete', before: { text: 'Monthly audit of screening' }, after: null });
      expect((await eventsOf('recommendation', rec4.id)).at(-1)).toMatchObject({ action: 'delete', before: { number: 4 }, after: null });
      const current = (await t.http.get(`/api/sections/${section.id}`).expect(200)).body;
      await t.http.delete(`/api/sections/${section.id}`).query({ version: current.version }).expect(204);
      expect((await eventsOf('section', section.id)).at(-1)).toMatchObject({ action: 'delete', before: { title: 'Front door and MASH' } });
      await t.http.delete(`/api/plans/${plan.id}`).query({ version: plan.version + 1 }).expect(204);
      expect((await eventsOf('plan', plan.id)).map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    });

    it('progress updates, by the service head who made them', async () => {
      const since = Date.now();
      const activity = allActivities(demo).find((a) => a.leadAgencies.length === 1 && a.leadAgencies[0].name === SAFEGUARDING)!;
      const posted = await (await t.as(HEAD_CSL))
        .post(`/api/activities/${activity.id}/updates`)
        .send({ status: 'in_progress', percentComplete: 40, note: 'Interviews held', evidenceLinks: ['https://intranet.example/minutes'] })
        .expect(201);
      const [event] = await eventsOf('progress_update', posted.body.update.id);
      expect(event).toMatchObject({
        action: 'create',
        planId: demo.id,
        after: { activityId: activity.id, status: 'in_progress', percentComplete: 40, note: 'Interviews held', evidenceLinks: ['https://intranet.example/minutes'] },
      });
      expectWhoAndWhen(event, HEAD_CSL, since);
    });

    it('users: created and changed, never with a password on the record', async () => {
      const since = Date.now();
      const created = await t.http
        .post('/api/users')
        .send({ name: 'Jo Scrutiny', email: 'jo.scrutiny@demo.test', roles: ['viewer'], password: 'a long enough passphrase', planIds: [demo.id] })
        .expect(201);
      await t.http.patch(`/api/users/${created.body.id}`).send({ version: created.body.version, name: 'Jo Scrutiny-Smith', active: false }).expect(200);
      const [create, update] = await eventsOf('user', created.body.id);
      expect(create).toMatchObject({ action: 'create', after: { email: 'jo.scrutiny@demo.test', roles: ['viewer'] } });
      expect(update).toMatchObject({ action: 'update', before: { name: 'Jo Scrutiny', active: true }, after: { name: 'Jo Scrutiny-Smith', active: false } });
      expectWhoAndWhen(update, TEST_ADMIN, since);
      expect(JSON.stringify([create, update])).not.toMatch(/passphrase|argon2|password/i);
    });

    it('lead agencies: create, update and delete', async () => {
      const created = await t.http.post('/api/lead-agencies').send({ name: 'Youth Offending Service' }).expect(201);
      await t.http.patch(`/api/lead-agencies/${created.body.id}`).send({ version: created.body.version, shortName: 'YOS' }).expect(200);
      await t.http.delete(`/api/lead-agencies/${created.body.id}`).query({ version: created.body.version + 1 }).expect(204);
      expect(await eventsOf('lead_agency', created.body.id)).toMatchObject([
        { action: 'create', before: null, after: { name: 'Youth Offending Service' } },
        { action: 'update', before: { shortName: null }, after: { shortName: 'YOS' } },
        { action: 'delete', before: { name: 'Youth Offending Service', shortName: 'YOS' }, after: null },
      ]);
    });

    it('filters by actor and by time', async () => {
      const from = new Date().toISOString();
      const agency = await t.http.post('/api/lead-agencies').send({ name: 'Private fostering panel' }).expect(201);
      const to = new Date(Date.now() + 1000).toISOString();
      const window = await events({ from, to });
      expect(window.map((e) => e.entityId)).toContain(agency.body.id);
      expect(window.every((e) => e.occurredAt >= from && e.occurredAt < to)).toBe(true);
      expect(await events({ entityId: agency.body.id, from: to })).toEqual([]);
      const byHead = await events({ actor: userId[HEAD_CSL] });
      expect(byHead.length).toBeGreaterThan(0);
      expect(byHead.every((e) => e.actor.id === userId[HEAD_CSL])).toBe(true);
    });
  });

  describe('only what happened, and for good', () => {
    it('writes the event in the same transaction: when the record cannot be written, the change is not made', async () => {
      // A trigger is the owner's to add: the app's own role may not.
      await t.ownerQuery(`CREATE FUNCTION test_refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.after ->> 'name' = 'Doomed agency' THEN RAISE EXCEPTION 'record refused'; END IF; RETURN NEW; END $$`);
      await t.ownerQuery(`CREATE TRIGGER test_refuse_doomed BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_refuse_doomed()`);
      try {
        const response = await t.http.post('/api/lead-agencies').send({ name: 'Doomed agency' });
        expect(response.status).toBeGreaterThanOrEqual(500);
      } finally {
        await t.ownerQuery('DROP TRIGGER test_refuse_doomed ON audit_events');
        await t.ownerQuery('DROP FUNCTION test_refuse_doomed()');
      }
      expect(await t.dataSource.query(`SELECT id FROM lead_agencies WHERE name = 'Doomed agency'`)).toEqual([]);
    });

    it('writes no event for a change refused as stale (409)', async () => {
      const activity = allActivities(demo)[10];
      const before = await countAll();
      await t.http.patch(`/api/activities/${activity.id}`).send({ version: activity.version, text: 'First edit wins' }).expect(200);
      await t.http.patch(`/api/plans/${demo.id}`).send({ version: demo.version, status: 'approved' }).expect(200);
      const afterFirst = await countAll();
      expect(afterFirst).toBe(before + 2);
      await t.http.patch(`/api/activities/${activity.id}`).send({ version: activity.version, text: 'Second edit loses' }).expect(409);
      await t.http.patch(`/api/plans/${demo.id}`).send({ version: demo.version, status: 'closed' }).expect(409);
      await t.http.post(`/api/activities/${activity.id}/updates`).send({ status: 'in_progress', version: activity.version }).expect(409);
      expect(await countAll()).toBe(afterFirst);
    });

    it('refuses UPDATE, DELETE and TRUNCATE of audit_events, even on the app’s own connection', async () => {
      const before = await countAll();
      expect(before).toBeGreaterThan(0);
      await expect(t.dataSource.query(`UPDATE audit_events SET actor_label = 'someone else'`)).rejects.toThrow(/audit/i);
      await expect(t.dataSource.query('DELETE FROM audit_events')).rejects.toThrow(/audit/i);
      await expect(t.dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/audit/i);
      expect(await countAll()).toBe(before);
      expect(await t.dataSource.query(`SELECT id FROM audit_events WHERE actor_label = 'someone else'`)).toEqual([]);
    });

    it('is for admins and chairs only; a chair sees the record of the plans they chair', async () => {
      for (const email of ['viewer@demo.test', HEAD_CSL, 'head.nhs@demo.test']) {
        expect({ email, status: (await (await t.as(email)).get('/api/audit')).status }).toEqual({ email, status: 403 });
      }
      expect((await t.anon.get('/api/audit')).status).toBe(401);
      const chair = (await (await t.as(CHAIR)).get('/api/audit').query({ pageSize: 200 }).expect(200)).body;
      expect(chair.total).toBeGreaterThan(0);
      expect(chair.items.every((e: AuditEventBody) => e.planId === demo.id)).toBe(true);
    });
  });

  describe('an activity’s history', () => {
    it('tells the whole story in order, with actors, to anyone who can read the activity', async () => {
      const safeguarding = await agencyNamed(t, SAFEGUARDING);
      const head = await t.as(HEAD_CSL);
      const chair = await t.as(CHAIR);
      const created = await t.http
        .post('/api/activities')
        .send({ recommendationId: demo.sections[0].recommendations[0].id, text: 'Recruit four team managers', leadAgencyIds: [safeguarding.id], dueDate: '2012-09-13' })
        .expect(201);
      const id = created.body.id;
      await head.post(`/api/activities/${id}/updates`).send({ status: 'in_progress', percentComplete: 25, note: 'One appointed' }).expect(201);
      await head.post(`/api/activities/${id}/updates`).send({ status: 'in_progress', percentComplete: 75, note: 'Three appointed' }).expect(201);
      await head
        .post(`/api/activities/${id}/updates`)
        .send({ status: 'complete', note: 'All four in post', evidenceLinks: ['https://intranet.example/hr/appointments'] })
        .expect(201);

      const storySoFar = (await head.get(`/api/activities/${id}/history`).expect(200)).body as AuditEventBody[];
      const conflicting = await t.http.patch(`/api/activities/${id}`).send({ version: created.body.version, text: 'Recruit two team managers' });
      expect(conflicting.status).toBe(409);
      expect((await head.get(`/api/activities/${id}/history`).expect(200)).body).toEqual(storySoFar);

      await chair.post(`/api/activities/${id}/verification`).send({ note: 'Checked the signed contracts' }).expect(200);

      const history = (await head.get(`/api/activities/${id}/history`).expect(200)).body as AuditEventBody[];
      const times = history.map((e) => new Date(e.occurredAt).getTime());
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(JSON.stringify(history)).not.toContain('Recruit two team managers');

      const steps: Array<[string, (e: AuditEventBody) => boolean]> = [
        [`created by ${TEST_ADMIN}`, (e) => e.entityType === 'activity' && e.action === 'create' && e.after?.text === 'Recruit four team managers' && e.actor.id === userId[TEST_ADMIN]],
        ['25% by the service head', (e) => e.entityType === 'progress_update' && e.after?.percentComplete === 25 && e.after?.note === 'One appointed' && e.actor.id === userId[HEAD_CSL]],
        ['75% by the service head', (e) => e.entityType === 'progress_update' && e.after?.percentComplete === 75 && e.actor.id === userId[HEAD_CSL]],
        ['complete by the service head', (e) => e.entityType === 'progress_update' && e.after?.status === 'complete' && e.actor.id === userId[HEAD_CSL]],
        ['verified by the chair', (e) => e.actor.id === userId[CHAIR] && JSON.stringify(e.after ?? {}).includes('Checked the signed contracts')],
      ];
      let at = -1;
      for (const [step, matches] of steps) {
        const found = history.findIndex((e, index) => index > at && matches(e));
        expect({ step, found: found > at }).toEqual({ step, found: true });
        at = found;
      }
      expect(history[0].actor.label).toContain(TEST_ADMIN);
      expect(history.at(-1)!.actor.label).toContain(CHAIR);

      expect((await (await t.as('viewer@demo.test')).get(`/api/activities/${id}/history`).expect(200)).body).toEqual(history);
      expect((await (await t.as('head.nhs@demo.test')).get(`/api/activities/${id}/history`)).status).toBe(404);
    });
  });
});
