import { copyFileSync, mkdirSync } from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { ActivityBody, allActivities, demoPlan, PlanTreeBody } from './support/plans-fixtures';
import { TEST_PASSWORD } from './support/test-app';
import { expectAccessible, follow, launchBrowser, leavePage, press, problemsOn, screenshot, signIn, startWebApp, tabTo, TestBrowser, WebApp, withoutJavaScript } from './support/browser';

jest.setTimeout(180_000);

const HEAD_CSL = 'head.csl@demo.test';
const HEAD_NHS = 'head.nhs@demo.test';
const SAFEGUARDING = 'SCC – CSL Directorate – Safeguarding';
/** The README's screenshots, taken here and committed. */
const DOCS_SCREENSHOTS = path.resolve(__dirname, '..', 'docs', 'screenshots');

/**
 * The service heads' pages on the demo plan, in 2012: their activities
 * (overdue first), an activity, and reporting progress on it, with errors,
 * a stale form, the keyboard alone and no JavaScript; and what a partner
 * lead (NHS) may not see.
 */
describe('Web pages: a service head’s activities and progress updates', () => {
  let t: WebApp;
  let browser: TestBrowser;
  let demo: PlanTreeBody;
  /** Demo activities led by the Safeguarding division alone: head.csl reports on them. */
  let led: ActivityBody[];
  let councilOnly: ActivityBody;
  let demoTitle: string;

  beforeAll(async () => {
    t = await startWebApp({ config: { councilName: 'Southampton City Council' } });
    browser = await launchBrowser();
    demo = await demoPlan(t);
    demoTitle = (demo as PlanTreeBody & { title: string }).title;
    led = allActivities(demo).filter((a) => a.leadAgencies.length === 1 && a.leadAgencies[0].name === SAFEGUARDING);
    councilOnly = allActivities(demo).find((a) => a.leadAgencies.length > 0 && a.leadAgencies.every((l) => l.name.startsWith('SCC')))!;
    // The demo plan's first board: Friday 14 September 2012, the day after the three-month deadline.
    t.clock.set('2012-09-14T09:00:00+01:00');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Every page a test visits: axe-core at WCAG 2.2 AA, and no script error, refused asset or dialog. */
  async function checked(page: Page): Promise<void> {
    await expectAccessible(page);
    expect(problemsOn(page)).toEqual([]);
  }

  const activityUrl = (activity: { id: string }) => `${t.baseUrl}/plans/${demo.id}/activities/${activity.id}`;
  const mainText = (page: Page) => page.locator('main').innerText();
  /** Text as a browser shows it: runs of spaces are one. */
  const words = (text: string) => text.replace(/\s+/g, ' ').trim();
  const apiActivity = async (id: string) => (await t.http.get(`/api/activities/${id}`).expect(200)).body;

  it('signs a service head in to their activities, overdue first, and takes an update with an error, then a valid one, showing the new RAG', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, HEAD_CSL);
    expect(new URL(page.url()).pathname).toBe('/your-activities');
    await checked(page);
    expect(await page.title()).toBe('Your activities – Improvement Plan Manager – Southampton City Council');
    // Overdue work comes first, and every row in it is red with its reason.
    const headings = await page.locator('main h2.govuk-heading-m').allTextContents();
    expect(headings[0]).toMatch(/^Overdue \(\d+\)$/);
    const overdue = page.locator('table').first();
    const tags = await overdue.locator('tbody td:nth-child(4) > .govuk-tag').allTextContents();
    expect(tags.length).toBeGreaterThan(0);
    expect(new Set(tags.map((tag) => tag.trim()))).toEqual(new Set(['Red']));
    expect(await overdue.locator('tbody tr').first().innerText()).toMatch(/working days overdue/);
    // Only work the Safeguarding division leads or the person owns: never the NHS's.
    expect(await mainText(page)).not.toContain('NHS Southampton');
    await page.setViewportSize({ width: 1280, height: 1000 });
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'service-head-home.png') });
    await screenshot(page, 'your-activities');

    const first = overdue.locator('tbody tr').first().getByRole('link');
    const text = (await first.innerText()).trim();
    await follow(page, first);
    await checked(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(text);
    expect(await page.locator('.app-standing .govuk-tag').innerText()).toBe('Red');
    const activityId = page.url().split('/').pop()!;

    await press(page, 'Update progress');
    await page.waitForURL(`${activityUrl({ id: activityId })}/update`);
    await checked(page);
    // Complete at 80% with no note: both refused, each named and linked, and what was entered stays.
    await page.getByLabel('Complete', { exact: true }).check();
    await page.getByLabel('Percent complete (optional)').fill('80');
    await press(page, 'Send update');
    await checked(page);
    expect(await page.title()).toMatch(/^Error: Update progress: /);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.locator('a').allTextContents()).toEqual([
      'Percent complete must be 100 when the status is complete, or left empty',
      'Enter a note: it is needed when the status is complete. Say what was done and where the evidence is. The board chair checks it before marking the work verified.',
    ]);
    expect(await page.evaluate('document.activeElement.className')).toContain('govuk-error-summary');
    await summary.getByRole('link', { name: /^Enter a note/ }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('note');
    expect(await page.getByLabel('Percent complete (optional)').inputValue()).toBe('80');
    expect(await page.getByLabel('Complete', { exact: true }).isChecked()).toBe(true);
    await screenshot(page, 'update-progress-error');
    expect((await apiActivity(activityId)).status).toBe('not_started');

    await page.getByLabel('Percent complete (optional)').fill('');
    await page.getByLabel('Note', { exact: true }).fill('Framework rolled out to every team; audit report on the intranet.');
    await page.getByLabel('Evidence links (optional)').fill('https://intranet.example/qaf-audit.pdf');
    await press(page, 'Send update');
    await page.waitForURL(`${activityUrl({ id: activityId })}/updated`);
    await checked(page);
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Progress update sent');
    // The new rating: complete work is Blue.
    expect(await mainText(page)).toContain('Status: Complete');
    expect((await page.locator('main .govuk-tag').allTextContents()).map((tag) => tag.trim())).toEqual(['Complete', 'Blue']);
    const saved = await apiActivity(activityId);
    expect({ status: saved.status, percentComplete: saved.percentComplete }).toEqual({ status: 'complete', percentComplete: 100 });
    const [update] = (await t.http.get(`/api/activities/${activityId}/updates`).expect(200)).body;
    expect(update).toMatchObject({ status: 'complete', note: 'Framework rolled out to every team; audit report on the intranet.', evidenceLinks: ['https://intranet.example/qaf-audit.pdf'], author: { name: 'Sam Safeguarding' } });

    // The activity's page now tells the update in its history; the list no longer counts it overdue.
    await follow(page, 'Go back to the activity');
    await checked(page);
    const history = page.locator('.app-history');
    expect(await history.innerText()).toContain('Progress reported');
    expect(await history.innerText()).toContain('Note: Framework rolled out to every team');
    expect(await history.getByRole('link', { name: 'https://intranet.example/qaf-audit.pdf' }).count()).toBe(1);
    await page.goto(`${t.baseUrl}/your-activities`);
    await checked(page);
    expect(await page.locator('#overdue ~ table').first().innerText()).not.toContain(text);
    await page.context().close();
  });

  it('filters the list by plan, status and RAG', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, HEAD_CSL);
    await page.getByText('Filter by plan, status or RAG rating').click();
    await page.getByLabel('Status').selectOption({ label: 'Complete' });
    await press(page, 'Apply filters');
    await page.waitForURL(/status=complete/);
    await checked(page);
    const rows = page.locator('main tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('.govuk-tag').first().innerText()).toBe('Complete');

    expect(await page.locator('main').innerText()).toContain('Showing 1 of your');
    await follow(page, 'Clear filters');
    await page.getByText('Filter by plan, status or RAG rating').click();
    await page.getByLabel('RAG rating').selectOption({ label: 'Red' });
    await page.getByLabel('Plan').selectOption({ label: demoTitle });
    await press(page, 'Apply filters');
    await page.waitForURL(/rag=red/);
    await checked(page);
    const ratings = await page.locator('main tbody td:nth-child(4) > .govuk-tag').allTextContents();
    expect(ratings.length).toBeGreaterThan(0);
    expect(new Set(ratings.map((r) => r.trim()))).toEqual(new Set(['Red']));
    expect(await page.getByLabel('RAG rating').inputValue()).toBe('red');
    // A filter value that is not among the choices is taken as "any", not an error.
    await page.goto(`${t.baseUrl}/your-activities?status=%3Cscript%3E&rag=purple`);
    await checked(page);
    expect(await page.locator('main tbody tr').count()).toBeGreaterThan(1);
    await page.context().close();
  });

  it('goes from signing in to a sent update with the keyboard alone', async () => {
    const activity = led[1];
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/sign-in`);
    await checked(page);
    await tabTo(page, 'the email address', (el) => el.name === 'email');
    await page.keyboard.type(HEAD_CSL);
    await tabTo(page, 'the password', (el) => el.name === 'password', 3);
    await page.keyboard.type(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${t.baseUrl}/your-activities`), page.keyboard.press('Enter')]);
    await checked(page);
    await tabTo(page, 'the skip link', (el) => el.text === 'Skip to main content', 1);
    await page.keyboard.press('Enter');
    const linkText = words(activity.text);
    await tabTo(page, `the activity "${linkText}"`, (el) => el.tag === 'a' && el.text === linkText, 200);
    await leavePage(page, () => page.keyboard.press('Enter'));
    await page.waitForURL(activityUrl(activity));
    await checked(page);
    await tabTo(page, 'Update progress', (el) => el.text === 'Update progress');
    await leavePage(page, () => page.keyboard.press('Enter'));
    await page.waitForURL(`${activityUrl(activity)}/update`);
    await checked(page);
    // Tab reaches the radio group at its chosen status; the arrow keys choose another.
    await tabTo(page, 'the status radios', (el) => el.name === 'status');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('In progress', { exact: true }).isChecked()).toBe(true);
    await tabTo(page, 'percent complete', (el) => el.name === 'percentComplete', 3);
    await page.keyboard.type('30');
    await tabTo(page, 'the note', (el) => el.name === 'note', 3);
    await page.keyboard.type('Recruitment panel booked for October.');
    await tabTo(page, 'Send update', (el) => el.text === 'Send update', 5);
    await leavePage(page, () => page.keyboard.press('Enter'));
    await page.waitForURL(`${activityUrl(activity)}/updated`);
    await checked(page);
    expect(await mainText(page)).toContain('In progress (30%)');
    expect((await apiActivity(activity.id)).percentComplete).toBe(30);
    await page.context().close();
  });

  it('takes an update without JavaScript: an error, then a valid one', async () => {
    const activity = led[2];
    const page = await withoutJavaScript(browser);
    await signIn(page, t.baseUrl, HEAD_CSL);
    await page.goto(`${activityUrl(activity)}/update`);
    await checked(page);
    expect(await page.evaluate('document.body.className')).not.toContain('js-enabled');
    // Nothing entered: there is nothing to report.
    await press(page, 'Send update');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Choose a new status, or give a percent complete, a note or an evidence link']);
    await page.getByLabel('Blocked', { exact: true }).check();
    await page.getByLabel('Note', { exact: true }).fill('Waiting for the new case management system.');
    await press(page, 'Send update');
    await page.waitForURL(`${activityUrl(activity)}/updated`);
    await checked(page);
    expect(await mainText(page)).toContain('Blocked');
    expect(await mainText(page)).toContain('Blocked: Waiting for the new case management system.');
    expect((await apiActivity(activity.id)).status).toBe('blocked');
    await page.context().close();
  });

  it('shows a stale form the conflict page: what changed and who reported meanwhile, the entries kept to send again; nothing overwritten', async () => {
    const activity = led[3];
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, HEAD_CSL);
    await page.goto(`${activityUrl(activity)}/update`);
    await checked(page);
    await page.getByLabel('In progress', { exact: true }).check();
    await page.getByLabel('Percent complete (optional)').fill('50');
    await page.getByLabel('Note', { exact: true }).fill('Half the supervision files are audited.');
    // Meanwhile someone else reports on the same activity.
    const current = await apiActivity(activity.id);
    await t.http.post(`/api/activities/${activity.id}/updates`).send({ status: 'in_progress', percentComplete: 20, note: 'Audit started by the QA team', version: current.version }).expect(201);

    await press(page, 'Send update');
    await checked(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Someone else changed this activity');
    expect(await page.title()).toMatch(/^Someone else changed this activity: /);
    expect(await mainText(page)).toContain('Your progress update has not been saved.');
    const changes = page.locator('main table');
    expect(await changes.locator('tbody tr').allInnerTexts()).toEqual(['Status\tNot started\tIn progress', 'Percent complete\tNot given\t20%']);
    expect(await mainText(page)).toContain('Audit started by the QA team');
    expect(await mainText(page)).toContain('Administrator');
    // What the person entered is kept.
    expect(await page.getByLabel('Percent complete (optional)').inputValue()).toBe('50');
    expect(await page.getByLabel('Note', { exact: true }).inputValue()).toBe('Half the supervision files are audited.');
    expect(await page.getByLabel('In progress', { exact: true }).isChecked()).toBe(true);
    await screenshot(page, 'update-progress-conflict');
    let updates = (await t.http.get(`/api/activities/${activity.id}/updates`).expect(200)).body;
    expect(updates.map((u: { note: string }) => u.note)).toEqual(['Audit started by the QA team']);

    // Sent again, on the current version: both updates stand, in order.
    await press(page, 'Send update');
    await page.waitForURL(`${activityUrl(activity)}/updated`);
    await checked(page);
    updates = (await t.http.get(`/api/activities/${activity.id}/updates`).expect(200)).body;
    expect(updates.map((u: { note: string; percentComplete: number }) => [u.note, u.percentComplete])).toEqual([
      ['Half the supervision files are audited.', 50],
      ['Audit started by the QA team', 20],
    ]);
    await page.context().close();
  });

  it('shows a partner lead only their agency’s work: a council-only activity is the 404 page and is not listed', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, HEAD_NHS);
    expect(new URL(page.url()).pathname).toBe('/your-activities');
    await checked(page);
    const listed = (await page.locator('main tbody tr a').allInnerTexts()).map(words);
    const nhsLed = allActivities(demo).filter((a) => a.leadAgencies.some((l) => l.name === 'NHS Southampton'));
    expect(listed.sort()).toEqual(nhsLed.map((a) => words(a.text)).sort());
    expect(listed).not.toContain(words(councilOnly.text));

    for (const suffix of ['', '/update', '/updated']) {
      const response = await page.goto(`${activityUrl(councilOnly)}${suffix}`);
      expect(response?.status()).toBe(404);
      await checked(page);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
      expect(words(await mainText(page))).not.toContain(words(councilOnly.text));
    }
    // An activity of theirs under another plan's address is no different.
    const other = (await t.http.post('/api/plans').send({ title: 'Another plan', kind: 'other', sections: [] }).expect(201)).body;
    expect((await page.goto(`${t.baseUrl}/plans/${other.id}/activities/${nhsLed[0].id}`))?.status()).toBe(404);
    await checked(page);
    expect((await page.goto(`${t.baseUrl}/plans/${demo.id}/activities/not-an-id`))?.status()).toBe(404);
    await checked(page);

    // The plan shows only their two activities, and no committee papers (they see part of the plan).
    await page.goto(`${t.baseUrl}/plans/${demo.id}`);
    await checked(page);
    expect(await page.locator('.govuk-task-list__item').count()).toBe(nhsLed.length);
    expect(await mainText(page)).toContain('You see the activities your agencies lead or you own');
    expect(await page.getByRole('heading', { name: 'Committee papers' }).count()).toBe(0);
    const appendix = await page.request.get(`${t.baseUrl}/plans/${demo.id}/appendix?format=html`);
    expect(appendix.status()).toBe(403);
    expect(await appendix.text()).toContain('You cannot do this');
    await page.context().close();
  });

  it('refuses what a person’s role does not allow with the same answers as the API', async () => {
    // The chair reviews; only those who lead the work report progress on it.
    const chair = await browser.newPage();
    await signIn(chair, t.baseUrl, 'chair@demo.test');
    const refused = await chair.goto(`${activityUrl(led[4])}/update`);
    expect(refused?.status()).toBe(403);
    await checked(chair);
    expect(await chair.getByRole('heading', { level: 1 }).innerText()).toBe('You cannot do this');
    await chair.goto(activityUrl(led[4]));
    await checked(chair);
    expect(await chair.getByRole('button', { name: 'Update progress' }).count()).toBe(0);
    await chair.context().close();
    // A service head does not verify or override.
    const head = await browser.newPage();
    await signIn(head, t.baseUrl, HEAD_CSL);
    for (const suffix of ['/verify', '/override']) {
      expect((await head.goto(`${activityUrl(led[4])}${suffix}`))?.status()).toBe(403);
      await checked(head);
    }
    await head.goto(activityUrl(led[4]));
    await checked(head);
    expect(await head.getByRole('button', { name: /Verify|Override/ }).count()).toBe(0);
    await head.context().close();
  });

  it('refuses an update form sent without its CSRF token, saving nothing', async () => {
    const activity = led[4];
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, HEAD_CSL);
    await page.goto(`${activityUrl(activity)}/update`);
    const version = await page.locator('input[name="version"]').inputValue();
    const response = await page.request.post(`${activityUrl(activity)}/update`, { form: { status: 'complete', note: 'Forged', version }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('The form could not be sent');
    expect((await t.http.get(`/api/activities/${activity.id}/updates`).expect(200)).body).toEqual([]);
    await page.context().close();
  });
});
