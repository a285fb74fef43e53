import type { Page } from 'playwright-core';
import { expectAccessible, follow, launchBrowser, press, problemsOn, screenshot, signIn, startWebApp, TestBrowser, WebApp } from './support/browser';
import { TEST_ADMIN } from './support/test-app';

jest.setTimeout(240_000);

const HOSTILE = '<script>alert(1)</script> {{7*7}} "quotes" \u202eRTL';
const LONG_WORD = `Safeguarding${'Partnership'.repeat(15)}`;

/**
 * A plan built and taken apart through the administration pages, as an
 * administrator does it in Chromium: every form refuses what the API refuses
 * (shown in the error summary, then put right), a stale form shows what
 * changed, and a new publication date says which due dates move before it
 * moves them.
 */
describe('Web pages: administration of plans, tables, recommendations and activities', () => {
  let t: WebApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    t = await startWebApp({ demo: false });
    browser = await launchBrowser();
    await t.http.post('/api/lead-agencies').send({ name: 'Children’s Safeguarding' }).expect(201);
    await t.http.post('/api/lead-agencies').send({ name: 'NHS Southampton' }).expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function checked(page: Page): Promise<void> {
    await expectAccessible(page);
    expect(problemsOn(page)).toEqual([]);
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();
  const summaryLinks = (page: Page) => page.locator('.govuk-error-summary a').allInnerTexts();
  const main = (page: Page) => page.locator('main').innerText();

  async function submit(page: Page, button: string, url?: RegExp): Promise<void> {
    await press(page, button);
    if (url) await page.waitForURL(url);
    await checked(page);
  }

  async function fillDate(page: Page, legend: string, day: string, month: string, year: string): Promise<void> {
    const group = page.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  }

  it('builds a plan, changes it, refuses stale forms, moves due dates with the publication date, and takes it apart', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, TEST_ADMIN);
    await page.goto(`${t.baseUrl}/admin/plans`);
    await checked(page);
    expect(await main(page)).toContain('There are no plans yet.');

    // Create: nothing, then a period that ends before it starts.
    await press(page, 'Create a plan');
    await checked(page);
    await submit(page, 'Create plan');
    expect(await summaryLinks(page)).toEqual(['Enter the plan’s title']);
    const title = `Improvement plan ${HOSTILE} ${LONG_WORD}`;
    await page.getByLabel('Title', { exact: true }).fill(title);
    await fillDate(page, 'Publication date (optional)', '13', '6', '2012');
    await fillDate(page, 'Start of the plan’s period (optional)', '1', '7', '2012');
    await fillDate(page, 'End of the plan’s period (optional)', '31', '3', '2012');
    await page.getByLabel('Key to abbreviations (optional)').fill('LSCB: Local Safeguarding Children Board\nno colon here');
    await submit(page, 'Create plan');
    expect(await summaryLinks(page)).toEqual(['Key to abbreviations: line 2 must be the abbreviation, a colon, then what it stands for, like L&D: Learning and Development Group']);
    await page.getByLabel('Key to abbreviations (optional)').fill('LSCB: Local Safeguarding Children Board');
    await submit(page, 'Create plan');
    expect(await summaryLinks(page)).toEqual(['The end of the plan’s period must not be before its start']);
    await page.locator('.govuk-error-summary a').first().click();
    expect(await page.evaluate('document.activeElement.id')).toBe('endsOn-day');
    await fillDate(page, 'End of the plan’s period (optional)', '31', '3', '2013');
    await submit(page, 'Create plan', /\/admin\/plans\/[0-9a-f-]{36}\?done=created$/);
    const planId = /plans\/([0-9a-f-]{36})/.exec(page.url())![1];
    expect(await heading(page)).toBe(title);
    expect(await main(page)).toContain('13 June 2012');
    expect(await main(page)).toContain('LSCB: Local Safeguarding Children Board');
    // The person creating it is its lead officer unless they choose someone else.
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Administrator');

    // Tables: one refused, two added, the second moved first.
    await press(page, 'Add a table');
    await checked(page);
    await submit(page, 'Add table');
    expect(await summaryLinks(page)).toEqual(['Enter the table’s title, for example Safeguarding']);
    await page.getByLabel('Title', { exact: true }).fill('Safeguarding');
    await page.getByLabel('Ofsted paragraph (optional)').fill('23');
    await submit(page, 'Add table', /done=table-added/);
    await press(page, 'Add a table');
    await page.getByLabel('Title', { exact: true }).fill(`Children looked after ${HOSTILE}`);
    await submit(page, 'Add table', /done=table-added/);
    await follow(page, 'Change or move table 2');
    await checked(page);
    await page.getByLabel('Position').selectOption({ label: '1st, before Table 1: Safeguarding' });
    await submit(page, 'Save changes', /done=table-changed/);
    expect(await page.locator('.app-plan-table h3').allInnerTexts()).toEqual([`Table 1: Children looked after ${HOSTILE}`, 'Table 2: Safeguarding']);

    // A recommendation: due by a date without one is refused; then within three months.
    await follow(page, 'Add a recommendation to table 2');
    await checked(page);
    expect(await page.getByLabel('Number').inputValue()).toBe('1');
    await page.getByLabel('Recommendation', { exact: true }).fill(`Ensure that core groups are held regularly ${HOSTILE}`);
    await page.getByLabel('By a date').check();
    await submit(page, 'Add recommendation');
    expect(await summaryLinks(page)).toEqual(['Enter the date it is due by']);
    expect(await page.getByRole('group', { name: 'The date it is due by (only when it is due by a date)' }).count()).toBe(1);
    await page.getByLabel('Within three months').check();
    await submit(page, 'Add recommendation', /done=recommendation-added/);
    expect(await main(page)).toContain('Within three months: due 13 September 2012');
    // The same number twice in a table is the API's refusal, said plainly.
    await follow(page, 'Add a recommendation to table 2');
    await page.getByLabel('Number').fill('1');
    await page.getByLabel('Recommendation', { exact: true }).fill('Another one');
    await page.getByLabel('Immediately').check();
    await submit(page, 'Add recommendation');
    expect(await summaryLinks(page)).toEqual(['Number is already taken by another recommendation in this table']);
    await page.getByLabel('Number').fill('2');
    await submit(page, 'Add recommendation', /done=recommendation-added/);

    // An activity: nothing, then a month-only due date, an agency, a cost.
    await follow(page, 'Add an activity to recommendation 1 of table 2');
    await checked(page);
    await submit(page, 'Add activity');
    expect(await summaryLinks(page)).toEqual(['Enter the activity to be delivered']);
    await page.getByLabel('Activity to be delivered').fill(`Audit core groups ${HOSTILE}`);
    await page.getByLabel('Outcome measures (optional)').fill('All core groups held within 10 days\n\nMinutes circulated');
    await page.getByLabel('Cost (optional)').fill('£3k per month');
    await page.getByLabel('Children’s Safeguarding').check();
    await fillDate(page, 'Its own due date (optional)', '', '13', '2012');
    await submit(page, 'Add activity');
    expect(await summaryLinks(page)).toEqual(['Its own due date must be a real date, or a month and year']);
    await fillDate(page, 'Its own due date (optional)', '', '9', '2012');
    await submit(page, 'Add activity', /done=activity-added/);
    await follow(page, 'Add an activity to recommendation 1 of table 2');
    await page.getByLabel('Activity to be delivered').fill('Train core group chairs');
    await submit(page, 'Add activity', /done=activity-added/);
    await screenshot(page, 'admin-plan');
    const activityRows = page.locator('table.app-activities tbody tr');
    expect(await activityRows.count()).toBe(2);
    expect(await activityRows.nth(0).innerText()).toContain(`Audit core groups ${HOSTILE}`);
    expect(await activityRows.nth(0).innerText()).toContain('September 2012');
    expect(await activityRows.nth(1).innerText()).toContain('13 Sep 2012');
    const [audit] = await t.dataSource.query(`SELECT id, cost_annual_pence, due_date::text FROM activities WHERE text LIKE 'Audit core groups%'`);
    expect(audit).toMatchObject({ cost_annual_pence: '3600000', due_date: '2012-09-30' });

    // Move the second activity first, through its form.
    await follow(page, 'Change activity 2 of recommendation 1 of table 2');
    await checked(page);
    await page.getByLabel('Position').selectOption({ index: 0 });
    await submit(page, 'Save changes', /done=activity-changed/);
    expect(await activityRows.nth(0).innerText()).toContain('Train core group chairs');

    // A stale edit: the activity changes elsewhere after the form is opened.
    await follow(page, 'Change activity 2 of recommendation 1 of table 2');
    await checked(page);
    const current = (await t.http.get(`/api/activities/${audit.id}`).expect(200)).body;
    await t.http.patch(`/api/activities/${audit.id}`).send({ costText: 'Existing resources', version: current.version }).expect(200);
    await page.getByLabel('Activity to be delivered').fill('Audit every core group');
    await submit(page, 'Save changes');
    expect(await page.title()).toMatch(/^Someone else changed this: Change the activity – /);
    expect(await page.locator('table').first().locator('tbody tr').allInnerTexts()).toEqual([
      `Activity\tAudit core groups ${HOSTILE}\tAudit every core group`,
      'Cost\tExisting resources\t£3k per month',
    ]);
    await screenshot(page, 'admin-activity-conflict');
    expect((await t.http.get(`/api/activities/${audit.id}`).expect(200)).body).toMatchObject({ text: `Audit core groups ${HOSTILE}`, cost: { text: 'Existing resources' } });
    await page.getByLabel('Cost (optional)').fill('Existing resources');
    await submit(page, 'Save my version', /done=activity-changed/);
    expect((await t.http.get(`/api/activities/${audit.id}`).expect(200)).body).toMatchObject({ text: 'Audit every core group', cost: { text: 'Existing resources' } });

    // A new publication date: the check page says which due dates move, and only then are they moved.
    await press(page, 'Change details');
    await checked(page);
    await fillDate(page, 'Publication date (optional)', '20', '6', '2012');
    await submit(page, 'Save changes');
    expect(await heading(page)).toBe('Check the new publication date');
    const moves = await page.locator('table tbody tr').allInnerTexts();
    // "Immediately" is 10 working days after publication; three months the same day three months on.
    expect(moves).toEqual(['Immediately\t27 June 2012\t4 July 2012\t1\t0', 'Within three months\t13 September 2012\t20 September 2012\t1\t1']);
    await screenshot(page, 'admin-plan-publication-date');
    expect((await t.dataSource.query(`SELECT published_on::text FROM plans WHERE id = $1`, [planId]))[0].published_on).toBe('2012-06-13');
    // Going back keeps what was typed.
    await press(page, 'Change the details again');
    await checked(page);
    expect(await page.getByRole('group', { name: 'Publication date (optional)' }).getByLabel('Day').inputValue()).toBe('20');
    await submit(page, 'Save changes');
    await submit(page, 'Save and move the due dates', /done=details-dates/);
    expect(await main(page)).toContain('20 June 2012');
    expect(await main(page)).toContain('Within three months: due 20 September 2012');
    // The activity with its own month keeps it.
    expect((await t.dataSource.query(`SELECT due_date::text FROM activities WHERE id = $1`, [audit.id]))[0].due_date).toBe('2012-09-30');

    // A stale delete shows the row as it is now; then it goes.
    await follow(page, 'Delete activity 2 of recommendation 1 of table 2');
    await checked(page);
    const now = (await t.http.get(`/api/activities/${audit.id}`).expect(200)).body;
    await t.http.patch(`/api/activities/${audit.id}`).send({ text: 'Audit every core group twice', version: now.version }).expect(200);
    await submit(page, 'Delete activity');
    expect(await summaryLinks(page)).toEqual(['Someone changed this activity after you opened this page. Check it is still the one to delete.']);
    expect(await main(page)).toContain('Audit every core group twice');
    await submit(page, 'Delete activity', /done=activity-deleted/);
    expect(await t.dataSource.query(`SELECT id FROM activities WHERE id = $1`, [audit.id])).toEqual([]);

    await follow(page, 'Delete recommendation 2 of table 2');
    await checked(page);
    await submit(page, 'Delete recommendation', /done=recommendation-deleted/);
    await follow(page, 'Delete table 1');
    await checked(page);
    expect(await main(page)).toContain(`Children looked after ${HOSTILE}`);
    await submit(page, 'Delete table', /done=table-deleted/);
    expect(await page.locator('.app-plan-table h3').allInnerTexts()).toEqual(['Table 1: Safeguarding']);

    await follow(page, 'Delete plan');
    await checked(page);
    expect(await main(page)).toContain('1 table, 1 recommendation and 1 activity go with it');
    await submit(page, 'Delete plan', /\/admin\/plans\?done=deleted$/);
    expect(await t.dataSource.query(`SELECT id FROM plans`)).toEqual([]);
    await page.context().close();
  });

  it('answers a row of another plan, or an address that names nothing, with the 404 page', async () => {
    const first = (await t.http.post('/api/plans').send({ title: 'First', kind: 'other', sections: [{ title: 'A', recommendations: [{ number: 1, text: 'R', band: 'immediately', activities: [{ text: 'X' }] }] }] }).expect(201)).body;
    const second = (await t.http.post('/api/plans').send({ title: 'Second', kind: 'other' }).expect(201)).body;
    const activityId = first.sections[0].recommendations[0].activities[0].id;
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, TEST_ADMIN);
    expect((await page.goto(`${t.baseUrl}/admin/plans/${first.id}/activities/${activityId}/edit`))?.status()).toBe(200);
    await checked(page);
    for (const path of [`/admin/plans/${second.id}/activities/${activityId}/edit`, `/admin/plans/${second.id}/tables/${first.sections[0].id}/edit`, '/admin/plans/not-an-id', `/admin/plans/${first.id}/recommendations/00000000-0000-4000-8000-000000000000/edit`]) {
      const response = await page.goto(`${t.baseUrl}${path}`);
      expect(response?.status()).toBe(404);
      expect(await heading(page)).toBe('Page not found');
      await checked(page);
    }
    await page.context().close();
  });
});
