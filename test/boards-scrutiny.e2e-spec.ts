import JSZip from 'jszip';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

/**
 * Issue 14's scrutiny monitoring: a panel's recommendations stay on its list
 * by the published rules (completed but not accepted stays; accepted leaves at
 * that meeting; rejected leaves only once reported), and the monitoring
 * appendix renders Date | Title | Action proposed | Action taken | Progress
 * status, grouped by meeting date, numbered within an item.
 */
describe('A scrutiny panel’s monitoring list', () => {
  let t: TestApp;
  let panelId: string;
  const meetings: Record<string, string> = {};
  const items: Record<string, { id: string; version: number }> = {};
  const emails = { chair: 'cllr.jane.moss@panel.test', member: 'cllr.tom.reed@panel.test', outsider: 'partner.lead@panel.test' };

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const bytes = (res: any, done: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  };

  const PAPER = [
    'Date\tTitle\tAction proposed\tAction taken\tProgress status',
    '20/01/2022\tEarly help\tReport the audit of early help assessments\tAudit reported in March\tAchieved',
    '\tMissing children\tPublish the return interview protocol\tPublished in April\tCompleted',
    '\tYouth justice\tFund a second remand foster carer\tNot funded\tRejected by Cabinet',
    '17/03/2022\tPlacements\t1) Open two children’s homes 2) Report sufficiency quarterly\t1) Capital bid made\tPaused: awaiting the capital bid',
  ].join('\n');

  beforeAll(async () => {
    t = await startTestApp({ demo: false });
    const person = async (email: string, name: string, roles: string[]) => (await t.http.post('/api/users').send({ name, email, roles, password: TEST_PASSWORD }).expect(201)).body.id as string;
    const chair = await person(emails.chair, 'Cllr Jane Moss', ['board_chair']);
    const member = await person(emails.member, 'Cllr Tom Reed', ['viewer']);
    await person(emails.outsider, 'Partner Lead', ['service_head']);
    panelId = (await t.http.post('/api/boards').send({ name: 'Children and Families Scrutiny Panel', kind: 'scrutiny_panel', chairIds: [chair], memberIds: [member] }).expect(201)).body.id;
    const jane = await t.as(emails.chair);
    for (const date of ['2022-01-20', '2022-03-17', '2022-05-19', '2022-07-21']) meetings[date] = (await jane.post('/api/meetings').send({ boardId: panelId, meetingDate: date }).expect(201)).body.id;
  });
  afterAll(() => t?.close());

  it('imports the monitoring list pasted from the last paper: previewed, then recorded once', async () => {
    const jane = await t.as(emails.chair);
    const preview = await jane.post(`/api/boards/${panelId}/scrutiny-recommendations/import/preview`).send({ text: PAPER }).expect(200);
    expect(preview.body.recommendations.map((r: { meetingDate: string; title: string; progress: string; rejected: boolean; actionProposed: string[] }) => [r.meetingDate, r.title, r.progress, r.rejected, r.actionProposed.length])).toEqual([
      ['2022-01-20', 'Early help', 'achieved', false, 1],
      ['2022-01-20', 'Missing children', 'achieved', false, 1],
      ['2022-01-20', 'Youth justice', 'continue_monitoring', true, 1],
      ['2022-03-17', 'Placements', 'paused', false, 2],
    ]);
    expect((await jane.get(`/api/scrutiny-recommendations?boardId=${panelId}`).expect(200)).body.total).toBe(0);
    const committed = await jane.post(`/api/boards/${panelId}/scrutiny-recommendations/import`).send({ text: PAPER }).expect(201);
    expect(committed.body.created).toHaveLength(4);
    for (const created of committed.body.created) items[created.title] = { id: created.id, version: created.version };
    expect((await jane.post(`/api/boards/${panelId}/scrutiny-recommendations/import`).send({ text: PAPER }).expect(201)).body.created).toEqual([]);
    await (await t.as(emails.member)).post(`/api/boards/${panelId}/scrutiny-recommendations/import/preview`).send({ text: PAPER }).expect(403);
    const noHeadings = await jane.post(`/api/boards/${panelId}/scrutiny-recommendations/import/preview`).send({ text: 'a\tb\nc\td' }).expect(400);
    expect(Object.keys(noHeadings.body.errors)).toEqual(['text']);
  });

  it('keeps completed-but-not-accepted on the list, lets accepted go at that meeting, and rejected only once reported', async () => {
    const jane = await t.as(emails.chair);
    const decide = (title: string, meeting: string, decision: string) => jane.post(`/api/scrutiny-recommendations/${items[title].id}/decisions`).send({ meetingId: meetings[meeting], decision });
    const listed = async () => ((await jane.get(`/api/scrutiny-recommendations?boardId=${panelId}`).expect(200)).body.items as Array<{ title: string }>).map((item) => item.title);

    // March: the panel does not accept "Early help" as done; it stays and is reported again.
    const notAccepted = await decide('Early help', '2022-03-17', 'not_accepted').expect(201);
    expect(notAccepted.body).toMatchObject({ listed: true, reason: 'Completed, but not accepted by the panel on 17 March 2022: reported again' });
    // Only what the service marked completed is accepted or not; a rejection is reported only for a rejected recommendation.
    const notDone = await decide('Placements', '2022-05-19', 'accepted').expect(400);
    expect(notDone.body.errors).toEqual({ decision: 'only an item the service has marked achieved (completed) can be accepted or not; this one is: paused: awaiting the capital bid' });
    expect((await decide('Early help', '2022-05-19', 'rejection_reported').expect(400)).body.errors).toEqual({ decision: 'only a rejected recommendation is reported as rejected' });
    expect(await listed()).toEqual(['Early help', 'Missing children', 'Youth justice', 'Placements']);

    // May: "Missing children" accepted; the rejection of "Youth justice" reported.
    expect((await decide('Missing children', '2022-05-19', 'accepted').expect(201)).body).toMatchObject({ listed: false, reason: 'Accepted as completed by the panel on 19 May 2022' });
    expect((await decide('Youth justice', '2022-05-19', 'rejection_reported').expect(201)).body).toMatchObject({ listed: false });
    expect(await listed()).toEqual(['Early help', 'Placements']);
    const everything = (await jane.get(`/api/scrutiny-recommendations?boardId=${panelId}&show=all`).expect(200)).body;
    expect(everything.total).toBe(4);
    // Nothing more is decided about an item off the list.
    expect((await decide('Missing children', '2022-07-21', 'not_accepted').expect(400)).body.errors.decision).toMatch(/^cannot decide on an item no longer on the list/);

    // The May meeting's own appendix still showed them; July's does not.
    const may = (await jane.get(`/api/meetings/${meetings['2022-05-19']}/scrutiny-monitoring`).expect(200)).text;
    expect(may).toContain('Missing children');
    expect(may).toContain('Youth justice');
    const july = (await jane.get(`/api/meetings/${meetings['2022-07-21']}/scrutiny-monitoring`).expect(200)).text;
    expect(july).not.toContain('Missing children');
    expect(july).not.toContain('Youth justice');

    // The record keeps every decision.
    const audit = await t.http.get('/api/audit?entityType=scrutiny_decision&pageSize=50').expect(200);
    expect(audit.body.items.map((e: { after: { decision: string } }) => e.after.decision).sort()).toEqual(['accepted', 'not_accepted', 'rejection_reported']);
  });

  it('renders the monitoring appendix: its title, the five columns, grouped by meeting date, points numbered within an item (HTML and Word)', async () => {
    const tom = await t.as(emails.member);
    const html = (await tom.get(`/api/meetings/${meetings['2022-07-21']}/scrutiny-monitoring`).expect(200)).text.replace(/\n/g, '');
    expect(html).toContain('<h1>Scrutiny Monitoring — 21 July 2022</h1>');
    expect(html).toContain('<tr><th scope="col">Date</th><th scope="col">Title</th><th scope="col">Action proposed</th><th scope="col">Action taken</th><th scope="col">Progress status</th></tr>');
    const text = html.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|');
    expect(text).toContain(
      '|Meeting of 20 January 2022|20 January 2022|Early help|Report the audit of early help assessments|Audit reported in March|Achieved|Completed, but not accepted by the panel on 17 March 2022: reported again|',
    );
    expect(text).toContain(
      '|Meeting of 17 March 2022|17 March 2022|Placements|1) Open two children’s homes|2) Report sufficiency quarterly|Capital bid made|Paused: awaiting the capital bid|',
    );
    expect(html.indexOf('Meeting of 20 January 2022')).toBeLessThan(html.indexOf('Meeting of 17 March 2022'));

    const docx = (await tom.get(`/api/meetings/${meetings['2022-07-21']}/scrutiny-monitoring?format=docx`).buffer(true).parse(bytes).expect(200)).body as Buffer;
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Scrutiny Monitoring — 21 July 2022');
    const rows = [...xml.matchAll(/<w:tr>.*?<\/w:tr>|<w:tr [^>]*>.*?<\/w:tr>/gs)].map((row) =>
      [...row[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((cell) => [...cell[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' / ')),
    );
    expect(rows).toEqual([
      ['Date', 'Title', 'Action proposed', 'Action taken', 'Progress status'],
      ['Meeting of 20 January 2022'],
      ['20 January 2022', 'Early help', 'Report the audit of early help assessments', 'Audit reported in March', 'Achieved / Completed, but not accepted by the panel on 17 March 2022: reported again'],
      ['Meeting of 17 March 2022'],
      ['17 March 2022', 'Placements', '1) Open two children’s homes / 2) Report sufficiency quarterly', 'Capital bid made', 'Paused: awaiting the capital bid'],
    ]);
    const pdf = (await tom.get(`/api/meetings/${meetings['2022-07-21']}/scrutiny-monitoring?format=pdf`).buffer(true).parse(bytes).expect(200)).body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('keeps the list to the panel: paused needs a reason, stale changes are refused, outsiders see nothing', async () => {
    const jane = await t.as(emails.chair);
    const placements = (await jane.get(`/api/scrutiny-recommendations/${items.Placements.id}`).expect(200)).body;
    const noReason = await jane.patch(`/api/scrutiny-recommendations/${placements.id}`).send({ version: placements.version, pausedReason: null }).expect(400);
    expect(noReason.body.errors).toEqual({ pausedReason: 'is required when progress is paused: say why' });
    const resumed = await jane.patch(`/api/scrutiny-recommendations/${placements.id}`).send({ version: placements.version, progress: 'unacceptable_progress', actionTaken: ['Capital bid refused'] }).expect(200);
    expect(resumed.body).toMatchObject({ progress: 'unacceptable_progress', pausedReason: null, version: placements.version + 1 });
    const stale = await jane.patch(`/api/scrutiny-recommendations/${placements.id}`).send({ version: placements.version, progress: 'achieved' }).expect(409);
    expect(stale.body.current).toMatchObject({ progress: 'unacceptable_progress' });
    await (await t.as(emails.member)).patch(`/api/scrutiny-recommendations/${placements.id}`).send({ version: resumed.body.version, progress: 'achieved' }).expect(403);
    const outsider = await t.as(emails.outsider);
    await outsider.get(`/api/scrutiny-recommendations/${placements.id}`).expect(404);
    await outsider.get(`/api/scrutiny-recommendations?boardId=${panelId}`).expect(404);
    await outsider.get(`/api/meetings/${meetings['2022-07-21']}/scrutiny-monitoring`).expect(404);
    const bad = await jane.post('/api/scrutiny-recommendations').send({ boardId: panelId, meetingDate: '2022-13-01', title: '', actionProposed: [], progress: 'green' }).expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['actionProposed', 'meetingDate', 'progress', 'title']);
  });
});
