import type { Page } from 'playwright-core';
import { drainReminders } from './support/reminders';
import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { TEST_ADMIN, TEST_PASSWORD } from './support/test-app';
import { expectAccessible, follow, launchBrowser, leavePage, press, problemsOn, screenshot, signIn, startWebApp, TestBrowser, WebApp } from './support/browser';

jest.setTimeout(180_000);

const HOSTILE = '<script>alert(1)</script> {{7*7}} "quotes" \u202eRTL';

/**
 * The reminder queue's pages with the queue on (real Redis, a mail server
 * that refuses, then accepts) and off, and the activities nobody hears about.
 */
describe('Web pages: the reminder queue and who hears of what', () => {
  let t: WebApp;
  let off: WebApp;
  let browser: TestBrowser;
  let smtp: SmtpListener;
  const owner = { id: '', email: `owner.${Date.now()}@council.example` };

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startWebApp({ demo: false, redis: true, config: { smtpUrl: smtp.url } });
    off = await startWebApp({ demo: false });
    browser = await launchBrowser();
    const agency = (await t.http.post('/api/lead-agencies').send({ name: `Youth Offending Service ${HOSTILE}` }).expect(201)).body;
    owner.id = (await t.http.post('/api/users').send({ name: `Olive Owner ${HOSTILE}`, email: owner.email, roles: ['service_head'], password: TEST_PASSWORD }).expect(201)).body.id;
    await t.http
      .post('/api/plans')
      .send({
        title: `Reminders plan ${HOSTILE}`,
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
                  { text: 'Audit core groups', ownerId: owner.id, dueDate: '2012-08-28' },
                  { text: `Nobody owns this ${HOSTILE}`, leadAgencyIds: [agency.id] },
                ],
              },
            ],
          },
        ],
      })
      .expect(201);
    const orphan = (await t.http.post('/api/plans').send({ title: 'A plan without a lead officer', kind: 'other', sections: [{ title: 'A', recommendations: [{ number: 1, band: 'immediately', text: 'R', activities: [{ text: 'Orphaned work' }] }] }] }).expect(201)).body;
    // A new plan's lead officer is the person who made it; taking it away leaves work nobody hears of.
    await t.http.patch(`/api/plans/${orphan.id}`).send({ leadOfficerId: null, version: orphan.version }).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await off?.close();
    await smtp?.stop();
  });

  async function checked(page: Page): Promise<void> {
    await expectAccessible(page);
    expect(problemsOn(page)).toEqual([]);
  }

  it('says plainly that reminders are off when there is no queue', async () => {
    const page = await browser.newPage();
    await signIn(page, off.baseUrl, TEST_ADMIN);
    const response = await page.goto(`${off.baseUrl}/admin/failed-reminders`);
    expect(response?.status()).toBe(503);
    await checked(page);
    expect(await page.locator('main h2').innerText()).toBe('Reminders are off');
    expect(await page.locator('main').innerText()).toContain('no reminder emails are queued or sent');
    await screenshot(page, 'admin-failed-reminders-off');
    await page.context().close();
  });

  it('lists the emails that failed every retry, and sends one again', async () => {
    smtp.clear();
    smtp.rejectNext(1000);
    // 13 August 2012: ten working days before the owner's activity is due (27 August is a bank holiday).
    await t.http.post('/api/admin/reminders/run?asOf=2012-08-13').expect(200);
    await drainReminders(t);
    const failed = (await t.http.get('/api/admin/queues/failed').expect(200)).body as Array<{ id: string }>;
    expect(failed.length).toBeGreaterThan(0);

    const page = await browser.newPage();
    await signIn(page, t.baseUrl, TEST_ADMIN);
    await page.goto(`${t.baseUrl}/admin`);
    await follow(page, 'Reminder emails that failed');
    await checked(page);
    await screenshot(page, 'admin-failed-reminders');
    const row = page.locator('tbody tr', { hasText: 'Olive Owner' });
    expect(await row.innerText()).toContain(`Olive Owner ${HOSTILE}`);
    expect(await row.innerText()).toContain('13 August 2012');
    expect(await row.innerText()).toContain(`${t.config.reminderAttempts} tries`);

    smtp.rejectNext(0);
    await leavePage(page, () => row.getByRole('button', { name: /^Send again to Olive Owner/ }).click());
    await page.waitForURL(`${t.baseUrl}/admin/failed-reminders?done=retried`);
    await checked(page);
    await drainReminders(t);
    expect(smtp.messages.some((mail) => mail.to.includes(owner.email))).toBe(true);
    await page.reload();
    await checked(page);
    expect(await page.locator('tbody tr', { hasText: 'Olive Owner' }).count()).toBe(0);
    // A job that is not (or no longer) failed names nothing.
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    expect((await page.request.post(`${t.baseUrl}/admin/failed-reminders/${encodeURIComponent(`digest:${owner.id}:2012-08-13`)}/retry`, { form: { _csrf: csrf }, maxRedirects: 0 })).status()).toBe(404);
    // Without its token, the retry is refused.
    expect((await page.request.post(`${t.baseUrl}/admin/failed-reminders/${encodeURIComponent(failed[0].id)}/retry`, { maxRedirects: 0 })).status()).toBe(403);
    await page.context().close();
  });

  it('lists the activities nobody hears about, by plan, each linking to where it gets an owner', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, TEST_ADMIN);
    await page.goto(`${t.baseUrl}/admin/unheard-activities`);
    await checked(page);
    await screenshot(page, 'admin-unheard');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const nobody = rows.filter({ hasText: 'Orphaned work' });
    expect(await nobody.innerText()).toContain('Nobody');
    const unowned = rows.filter({ hasText: 'Nobody owns this' });
    expect(await unowned.innerText()).toContain(`Nobody owns this ${HOSTILE}`);
    expect(await unowned.innerText()).toContain('The plan’s lead officer, Administrator');
    expect(await unowned.innerText()).toContain(`Youth Offending Service ${HOSTILE}`);
    await page.getByLabel('Plan').selectOption({ label: 'A plan without a lead officer' });
    await press(page, 'Show activities');
    await checked(page);
    expect(await rows.count()).toBe(1);
    await follow(page, rows.first().getByRole('link'));
    await checked(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Change the activity');
    expect((await page.goto(`${t.baseUrl}/admin/unheard-activities?planId=not-a-plan`))?.status()).toBe(404);
    await checked(page);
    await page.context().close();
  });
});
