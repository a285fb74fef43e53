import { ActivityBody, PlanTreeBody, agencyNamed, allActivities, demoPlan } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

const CHAIR = 'chair@demo.test';
const HEAD_CSL = 'head.csl@demo.test';
const HEAD_NHS = 'head.nhs@demo.test';
const VIEWER = 'viewer@demo.test';
const SAFEGUARDING = 'SCC – CSL Directorate – Safeguarding';

/** A plan published 13 June 2012 whose activities carry the due dates that make each RAG rule easy to show. */
const RAG_CASES: Array<{ text: string; dueDate?: string }> = [
  { text: 'Overdue by a day', dueDate: '2012-09-13' },
  { text: 'Due before the August bank holiday', dueDate: '2012-08-24' },
  { text: 'Blocked on recruitment', dueDate: '2012-12-13' },
  { text: 'Due soon', dueDate: '2012-07-02' },
  { text: 'Lagging behind', dueDate: '2012-12-13' },
  { text: 'A long piece of work', dueDate: '2013-06-13' },
  { text: 'Finished early', dueDate: '2012-12-13' },
];

describe('Progress: updates, verification, RAG ratings and overrides', () => {
  let t: TestApp;
  let demo: PlanTreeBody;
  /** Demo activities led by the Safeguarding division alone: head.csl reports on them, the chair reviews them. */
  let led: ActivityBody[];
  const rag: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    demo = await demoPlan(t);
    led = allActivities(demo).filter((a) => a.leadAgencies.length === 1 && a.leadAgencies[0].name === SAFEGUARDING);
    const safeguarding = await agencyNamed(t, SAFEGUARDING);
    const created = await t.http
      .post('/api/plans')
      .send({
        title: 'RAG rules at fixed dates',
        kind: 'monitoring_visit',
        source: { publishedOn: '2012-06-13' },
        sections: [
          {
            title: 'Cases',
            recommendations: [
              {
                number: 1,
                band: 'within_six_months',
                text: 'Show every rule.',
                activities: RAG_CASES.map((c) => ({ ...c, leadAgencyIds: [safeguarding.id] })),
              },
            ],
          },
        ],
      })
      .expect(201);
    for (const activity of allActivities(created.body)) rag[activity.text] = activity.id;
  });
  afterAll(() => t.close());

  const post = async (email: string | null, activityId: string, body: Record<string, unknown>) =>
    (email ? await t.as(email) : t.http).post(`/api/activities/${activityId}/updates`).send(body);
  const ratingOf = async (activityId: string, asOf: string) =>
    (await t.http.get(`/api/activities/${activityId}/rag`).query({ asOf }).expect(200)).body;

  describe('progress updates', () => {
    // What the service heads report here, they report in June 2012.
    beforeAll(() => t.clock.set('2012-06-20T10:00:00+01:00'));

    it('records a service head’s update and the activity shows the latest status and percent complete', async () => {
      const activity = led[0];
      const first = await post(HEAD_CSL, activity.id, { status: 'in_progress', percentComplete: 20, note: 'HR adviser started' });
      expect(first.status).toBe(201);
      expect(first.body.update).toMatchObject({ status: 'in_progress', percentComplete: 20, note: 'HR adviser started', author: { name: 'Sam Safeguarding' } });
      await post(HEAD_CSL, activity.id, { status: 'in_progress', percentComplete: 45 }).then((r) => expect(r.status).toBe(201));

      const shown = (await t.http.get(`/api/activities/${activity.id}`).expect(200)).body;
      expect({ status: shown.status, percentComplete: shown.percentComplete }).toEqual({ status: 'in_progress', percentComplete: 45 });
      const updates = (await t.http.get(`/api/activities/${activity.id}/updates`).expect(200)).body;
      expect(updates.map((u: { percentComplete: number }) => u.percentComplete)).toEqual([45, 20]);
    });

    it('accepts each of the six statuses and refuses any other, naming status', async () => {
      const activity = led[1];
      for (const status of ['not_started', 'in_progress', 'complete', 'blocked', 'deferred', 'cancelled']) {
        const response = await post(null, activity.id, { status, note: `Now ${status}` });
        expect({ status, code: response.status }).toEqual({ status, code: 201 });
        expect((await t.http.get(`/api/activities/${activity.id}`).expect(200)).body.status).toBe(status);
      }
      const refused = await post(null, activity.id, { status: 'done', note: 'Finished' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toHaveProperty('status');
    });

    it.each(['blocked', 'deferred', 'cancelled', 'complete'])('requires a note when the status is %s (400 naming note)', async (status) => {
      const activity = led[2];
      for (const note of [undefined, '   ']) {
        const refused = await post(HEAD_CSL, activity.id, { status, note });
        expect(refused.status).toBe(400);
        expect(refused.body.errors).toHaveProperty('note');
      }
      expect((await t.http.get(`/api/activities/${activity.id}`).expect(200)).body.status).toBe('not_started');
      expect((await t.http.get(`/api/activities/${activity.id}/updates`).expect(200)).body).toEqual([]);
    });

    it('needs no note for not started or in progress, and no percent complete at all', async () => {
      expect((await post(HEAD_CSL, led[3].id, { status: 'in_progress' })).status).toBe(201);
      expect((await post(HEAD_CSL, led[3].id, { status: 'not_started' })).status).toBe(201);
    });

    it('takes percent complete as a whole number from 0 to 100', async () => {
      for (const percentComplete of [101, -1, 50.5, '50']) {
        const refused = await post(HEAD_CSL, led[3].id, { status: 'in_progress', percentComplete });
        expect({ percentComplete, code: refused.status, fields: Object.keys(refused.body.errors ?? {}) }).toEqual({
          percentComplete,
          code: 400,
          fields: ['percentComplete'],
        });
      }
    });

    it('keeps evidence links to the web (http and https) only', async () => {
      for (const link of ['ftp://files.example/audit.pdf', 'javascript:alert(1)', 'file:///c:/audit.pdf', 'not a link']) {
        const refused = await post(HEAD_CSL, led[3].id, { status: 'in_progress', evidenceLinks: [link] });
        expect({ link, code: refused.status }).toEqual({ link, code: 400 });
        expect(Object.keys(refused.body.errors).some((key) => key.startsWith('evidenceLinks'))).toBe(true);
      }
      const links = ['https://intranet.example/qa/audit-2012.pdf', 'http://minutes.example/board/2012-07'];
      const accepted = await post(HEAD_CSL, led[3].id, { status: 'in_progress', evidenceLinks: links });
      expect(accepted.status).toBe(201);
      expect(accepted.body.update.evidenceLinks).toEqual(links);
    });

    it('is append-only: there is no route to change or delete an update (404)', async () => {
      const activity = led[3];
      const [latest] = (await t.http.get(`/api/activities/${activity.id}/updates`).expect(200)).body;
      const path = `/api/activities/${activity.id}/updates/${latest.id}`;
      await t.http.patch(path).send({ note: 'rewritten' }).expect(404);
      await t.http.put(path).send({ note: 'rewritten' }).expect(404);
      await t.http.delete(path).expect(404);
      await t.http.delete(`/api/activities/${activity.id}/updates`).expect(404);
      const after = (await t.http.get(`/api/activities/${activity.id}/updates`).expect(200)).body;
      expect(after[0]).toEqual(latest);
    });

    it('lets only the leads (and admins) report: chair and viewer 403, an unrelated service head 404', async () => {
      const body = { status: 'in_progress', percentComplete: 10 };
      expect((await post(CHAIR, led[4].id, body)).status).toBe(403);
      expect((await post(VIEWER, led[4].id, body)).status).toBe(403);
      expect((await post(HEAD_NHS, led[4].id, body)).status).toBe(404);
    });
  });

  describe('what an update answers, and what it may leave out', () => {
    it('answers with the whole activity as GET shows it: outcome measures and lead agencies included', async () => {
      const activity = led[0];
      const response = await post(HEAD_CSL, activity.id, { status: 'in_progress', percentComplete: 50, note: 'Half way' });
      expect(response.status).toBe(201);
      const shown = (await t.http.get(`/api/activities/${activity.id}`).expect(200)).body;
      expect(response.body.activity).toEqual(shown);
      expect(response.body.activity.outcomeMeasures.length).toBeGreaterThan(0);
      expect(response.body.activity.leadAgencies.map((l: { name: string }) => l.name)).toEqual([SAFEGUARDING]);
    });

    it('refuses “complete” below 100 percent, naming both fields, and writes nothing', async () => {
      const activity = led[0];
      const before = (await t.http.get(`/api/activities/${activity.id}/updates`).expect(200)).body.length;
      const refused = await post(HEAD_CSL, activity.id, { status: 'complete', percentComplete: 90, note: 'Nearly there' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual({
        status: 'is complete, so percentComplete must be 100 (or left out), not 90',
        percentComplete: 'must be 100 when the status is complete',
      });
      expect((await t.http.get(`/api/activities/${activity.id}/updates`).expect(200)).body).toHaveLength(before);
      expect((await t.http.get(`/api/activities/${activity.id}`).expect(200)).body.status).toBe('in_progress');
    });

    it('takes a note on its own: the status and percentage stay as they were', async () => {
      const activity = led[0];
      const response = await post(HEAD_CSL, activity.id, { note: 'Met the new team manager' });
      expect(response.status).toBe(201);
      expect(response.body.update).toMatchObject({ status: 'in_progress', note: 'Met the new team manager' });
      expect(response.body.activity).toMatchObject({ status: 'in_progress', percentComplete: 50 });
      const empty = await post(HEAD_CSL, activity.id, {});
      expect(empty.status).toBe(400);
      expect(Object.keys(empty.body.errors)).toEqual(['status']);
    });

    it('says “is required” of a field left out, rather than every rule it breaks', async () => {
      const verification = await (await t.as(CHAIR)).post(`/api/activities/${led[0].id}/verification`).send({});
      expect(verification.body.errors).toEqual({ note: 'is required' });
      const plan = await t.http.post('/api/plans').send({ kind: 'other' });
      expect(plan.body.errors.title).toBe('is required');
      const override = await (await t.as(CHAIR)).put(`/api/activities/${led[0].id}/rag-override`).send({ rating: 'green' });
      expect(override.body.errors).toMatchObject({ reason: 'is required', expiresOn: 'is required', version: 'is required' });
    });
  });

  describe('verification by the chair', () => {
    beforeAll(() => t.clock.set('2012-09-03T10:00:00+01:00'));
    const verify = async (email: string, activityId: string, note = 'Saw the signed-off audit report') =>
      (await t.as(email)).post(`/api/activities/${activityId}/verification`).send({ note });

    it('refuses to verify work that is not complete (409)', async () => {
      await post(HEAD_CSL, led[5].id, { status: 'in_progress', percentComplete: 90 });
      expect((await verify(CHAIR, led[5].id)).status).toBe(409);
      expect((await ratingOf(led[5].id, '2012-09-14')).verified).toBe(false);
    });

    it('marks complete work verified with a note; Blue is shown verified separately', async () => {
      await post(HEAD_CSL, led[5].id, { status: 'complete', note: 'Audit report signed off' }).then((r) => expect(r.status).toBe(201));
      expect(await ratingOf(led[5].id, '2012-09-14')).toMatchObject({ rating: 'blue', verified: false, reasons: ['complete'] });
      const missingNote = await (await t.as(CHAIR)).post(`/api/activities/${led[5].id}/verification`).send({});
      expect(missingNote.status).toBe(400);
      expect(missingNote.body.errors).toHaveProperty('note');

      expect((await verify(CHAIR, led[5].id)).status).toBe(200);
      expect(await ratingOf(led[5].id, '2012-09-14')).toMatchObject({ rating: 'blue', verified: true, reasons: ['complete and verified'] });
    });

    it('is not for service heads or viewers (403)', async () => {
      await post(HEAD_CSL, led[6].id, { status: 'complete', note: 'Done' });
      expect((await verify(HEAD_CSL, led[6].id)).status).toBe(403);
      expect((await verify(VIEWER, led[6].id)).status).toBe(403);
      expect((await ratingOf(led[6].id, '2012-09-14')).verified).toBe(false);
    });

    it('is cleared when the work is reopened by an update with another status', async () => {
      await post(HEAD_CSL, led[5].id, { status: 'in_progress', percentComplete: 80, note: 'Audit found gaps' });
      const reopened = await ratingOf(led[5].id, '2012-09-14');
      expect(reopened.verified).toBe(false);
      expect(reopened.rating).not.toBe('blue');
      await post(HEAD_CSL, led[5].id, { status: 'complete', note: 'Gaps closed' });
      expect(await ratingOf(led[5].id, '2012-09-14')).toMatchObject({ rating: 'blue', verified: false, reasons: ['complete'] });
    });

    it('counts only verified work in the plan summary’s percentVerified', async () => {
      const summary = async () => (await t.http.get(`/api/plans/${demo.id}/summary`).query({ asOf: '2012-09-14' }).expect(200)).body;
      // led[5] and led[6] are complete but unverified; led[1] is cancelled, so 57 activities count.
      expect(await summary()).toMatchObject({ percentComplete: 3.5, percentVerified: 0 });
      expect((await verify(CHAIR, led[6].id)).status).toBe(200);
      expect(await summary()).toMatchObject({ percentComplete: 3.5, percentVerified: 1.8 });
    });
  });

  describe('RAG ratings, computed as of any date, each with its reasons', () => {
    it('Red when past due and not complete: due 13 Sep 2012 is 1 working day overdue on 14 Sep', async () => {
      expect(await ratingOf(rag['Overdue by a day'], '2012-09-14')).toMatchObject({ rating: 'red', computed: 'red', verified: false });
      expect((await ratingOf(rag['Overdue by a day'], '2012-09-14')).reasons[0]).toBe('due 13 Sep 2012, 1 working day overdue');
      expect((await ratingOf(rag['Overdue by a day'], '2012-09-13')).rating).not.toBe('red');
    });

    it('counts working days past a bank holiday: due Fri 24 Aug 2012 is 1 working day overdue on Tue 28 Aug', async () => {
      const id = rag['Due before the August bank holiday'];
      expect((await ratingOf(id, '2012-08-28')).reasons[0]).toBe('due 24 Aug 2012, 1 working day overdue');
      expect((await ratingOf(id, '2012-08-29')).reasons[0]).toBe('due 24 Aug 2012, 2 working days overdue');
      expect(await ratingOf(id, '2012-08-25')).toMatchObject({ rating: 'red', reasons: expect.arrayContaining(['due 24 Aug 2012, overdue']) });
    });

    it('Red when blocked, even long before the due date, giving the blocker', async () => {
      const id = rag['Blocked on recruitment'];
      expect((await ratingOf(id, '2012-06-20')).rating).toBe('green');
      t.clock.set('2012-06-19T16:00:00+01:00');
      await post(null, id, { status: 'blocked', note: 'No applicants for the team manager post' }).then((r) => expect(r.status).toBe(201));
      const rating = await ratingOf(id, '2012-06-20');
      expect(rating).toMatchObject({ rating: 'red', computed: 'red' });
      expect(rating.reasons[0]).toBe('blocked: No applicants for the team manager post');
    });

    it('Amber when due within 10 working days and not started; Green at 11', async () => {
      const id = rag['Due soon'];
      expect(await ratingOf(id, '2012-06-18')).toMatchObject({ rating: 'amber', reasons: ['due 2 Jul 2012, in 10 working days, not started'] });
      expect(await ratingOf(id, '2012-06-15')).toMatchObject({ rating: 'green', reasons: ['on track: due 2 Jul 2012, 11 working days left'] });
    });

    it('Amber when percent complete lags the straight line from publication to due date by more than 30 points', async () => {
      const id = rag['Lagging behind'];
      // Reported monthly, so silence plays no part; stuck at 10%.
      for (const on of ['2012-07-20T10:00:00+01:00', '2012-08-20T10:00:00+01:00']) {
        t.clock.set(on);
        await post(null, id, { status: 'in_progress', percentComplete: 10 }).then((r) => expect(r.status).toBe(201));
      }
      // 92 of 183 days gone by 13 Sep: 50% expected, 10% done.
      expect(await ratingOf(id, '2012-09-13')).toMatchObject({ rating: 'amber', reasons: ['10% complete against 50% expected by now'] });
      // 49 days gone by 1 Aug: 27% expected, a lag of 17 points is within tolerance.
      expect(await ratingOf(id, '2012-08-01')).toMatchObject({ rating: 'green', reasons: ['on track: due 13 Dec 2012, 95 working days left'] });
    });

    it('Amber when nothing has been reported for 30 days, counted from the start for work never reported', async () => {
      const id = rag['A long piece of work'];
      expect(await ratingOf(id, '2012-07-13')).toMatchObject({
        rating: 'amber',
        reasons: ['nothing reported since work was due to start on 13 Jun 2012 (30 days)'],
      });
      expect((await ratingOf(id, '2012-07-12')).rating).toBe('green');
    });

    it('Blue from the day it is complete, whatever the due date; not before', async () => {
      const id = rag['Finished early'];
      t.clock.set('2012-07-16T10:00:00+01:00');
      await post(null, id, { status: 'complete', note: 'Delivered in July' }).then((r) => expect(r.status).toBe(201));
      for (const asOf of ['2012-07-16', '2013-01-31']) {
        expect(await ratingOf(id, asOf)).toMatchObject({ rating: 'blue', computed: 'blue', verified: false, reasons: ['complete'] });
      }
      const before = await ratingOf(id, '2012-07-15');
      expect(before.rating).toBe('amber');
      expect(before.reasons).toEqual(['nothing reported since work was due to start on 13 Jun 2012 (32 days)']);
    });

    it('refuses a date that is not a calendar date (400 naming asOf)', async () => {
      const refused = await t.http.get(`/api/activities/${rag['Due soon']}/rag`).query({ asOf: '2012-02-30' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toHaveProperty('asOf');
    });
  });

  describe('the chair’s override', () => {
    // The September board agrees a recovery plan.
    beforeAll(() => t.clock.set('2012-09-10T10:00:00+01:00'));
    const versionOf = async (id: string): Promise<number> => (await t.http.get(`/api/activities/${id}`).expect(200)).body.version;
    const overrideOf = async (id: string) => ({ rating: 'green', reason: 'Recovery plan agreed at the July board', expiresOn: '2012-09-30', version: await versionOf(id) });

    it('shows the override beside the computed rating until it expires, then the computed rating returns', async () => {
      const id = led[7].id;
      const chair = await t.as(CHAIR);
      const override = await overrideOf(id);
      const set = await chair.put(`/api/activities/${id}/rag-override`).send(override);
      expect(set.status).toBeLessThan(300);

      const during = await ratingOf(id, '2012-09-14');
      expect(during).toMatchObject({ rating: 'green', computed: 'red', override: { rating: 'green', reason: override.reason, active: true } });
      expect(during.reasons[0]).toContain('Recovery plan agreed at the July board');
      expect(during.reasons).toContain('due 13 Sep 2012, 1 working day overdue');
      expect((await ratingOf(id, '2012-09-30')).rating).toBe('green');

      const after = await ratingOf(id, '2012-10-01');
      expect(after).toMatchObject({ rating: 'red', computed: 'red' });
      expect(after.override?.active ?? false).toBe(false);
    });

    it('is cleared by DELETE, and the computed rating shows again', async () => {
      const id = led[7].id;
      const chair = await t.as(CHAIR);
      await chair.delete(`/api/activities/${id}/rag-override`).query({ version: await versionOf(id) }).expect(204);
      expect(await ratingOf(id, '2012-09-14')).toMatchObject({ rating: 'red', computed: 'red', override: null });
      await chair.delete(`/api/activities/${id}/rag-override`).query({ version: await versionOf(id) }).expect(404);
    });

    it('is the chair’s alone: a service head or viewer gets 403 and nothing changes', async () => {
      const id = led[7].id;
      for (const email of [HEAD_CSL, VIEWER]) {
        const client = await t.as(email);
        expect((await client.put(`/api/activities/${id}/rag-override`).send(await overrideOf(id))).status).toBe(403);
      }
      expect(await ratingOf(id, '2012-09-14')).toMatchObject({ rating: 'red', override: null });
      await (await t.as(CHAIR)).put(`/api/activities/${id}/rag-override`).send(await overrideOf(id)).expect((r) => expect(r.status).toBeLessThan(300));
      expect((await (await t.as(HEAD_CSL)).delete(`/api/activities/${id}/rag-override`).query({ version: await versionOf(id) })).status).toBe(403);
      expect((await ratingOf(id, '2012-09-14')).rating).toBe('green');
    });

    it('names the field when the override is malformed', async () => {
      const refused = await (await t.as(CHAIR)).put(`/api/activities/${led[7].id}/rag-override`).send({ rating: 'purple', reason: '' });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.errors)).toEqual(expect.arrayContaining(['rating', 'reason', 'expiresOn', 'version']));
    });

    it('takes the version the chair loaded: a second chair’s stale override is refused with 409 and the first stands', async () => {
      const id = led[8].id;
      const loaded = await versionOf(id);
      const chair = await t.as(CHAIR);
      await chair.put(`/api/activities/${id}/rag-override`).send({ rating: 'amber', reason: 'First chair: watching it', expiresOn: '2012-10-31', version: loaded }).expect(200);
      const stale = await t.http.put(`/api/activities/${id}/rag-override`).send({ rating: 'green', reason: 'Second chair, same page', expiresOn: '2012-10-31', version: loaded });
      expect(stale.status).toBe(409);
      expect(stale.body.current).toMatchObject({ id, version: loaded + 1 });
      expect((await ratingOf(id, '2012-09-14')).override).toMatchObject({ rating: 'amber', reason: 'First chair: watching it' });
      const stalerDelete = await chair.delete(`/api/activities/${id}/rag-override`).query({ version: loaded });
      expect(stalerDelete.status).toBe(409);
    });

    it('refuses an end date already past (400 naming expiresOn)', async () => {
      const id = led[8].id;
      const refused = await (await t.as(CHAIR))
        .put(`/api/activities/${id}/rag-override`)
        .send({ rating: 'green', reason: 'Too late', expiresOn: '2012-09-09', version: await versionOf(id) });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toHaveProperty('expiresOn');
    });

    it('puts the override it replaces on the record as withdrawn', async () => {
      // An admin may override on any plan.
      const id = rag['Due soon'];
      const chair = t.http;
      const first = await chair.put(`/api/activities/${id}/rag-override`).send({ rating: 'amber', reason: 'First view', expiresOn: '2012-10-31', version: await versionOf(id) }).expect(200);
      await chair.put(`/api/activities/${id}/rag-override`).send({ rating: 'green', reason: 'Second view', expiresOn: '2012-10-31', version: await versionOf(id) }).expect(200);
      const withdrawn = (await t.http.get('/api/audit').query({ entityType: 'rag_override', entityId: first.body.id, action: 'delete' }).expect(200)).body.items;
      expect(withdrawn).toHaveLength(1);
      expect(withdrawn[0].before).toMatchObject({ activityId: id, rating: 'amber', reason: 'First view' });
    });
  });
});
