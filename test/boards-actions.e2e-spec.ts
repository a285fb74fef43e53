import JSZip from 'jszip';
import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { runDay } from './support/reminders';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

/**
 * Issue 14's action log: actions agreed at a board's first meeting, imported
 * from the minutes with the owners' initials (one ambiguous, flagged), are
 * reminded through the digest, come back as matters arising in the second
 * meeting's pack, and one closed with a note is gone from the third's.
 */
describe('Actions agreed at board meetings', () => {
  let t: TestApp;
  let smtp: SmtpListener;
  const people: Record<string, { id: string; email: string }> = {};
  let boardId: string;
  const meetings: string[] = [];
  const actions: Record<string, { id: string; version: number }> = {};

  const MINUTES = [
    'Action\tOwner\tDue',
    '1. Circulate the audit of child protection plans\tAA/FB\t',
    '2. Report re-referrals by team\tAW\t',
    '3. Invite the designated doctor to the next meeting\tFB\t30/06/2022',
  ].join('\n');

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const bytes = (res: any, done: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  };

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({ demo: false, redis: true, config: { smtpUrl: smtp.url, publicUrl: 'https://plans.example.gov.uk' } });
    const person = async (name: string, roles: string[]) => {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}@board.test`;
      const body = (await t.http.post('/api/users').send({ name, email, roles, password: TEST_PASSWORD }).expect(201)).body;
      people[name] = { id: body.id, email };
    };
    await person('Helen Carter', ['board_chair']);
    for (const name of ['Anne Wright', 'Alan Ward', 'Amir Ali', 'Fiona Brown', 'Nadia Khan']) await person(name, ['service_head']);
    t.clock.set('2022-05-01');
    const board = await t.http
      .post('/api/boards')
      .send({
        name: 'Safeguarding Partnership Executive',
        kind: 'partnership_executive',
        cadenceMonths: 2,
        chairIds: [people['Helen Carter'].id],
        memberIds: ['Anne Wright', 'Alan Ward', 'Amir Ali', 'Fiona Brown'].map((name) => people[name].id),
      })
      .expect(201);
    boardId = board.body.id;
    const helen = await t.as(people['Helen Carter'].email);
    for (const date of ['2022-05-19', '2022-07-21', '2022-09-15']) meetings.push((await helen.post('/api/meetings').send({ boardId, meetingDate: date }).expect(201)).body.id);
  });

  afterAll(async () => {
    t?.clock.reset();
    await t?.close();
    await smtp?.stop();
  });

  it('previews the action log pasted from the minutes: owners from initials, the ambiguous flagged, nothing written', async () => {
    const helen = await t.as(people['Helen Carter'].email);
    const preview = await helen.post(`/api/meetings/${meetings[0]}/actions/import/preview`).send({ text: MINUTES }).expect(200);
    expect(preview.body.actions.map((a: { line: number; text: string; owners: Array<{ initials: string; name: string | null }>; dueOn: string | null }) => [a.line, a.text, a.owners.map((o) => `${o.initials}:${o.name}`), a.dueOn])).toEqual([
      [2, 'Circulate the audit of child protection plans', ['AA:Amir Ali', 'FB:Fiona Brown'], null],
      [3, 'Report re-referrals by team', ['AW:null'], null],
      [4, 'Invite the designated doctor to the next meeting', ['FB:Fiona Brown'], '2022-06-30'],
    ]);
    expect(preview.body.actions[1].owners[0]).toMatchObject({ problem: 'ambiguous: Anne Wright or Alan Ward', candidates: ['Anne Wright', 'Alan Ward'] });
    expect(preview.body.actions[1].warnings).toEqual(['AW: ambiguous: Anne Wright or Alan Ward']);
    expect((await helen.get(`/api/actions?boardId=${boardId}`).expect(200)).body.total).toBe(0);
    // Only the chair (and admins) import; a member may not, and an empty paste names the field.
    await (await t.as(people['Amir Ali'].email)).post(`/api/meetings/${meetings[0]}/actions/import/preview`).send({ text: MINUTES }).expect(403);
    const empty = await helen.post(`/api/meetings/${meetings[0]}/actions/import/preview`).send({ text: 'Action\tOwner' }).expect(400);
    expect(Object.keys(empty.body.errors)).toEqual(['text']);
  });

  it('records them, due by the next meeting unless the minutes say, the ambiguous initials kept for the chair to settle; a second import adds nothing', async () => {
    const helen = await t.as(people['Helen Carter'].email);
    t.clock.set('2022-05-19');
    const committed = await helen.post(`/api/meetings/${meetings[0]}/actions/import`).send({ text: MINUTES }).expect(201);
    expect(committed.body.flagged).toEqual([{ line: 3, initials: 'AW', problem: 'ambiguous: Anne Wright or Alan Ward' }]);
    expect(committed.body.created.map((a: { number: number; owners: Array<{ name: string }>; unresolvedOwners: string[]; dueOn: string; status: string }) => [a.number, a.owners.map((o) => o.name), a.unresolvedOwners, a.dueOn, a.status])).toEqual([
      [1, ['Amir Ali', 'Fiona Brown'], [], '2022-07-21', 'open'],
      [2, [], ['AW'], '2022-07-21', 'open'],
      [3, ['Fiona Brown'], [], '2022-06-30', 'open'],
    ]);
    for (const [index, key] of ['audit', 're-referrals', 'doctor'].entries()) actions[key] = { id: committed.body.created[index].id, version: committed.body.created[index].version };
    const again = await helen.post(`/api/meetings/${meetings[0]}/actions/import`).send({ text: MINUTES }).expect(201);
    expect(again.body.created).toEqual([]);
    expect(again.body.skipped.map((s: { line: number }) => s.line)).toEqual([2, 3, 4]);
    const audit = await t.http.get(`/api/audit?entityType=meeting_action&entityId=${actions.audit.id}`).expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].after).toMatchObject({ text: 'Circulate the audit of child protection plans', ownerIds: [people['Amir Ali'].id, people['Fiona Brown'].id] });
  });

  it('renders the meeting’s action log as Action | Owner | Due | Status in HTML and Word', async () => {
    const anne = await t.as(people['Anne Wright'].email);
    const html = (await anne.get(`/api/meetings/${meetings[0]}/action-log`).expect(200)).text.replace(/\n/g, '');
    expect(html).toMatch(/<th scope="col">Action<\/th><th scope="col">Owner<\/th><th scope="col">Due<\/th><th scope="col">Status<\/th>/);
    expect(html).toContain('<td>1. Circulate the audit of child protection plans</td><td><p>Amir Ali (AA)</p><p>Fiona Brown (FB)</p></td><td>21 Jul 2022</td><td><strong>Open</strong></td>');
    expect(html).toContain('AW (not matched to a member)');
    const docx = (await anne.get(`/api/meetings/${meetings[0]}/action-log?format=docx`).buffer(true).parse(bytes).expect(200)).body as Buffer;
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    const cells = [...xml.matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((cell) => [...cell[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' '));
    expect(cells.slice(0, 8)).toEqual(['Action', 'Owner', 'Due', 'Status', '1. Circulate the audit of child protection plans', 'Amir Ali (AA) Fiona Brown (FB)', '21 Jul 2022', 'Open']);
  });

  it('reminds the owners through the digest', async () => {
    // Thursday 14 July 2022 is five working days before the next meeting, when the first two are due.
    const result = await runDay(t, '2022-07-14');
    expect(result.remindersPlanned).toBe(2);
    const toAmir = smtp.messages.filter((mail) => mail.to.includes(people['Amir Ali'].email));
    expect(toAmir).toHaveLength(1);
    expect(toAmir[0].subject).toBe('Improvement plan reminders for 14 July 2022: 1 board action');
    expect(toAmir[0].text).toContain('Board actions\n- Safeguarding Partnership Executive, meeting of 19 May 2022, action 1: Circulate the audit of child protection plans\n  Due 21 July 2022');
    // Linked to the meeting's page, where the owner closes it.
    expect(toAmir[0].text).toContain(`  Due 21 July 2022\n  ${t.config.publicUrl}/boards/${boardId}/meetings/${meetings[0]}\n`);
    const amir = await t.as(people['Amir Ali'].email);
    const notifications = (await amir.get('/api/me/notifications').expect(200)).body.items;
    expect(notifications).toEqual([
      expect.objectContaining({ kind: 'action_due_in_5', planId: null, meetingActionId: actions.audit.id, title: 'Action due in 5 working days: Circulate the audit of child protection plans (Safeguarding Partnership Executive, 19 May 2022, action 1)' }),
    ]);
    // Friday 15 July: the doctor's invitation, due 30 June, is 11 working days overdue (1, 6, 11… are reminded).
    expect((await runDay(t, '2022-07-15')).remindersPlanned).toBe(1);
    const toFiona = smtp.messages.filter((mail) => mail.to.includes(people['Fiona Brown'].email));
    expect(toFiona.at(-1)!.text).toContain('action 3: Invite the designated doctor to the next meeting\n  Due 30 June 2022 - 11 working days overdue');
  });

  it('brings open actions back as matters arising in the next meeting’s pack', async () => {
    const helen = await t.as(people['Helen Carter'].email);
    t.clock.set('2022-07-18');
    const draft = await helen.post(`/api/meetings/${meetings[1]}/pack`).send({}).expect(201);
    expect(draft.body.mattersArising).toBe(3);
    const html = (await (await t.as(people['Fiona Brown'].email)).get(`/api/meetings/${meetings[1]}/pack?version=0`).expect(200)).text;
    for (const text of ['1. Circulate the audit of child protection plans', '2. Report re-referrals by team', '3. Invite the designated doctor to the next meeting']) expect(html).toContain(text);
    // A partner lead who does not sit at the board does not read its packs.
    await (await t.as(people['Nadia Khan'].email)).get(`/api/meetings/${meetings[1]}/pack?version=0`).expect(404);
  });

  it('closes an action only by the chair or an owner, with a note; a closed action is not matters arising at the meeting after', async () => {
    const anne = await t.as(people['Anne Wright'].email);
    const fiona = await t.as(people['Fiona Brown'].email);
    await anne.post(`/api/actions/${actions.audit.id}/close`).send({ version: actions.audit.version, note: 'Done' }).expect(403);
    await (await t.as(people['Nadia Khan'].email)).post(`/api/actions/${actions.audit.id}/close`).send({ version: actions.audit.version, note: 'Done' }).expect(404);
    const noNote = await fiona.post(`/api/actions/${actions.audit.id}/close`).send({ version: actions.audit.version, note: ' ' }).expect(400);
    expect(Object.keys(noNote.body.errors)).toEqual(['note']);
    t.clock.set('2022-07-20');
    const closed = await fiona.post(`/api/actions/${actions.audit.id}/close`).send({ version: actions.audit.version, note: 'Audit circulated to members on 20 July' }).expect(201);
    expect(closed.body).toMatchObject({ status: 'closed', note: 'Audit circulated to members on 20 July', closedBy: 'Fiona Brown' });
    await fiona.post(`/api/actions/${actions.audit.id}/close`).send({ version: actions.audit.version, note: 'Again' }).expect(409);

    const helen = await t.as(people['Helen Carter'].email);
    t.clock.set('2022-09-12');
    const draft = await helen.post(`/api/meetings/${meetings[2]}/pack`).send({}).expect(201);
    expect(draft.body.mattersArising).toBe(2);
    const html = (await helen.get(`/api/meetings/${meetings[2]}/pack`).expect(200)).text;
    expect(html).not.toContain('Circulate the audit of child protection plans');
    expect(html).toContain('2. Report re-referrals by team');
    expect(html).toContain('3. Invite the designated doctor to the next meeting');
    // A closed action's reminders stop; the open ones go on.
    await runDay(t, '2022-09-12');
    const ledger = await t.dataSource.query(`SELECT meeting_action_id, count(*)::int AS n FROM reminder_ledger WHERE reminder_date > '2022-07-20' GROUP BY meeting_action_id`);
    expect(ledger).toEqual([{ meeting_action_id: actions.doctor.id, n: expect.any(Number) }]);
  });

  it('puts the board’s meetings and the open actions a member owns in their calendar feed', async () => {
    const fiona = await t.as(people['Fiona Brown'].email);
    const feed = (await fiona.post('/api/me/calendar-feed').expect(201)).body as { url: string };
    const ics = (await t.anon.get(new URL(feed.url).pathname).expect(200)).text.replace(/\r\n[ \t]/g, '');
    const host = new URL(t.config.publicUrl).hostname;
    for (const id of meetings) expect(ics).toContain(`UID:meeting-${id}@${host}`);
    expect(ics).toContain('SUMMARY:Safeguarding Partnership Executive meeting');
    expect(ics).toContain(`UID:action-${actions.doctor.id}@${host}`);
    expect(ics).toContain('SUMMARY:Action due: Invite the designated doctor to the next meeting');
    // Closed, and not hers: not in it.
    expect(ics).not.toContain(`action-${actions.audit.id}`);
    expect(ics).not.toContain(`action-${actions['re-referrals'].id}`);
    // Someone who does not sit at the board has none of it.
    const nadia = await t.as(people['Nadia Khan'].email);
    const theirs = (await nadia.post('/api/me/calendar-feed').expect(201)).body as { url: string };
    expect((await t.anon.get(new URL(theirs.url).pathname).expect(200)).text).not.toContain('meeting-');
  });
});
