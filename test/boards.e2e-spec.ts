import { AccessPolicy } from '../src/accounts/access-policy.service';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';
import { demoPlan, missingId } from './support/plans-fixtures';

/**
 * Boards and their meetings (issue 14) through the API: set up, versions and
 * the record, and board seats giving reach to the plans a board oversees.
 */
describe('Boards and meetings', () => {
  let t: TestApp;
  let planId: string;
  const people: Record<string, string> = {};

  const person = async (name: string, roles: string[], email: string) => {
    const body = (await t.http.post('/api/users').send({ name, email, roles, password: TEST_PASSWORD }).expect(201)).body;
    people[name] = body.id;
    return body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    planId = (await demoPlan(t)).id;
    await person('Helen Carter', ['board_chair'], 'helen.carter@boards.test');
    await person('Anne Wright', ['service_head'], 'anne.wright@boards.test');
    await person('Omar Said', ['viewer'], 'omar.said@boards.test');
  });
  afterAll(async () => {
    t?.clock.reset();
    await t?.close();
  });

  it('sets a board up, gives its seats the plans it oversees, keeps versions and the record', async () => {
    const helen = await t.as('helen.carter@boards.test');
    const anne = await t.as('anne.wright@boards.test');
    // Before any board: Helen holds the chair's role but no seat, so the demo plan is not hers.
    await helen.get(`/api/plans/${planId}/progress-report`).expect(404);

    const created = await t.http
      .post('/api/boards')
      .send({ name: 'Improvement Board', kind: 'improvement_board', cadenceMonths: 2, chairIds: [people['Helen Carter']], memberIds: [people['Anne Wright']], planIds: [planId] })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Improvement Board',
      kind: 'improvement_board',
      cadenceMonths: 2,
      chairs: [{ name: 'Helen Carter', initials: 'HC' }],
      members: [{ name: 'Anne Wright', initials: 'AW' }],
      plans: [{ id: planId }],
      version: 1,
    });

    // The chair chairs the plan (the exception report is the chair's); the member reads it whole.
    await helen.get(`/api/reviews/exceptions?planId=${planId}&asOf=2012-12-03`).expect(200);
    await anne.get(`/api/plans/${planId}/progress-report?asOf=2012-12-03`).expect(200);
    await anne.get(`/api/reviews/exceptions?planId=${planId}&asOf=2012-12-03`).expect(403);
    // Escalations go to the chairs of a plan: its own chair seat and its board's chair.
    const chairs = (await t.app.get(AccessPolicy).chairsOfPlans([planId])).get(planId) ?? [];
    expect(chairs).toContain(people['Helen Carter']);
    expect(chairs).not.toContain(people['Anne Wright']);
    expect((await helen.get('/api/boards').expect(200)).body.items.map((b: { name: string }) => b.name)).toEqual(['Improvement Board']);
    const omar = await t.as('omar.said@boards.test');
    expect((await omar.get('/api/boards').expect(200)).body.items).toEqual([]);
    await omar.get(`/api/boards/${created.body.id}`).expect(404);

    // Bad input names the field; a stale version is refused with the board as it is now.
    const bad = await t.http.post('/api/boards').send({ name: ' ', kind: 'committee', cadenceMonths: 0, chairIds: [missingId()] }).expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['cadenceMonths', 'kind', 'name']);
    const unknown = await t.http.post('/api/boards').send({ name: 'Another', kind: 'other', chairIds: [missingId()] }).expect(400);
    expect(unknown.body.errors).toEqual({ 'chairIds[0]': expect.stringMatching(/^no person with id/) });
    const clash = await t.http.post('/api/boards').send({ name: 'improvement board', kind: 'other' }).expect(400);
    expect(clash.body.errors).toEqual({ name: 'is already the name of another board' });

    const updated = await t.http.patch(`/api/boards/${created.body.id}`).send({ version: 1, memberIds: [people['Anne Wright'], people['Omar Said']] }).expect(200);
    expect(updated.body.members.map((m: { name: string }) => m.name)).toEqual(['Anne Wright', 'Omar Said']);
    const stale = await t.http.patch(`/api/boards/${created.body.id}`).send({ version: 1, cadenceMonths: 3 }).expect(409);
    expect(stale.body.current).toMatchObject({ id: created.body.id, version: 2, cadenceMonths: 2 });
    await omar.get(`/api/boards/${created.body.id}`).expect(200);
    await helen.patch(`/api/boards/${created.body.id}`).send({ version: 2, cadenceMonths: 3 }).expect(403);

    const audit = await t.http.get(`/api/audit?entityType=board&entityId=${created.body.id}`).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update']);
    const change = audit.body.items.find((e: { action: string }) => e.action === 'update');
    expect(change.before).toEqual({ memberIds: [people['Anne Wright']] });
    expect(change.after).toEqual({ memberIds: [people['Anne Wright'], people['Omar Said']] });
  });

  it('schedules meetings, which the chair runs and members read', async () => {
    const helen = await t.as('helen.carter@boards.test');
    const anne = await t.as('anne.wright@boards.test');
    const [board] = (await t.http.get('/api/boards').expect(200)).body.items;
    const meeting = await helen.post('/api/meetings').send({ boardId: board.id, meetingDate: '2012-10-15', agenda: ['Performance report', 'Matters arising'] }).expect(201);
    expect(meeting.body).toMatchObject({ boardId: board.id, meetingDate: '2012-10-15', status: 'scheduled', agenda: ['Performance report', 'Matters arising'], packs: [], version: 1 });
    await anne.post('/api/meetings').send({ boardId: board.id, meetingDate: '2012-12-17' }).expect(403);
    const bad = await helen.post('/api/meetings').send({ boardId: board.id, meetingDate: '2012-02-30', status: 'postponed' }).expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['meetingDate', 'status']);
    await (await t.as('omar.said@boards.test')).get(`/api/meetings/${meeting.body.id}`).expect(200);
    const held = await helen.patch(`/api/meetings/${meeting.body.id}`).send({ version: 1, status: 'held' }).expect(200);
    expect(held.body).toMatchObject({ status: 'held', version: 2 });
    const stale = await helen.patch(`/api/meetings/${meeting.body.id}`).send({ version: 1, status: 'cancelled' }).expect(409);
    expect(stale.body.current).toMatchObject({ status: 'held', version: 2 });
    await anne.patch(`/api/meetings/${meeting.body.id}`).send({ version: 2, status: 'cancelled' }).expect(403);
    const list = await anne.get(`/api/meetings?boardId=${board.id}`).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: meeting.body.id }] });
    const spare = await helen.post('/api/meetings').send({ boardId: board.id, meetingDate: '2013-06-17' }).expect(201);
    await helen.delete(`/api/meetings/${spare.body.id}?version=1`).expect(204);
    await helen.get(`/api/meetings/${spare.body.id}`).expect(404);
  });

  it('issues a pack that stays byte for byte as issued; a re-issue is version 2 and shows what changed', async () => {
    const helen = await t.as('helen.carter@boards.test');
    const anne = await t.as('anne.wright@boards.test');
    const plan = await demoPlan(t);
    const section = plan.sections[0];
    const activity = section.recommendations[0].activities[0];
    // A bi-monthly board: meetings in October and December 2012.
    const board = (
      await t.http.post('/api/boards').send({ name: 'Pack Board', kind: 'improvement_board', cadenceMonths: 2, chairIds: [people['Helen Carter']], memberIds: [people['Anne Wright']], planIds: [plan.id] }).expect(201)
    ).body;
    const october = (await helen.post('/api/meetings').send({ boardId: board.id, meetingDate: '2012-10-15' }).expect(201)).body;
    await helen.post('/api/meetings').send({ boardId: board.id, meetingDate: '2012-12-17' }).expect(201);
    const indicator = (
      await t.http
        .post('/api/indicators')
        .send({ planId: plan.id, title: 'Percentage of re-referrals within 12 months', unit: 'percentage', polarity: 'lower_is_better', sectionIds: [section.id], targets: [{ financialYear: 2012, target: '23%' }] })
        .expect(201)
    ).body;

    t.clock.set('2012-10-05');
    await t.http.put(`/api/indicators/${indicator.id}/values/2012-08`).send({ value: 26 }).expect(200);
    await helen.put(`/api/sections/${section.id}/months/2012-09/narrative`).send({ dataTellsUs: 'Re-referrals held steady.', nextSteps: 'Audit a sample.' }).expect(200);
    await helen.put(`/api/sections/${section.id}/months/2012-09/rating`).send({ rating: 'amber', riskLabel: 'medium', reason: 'Steady, not yet at target' }).expect(200);

    const draft = await helen.post(`/api/meetings/${october.id}/pack`).send({}).expect(201);
    expect(draft.body).toMatchObject({ meetingId: october.id, version: 0, asOf: '2012-10-05', issuedAt: null, title: 'Pack Board: pack for the meeting on 15 October 2012' });
    const draftHtml = (await anne.get(`/api/meetings/${october.id}/pack`).expect(200)).text;
    expect(draftHtml).toContain('DRAFT');

    const issued = await helen.post(`/api/meetings/${october.id}/pack/issue`).send({}).expect(201);
    expect(issued.body).toMatchObject({ version: 1, asOf: '2012-10-05' });
    const fetch = async (format: string, version?: number) => {
      const response = await anne
        .get(`/api/meetings/${october.id}/pack?format=${format}${version === undefined ? '' : `&version=${version}`}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      return response.body as Buffer;
    };
    const first = { html: await fetch('html'), pdf: await fetch('pdf'), docx: await fetch('docx') };
    const firstText = first.html.toString('utf8');
    expect(firstText).not.toContain('>DRAFT<');
    expect(firstText).toContain('Version 1, issued on 5 October 2012');
    expect(firstText).toContain('Re-referrals held steady.');
    // The priority's RAG with its risk label, and matters arising (none yet).
    expect(firstText).toContain(`${section.title} — <span class="rag-label rag-amber">RAG: Amber, Medium Risk</span>`);
    expect(firstText).toContain('No actions from earlier meetings are open.');
    expect(firstText).not.toContain('Re-referrals fell in September.');
    expect(first.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.docx.subarray(0, 2).toString()).toBe('PK');

    // The next day: an activity update, a new indicator value and a narrative edit.
    t.clock.set('2012-10-08');
    await t.http.post(`/api/activities/${activity.id}/updates`).send({ status: 'in_progress', percentComplete: 60, note: 'Sixty per cent of audits done by 8 October' }).expect(201);
    await t.http.put(`/api/indicators/${indicator.id}/values/2012-09`).send({ value: 19 }).expect(200);
    const narrative = (await helen.get(`/api/sections/${section.id}/months/2012-09`).expect(200)).body.narrative;
    await helen.put(`/api/sections/${section.id}/months/2012-09/narrative`).send({ version: narrative.version, dataTellsUs: 'Re-referrals fell in September.' }).expect(200);

    // What the board was sent is unchanged, byte for byte, in every format.
    expect((await fetch('html')).equals(first.html)).toBe(true);
    expect((await fetch('pdf', 1)).equals(first.pdf)).toBe(true);
    expect((await fetch('docx', 1)).equals(first.docx)).toBe(true);

    const reissued = await helen.post(`/api/meetings/${october.id}/pack/issue`).send({}).expect(201);
    expect(reissued.body).toMatchObject({ version: 2, asOf: '2012-10-08' });
    const second = (await fetch('html')).toString('utf8');
    expect(second).toContain('Version 2, issued on 8 October 2012');
    expect(second).toContain('Sixty per cent of audits done by 8 October');
    expect(second).toContain('Re-referrals fell in September.');
    expect(second).toContain('19%');
    expect(firstText).not.toContain('Sixty per cent of audits done by 8 October');
    expect(firstText).not.toContain('19%');
    // Both versions stay.
    expect((await fetch('html', 1)).equals(first.html)).toBe(true);
    const meeting = (await anne.get(`/api/meetings/${october.id}`).expect(200)).body;
    expect(meeting.packs.map((p: { version: number }) => p.version)).toEqual([1, 2]);
    // Not even the database's owner's application role may rewrite an issued pack.
    await expect(t.dataSource.query(`UPDATE meeting_packs SET html = 'x' WHERE meeting_id = $1 AND version = 1`, [october.id])).rejects.toThrow(/never rewritten/);
    await helen.delete(`/api/meetings/${october.id}?version=${meeting.version}`).expect(409);
  });

  it('puts on the record everything a deleted meeting or board takes with it', async () => {
    const helen = await t.as('helen.carter@boards.test');
    const board = (
      await t.http.post('/api/boards').send({ name: 'Scrutiny Panel to close', kind: 'scrutiny_panel', chairIds: [people['Helen Carter']], memberIds: [people['Anne Wright']], planIds: [planId] }).expect(201)
    ).body;
    const meeting = async (meetingDate: string) => (await helen.post('/api/meetings').send({ boardId: board.id, meetingDate }).expect(201)).body;
    const [first, second] = [await meeting('2013-01-14'), await meeting('2013-03-11')];
    const action = async (meetingId: string, text: string) => (await helen.post('/api/actions').send({ meetingId, text, ownerIds: [people['Anne Wright']], dueOn: '2013-05-13' }).expect(201)).body;
    const firstAction = await action(first.id, 'Report on the audit of strategy meetings');
    const secondAction = await action(second.id, 'Bring the re-referral figures');
    await helen.post(`/api/meetings/${first.id}/pack`).send({}).expect(201);
    const [draft] = await t.dataSource.query(`SELECT id FROM meeting_packs WHERE meeting_id = $1`, [first.id]);
    const item = (
      await t.http.post('/api/scrutiny-recommendations').send({ boardId: board.id, meetingDate: '2013-01-14', title: 'Front door capacity', actionProposed: ['Report back'], progress: 'achieved' }).expect(201)
    ).body;
    await helen.post(`/api/scrutiny-recommendations/${item.id}/decisions`).send({ meetingId: second.id, decision: 'accepted' }).expect(201);
    const [decision] = await t.dataSource.query(`SELECT id FROM scrutiny_decisions WHERE recommendation_id = $1`, [item.id]);
    const deletedOnRecord = async (entityType: string, entityId: string) =>
      (await t.http.get(`/api/audit?entityType=${entityType}&entityId=${entityId}`).expect(200)).body.items.filter((event: { action: string }) => event.action === 'delete');

    // The first meeting goes with its draft pack and its action (owners included).
    const firstNow = (await helen.get(`/api/meetings/${first.id}`).expect(200)).body;
    await helen.delete(`/api/meetings/${first.id}?version=${firstNow.version}`).expect(204);
    const [actionGone] = await deletedOnRecord('meeting_action', firstAction.id);
    expect(actionGone.before).toMatchObject({ text: 'Report on the audit of strategy meetings', ownerIds: [people['Anne Wright']] });
    expect(await deletedOnRecord('meeting_pack', draft.id)).toHaveLength(1);
    expect(await deletedOnRecord('meeting_action', secondAction.id)).toEqual([]);

    // The board goes with its other meeting, that meeting's action, its monitoring list and the decision taken.
    const boardNow = (await t.http.get(`/api/boards/${board.id}`).expect(200)).body;
    await t.http.delete(`/api/boards/${board.id}?version=${boardNow.version}`).expect(204);
    const [meetingGone] = await deletedOnRecord('meeting', second.id);
    expect(meetingGone.before).toMatchObject({ board_id: board.id, meeting_date: '2013-03-11' });
    expect(await deletedOnRecord('meeting_action', secondAction.id)).toHaveLength(1);
    const [itemGone] = await deletedOnRecord('scrutiny_recommendation', item.id);
    expect(itemGone.before).toMatchObject({ title: 'Front door capacity' });
    const decisionId = decision.id;
    expect(await deletedOnRecord('scrutiny_decision', decisionId)).toHaveLength(1);
    expect(await deletedOnRecord('board', board.id)).toHaveLength(1);
    // Each once: the decision went with the board's meeting and its recommendation in the same delete.
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'scrutiny_decision' AND action = 'delete' AND entity_id = $1`, [decisionId])).toEqual([{ n: 1 }]);
  });
});
