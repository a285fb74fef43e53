import type { Page } from 'playwright-core';
import { runDay } from './support/reminders';
import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { TEST_ADMIN, TEST_PASSWORD } from './support/test-app';
import { expectAccessible, launchBrowser, press, problemsOn, startWebApp, TestBrowser, WebApp } from './support/browser';

jest.setTimeout(180_000);

/**
 * Issue 12: every link in every email the product sends resolves to one of
 * the pages for its recipient. The reminder digests go to an activity's
 * owner, else its agency's contact, else the plan's lead officer, and
 * escalations to the plan's chair; each link is opened as a person would,
 * signed out: the sign-in page, then the page the link names.
 */
describe('Web pages: every link in a reminder email opens its page after signing in', () => {
  let t: WebApp;
  let browser: TestBrowser;
  let smtp: SmtpListener;
  const texts = { owned: 'Audit supervision files', nhs: 'Review weekend medical examinations', orphan: 'Publish the threshold document' };
  const people = { owner: 'owner@council.example', contact: 'contact@nhs.example', chair: 'chair@council.example', leadOfficer: TEST_ADMIN };

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startWebApp({ demo: false, redis: true, config: { smtpUrl: smtp.url } });
    browser = await launchBrowser();
    const agency = async (name: string) => (await t.http.post('/api/lead-agencies').send({ name }).expect(201)).body.id as string;
    const [council, nhs, orphan] = [await agency('Children’s Safeguarding'), await agency('NHS Southampton'), await agency('Schools forum')];
    const owner = (await t.http.post('/api/users').send({ name: 'Olive Owner', email: people.owner, roles: ['service_head'], password: TEST_PASSWORD, leadAgencyIds: [council] }).expect(201)).body;
    await t.http.post('/api/users').send({ name: 'Nina Nurse', email: people.contact, roles: ['service_head'], password: TEST_PASSWORD, leadAgencyIds: [nhs], contactForLeadAgencyIds: [nhs] }).expect(201);
    // The admin who creates the plan is its lead officer: they hear of work nobody else does.
    const plan = (
      await t.http
        .post('/api/plans')
        .send({
          title: 'Focused visit action plan 2012',
          kind: 'focused_visit',
          source: { publishedOn: '2012-06-13' },
          sections: [
            {
              title: 'Front door',
              recommendations: [
                {
                  number: 1,
                  band: 'within_three_months',
                  text: 'Strengthen management oversight.',
                  activities: [
                    { text: texts.owned, leadAgencyIds: [council], ownerId: owner.id },
                    { text: texts.nhs, leadAgencyIds: [nhs] },
                    { text: texts.orphan, leadAgencyIds: [orphan] },
                  ],
                },
              ],
            },
          ],
        })
        .expect(201)
    ).body;
    await t.http.post('/api/users').send({ name: 'Carol Chair', email: people.chair, roles: ['board_chair'], password: TEST_PASSWORD, planRoles: [{ planId: plan.id, role: 'chair' }] }).expect(201);
    // Due Thursday 13 September 2012: reminded on the day, escalated to the chair five working days later.
    await runDay(t, '2012-09-13');
    await runDay(t, '2012-09-20');
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

  /** Every address on this site in the emails sent to a person: the HTML part links the same addresses as the text part gives. */
  function linksTo(email: string): string[] {
    const mails = smtp.messages.filter((mail) => mail.to.includes(email));
    expect(mails.length).toBeGreaterThan(0);
    const pattern = new RegExp(`${t.baseUrl.replace(/[.]/g, '\\.')}/[^\\s"<]*`, 'g');
    const inText = new Set(mails.flatMap((mail) => [...mail.text.matchAll(pattern)].map((match) => match[0])));
    const inHtml = new Set(mails.flatMap((mail) => [...(mail.html ?? '').matchAll(pattern)].map((match) => match[0])));
    expect([...inHtml].sort()).toEqual([...inText].sort());
    return [...inText];
  }

  /** Opens a link signed out, signs in on the page it leads to, and answers where the person lands. */
  async function follow(link: string, email: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(link);
    const path = new URL(link).pathname;
    // /me is the address the emails give for changing digests; it leads to the account page.
    const expected = path === '/me' ? '/account' : path;
    expect(page.url()).toBe(`${t.baseUrl}/sign-in?returnTo=${encodeURIComponent(expected)}`);
    await checked(page);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await press(page, 'Sign in');
    await page.waitForURL(`${t.baseUrl}${expected}`);
    await checked(page);
    return page;
  }

  it.each([
    ['the owner', 'owner', [texts.owned]],
    ['the agency’s contact', 'contact', [texts.nhs]],
    ['the plan’s lead officer (work nobody else hears of)', 'leadOfficer', [texts.orphan]],
    ['the chair (escalations)', 'chair', [texts.owned, texts.nhs, texts.orphan]],
  ] as const)('gives %s links that open, after sign-in, each activity and the account page', async (_who, key, activities) => {
    const email = people[key];
    const links = linksTo(email);
    const activityLinks = links.filter((link) => /\/plans\/[^/]+\/activities\/[^/]+$/.test(link));
    expect(links.filter((link) => !activityLinks.includes(link))).toEqual([`${t.baseUrl}/me`]);
    const opened: string[] = [];
    for (const link of activityLinks) {
      const page = await follow(link, email);
      opened.push((await page.getByRole('heading', { level: 1 }).innerText()).trim());
      await page.context().close();
    }
    expect(opened.sort()).toEqual([...activities].sort());
    const account = await follow(`${t.baseUrl}/me`, email);
    expect(await account.getByRole('heading', { level: 1 }).innerText()).toBe('Your account');
    await account.context().close();
  });
});
