import type { Page } from 'playwright-core';
import { runDay } from './support/reminders';
import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { TEST_PASSWORD } from './support/test-app';
import { expectAccessible, launchBrowser, leavePage, press, problemsOn, screenshot, signIn, startWebApp, TestBrowser, WebApp } from './support/browser';

jest.setTimeout(120_000);

const HOSTILE = '<script>alert(1)</script> {{7*7}} "quotes" \u202eRTL';

/**
 * Notifications come from the real reminder scan (Redis queue, SMTP digests)
 * over a plan published 13 June 2012 whose activities fall due around the
 * Summer bank holiday.
 */
describe('Web pages: notifications', () => {
  let t: WebApp;
  let browser: TestBrowser;
  let smtp: SmtpListener;
  let planId: string;
  const activities: Record<string, string> = {};
  const owner = { email: 'owner@council.gov.uk', id: '' };

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startWebApp({ demo: false, redis: true, config: { smtpUrl: smtp.url } });
    browser = await launchBrowser();
    const agency = (await t.http.post('/api/lead-agencies').send({ name: 'Children’s Safeguarding' }).expect(201)).body;
    owner.id = (await t.http.post('/api/users').send({ name: 'Olive Owner', email: owner.email, roles: ['service_head'], password: TEST_PASSWORD, leadAgencyIds: [agency.id] }).expect(201)).body.id;
    await t.http.post('/api/users').send({ name: 'Other Officer', email: 'other@council.gov.uk', roles: ['service_head'], password: TEST_PASSWORD }).expect(201);
    const plan = (
      await t.http
        .post('/api/plans')
        .send({
          title: 'Notifications test plan',
          kind: 'ofsted_inspection',
          source: { publishedOn: '2012-06-13' },
          sections: [
            {
              title: 'Safeguarding',
              recommendations: [
                {
                  number: 1,
                  band: 'by_date',
                  targetDate: '2012-08-28',
                  text: 'Core groups are held regularly.',
                  activities: [
                    { text: `Audit core groups ${HOSTILE}`, leadAgencyIds: [agency.id], ownerId: owner.id, dueDate: '2012-08-28' },
                    { text: 'Train chairs of core groups', leadAgencyIds: [agency.id], ownerId: owner.id, dueDate: '2012-08-29' },
                  ],
                },
              ],
            },
          ],
        })
        .expect(201)
    ).body;
    planId = plan.id;
    for (const a of plan.sections[0].recommendations[0].activities) activities[a.text.startsWith('Audit') ? 'audit' : 'train'] = a.id;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.stop();
  });

  async function checked(page: Page): Promise<void> {
    await expectAccessible(page);
    expect(problemsOn(page)).toEqual([]);
  }

  it('says so when there are none', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, owner.email);
    expect(new URL(page.url()).pathname).toBe('/your-activities');
    await page.goto(`${t.baseUrl}/notifications`);
    await checked(page);
    expect(await page.locator('main').innerText()).toContain('You have no notifications.');
    await page.context().close();
  });

  it('lists unread first, newest first within each, each linking to its activity; marks one and then all read', async () => {
    // 10 working days before 28 and 29 August (the bank holiday on the 27th does not count), then 5.
    for (const day of ['2012-08-13', '2012-08-14', '2012-08-21', '2012-08-22']) await runDay(t, day);
    const bearer = (await t.anon.post('/api/auth/sign-in').send({ email: owner.email, password: TEST_PASSWORD }).expect(200)).body.accessToken;
    const listed = (await t.withToken(bearer).get('/api/me/notifications').expect(200)).body;
    expect(listed.total).toBe(4);
    // The newest one is read elsewhere (through the API), so it goes below the unread ones.
    await t.withToken(bearer).post(`/api/me/notifications/${listed.items[0].id}/read`).expect(204);

    const page = await browser.newPage();
    await signIn(page, t.baseUrl, owner.email);
    await page.goto(`${t.baseUrl}/notifications`);
    await checked(page);
    await screenshot(page, 'notifications');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(4);
    const statuses = async () => (await page.locator('tbody .govuk-tag').allTextContents()).map((s) => s.trim());
    expect(await statuses()).toEqual(['Unread', 'Unread', 'Unread', 'Read']);
    expect(await page.locator('main p').first().innerText()).toContain('You have 3 unread notifications.');
    const titles = await rows.locator('td:first-child').allInnerTexts();
    expect(titles[0]).toBe(`Due in 5 working days: Audit core groups ${HOSTILE} (Safeguarding 1)`);
    expect(titles[1]).toMatch(/^Due in 10 working days: Train chairs/);
    expect(titles[2]).toMatch(/^Due in 10 working days: Audit core groups/);
    expect(titles[3]).toMatch(/^Due in 5 working days: Train chairs/);
    // The address reminder emails use: the activity page.
    expect(await rows.first().getByRole('link').getAttribute('href')).toBe(`/plans/${planId}/activities/${activities.audit}`);
    expect(await page.content()).not.toContain('<script>alert(1)</script>');
    const mail = await smtp.waitFor((m) => m.to.includes(owner.email));
    expect(mail.text).toContain(`${t.baseUrl}/plans/${planId}/activities/${activities.audit}`);

    await leavePage(page, () => rows.first().getByRole('button', { name: /^Mark as read/ }).click());
    await page.waitForURL(`${t.baseUrl}/notifications`);
    await checked(page);
    expect(await statuses()).toEqual(['Unread', 'Unread', 'Read', 'Read']);
    expect(await page.locator('main p').first().innerText()).toContain('You have 2 unread notifications.');

    await press(page, 'Mark all as read');
    await page.waitForURL(`${t.baseUrl}/notifications`);
    await checked(page);
    expect(await statuses()).toEqual(['Read', 'Read', 'Read', 'Read']);
    expect(await page.getByRole('button', { name: 'Mark all as read' }).count()).toBe(0);
    expect((await t.withToken(bearer).get('/api/me/notifications').expect(200)).body.unread).toBe(0);
    await page.context().close();
  });

  it('answers someone else’s notification with the 404 page, changing nothing', async () => {
    const [{ id }] = await t.dataSource.query('SELECT id FROM notifications WHERE user_id = $1 LIMIT 1', [owner.id]);
    await t.dataSource.query('UPDATE notifications SET read_at = NULL WHERE id = $1', [id]);
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, 'other@council.gov.uk');
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const response = await page.request.post(`${t.baseUrl}/notifications/${id}/read`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(response.status()).toBe(404);
    expect(await response.text()).toContain('Page not found');
    const [{ read_at: readAt }] = await t.dataSource.query('SELECT read_at FROM notifications WHERE id = $1', [id]);
    expect(readAt).toBeNull();
    // A malformed id is the same 404 page, not a database error.
    expect((await page.request.post(`${t.baseUrl}/notifications/not-an-id/read`, { form: { _csrf: csrf }, maxRedirects: 0 })).status()).toBe(404);
    await page.context().close();
  });

  it('opens the page a reminder email’s settings link names, after signing in', async () => {
    const mail = await smtp.waitFor((m) => m.to.includes(owner.email));
    const settings = /(http:\/\/\S+\/me)\b/.exec(mail.text)![1];
    expect(settings).toBe(`${t.baseUrl}/me`);
    const page = await browser.newPage();
    await page.goto(settings);
    expect(page.url()).toBe(`${t.baseUrl}/sign-in?returnTo=%2Faccount`);
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await press(page, 'Sign in');
    await page.waitForURL(`${t.baseUrl}/account`);
    await checked(page);
    await page.context().close();
  });
});
