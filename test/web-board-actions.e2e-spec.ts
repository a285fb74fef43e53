import type { Page } from 'playwright-core';
import { expectAccessible, launchBrowser, press, problemsOn, signIn, startWebApp, TestBrowser, WebApp } from './support/browser';
import { TEST_ADMIN } from './support/test-app';

jest.setTimeout(240_000);

const CHAIR = 'chair@demo.test';
const MEMBER = 'viewer@demo.test';
const PARTNER_LEAD = 'head.nhs@demo.test';
const HOSTILE = '<script>alert(1)</script> {{7*7}} "quotes" \u202eRTL';
const LONG_WORD = `Safeguarding${'Partnership'.repeat(15)}`;

/**
 * The chair settles the owners an action log pasted from the minutes could
 * not match (initials matching nobody, or several people, kept on the action
 * as unresolvedOwners) and changes an action's text, owners and due date, on
 * the meeting's page; PATCH /api/actions/:id settles an owner's initials and
 * leaves the rest until the chair says otherwise. Only the board's chair and
 * admins change actions: a member who owns one gets the 403 page, someone
 * outside the board the 404 page.
 */
describe('Web pages: changing an action and settling the owners the minutes named by initials', () => {
  let t: WebApp;
  let browser: TestBrowser;
  let boardId: string;
  let october: string;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    t = await startWebApp();
    browser = await launchBrowser();
    t.clock.set('2012-10-01T09:00:00+01:00');
    // A second "SS" at the board, so the minutes' "SS" matches two people.
    await t.http.post('/api/users').send({ name: 'Sophie Smith', email: 'sophie.smith@demo.test', roles: ['viewer'] }).expect(201);
    const users = (await t.http.get('/api/users?pageSize=200').expect(200)).body.items as Array<{ id: string; email: string }>;
    for (const user of users) people[user.email] = user.id;
    boardId = (
      await t.http
        .post('/api/boards')
        .send({ name: 'Improvement Board', kind: 'improvement_board', cadenceMonths: 2, chairIds: [people[CHAIR]], memberIds: [people['head.csl@demo.test'], people[MEMBER], people['sophie.smith@demo.test']] })
        .expect(201)
    ).body.id;
    const chair = await t.as(CHAIR);
    october = (await chair.post('/api/meetings').send({ boardId, meetingDate: '2012-10-15', status: 'held' }).expect(201)).body.id;
    await chair.post('/api/meetings').send({ boardId, meetingDate: '2012-12-17' }).expect(201);
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

  const meetingUrl = () => `${t.baseUrl}/boards/${boardId}/meetings/${october}`;
  const summaryLinks = (page: Page) => page.locator('.govuk-error-summary a').allInnerTexts();
  const owners = (page: Page) => page.getByRole('group', { name: 'Owners', exact: true });
  const initials = (page: Page) => page.getByRole('group', { name: 'Initials from the minutes still to settle', exact: true });

  /** An action log pasted from the minutes: "SS" matches two people, "XY" nobody, "VV" Vic. */
  async function importAction(text: string): Promise<{ id: string; version: number; unresolvedOwners: string[] }> {
    const created = (await (await t.as(CHAIR)).post(`/api/meetings/${october}/actions/import`).send({ text: `Action\tOwner\tDue\n1. ${text}\tSS/XY/VV\t` }).expect(201)).body.created;
    expect(created).toHaveLength(1);
    return created[0];
  }

  it('PATCH /api/actions/:id settles an owner’s initials, keeps the rest until the chair leaves them out, refuses initials the action never had, and records each change', async () => {
    const action = await importAction('Report re-referrals through the API');
    expect(action.unresolvedOwners).toEqual(['SS', 'XY']);
    const chair = await t.as(CHAIR);
    // A change of text alone settles nothing.
    const renamed = (await chair.patch(`/api/actions/${action.id}`).send({ version: action.version, text: 'Report re-referrals by team' }).expect(200)).body;
    expect(renamed.unresolvedOwners).toEqual(['SS', 'XY']);
    // Initials the action never had are refused, by their place in the list, and nothing changes.
    const refused = await chair.patch(`/api/actions/${action.id}`).send({ version: renamed.version, unresolvedOwners: ['XY', 'AW'] }).expect(400);
    expect(refused.body.errors).toEqual({ 'unresolvedOwners[1]': 'is not among the initials from the minutes still to settle on this action' });
    // Choosing Sam as an owner settles "SS"; "XY" names nobody at the board and stays.
    const owned = (await chair.patch(`/api/actions/${action.id}`).send({ version: renamed.version, ownerIds: [people[MEMBER], people['head.csl@demo.test']] }).expect(200)).body;
    expect([owned.owners.map((o: { name: string }) => o.name), owned.unresolvedOwners]).toEqual([['Vic Viewer', 'Sam Safeguarding'], ['XY']]);
    // The chair says "XY" is settled by leaving it out.
    const settled = (await chair.patch(`/api/actions/${action.id}`).send({ version: owned.version, unresolvedOwners: [] }).expect(200)).body;
    expect(settled.unresolvedOwners).toEqual([]);
    const record = await t.dataSource.query(`SELECT before, after FROM audit_events WHERE entity_type = 'meeting_action' AND entity_id = $1 AND action = 'update' ORDER BY id`, [action.id]);
    // The record keeps what changed: the text alone, then the owners with the initials they settled, then the initials.
    expect(record.map((event: { before: { unresolvedOwners?: string[] }; after: { unresolvedOwners?: string[] } }) => [event.before.unresolvedOwners, event.after.unresolvedOwners])).toEqual([
      [undefined, undefined],
      [['SS', 'XY'], ['XY']],
      [['XY'], []],
    ]);
    expect(record[0].after).toMatchObject({ text: 'Report re-referrals by team' });
    // Owners close; only the chair (and admins) change.
    const member = await t.as(MEMBER);
    await member.patch(`/api/actions/${action.id}`).send({ version: settled.version, unresolvedOwners: [] }).expect(403);
    await chair.delete(`/api/actions/${action.id}?version=${settled.version}`).expect(204);
  });

  it('the chair settles the owners on the meeting’s page: errors in a summary first, then an owner chosen for "SS" and "XY" left, then "XY" unticked', async () => {
    const action = await importAction('Invite the designated doctor');
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(meetingUrl());
    await checked(page);
    expect(await page.locator('main .govuk-inset-text').innerText()).toContain('in 1 action.');
    const row = page.locator('table', { has: page.locator('caption', { hasText: 'Actions agreed at this meeting' }) }).locator('tbody tr');
    expect(await row.innerText()).toContain('SS (not matched to a member)');
    expect(await row.innerText()).toContain('XY (not matched to a member)');
    await page.getByRole('link', { name: 'Settle owners or change action 1 agreed on 15 October 2012' }).click();
    await page.waitForURL(`${meetingUrl()}/actions/${action.id}/edit`);
    await checked(page);
    expect(await page.title()).toBe('Change action 1: Meeting of 15 October 2012 – Improvement Plan Manager');
    expect(await page.locator('main .govuk-inset-text').innerText()).toContain('matched nobody, or several people, at the board: SS, XY.');
    const hints = (await initials(page).locator('.govuk-checkboxes__hint').allInnerTexts()).map((hint) => hint.trim());
    expect(hints).toEqual([
      '2 people at the board have these initials: Sam Safeguarding, Sophie Smith. Choose the one meant as an owner.',
      'Nobody at the board has these initials. Choose whom they meant above, or untick them once settled.',
    ]);
    expect(await owners(page).getByLabel('Vic Viewer (VV)').isChecked()).toBe(true);
    expect(await initials(page).getByLabel('SS', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Day').inputValue()).toBe('17');

    await page.getByLabel('What was agreed?').fill('');
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2013');
    await press(page, 'Save the action');
    await checked(page);
    expect(await page.title()).toMatch(/^Error: Change action 1/);
    expect(await summaryLinks(page)).toEqual(['Enter the action agreed', 'The due date must be a real date']);
    expect(await page.locator('.govuk-error-summary a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(['#text', '#dueOn-day']);
    await page.getByLabel('Day').fill('');
    await page.getByLabel('Month').fill('');
    await page.getByLabel('Year').fill('');
    await page.getByLabel('What was agreed?').fill('Invite the designated doctor to the December board');
    await press(page, 'Save the action');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(['Enter the date the action is due by']);
    expect(await page.getByLabel('What was agreed?').inputValue()).toBe('Invite the designated doctor to the December board');

    // Sophie is the "SS" meant: choosing her settles "SS"; "XY" stays ticked.
    await owners(page).getByLabel('Sophie Smith (SS)').check();
    await page.getByLabel('Day').fill('10');
    await page.getByLabel('Month').fill('12');
    await page.getByLabel('Year').fill('2012');
    await press(page, 'Save the action');
    await page.waitForURL(`${meetingUrl()}?done=action-changed`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The action is changed.');
    expect((await t.http.get(`/api/actions/${action.id}`).expect(200)).body).toMatchObject({
      text: 'Invite the designated doctor to the December board',
      owners: [{ name: 'Vic Viewer' }, { name: 'Sophie Smith' }],
      unresolvedOwners: ['XY'],
      dueOn: '2012-12-10',
    });
    expect(await row.innerText()).not.toContain('SS (not matched to a member)');
    expect(await row.innerText()).toContain('XY (not matched to a member)');

    // "XY" named someone outside the board: the chair unticks it.
    await page.getByRole('link', { name: 'Settle owners or change action 1 agreed on 15 October 2012' }).click();
    await page.waitForURL(`${meetingUrl()}/actions/${action.id}/edit`);
    await checked(page);
    await initials(page).getByLabel('XY', { exact: true }).uncheck();
    await press(page, 'Save the action');
    await page.waitForURL(`${meetingUrl()}?done=action-changed`);
    await checked(page);
    expect((await t.http.get(`/api/actions/${action.id}`).expect(200)).body.unresolvedOwners).toEqual([]);
    expect(await page.locator('main .govuk-inset-text').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Change action 1 agreed on 15 October 2012' }).count()).toBe(1);
    // With nothing to settle, the form has no initials to offer.
    await page.getByRole('link', { name: 'Change action 1 agreed on 15 October 2012' }).click();
    await page.waitForURL(`${meetingUrl()}/actions/${action.id}/edit`);
    await checked(page);
    expect(await initials(page).count()).toBe(0);
    await page.context().close();
  });

  it('a stale form gets the conflict table, keeps what the chair entered, and saves it when sent again', async () => {
    const [action] = (await t.http.get(`/api/actions?boardId=${boardId}&meetingId=${october}`).expect(200)).body.items;
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(`${meetingUrl()}/actions/${action.id}/edit`);
    await page.getByLabel('What was agreed?').fill('Invite the designated doctor and the named nurse');
    await owners(page).getByLabel('Sam Safeguarding (SS)').check();
    // Meanwhile the due date moves through the API.
    await (await t.as(CHAIR)).patch(`/api/actions/${action.id}`).send({ version: action.version, dueOn: '2012-12-17' }).expect(200);
    await press(page, 'Save the action');
    await checked(page);
    expect(await page.title()).toMatch(/^Someone else changed this: Change action 1/);
    expect(await page.locator('.govuk-error-summary').first().innerText()).toContain('Someone else changed this while you were working on it');
    expect(await page.locator('main table tbody tr').allInnerTexts()).toEqual([
      'Action\tInvite the designated doctor to the December board\tInvite the designated doctor and the named nurse',
      'Owners\tVic Viewer\nSophie Smith\tSam Safeguarding\nVic Viewer\nSophie Smith',
      'Due by\t17 / 12 / 2012\t10 / 12 / 2012',
    ]);
    expect((await t.http.get(`/api/actions/${action.id}`).expect(200)).body.text).toBe('Invite the designated doctor to the December board');
    expect(await page.getByLabel('What was agreed?').inputValue()).toBe('Invite the designated doctor and the named nurse');
    await page.getByLabel('Day').fill('17');
    await press(page, 'Save my version');
    await page.waitForURL(`${meetingUrl()}?done=action-changed`);
    expect((await t.http.get(`/api/actions/${action.id}`).expect(200)).body).toMatchObject({
      text: 'Invite the designated doctor and the named nurse',
      owners: [{ name: 'Sam Safeguarding' }, { name: 'Vic Viewer' }, { name: 'Sophie Smith' }],
      dueOn: '2012-12-17',
      version: action.version + 2,
    });
    await page.context().close();
  });

  it('refuses those who do not chair the board: the 403 page for a member who owns the action, the 404 page outside the board, and forms sent anyway change nothing', async () => {
    const action = await importAction('Share the audit with partners');
    const member = await browser.newPage();
    await signIn(member, t.baseUrl, MEMBER);
    await member.goto(meetingUrl());
    await checked(member);
    // Vic owns it (VV), so may close it, but not change it.
    expect(await member.getByRole('link', { name: /^Close action 2/ }).count()).toBe(1);
    expect(await member.getByRole('link', { name: /Change action|Settle owners/ }).count()).toBe(0);
    expect(await member.locator('main .govuk-inset-text').count()).toBe(0);
    const response = await member.goto(`${meetingUrl()}/actions/${action.id}/edit`);
    expect(response?.status()).toBe(403);
    expect(await member.getByRole('heading', { level: 1 }).innerText()).toBe('You cannot do this');
    await checked(member);
    const csrf = await member.locator('input[name="_csrf"]').first().inputValue();
    const posted = await member.request.post(`${meetingUrl()}/actions/${action.id}/edit`, {
      form: { _csrf: csrf, version: String(action.version), text: 'Taken over', ownerIds: people[MEMBER], initialsShown: 'yes', 'dueOn-day': '1', 'dueOn-month': '1', 'dueOn-year': '2013' },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(403);
    await member.context().close();

    const outsider = await browser.newPage();
    await signIn(outsider, t.baseUrl, PARTNER_LEAD);
    for (const address of [`${meetingUrl()}/actions/${action.id}/edit`, `${meetingUrl()}/actions/00000000-0000-4000-8000-000000000000/edit`]) {
      const answer = await outsider.goto(address);
      expect(answer?.status()).toBe(404);
      expect(await outsider.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
      await checked(outsider);
    }
    await outsider.context().close();

    // The chair's own form without its CSRF token is refused too.
    const chair = await browser.newPage();
    await signIn(chair, t.baseUrl, CHAIR);
    const forged = await chair.request.post(`${meetingUrl()}/actions/${action.id}/edit`, { form: { version: String(action.version), text: 'Forged', initialsShown: 'yes' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('The form could not be sent');
    await chair.context().close();
    expect((await t.http.get(`/api/actions/${action.id}`).expect(200)).body).toMatchObject({ text: 'Share the audit with partners', unresolvedOwners: ['SS', 'XY'], version: action.version });
  });

  it('keeps an owner who has left the board when the chair changes only the due date, and says why they cannot be chosen', async () => {
    const chair = await t.as(CHAIR);
    const board = (await t.http.post('/api/boards').send({ name: 'Partnership Executive', kind: 'partnership_executive', chairIds: [people[CHAIR]], memberIds: [people[MEMBER], people['sophie.smith@demo.test']] }).expect(201)).body;
    const meeting = (await chair.post('/api/meetings').send({ boardId: board.id, meetingDate: '2012-10-08', status: 'held' }).expect(201)).body.id;
    const action = (await chair.post('/api/actions').send({ meetingId: meeting, text: 'Audit the neglect strategy', ownerIds: [people[MEMBER], people['sophie.smith@demo.test']], dueOn: '2012-11-30' }).expect(201)).body;
    // Sophie leaves the board; the action is still hers.
    await t.http.patch(`/api/boards/${board.id}`).send({ version: board.version, memberIds: [people[MEMBER]] }).expect(200);
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(`${t.baseUrl}/boards/${board.id}/meetings/${meeting}/actions/${action.id}/edit`);
    await checked(page);
    expect(await owners(page).innerText()).toContain('Sophie Smith no longer sits at the board and cannot be chosen again: they stay an owner unless you change the owners.');
    await page.getByLabel('Day').fill('14');
    await page.getByLabel('Month').fill('12');
    await press(page, 'Save the action');
    await page.waitForURL(/done=action-changed/);
    const saved = (await t.http.get(`/api/actions/${action.id}`).expect(200)).body;
    expect([saved.dueOn, saved.owners.map((owner: { name: string }) => owner.name)]).toEqual(['2012-12-14', ['Vic Viewer', 'Sophie Smith']]);
    await page.context().close();
  });

  it('renders hostile text literally at 1280, 640 and 320 pixels without sideways scrolling; an admin changes actions too', async () => {
    const action = await importAction(`${HOSTILE} ${LONG_WORD}`);
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, TEST_ADMIN);
    for (const width of [1280, 640, 320]) {
      await page.setViewportSize({ width, height: 900 });
      for (const address of [meetingUrl(), `${meetingUrl()}/actions/${action.id}/edit`]) {
        await page.goto(address);
        await checked(page);
        expect(await page.content()).not.toContain('<script>alert(1)</script>');
        const text = await page.locator('body').innerText();
        // The meeting shows the action as text; the form holds it in its box.
        if (address === meetingUrl()) expect(text).toContain(HOSTILE);
        else expect(await page.getByLabel('What was agreed?').inputValue()).toBe(`${HOSTILE} ${LONG_WORD}`);
        expect(text).not.toMatch(/49 "quotes"/);
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
        expect([address, width, overflow]).toEqual([address, width, 0]);
      }
    }
    // A refused form gives the text back literally, and the admin's change is saved.
    await page.getByLabel('Day').fill(HOSTILE);
    await press(page, 'Save the action');
    await checked(page);
    expect(await page.getByLabel('Day').inputValue()).toBe(HOSTILE);
    expect(await page.getByLabel('What was agreed?').inputValue()).toBe(`${HOSTILE} ${LONG_WORD}`);
    expect(await page.content()).not.toContain('<script>alert(1)</script>');
    await page.getByLabel('Day').fill('17');
    await owners(page).getByLabel('Sophie Smith (SS)').check();
    await press(page, 'Save the action');
    await page.waitForURL(`${meetingUrl()}?done=action-changed`);
    expect((await t.http.get(`/api/actions/${action.id}`).expect(200)).body).toMatchObject({ text: `${HOSTILE} ${LONG_WORD}`, unresolvedOwners: ['XY'] });
    await page.context().close();
  });
});
