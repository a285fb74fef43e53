import type { Page } from 'playwright-core';
import { demoPlan, PlanTreeBody } from './support/plans-fixtures';
import { expectAccessible, follow, launchBrowser, press, problemsOn, screenshot, signIn, startWebApp, TestBrowser, WebApp, withoutJavaScript } from './support/browser';

jest.setTimeout(240_000);

const CHAIR = 'chair@demo.test';
const OWNER = 'head.csl@demo.test';
const MEMBER = 'viewer@demo.test';
const PARTNER_LEAD = 'head.nhs@demo.test';
const HOSTILE = '<script>alert(1)</script> {{7*7}} "quotes" \u202eRTL';
const LONG_WORD = `Safeguarding${'Partnership'.repeat(15)}`;
const BOARD_NAME = `Improvement Board ${HOSTILE}`;

/**
 * The boards' pages (issue 14) against the real app: the chair opens a
 * meeting, builds and issues its pack and opens the issued HTML (the bytes
 * the API keeps); an owner closes an action (an empty note refused first);
 * a member reads the pack but runs nothing; a partner lead who does not sit
 * at the board gets the 404 page. axe on every page; hostile text literal;
 * forms without their CSRF token refused.
 */
describe('Web pages: boards, meetings, packs and the action log', () => {
  let t: WebApp;
  let browser: TestBrowser;
  let demo: PlanTreeBody;
  let boardId: string;
  let august: string;
  let october: string;
  let augustActionId: string;
  let panelId: string;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    t = await startWebApp();
    browser = await launchBrowser();
    demo = await demoPlan(t);
    const users = (await t.http.get('/api/users?pageSize=200').expect(200)).body.items as Array<{ id: string; email: string }>;
    for (const user of users) people[user.email] = user.id;
    t.clock.set('2012-10-01T09:00:00+01:00');
    boardId = (
      await t.http
        .post('/api/boards')
        .send({ name: BOARD_NAME, kind: 'improvement_board', cadenceMonths: 2, chairIds: [people[CHAIR]], memberIds: [people[OWNER], people[MEMBER]], planIds: [demo.id] })
        .expect(201)
    ).body.id;
    const chair = await t.as(CHAIR);
    august = (await chair.post('/api/meetings').send({ boardId, meetingDate: '2012-08-13', status: 'held', agenda: ['Matters arising', `Performance ${HOSTILE}`] }).expect(201)).body.id;
    october = (await chair.post('/api/meetings').send({ boardId, meetingDate: '2012-10-15' }).expect(201)).body.id;
    await chair.post('/api/meetings').send({ boardId, meetingDate: '2012-12-17' }).expect(201);
    augustActionId = (await chair.post('/api/actions').send({ meetingId: august, text: `Circulate the audit ${HOSTILE} ${LONG_WORD}`, ownerIds: [people[OWNER]] }).expect(201)).body.id;
  });
  afterAll(async () => {
    t?.clock.reset();
    await browser?.close();
    await t?.close();
  });

  async function checked(page: Page): Promise<void> {
    await expectAccessible(page);
    expect(problemsOn(page)).toEqual([]);
  }

  const mainText = (page: Page) => page.locator('main').innerText();
  const meetingUrl = (meetingId: string) => `${t.baseUrl}/boards/${boardId}/meetings/${meetingId}`;

  it('the chair finds the board under "Your boards", opens the next meeting, builds and issues its pack, and opens the issued HTML', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await follow(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Your boards' }));
    await page.waitForURL(`${t.baseUrl}/your-boards`);
    await checked(page);
    expect(await page.title()).toBe('Your boards – Improvement Plan Manager');
    const row = page.locator('main table tbody tr');
    expect(await row.count()).toBe(1);
    const cells = (await row.locator('td').allInnerTexts()).map((cell) => cell.trim());
    expect(cells.slice(0, 3)).toEqual([BOARD_NAME, 'Improvement board', 'Chris Chair']);
    expect(await row.locator('td').nth(3).locator('time').innerText()).toBe('15 October 2012');
    expect(await row.locator('td').nth(3).getByRole('link').getAttribute('href')).toBe(`/boards/${boardId}/meetings/${october}`);
    await follow(page, row.getByRole('link', { name: BOARD_NAME }));
    await page.waitForURL(`${t.baseUrl}/boards/${boardId}`);
    await checked(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(BOARD_NAME);
    const board = await mainText(page);
    expect(board).toContain('Sam Safeguarding (SCC – CSL Directorate – Safeguarding)');
    expect(board).toContain('Vic Viewer');
    expect(await page.getByRole('link', { name: (demo as PlanTreeBody & { title: string }).title }).getAttribute('href')).toBe(`/plans/${demo.id}`);
    expect(await page.locator('main table tbody tr').allInnerTexts()).toEqual([
      '17 December 2012\tScheduled\tNo pack yet',
      '15 October 2012 (next meeting)\tScheduled\tNo pack yet',
      '13 August 2012\tHeld\tNo pack yet',
    ]);
    await follow(page, '15 October 2012');
    await page.waitForURL(meetingUrl(october));
    await checked(page);
    expect(await page.title()).toBe(`Meeting of 15 October 2012: ${BOARD_NAME} – Improvement Plan Manager`);
    expect(await mainText(page)).toContain('No pack has been built for this meeting yet.');
    // The August action is open, so it is a matter arising here, with its owner and due date (the October meeting, by default).
    const arising = page.locator('table', { has: page.locator('caption', { hasText: 'Matters arising' }) }).locator('tbody tr');
    expect(await arising.count()).toBe(1);
    expect(await arising.innerText()).toContain(`1. Circulate the audit ${HOSTILE} ${LONG_WORD}`);
    expect(await arising.innerText()).toContain('Sam Safeguarding (SS)');
    expect(await arising.innerText()).toContain('15 October 2012');

    await press(page, 'Build the draft pack');
    await page.waitForURL(`${meetingUrl(october)}?done=built`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The draft pack is built.');
    expect(await page.locator('.app-pack-draft').innerText()).toContain('Draft as of 1 October 2012');
    const draftHtml = await page.request.get(`${meetingUrl(october)}/pack?version=0&format=html`);
    expect(draftHtml.status()).toBe(200);

    await press(page, 'Issue the pack');
    await page.waitForURL(`${meetingUrl(october)}?done=issued`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The pack is issued.');
    expect((await page.locator('.app-pack-versions li').allTextContents()).map((line) => line.replace(/\s+/g, ' ').replace(/ ,/g, ',').trim())).toEqual([
      'Version 1 (latest), as of 1 October 2012, issued 1 Oct 2012 at 9am: HTML of version 1, PDF of version 1, Word of version 1',
    ]);
    expect(await page.locator('.app-pack-draft').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Issue a correction as version 2' }).count()).toBe(1);
    await screenshot(page, 'board-meeting-issued');

    // The issued HTML opens in the browser, and is byte for byte what the API keeps.
    await follow(page, 'HTML of version 1');
    await page.waitForURL(`${meetingUrl(october)}/pack?version=1&format=html`);
    const opened = await page.content();
    expect(opened).toContain('15 October 2012');
    await checked(page);
    const api = await (await t.as(CHAIR)).get(`/api/meetings/${october}/pack?version=1&format=html`).expect(200);
    const viaPage = await page.request.get(`${meetingUrl(october)}/pack?version=1&format=html`);
    expect(Buffer.from(await viaPage.body()).equals(Buffer.from(api.text, 'utf8'))).toBe(true);
    for (const [format, magic] of [
      ['pdf', '%PDF-'],
      ['docx', 'PK'],
    ] as const) {
      const file = await page.request.get(`${meetingUrl(october)}/pack?version=1&format=${format}`);
      expect(file.status()).toBe(200);
      expect((await file.body()).subarray(0, magic.length).toString()).toBe(magic);
    }
    // A bad option is the page-address problem page, as the API's 400; a version never issued is the 404 page.
    expect((await page.request.get(`${meetingUrl(october)}/pack?format=exe`)).status()).toBe(400);
    expect((await page.request.get(`${meetingUrl(october)}/pack?version=7`)).status()).toBe(404);
    await page.context().close();
  });

  it('the chair records an action at the meeting: errors in a summary first, then the action in the log', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(meetingUrl(october));
    await follow(page, 'Record an action agreed at this meeting');
    await page.waitForURL(`${meetingUrl(october)}/actions/new`);
    await checked(page);
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2013');
    await press(page, 'Record the action');
    await checked(page);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter the action agreed', 'The due date must be a real date']);
    expect(await page.locator('.govuk-error-summary a').last().getAttribute('href')).toBe('#dueOn-day');
    await page.getByLabel('What was agreed?').fill(`Report re-referrals by team ${HOSTILE}`);
    await page.getByLabel('Sam Safeguarding (SS)').check();
    await page.getByLabel('Vic Viewer (VV)').check();
    await page.getByLabel('Day').fill('');
    await page.getByLabel('Month').fill('');
    await page.getByLabel('Year').fill('');
    await press(page, 'Record the action');
    await page.waitForURL(`${meetingUrl(october)}?done=action-recorded`);
    await checked(page);
    const agreed = page.locator('table', { has: page.locator('caption', { hasText: 'Actions agreed at this meeting' }) }).locator('tbody tr');
    expect(await agreed.count()).toBe(1);
    const text = await agreed.innerText();
    expect(text).toContain(`1. Report re-referrals by team ${HOSTILE}`);
    expect(text).toContain('Sam Safeguarding (SS)');
    expect(text).toContain('Vic Viewer (VV)');
    // Due by the board's next meeting when left empty, as the API does.
    expect(text).toContain('17 December 2012');
    const log = (await t.http.get(`/api/actions?boardId=${boardId}&meetingId=${october}`).expect(200)).body.items;
    expect(log).toMatchObject([{ text: `Report re-referrals by team ${HOSTILE}`, dueOn: '2012-12-17', owners: [{ name: 'Sam Safeguarding' }, { name: 'Vic Viewer' }] }]);
    await page.context().close();
  });

  it('an owner closes an action: an empty note is refused in an error summary, then the note closes it', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, OWNER);
    expect(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Your boards' }).count()).toBe(1);
    await page.goto(meetingUrl(october));
    await checked(page);
    // An owner runs nothing else at the meeting.
    expect(await page.getByRole('button', { name: /Build|Issue/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Record an action agreed at this meeting' }).count()).toBe(0);
    await follow(page, 'Close action 1 agreed on 13 August 2012');
    await page.waitForURL(`${meetingUrl(august)}/actions/${augustActionId}/close`);
    await checked(page);
    expect(await mainText(page)).toContain(`Circulate the audit ${HOSTILE} ${LONG_WORD}`);
    await press(page, 'Close the action');
    await checked(page);
    expect(await page.title()).toMatch(/^Error: Close action 1/);
    const errors = page.locator('.govuk-error-summary a');
    expect(await errors.allTextContents()).toEqual(['The note must say what was done: an action is closed with a note']);
    expect(await errors.getAttribute('href')).toBe('#note');
    expect((await t.http.get(`/api/actions/${augustActionId}`).expect(200)).body.status).toBe('open');
    await page.getByLabel('What was done?').fill(`Audit circulated to members on 20 September ${HOSTILE}`);
    await press(page, 'Close the action');
    await page.waitForURL(`${meetingUrl(august)}?done=action-closed`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The action is closed with your note.');
    const row = await page.locator('table', { has: page.locator('caption', { hasText: 'Actions agreed at this meeting' }) }).locator('tbody tr').innerText();
    expect(row).toContain('Closed');
    expect(row).toContain(`Audit circulated to members on 20 September ${HOSTILE}`);
    expect(row).toContain('Closed by Sam Safeguarding on 1 Oct 2012 at 9am');
    expect((await t.http.get(`/api/actions/${augustActionId}`).expect(200)).body).toMatchObject({ status: 'closed', note: `Audit circulated to members on 20 September ${HOSTILE}` });
    // No longer a matter arising at October's meeting; the closed action offers no form.
    await page.goto(meetingUrl(october));
    await checked(page);
    expect(await mainText(page)).toContain('No actions from earlier meetings are open.');
    await page.goto(`${meetingUrl(august)}/actions/${augustActionId}/close`);
    expect(page.url()).toBe(meetingUrl(august));
    await page.context().close();
  });

  it('a member reads the issued pack, but does not build, issue or close what is not theirs', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, MEMBER);
    await page.goto(`${t.baseUrl}/your-boards`);
    await checked(page);
    await follow(page, BOARD_NAME);
    await checked(page);
    await follow(page, '15 October 2012');
    await page.waitForURL(meetingUrl(october));
    await checked(page);
    expect(await page.getByRole('button', { name: /Build|Issue/ }).count()).toBe(0);
    // Vic owns the October action with Sam, so may close it; nothing else.
    expect(await page.getByRole('link', { name: /^Close action/ }).count()).toBe(1);
    for (const format of ['html', 'pdf', 'docx']) {
      const file = await page.request.get(`${meetingUrl(october)}/pack?version=1&format=${format}`);
      expect(file.status()).toBe(200);
    }
    await follow(page, 'HTML of version 1');
    await page.waitForURL(/pack\?version=1&format=html$/);
    expect(await page.content()).toContain('15 October 2012');
    // Issuing is the chair's: the form, sent anyway with a real token, is refused with the 403 page and issues nothing.
    await page.goto(meetingUrl(october));
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const refused = await page.request.post(`${meetingUrl(october)}/pack/issue`, { form: { _csrf: csrf, version: '2' }, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    expect((await t.http.get(`/api/meetings/${october}`).expect(200)).body.packs.map((p: { version: number }) => p.version)).toEqual([1]);
    await page.context().close();
  });

  it('a partner lead who does not sit at the board gets the 404 page for the board, its meetings, packs and actions, and no board listed', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, PARTNER_LEAD);
    expect(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Your boards' }).count()).toBe(0);
    await page.goto(`${t.baseUrl}/your-boards`);
    await checked(page);
    expect(await mainText(page)).toContain('You do not sit at any board.');
    for (const address of [`/boards/${boardId}`, `/boards/${boardId}/meetings/${october}`, `/boards/${boardId}/meetings/${october}/pack?version=1`, `/boards/${boardId}/meetings/${august}/actions/${augustActionId}/close`, `/boards/${boardId}/meetings/not-a-uuid`]) {
      const response = await page.goto(`${t.baseUrl}${address}`);
      expect(response?.status()).toBe(404);
      await checked(page);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
      expect(await page.content()).not.toContain('Improvement Board');
    }
    await page.context().close();
  });

  it('refuses the pack and action forms without their CSRF token, changing nothing', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    const actionId = (await t.http.get(`/api/actions?boardId=${boardId}&meetingId=${october}`).expect(200)).body.items[0].id;
    for (const [suffix, form] of [
      ['/pack', {}],
      ['/pack/issue', { version: '2' }],
      ['/actions/new', { text: 'Forged' }],
      [`/actions/${actionId}/close`, { note: 'Forged', version: '1' }],
      ['/edit', { 'meetingDate-day': '1', 'meetingDate-month': '1', 'meetingDate-year': '2013', status: 'cancelled', version: '1' }],
    ] as const) {
      const response = await page.request.post(`${meetingUrl(october)}${suffix}`, { form, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('The form could not be sent');
    }
    const scheduled = await page.request.post(`${t.baseUrl}/boards/${boardId}/schedule`, { form: { 'meetingDate-day': '1', 'meetingDate-month': '1', 'meetingDate-year': '2013' }, maxRedirects: 0 });
    expect(scheduled.status()).toBe(403);
    expect((await t.http.get(`/api/meetings?boardId=${boardId}`).expect(200)).body.total).toBe(3);
    const meeting = (await t.http.get(`/api/meetings/${october}`).expect(200)).body;
    expect(meeting).toMatchObject({ meetingDate: '2012-10-15', status: 'scheduled' });
    expect(meeting.packs.map((p: { version: number }) => p.version)).toEqual([1]);
    const log = (await t.http.get(`/api/actions?boardId=${boardId}&meetingId=${october}`).expect(200)).body.items;
    expect(log.map((a: { text: string; status: string }) => [a.text, a.status])).toEqual([[`Report re-referrals by team ${HOSTILE}`, 'open']]);
    await page.context().close();
  });

  it('the scrutiny panel’s monitoring list: the chair records decisions tied to a meeting, refused by the rules where they apply; a member only reads', async () => {
    panelId = (
      await t.http
        .post('/api/boards')
        .send({ name: `Scrutiny Panel ${HOSTILE}`, kind: 'scrutiny_panel', chairIds: [people[CHAIR]], memberIds: [people[MEMBER]] })
        .expect(201)
    ).body.id;
    const chair = await t.as(CHAIR);
    await chair.post('/api/meetings').send({ boardId: panelId, meetingDate: '2012-05-21', status: 'held' }).expect(201);
    const july = (await chair.post('/api/meetings').send({ boardId: panelId, meetingDate: '2012-07-16', status: 'held' }).expect(201)).body.id;
    const recommend = async (title: string, progress: string, actionProposed: string[]) =>
      (await chair.post('/api/scrutiny-recommendations').send({ boardId: panelId, meetingDate: '2012-05-21', title, actionProposed, actionTaken: ['Audit completed in June'], progress }).expect(201)).body.id;
    const done = await recommend('Child protection audit', 'achieved', ['Audit plans', 'Report the findings']);
    const ongoing = await recommend(`Re-referrals ${HOSTILE}`, 'continue_monitoring', [`Report by team ${LONG_WORD}`]);

    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(`${t.baseUrl}/boards/${panelId}`);
    await checked(page);
    await follow(page, 'The panel’s monitoring list');
    await page.waitForURL(`${t.baseUrl}/boards/${panelId}/monitoring`);
    await checked(page);
    expect(await page.getByRole('heading', { level: 2 }).first().innerText()).toBe('Recommendations of the meeting of 21 May 2012');
    const rows = page.locator('table.app-monitoring-table tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().innerText()).toContain('1) Audit plans');
    expect(await rows.first().innerText()).toContain('2) Report the findings');
    expect(await rows.first().innerText()).toContain("Completed: awaiting the panel's acceptance");
    expect(await rows.nth(1).innerText()).toContain(`Re-referrals ${HOSTILE}`);

    // Accepting an item the service has not completed is refused by the rules, in the API's words.
    await follow(page, rows.nth(1).getByRole('link', { name: /Record a decision/ }));
    await page.waitForURL(`${t.baseUrl}/boards/${panelId}/monitoring/${ongoing}/decide`);
    await checked(page);
    expect(await page.getByLabel('The meeting that decided').inputValue()).toBe(july);
    await press(page, 'Record the decision');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Choose the panel’s decision']);
    await page.getByLabel('Accepted as completed').check();
    await press(page, 'Record the decision');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual([
      'Only an item the service has marked achieved (completed) can be accepted or not; this one is: continue monitoring',
    ]);
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#decision');
    expect(await page.getByLabel('Accepted as completed').isChecked()).toBe(true);

    // The completed item is accepted at the July meeting, and leaves the list.
    await page.goto(`${t.baseUrl}/boards/${panelId}/monitoring/${done}/decide`);
    await page.getByLabel('Accepted as completed').check();
    await page.getByLabel('Note (optional)').fill('Evidence seen by members');
    await press(page, 'Record the decision');
    await page.waitForURL(`${t.baseUrl}/boards/${panelId}/monitoring?done=decided`);
    await checked(page);
    expect(await rows.count()).toBe(1);
    await follow(page, 'Show every item, with why any left the list');
    await page.waitForURL(/show=all/);
    await checked(page);
    expect(await rows.first().innerText()).toContain('Accepted as completed by the panel on 16 July 2012');
    expect(await rows.first().innerText()).toContain('Accepted as completed at the meeting of 16 July 2012: Evidence seen by members');
    expect(await rows.first().getByRole('link', { name: /Record a decision/ }).count()).toBe(0);
    expect((await t.http.get(`/api/scrutiny-recommendations/${done}`).expect(200)).body).toMatchObject({ listed: false, decisions: [{ meetingId: july, decision: 'accepted', note: 'Evidence seen by members' }] });
    // The meeting's monitoring appendix, from its page.
    await page.goto(`${t.baseUrl}/boards/${panelId}/meetings/${july}`);
    await checked(page);
    const appendix = await page.request.get(`${t.baseUrl}/boards/${panelId}/meetings/${july}/scrutiny-monitoring?format=html`);
    expect(appendix.status()).toBe(200);
    expect(await appendix.text()).toContain('Scrutiny Monitoring');
    // The decision form without its CSRF token is refused.
    const forged = await page.request.post(`${t.baseUrl}/boards/${panelId}/monitoring/${ongoing}/decide`, { form: { meetingId: july, decision: 'not_accepted' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    await page.context().close();

    // A member reads the list and records nothing; a partner lead off the panel gets the 404 page; a board that is no panel has no list.
    const member = await browser.newPage();
    await signIn(member, t.baseUrl, MEMBER);
    await member.goto(`${t.baseUrl}/boards/${panelId}/monitoring`);
    await checked(member);
    expect(await member.getByRole('link', { name: /Record a decision/ }).count()).toBe(0);
    expect((await member.goto(`${t.baseUrl}/boards/${panelId}/monitoring/${ongoing}/decide`))?.status()).toBe(403);
    expect((await member.goto(`${t.baseUrl}/boards/${boardId}/monitoring`))?.status()).toBe(404);
    await member.context().close();
    const outsider = await browser.newPage();
    await signIn(outsider, t.baseUrl, PARTNER_LEAD);
    expect((await outsider.goto(`${t.baseUrl}/boards/${panelId}/monitoring`))?.status()).toBe(404);
    await checked(outsider);
    await outsider.context().close();
    expect((await t.http.get(`/api/scrutiny-recommendations/${ongoing}`).expect(200)).body.decisions).toEqual([]);
  });

  it('shows a stale close form and a stale issue the conflict, saving nothing', async () => {
    const actionId = (await t.http.get(`/api/actions?boardId=${boardId}&meetingId=${october}`).expect(200)).body.items[0].id;
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(`${meetingUrl(october)}/actions/${actionId}/close`);
    await page.getByLabel('What was done?').fill('Re-referrals reported at the December board');
    // Meanwhile the chair's change through the API moves the action on.
    const current = (await t.http.get(`/api/actions/${actionId}`).expect(200)).body;
    await t.http.patch(`/api/actions/${actionId}`).send({ version: current.version, status: 'in_progress', note: 'Data requested from BI' }).expect(200);
    await press(page, 'Close the action');
    await checked(page);
    expect(await page.locator('.govuk-error-summary').first().innerText()).toContain('Someone else changed this while you were working on it');
    expect(await page.locator('main table tbody tr').allInnerTexts()).toEqual(['Status\tIn progress\tClosed', 'Note\tData requested from BI\tRe-referrals reported at the December board']);
    expect(await page.getByLabel('What was done?').inputValue()).toBe('Re-referrals reported at the December board');
    expect((await t.http.get(`/api/actions/${actionId}`).expect(200)).body.status).toBe('in_progress');
    await press(page, 'Close the action');
    await page.waitForURL(`${meetingUrl(october)}?done=action-closed`);
    expect((await t.http.get(`/api/actions/${actionId}`).expect(200)).body).toMatchObject({ status: 'closed', note: 'Re-referrals reported at the December board' });

    // Two chairs' pages open: the second issue would make a version nobody meant.
    await page.goto(meetingUrl(october));
    await (await t.as(CHAIR)).post(`/api/meetings/${october}/pack/issue`).send({}).expect(201);
    await press(page, 'Issue a correction as version 2');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual([
      'Version 2 of this pack was issued after you opened the page. Check it, then issue again if the board needs a correction.',
    ]);
    expect((await t.http.get(`/api/meetings/${october}`).expect(200)).body.packs.map((p: { version: number }) => p.version)).toEqual([1, 2]);
    expect(await page.getByRole('button', { name: 'Issue a correction as version 3' }).count()).toBe(1);
    await page.context().close();
  });
  it('the chair schedules a meeting and changes it (errors in a summary, a stale form the conflict table); a member may do neither', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(`${t.baseUrl}/boards/${boardId}`);
    await follow(page, 'Schedule a meeting');
    await page.waitForURL(`${t.baseUrl}/boards/${boardId}/schedule`);
    await checked(page);
    await page.getByLabel('Day').fill('11');
    await page.getByLabel('Year').fill('2013');
    await page.getByLabel('Agenda (optional)').fill(`Matters arising\n${'x'.repeat(501)}`);
    await press(page, 'Schedule the meeting');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['The date of the meeting must include a month', 'The agenda: each item must be shorter than or equal to 500 characters']);
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#meetingDate-month');
    await page.getByLabel('Month').fill('Feb');
    await page.getByLabel('Agenda (optional)').fill('Matters arising\n\nPerformance report');
    await press(page, 'Schedule the meeting');
    await page.waitForURL(/\/meetings\/[0-9a-f-]+\?done=scheduled$/);
    await checked(page);
    const february = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Meeting of 11 February 2013');
    expect((await t.http.get(`/api/meetings/${february}`).expect(200)).body).toMatchObject({ boardId, meetingDate: '2013-02-11', status: 'scheduled', agenda: ['Matters arising', 'Performance report'], version: 1 });

    await follow(page, 'Change the date, status or agenda of this meeting');
    await page.waitForURL(`${meetingUrl(february)}/edit`);
    await checked(page);
    expect(await page.getByLabel('Agenda (optional)').inputValue()).toBe('Matters arising\nPerformance report');
    await page.getByLabel('Cancelled').check();
    // Meanwhile the date moves through the API.
    await (await t.as(CHAIR)).patch(`/api/meetings/${february}`).send({ version: 1, meetingDate: '2013-02-18' }).expect(200);
    await press(page, 'Save the meeting');
    await checked(page);
    expect(await page.locator('.govuk-error-summary').first().innerText()).toContain('Someone else changed this while you were working on it');
    expect(await page.locator('main table tbody tr').allInnerTexts()).toEqual(['Date\t18 / 2 / 2013\t11 / 2 / 2013', 'Status\tScheduled\tCancelled']);
    expect(await page.getByLabel('Cancelled').isChecked()).toBe(true);
    expect((await t.http.get(`/api/meetings/${february}`).expect(200)).body.status).toBe('scheduled');
    await page.getByLabel('Day').fill('18');
    await press(page, 'Save the meeting');
    await page.waitForURL(`${meetingUrl(february)}?done=changed`);
    await checked(page);
    expect((await t.http.get(`/api/meetings/${february}`).expect(200)).body).toMatchObject({ meetingDate: '2013-02-18', status: 'cancelled', version: 3 });
    await page.context().close();

    const member = await browser.newPage();
    await signIn(member, t.baseUrl, MEMBER);
    await member.goto(`${t.baseUrl}/boards/${boardId}`);
    expect(await member.getByRole('link', { name: 'Schedule a meeting' }).count()).toBe(0);
    expect((await member.goto(`${t.baseUrl}/boards/${boardId}/schedule`))?.status()).toBe(403);
    await checked(member);
    expect((await member.goto(`${meetingUrl(february)}/edit`))?.status()).toBe(403);
    await member.context().close();
  });

  it('renders hostile text literally on every boards page, at 1280, 640 and 320 pixels, and long words never push a page sideways', async () => {
    const chair = await t.as(CHAIR);
    const december = (await chair.get(`/api/meetings?boardId=${boardId}`).expect(200)).body.items.find((m: { meetingDate: string }) => m.meetingDate === '2012-12-17');
    const open = (await chair.post('/api/actions').send({ meetingId: december.id, text: `${HOSTILE} action ${LONG_WORD}`, ownerIds: [people[OWNER]], note: `${HOSTILE} note ${LONG_WORD}` }).expect(201)).body;
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, 'admin@demo.test');
    let ownerCellsSeen = 0;
    const check = async (address: string) => {
      await page.goto(`${t.baseUrl}${address}`);
      await checked(page);
      expect(await page.content()).not.toContain('<script>alert(1)</script>');
      const text = await page.locator('body').innerText();
      expect(text).not.toMatch(/49 "quotes"/);
      expect(text).toContain(HOSTILE);
      // An owner's name breaks between its words, never inside one (a word split over two lines has two boxes).
      const namesSplitMidWord = await page.evaluate(`[...document.querySelectorAll('td.app-owners bdi')].filter((name) => {
        const node = name.firstChild;
        let at = 0;
        return node.textContent.split(' ').some((word) => {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          at += word.length + 1;
          return range.getClientRects().length > 1;
        });
      }).map((name) => name.textContent)`);
      expect([address, page.viewportSize()?.width, namesSplitMidWord]).toEqual([address, page.viewportSize()?.width, []]);
      if (address.includes('/meetings/') && !address.includes('/actions/') && !address.endsWith('/edit')) ownerCellsSeen += await page.locator('td.app-owners bdi').count();
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
      if (overflow > 0) {
        const wide = await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.app-table-container')).slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')`);
        throw new Error(`${address} is ${overflow} pixels wider than the window (${page.viewportSize()?.width}): ${wide}`);
      }
    };
    // At 200% zoom a 1280-pixel window is 640 CSS pixels wide; at 400%, 320.
    for (const width of [1280, 640, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await check('/your-boards');
      await check(`/boards/${boardId}`);
      await check(`/boards/${boardId}/meetings/${august}`);
      await check(`/boards/${boardId}/meetings/${august}/edit`);
      await check(`/boards/${boardId}/schedule`);
      await check(`/boards/${boardId}/meetings/${december.id}`);
      await check(`/boards/${boardId}/meetings/${december.id}/actions/new`);
      await check(`/boards/${boardId}/meetings/${december.id}/actions/${open.id}/close`);
      await check(`/boards/${panelId}/monitoring`);
      await check(`/boards/${panelId}/monitoring?show=all`);
    }
    expect(ownerCellsSeen).toBeGreaterThan(0);
    // A refused form gives the text back literally too.
    await page.goto(`${t.baseUrl}/boards/${boardId}/meetings/${december.id}/actions/new`);
    await page.getByLabel('Note (optional)').fill(HOSTILE);
    await page.getByLabel('Day').fill(HOSTILE);
    await press(page, 'Record the action');
    await checked(page);
    expect(await page.getByLabel('Note (optional)').inputValue()).toBe(HOSTILE);
    expect(await page.getByLabel('Day').inputValue()).toBe(HOSTILE);
    expect(await page.content()).not.toContain('<script>alert(1)</script>');
    await page.context().close();
  });
  it('closes an action without JavaScript: the form is plain HTML, refused then sent', async () => {
    const december = (await t.http.get(`/api/meetings?boardId=${boardId}`).expect(200)).body.items.find((m: { meetingDate: string }) => m.meetingDate === '2012-12-17');
    const [open] = (await t.http.get(`/api/actions?boardId=${boardId}&meetingId=${december.id}&status=open`).expect(200)).body.items;
    const page = await withoutJavaScript(browser);
    await signIn(page, t.baseUrl, OWNER);
    await page.goto(`${t.baseUrl}/boards/${boardId}/meetings/${december.id}`);
    await checked(page);
    await follow(page, page.getByRole('link', { name: /^Close action/ }));
    await page.waitForURL(/\/close$/);
    await press(page, 'Close the action');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['The note must say what was done: an action is closed with a note']);
    await page.getByLabel('What was done?').fill('Done without scripts');
    await press(page, 'Close the action');
    await page.waitForURL(/done=action-closed/);
    await checked(page);
    expect((await t.http.get(`/api/actions/${open.id}`).expect(200)).body).toMatchObject({ status: 'closed', note: 'Done without scripts' });
    await page.context().close();
  });
  it('the chair pastes the action log from the minutes: owners matched from initials, the unmatched flagged in the preview, recorded on confirming', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(meetingUrl(august));
    await follow(page, 'paste the action log from the minutes');
    await page.waitForURL(`${meetingUrl(august)}/actions/import`);
    await checked(page);
    await press(page, 'Preview the actions');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Paste the action log from the minutes']);
    await page.getByLabel('The action log from the minutes').fill('Action\tOwner\tDue');
    await press(page, 'Preview the actions');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['The action log holds no actions: paste the action log table from the minutes (Action, Owner, Due)']);
    const minutes = ['Action\tOwner\tDue', `1. Invite the designated doctor ${HOSTILE}\tSS/XY\t`, '2. Share the audit with partners\tVV\t30/01/2013'].join('\n');
    await page.getByLabel('The action log from the minutes').fill(minutes);
    await press(page, 'Preview the actions');
    await checked(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Check the actions to record');
    expect(await mainText(page)).toContain('2 actions to record; 1 owner flagged for the chair to settle. Nothing is recorded until you confirm.');
    const rows = page.locator('table.app-import-actions tbody tr');
    expect((await rows.nth(0).innerText()).replace(/\s+/g, ' ')).toContain(`Invite the designated doctor ${HOSTILE} Sam Safeguarding (SS) XY Not matched: nobody at the board has these initials The board’s next meeting`);
    expect((await rows.nth(1).innerText()).replace(/\s+/g, ' ')).toContain('Share the audit with partners Vic Viewer (VV) 30 January 2013');
    // Nothing is written by the preview.
    expect((await t.http.get(`/api/actions?boardId=${boardId}&meetingId=${august}`).expect(200)).body.total).toBe(1);
    await press(page, 'Record 2 actions');
    await page.waitForURL(/done=imported&created=2&flagged=1$/);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('2 actions are recorded from the minutes. 1 owner’s initials match nobody or several people at the board');
    const log = (await t.http.get(`/api/actions?boardId=${boardId}&meetingId=${august}`).expect(200)).body.items;
    expect(log.slice(1).map((a: { text: string; owners: Array<{ name: string }>; unresolvedOwners: string[]; dueOn: string }) => [a.text, a.owners.map((o) => o.name), a.unresolvedOwners, a.dueOn])).toEqual([
      [`Invite the designated doctor ${HOSTILE}`, ['Sam Safeguarding'], ['XY'], '2012-10-15'],
      ['Share the audit with partners', ['Vic Viewer'], [], '2013-01-30'],
    ]);
    expect(await mainText(page)).toContain('XY (not matched to a member)');
    await screenshot(page, 'board-meeting-imported');
    // A member may not import; without the CSRF token nobody may.
    const forged = await page.request.post(`${meetingUrl(august)}/actions/import`, { form: { text: minutes }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    await page.context().close();
    const member = await browser.newPage();
    await signIn(member, t.baseUrl, MEMBER);
    expect((await member.goto(`${meetingUrl(august)}/actions/import`))?.status()).toBe(403);
    await checked(member);
    await member.context().close();
    expect((await t.http.get(`/api/actions?boardId=${boardId}&meetingId=${august}`).expect(200)).body.total).toBe(3);
  });
});
