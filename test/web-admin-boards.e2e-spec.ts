import type { Page } from 'playwright-core';
import { demoPlan, PlanTreeBody } from './support/plans-fixtures';
import { expectAccessible, launchBrowser, press, problemsOn, signIn, startWebApp, TestBrowser, WebApp } from './support/browser';
import { TEST_ADMIN } from './support/test-app';

jest.setTimeout(240_000);

const HOSTILE = '<script>alert(1)</script> {{7*7}} "quotes" \u202eRTL';
const LONG_WORD = `Safeguarding${'Partnership'.repeat(10)}`;

/**
 * Setting boards up in the browser (issue 14's boards, admins): the list,
 * setting one up (the form's and the service's refusals in the error
 * summary, each linked to its field), changing who sits at it with the row
 * version (a stale form gets the conflict table), deleting one (refused
 * once a pack is issued), everything on the audit trail; other roles get
 * the 403 page; hostile text literal; 320 px without sideways scrolling.
 */
describe('Web pages: administration of boards', () => {
  let t: WebApp;
  let browser: TestBrowser;
  let demo: PlanTreeBody & { title: string };
  const people: Record<string, string> = {};

  beforeAll(async () => {
    t = await startWebApp();
    browser = await launchBrowser();
    demo = (await demoPlan(t)) as PlanTreeBody & { title: string };
    const users = (await t.http.get('/api/users?pageSize=200').expect(200)).body.items as Array<{ id: string; email: string }>;
    for (const user of users) people[user.email] = user.id;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function checked(page: Page): Promise<void> {
    await expectAccessible(page);
    expect(problemsOn(page)).toEqual([]);
  }

  async function admin(): Promise<Page> {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, TEST_ADMIN);
    return page;
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();
  const summaryLinks = (page: Page) => page.locator('.govuk-error-summary a').allInnerTexts();
  const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
  const auditOf = (boardId: string) => t.dataSource.query(`SELECT action, before, after FROM audit_events WHERE entity_type = 'board' AND entity_id = $1 ORDER BY id`, [boardId]);

  it('sets a board up: the form’s and the service’s refusals named in the summary, then the board saved and audited', async () => {
    const page = await admin();
    await page.goto(`${t.baseUrl}/admin`);
    await page.getByRole('link', { name: 'Boards', exact: true }).click();
    await page.waitForURL(`${t.baseUrl}/admin/boards`);
    await checked(page);
    expect(await page.locator('main').innerText()).toContain('No board is set up yet.');
    await press(page, 'Set up a board');
    await page.waitForURL(`${t.baseUrl}/admin/boards/new`);
    await checked(page);

    // Nothing entered, and a cadence that is not a number: the DTO's refusals, in the form's order.
    await page.getByLabel('How often it meets (optional)').fill('two');
    await press(page, 'Set up board');
    await checked(page);
    expect(await page.title()).toMatch(/^Error: Set up a board/);
    expect(await summaryLinks(page)).toEqual(['Enter the board’s name', 'Select the kind of board', 'Enter how often it meets as a whole number of months from 1 to 24, or leave it empty']);
    expect(await page.locator('.govuk-error-summary a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(['#name', '#kind', '#cadenceMonths']);

    // The service's refusal: a chair listed as a member too, named in the member's box.
    const name = `Children’s Services Improvement Board ${HOSTILE}`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Improvement board', { exact: true }).check();
    await page.getByLabel('How often it meets (optional)').fill('2');
    await group(page, 'Chairs').getByLabel('Chris Chair', { exact: true }).check();
    await group(page, 'Members').getByLabel('Chris Chair', { exact: true }).check();
    await group(page, 'Members').getByLabel('Sam Safeguarding', { exact: true }).check();
    await group(page, 'Plans it oversees').getByLabel(demo.title, { exact: true }).check();
    await press(page, 'Set up board');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(['Members: Chris Chair is already a chair of the board']);
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#memberIds');
    // What was entered stays.
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(name);
    expect(await group(page, 'Members').getByLabel('Sam Safeguarding', { exact: true }).isChecked()).toBe(true);
    expect(await group(page, 'Plans it oversees').getByLabel(demo.title, { exact: true }).isChecked()).toBe(true);
    expect(await t.dataSource.query('SELECT id FROM boards')).toEqual([]);

    await group(page, 'Members').getByLabel('Chris Chair', { exact: true }).uncheck();
    await group(page, 'Members').getByLabel('Vic Viewer', { exact: true }).check();
    await press(page, 'Set up board');
    await page.waitForURL(/\/admin\/boards\/[0-9a-f-]{36}\?done=created$/);
    await checked(page);
    expect(await heading(page)).toBe(name);
    const boardId = /boards\/([0-9a-f-]{36})/.exec(page.url())![1];
    const summary = await page.locator('.govuk-summary-list').innerText();
    expect(summary).toContain('Improvement board');
    expect(summary).toContain('Every 2 months');
    expect(summary).toContain('Chris Chair');
    expect(summary).toContain('Sam Safeguarding (SCC – CSL Directorate – Safeguarding)');
    expect(summary).toContain(demo.title);
    expect((await t.http.get(`/api/boards/${boardId}`).expect(200)).body).toMatchObject({
      name,
      kind: 'improvement_board',
      cadenceMonths: 2,
      chairs: [{ id: people['chair@demo.test'] }],
      members: [{ name: 'Sam Safeguarding' }, { name: 'Vic Viewer' }],
      plans: [{ id: demo.id }],
      version: 1,
    });
    expect(await auditOf(boardId)).toEqual([
      {
        action: 'create',
        before: null,
        after: expect.objectContaining({ name, cadenceMonths: 2, chairIds: [people['chair@demo.test']], planIds: [demo.id] }),
      },
    ]);
    // The chair now finds it among their boards.
    expect((await (await t.as('chair@demo.test')).get('/api/boards').expect(200)).body.items.map((b: { id: string }) => b.id)).toEqual([boardId]);

    // A second board may not take the same name: the service's words, against the name.
    await page.goto(`${t.baseUrl}/admin/boards/new`);
    await page.getByLabel('Name', { exact: true }).fill(name.toUpperCase());
    await page.getByLabel('Scrutiny panel', { exact: true }).check();
    await press(page, 'Set up board');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(['The name is already the name of another board']);
    expect(await page.getByLabel('Scrutiny panel', { exact: true }).isChecked()).toBe(true);

    // The list shows it.
    await page.goto(`${t.baseUrl}/admin/boards`);
    await checked(page);
    expect(await page.locator('main table tbody tr').allInnerTexts()).toEqual([`${name}\tImprovement board\tEvery 2 months\tChris Chair\t3\t1`]);
    await page.context().close();
  });

  it('changes who sits at a board with its version: a stale form gets the conflict table, then saves what the admin chose', async () => {
    const created = (
      await t.http
        .post('/api/boards')
        .send({ name: 'Safeguarding Partnership Executive', kind: 'partnership_executive', chairIds: [people['chair@demo.test']], memberIds: [people['head.nhs@demo.test']] })
        .expect(201)
    ).body;
    const page = await admin();
    await page.goto(`${t.baseUrl}/admin/boards/${created.id}`);
    await checked(page);
    await press(page, 'Change board');
    await page.waitForURL(`${t.baseUrl}/admin/boards/${created.id}/edit`);
    await checked(page);
    expect(await page.getByLabel('Partnership executive', { exact: true }).isChecked()).toBe(true);
    expect(await group(page, 'Members').getByLabel('Nat Health', { exact: true }).isChecked()).toBe(true);
    await group(page, 'Members').getByLabel('Sam Safeguarding', { exact: true }).check();
    await page.getByLabel('How often it meets (optional)').fill('3');

    // Meanwhile another admin renames it through the API.
    await t.http.patch(`/api/boards/${created.id}`).send({ version: 1, name: 'Safeguarding Partnership Executive Group' }).expect(200);
    await press(page, 'Save changes');
    await checked(page);
    expect(await page.title()).toMatch(/^Someone else changed this: Change Safeguarding Partnership Executive Group – /);
    expect(await page.locator('.govuk-error-summary').first().innerText()).toContain('Nothing has been saved.');
    expect(await page.locator('main table tbody tr').allInnerTexts()).toEqual([
      'Name\tSafeguarding Partnership Executive Group\tSafeguarding Partnership Executive',
      'How often it meets\tNot set\tEvery 3 months',
      'Members\tNat Health\tNat Health\nSam Safeguarding',
    ]);
    expect((await t.http.get(`/api/boards/${created.id}`).expect(200)).body).toMatchObject({ cadenceMonths: null, members: [{ name: 'Nat Health' }], version: 2 });
    // The form keeps what the admin entered; saving it again is their decision, with the current version.
    expect(await group(page, 'Members').getByLabel('Sam Safeguarding', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Name', { exact: true }).fill('Safeguarding Partnership Executive Group');
    await press(page, 'Save my version');
    await page.waitForURL(`${t.baseUrl}/admin/boards/${created.id}?done=changed`);
    await checked(page);
    expect((await t.http.get(`/api/boards/${created.id}`).expect(200)).body).toMatchObject({
      name: 'Safeguarding Partnership Executive Group',
      cadenceMonths: 3,
      members: [{ name: 'Nat Health' }, { name: 'Sam Safeguarding' }],
      version: 3,
    });
    const record = await auditOf(created.id);
    expect(record.map((event: { action: string }) => event.action)).toEqual(['create', 'update', 'update']);
    expect(record[2]).toMatchObject({ before: { cadenceMonths: null, memberIds: [people['head.nhs@demo.test']] }, after: { cadenceMonths: 3, memberIds: [people['head.nhs@demo.test'], people['head.csl@demo.test']] } });

    // Nat leaves the board: unticking removes the seat (the API replaces the list as given).
    await page.goto(`${t.baseUrl}/admin/boards/${created.id}/edit`);
    await group(page, 'Members').getByLabel('Nat Health', { exact: true }).uncheck();
    await page.getByLabel('How often it meets (optional)').fill('');
    await press(page, 'Save changes');
    await page.waitForURL(/done=changed/);
    expect((await t.http.get(`/api/boards/${created.id}`).expect(200)).body).toMatchObject({ cadenceMonths: null, members: [{ name: 'Sam Safeguarding' }] });
    expect((await (await t.as('head.nhs@demo.test')).get(`/api/boards/${created.id}`)).status).toBe(404);
    await page.context().close();
  });

  it('deletes a board with no issued pack; one whose pack is issued is refused with the reason', async () => {
    const spare = (await t.http.post('/api/boards').send({ name: 'Shadow board', kind: 'other' }).expect(201)).body;
    const issuedBoard = (await t.http.post('/api/boards').send({ name: 'Board with a pack', kind: 'other', chairIds: [people['chair@demo.test']], planIds: [demo.id] }).expect(201)).body;
    const meeting = (await t.http.post('/api/meetings').send({ boardId: issuedBoard.id, meetingDate: '2012-10-15' }).expect(201)).body;
    await t.http.post(`/api/meetings/${meeting.id}/pack/issue`).send({ asOf: '2012-10-01' }).expect(201);

    const page = await admin();
    await page.goto(`${t.baseUrl}/admin/boards/${issuedBoard.id}/delete`);
    await checked(page);
    await press(page, 'Delete board');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(["This board's meetings have 1 issued pack: what a board was shown is kept, so the board cannot be deleted"]);
    expect(await page.getByRole('button', { name: 'Delete board' }).count()).toBe(0);
    await t.http.get(`/api/boards/${issuedBoard.id}`).expect(200);

    // A stale page: the board changed after the page was opened.
    await page.goto(`${t.baseUrl}/admin/boards/${spare.id}`);
    await page.getByRole('link', { name: 'Delete board' }).click();
    await page.waitForURL(`${t.baseUrl}/admin/boards/${spare.id}/delete`);
    await t.http.patch(`/api/boards/${spare.id}`).send({ version: 1, cadenceMonths: 1 }).expect(200);
    await press(page, 'Delete board');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(['Someone changed this board after you opened this page. Check it is still the one to delete.']);
    await press(page, 'Delete board');
    await page.waitForURL(`${t.baseUrl}/admin/boards?done=deleted`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The board has been deleted');
    await t.http.get(`/api/boards/${spare.id}`).expect(404);
    expect((await auditOf(spare.id)).map((event: { action: string }) => event.action)).toEqual(['create', 'update', 'delete']);
    await page.context().close();
  });

  it('refuses everyone but admins: the 403 page for the chair, a member and a partner lead, and a form sent anyway changes nothing', async () => {
    const [board] = (await t.http.get('/api/boards').expect(200)).body.items;
    for (const email of ['chair@demo.test', 'viewer@demo.test', 'head.nhs@demo.test']) {
      const page = await browser.newPage();
      await signIn(page, t.baseUrl, email);
      for (const path of ['/admin/boards', '/admin/boards/new', `/admin/boards/${board.id}`, `/admin/boards/${board.id}/edit`, `/admin/boards/${board.id}/delete`]) {
        const response = await page.goto(`${t.baseUrl}${path}`);
        expect([path, response?.status()]).toEqual([path, 403]);
        expect(await heading(page)).toBe('You cannot do this');
      }
      await checked(page);
      const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
      const posted = await page.request.post(`${t.baseUrl}/admin/boards/${board.id}/edit`, { form: { _csrf: csrf, name: 'Taken over', kind: 'other', version: String(board.version) }, maxRedirects: 0 });
      expect(posted.status()).toBe(403);
      const removed = await page.request.post(`${t.baseUrl}/admin/boards/${board.id}/delete`, { form: { _csrf: csrf, version: String(board.version) }, maxRedirects: 0 });
      expect(removed.status()).toBe(403);
      await page.context().close();
    }
    expect((await t.http.get(`/api/boards/${board.id}`).expect(200)).body).toMatchObject({ name: board.name, version: board.version });
    // Without the CSRF token, an admin's form is refused too.
    const page = await admin();
    const forged = await page.request.post(`${t.baseUrl}/admin/boards/new`, { form: { name: 'Forged board', kind: 'other' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('The form could not be sent');
    expect(await t.dataSource.query(`SELECT id FROM boards WHERE name = 'Forged board'`)).toEqual([]);
    // An id that is no board is the 404 page.
    expect((await page.goto(`${t.baseUrl}/admin/boards/00000000-0000-4000-8000-000000000000`))?.status()).toBe(404);
    expect((await page.goto(`${t.baseUrl}/admin/boards/not-a-board`))?.status()).toBe(404);
    await page.context().close();
  });

  it('renders hostile text literally on every page at 1280, 640 and 320 pixels, without sideways scrolling', async () => {
    const hostileBoard = (
      await t.http
        .post('/api/boards')
        .send({ name: `${HOSTILE} ${LONG_WORD}`, kind: 'scrutiny_panel', cadenceMonths: 1, chairIds: [people['chair@demo.test']], memberIds: [people['viewer@demo.test']], planIds: [demo.id] })
        .expect(201)
    ).body;
    const page = await admin();
    for (const width of [1280, 640, 320]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ['/admin', '/admin/boards', '/admin/boards/new', `/admin/boards/${hostileBoard.id}`, `/admin/boards/${hostileBoard.id}/edit`, `/admin/boards/${hostileBoard.id}/delete`]) {
        await page.goto(`${t.baseUrl}${path}`);
        await checked(page);
        const html = await page.content();
        expect(html).not.toContain('<script>alert(1)</script>');
        const text = await page.locator('body').innerText();
        expect(text).not.toMatch(/49 "quotes"/);
        if (path !== '/admin' && path !== '/admin/boards/new') expect(text).toContain(HOSTILE);
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
        expect([path, width, overflow]).toEqual([path, width, 0]);
      }
    }
    // A refused form gives the text back literally.
    await page.goto(`${t.baseUrl}/admin/boards/new`);
    await page.getByLabel('Name', { exact: true }).fill(HOSTILE);
    await page.getByLabel('How often it meets (optional)').fill(HOSTILE.slice(0, 20));
    await press(page, 'Set up board');
    await checked(page);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(HOSTILE);
    expect(await page.getByLabel('How often it meets (optional)').inputValue()).toBe(HOSTILE.slice(0, 20));
    expect(await page.content()).not.toContain('<script>alert(1)</script>');
    await page.context().close();
  });
});
