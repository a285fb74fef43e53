import { mkdirSync } from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { ActivityBody, agencyNamed, allActivities, demoPlan, PlanTreeBody } from './support/plans-fixtures';
import { TEST_PASSWORD } from './support/test-app';
import { expectAccessible, follow, launchBrowser, press, problemsOn, screenshot, signIn, startWebApp, TestBrowser, WebApp } from './support/browser';

jest.setTimeout(240_000);

const CHAIR = 'chair@demo.test';
const HEAD_CSL = 'head.csl@demo.test';
const SAFEGUARDING = 'SCC – CSL Directorate – Safeguarding';
const DOCS_SCREENSHOTS = path.resolve(__dirname, '..', 'docs', 'screenshots');
const HOSTILE = '<script>alert(1)</script> {{7*7}} "quotes" \u202eRTL';
const LONG_WORD = `Safeguarding${'Partnership'.repeat(15)}`;

interface Group {
  key: string;
  label: string;
  count: number;
}

/**
 * The chair's pages on the demo plan: the review as of 14 September 2012,
 * grouped each way, verifying and overriding from there, the plan page with
 * its roll-ups and papers; and hostile text on every plan, activity and
 * review page, at desktop width and at 200% and 400% zoom.
 */
describe('Web pages: the chair’s review, verifying and overriding, the plan page', () => {
  let t: WebApp;
  let browser: TestBrowser;
  let demo: PlanTreeBody;
  let led: ActivityBody[];

  beforeAll(async () => {
    t = await startWebApp({ config: { councilName: 'Southampton City Council' } });
    browser = await launchBrowser();
    demo = await demoPlan(t);
    led = allActivities(demo).filter((a) => a.leadAgencies.length === 1 && a.leadAgencies[0].name === SAFEGUARDING);
    // The Head of Safeguarding reports one activity complete before the board...
    t.clock.set('2012-09-10T10:00:00+01:00');
    await (await t.as(HEAD_CSL)).post(`/api/activities/${led[0].id}/updates`).send({ status: 'complete', note: 'Audit report published' }).expect(201);
    // ...and the chair reviews afterwards, as the record stood on 14 September.
    t.clock.set('2012-10-01T09:00:00+01:00');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function checked(page: Page): Promise<void> {
    await expectAccessible(page);
    expect(problemsOn(page)).toEqual([]);
  }

  const mainText = (page: Page) => page.locator('main').innerText();
  const activityUrl = (activity: { id: string }) => `${t.baseUrl}/plans/${demo.id}/activities/${activity.id}`;
  const apiAsChair = async (url: string) => (await (await t.as(CHAIR)).get(url).expect(200)).body;
  /** The "By …" table: each group's label and count, as the page shows them. */
  const groupCounts = async (page: Page) =>
    (await page.locator('table.app-group-counts tbody tr').allInnerTexts()).map((row) => {
      const [label, count] = row.split('\t');
      return [label.trim(), Number(count)];
    });
  const asApi = (groups: Group[]) => groups.map((group) => [group.label, group.count]);

  it('reviews overdue work as of 14 September 2012 grouped by lead agency, with counts and working days overdue, as the API answers', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    expect(new URL(page.url()).pathname).toBe('/review');
    await checked(page);
    await page.getByLabel('Day').fill('14');
    await page.getByLabel('Month').fill('9');
    await page.getByLabel('Year').fill('2012');
    await press(page, 'Show');
    await page.waitForURL(/asOf-day=14/);
    await checked(page);
    const api = await apiAsChair('/api/reviews/overdue?asOf=2012-09-14');
    // The activity reported complete on 10 September is not overdue as of the 14th.
    expect(api.total).toBe(47);
    expect(await page.title()).toBe('Review: overdue as of 14 September 2012 by lead agency – Improvement Plan Manager – Southampton City Council');
    expect(await page.getByRole('heading', { level: 2, name: /overdue as of/ }).innerText()).toBe('47 activities overdue as of 14 September 2012');
    expect(await groupCounts(page)).toEqual(asApi(api.groups));
    // Each group lists its work with working days overdue, linked to the activity.
    const first = api.groups[0];
    const heading = page.getByRole('heading', { level: 3, name: `${first.label}: ${first.count} activities overdue` });
    expect(await heading.count()).toBe(1);
    const firstItem = api.items.find((item: { activityId: string }) => first.activityIds.includes(item.activityId));
    const row = page.locator(`table[aria-labelledby="group-1"] tbody tr`).first();
    expect(await row.getByRole('link').getAttribute('href')).toBe(`/plans/${demo.id}/activities/${firstItem.activityId}`);
    expect(await row.locator('td').nth(2).innerText()).toContain(String(firstItem.workingDaysOverdue));
    await page.setViewportSize({ width: 1280, height: 1000 });
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'chair-review.png') });
    await screenshot(page, 'chair-review');

    // Grouped by table, timescale and owner, the counts are the API's.
    for (const [label, groupBy] of [['Table', 'section'], ['Timescale', 'band'], ['Owner', 'owner']] as const) {
      await page.getByLabel(label, { exact: true }).check();
      await press(page, 'Show');
      await page.waitForURL(new RegExp(`groupBy=${groupBy}`));
      await checked(page);
      expect(await groupCounts(page)).toEqual(asApi((await apiAsChair(`/api/reviews/overdue?asOf=2012-09-14&groupBy=${groupBy}`)).groups));
    }
    // At risk on the same date.
    await page.getByLabel('At risk').check();
    await press(page, 'Show');
    await page.waitForURL(/list=at-risk/);
    await checked(page);
    const atRisk = await apiAsChair('/api/reviews/at-risk?asOf=2012-09-14&groupBy=owner');
    expect(await mainText(page)).toContain(`${atRisk.total} ${atRisk.total === 1 ? 'activity' : 'activities'} at risk as of 14 September 2012`);
    expect(await page.getByRole('columnheader', { name: 'Working days overdue' }).count()).toBe(0);
    await page.context().close();
  });

  it('refuses an "as of" date it cannot count, with the API’s reason, in an error summary', async () => {
    const api = await (await t.as(CHAIR)).get('/api/reviews/overdue?asOf=2040-01-01').expect(400);
    expect(api.body.errors.asOf).toContain('between 2010 and 2032 (the years whose bank holidays are known)');
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    for (const address of ['/review?asOf=2040-01-01', `/plans/${demo.id}?asOf=2040-01-01`, '/review?asOf-day=1&asOf-month=1&asOf-year=2040']) {
      const response = await page.goto(`${t.baseUrl}${address}`);
      expect(response?.status()).toBe(400);
      await checked(page);
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['The date must be between 2010 and 2032 (the years whose bank holidays are known)']);
      expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#asOf-day');
    }
    await page.goto(`${t.baseUrl}/review?asOf-day=31&asOf-month=9&asOf-year=2012`);
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['The date must be a real date']);
    expect(await page.getByLabel('Day').inputValue()).toBe('31');
    await page.goto(`${t.baseUrl}/review?asOf-day=14&asOf-month=&asOf-year=2012&groupBy=colour`);
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual([
      'The date must include a month',
      'Choose how to group the list: by lead agency, table, timescale or owner',
    ]);
    await page.context().close();
  });

  it('overrides a rating from the review: errors first, then the override shows beside the rules’ rating, and can be withdrawn', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(`${t.baseUrl}/review?asOf=2012-09-14`);
    await checked(page);
    const link = page.locator('table[aria-labelledby="group-1"] tbody tr').first().getByRole('link');
    const href = (await link.getAttribute('href'))!;
    const activityId = href.split('/').pop()!;
    await follow(page, link);
    await checked(page);
    await press(page, 'Override rating');
    await page.waitForURL(`${t.baseUrl}${href}/override`);
    await checked(page);
    await press(page, 'Override the rating');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual([
      'Select the rating the board should see',
      'Enter why you are overriding the rating',
      'Enter the date the override ends',
    ]);
    expect(await page.locator('.govuk-error-summary a').last().getAttribute('href')).toBe('#expiresOn-day');
    await page.getByLabel('Amber').check();
    await page.getByLabel('Why are you overriding the rating?').fill('Recovery plan agreed with the Head of Service at the September board.');
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('9');
    await page.getByLabel('Year').fill('2012');
    await press(page, 'Override the rating');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['The date the override ends must be today or in the future']);
    expect(await page.getByLabel('Amber').isChecked()).toBe(true);
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('Oct');
    await press(page, 'Override the rating');
    await page.waitForURL(`${t.baseUrl}${href}?done=overridden`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The rating is overridden.');
    expect(await page.locator('.app-standing .govuk-tag').innerText()).toBe('Amber');
    expect(await mainText(page)).toContain('The rules alone would rate it Red.');
    expect(await mainText(page)).toContain('Amber until 31 October 2012, set by Chris Chair: Recovery plan agreed');
    const rag = (await t.http.get(`/api/activities/${activityId}/rag`).expect(200)).body;
    expect(rag).toMatchObject({ rating: 'amber', computed: 'red', override: { rating: 'amber', expiresOn: '2012-10-31', active: true } });
    expect(await page.locator('.app-history').innerText()).toContain('Rating overridden');

    await press(page, 'Withdraw the override');
    await page.waitForURL(`${t.baseUrl}${href}?done=override-cleared`);
    await checked(page);
    expect(await page.locator('.app-standing .govuk-tag').innerText()).toBe('Red');
    expect((await t.http.get(`/api/activities/${activityId}/rag`).expect(200)).body.override).toBeNull();
    await page.context().close();
  });

  it('verifies complete work with the evidence checked', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(activityUrl(led[0]));
    await checked(page);
    await press(page, 'Verify');
    await page.waitForURL(`${activityUrl(led[0])}/verify`);
    await checked(page);
    expect(await mainText(page)).toContain('The latest update says: Audit report published');
    await press(page, 'Verify the activity');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter what evidence you checked']);
    await page.getByLabel('What evidence did you check?').fill('Read the published audit report and the September case sample.');
    await press(page, 'Verify the activity');
    await page.waitForURL(`${activityUrl(led[0])}?done=verified`);
    await checked(page);
    expect(await mainText(page)).toContain('Verified on 1 October 2012: Read the published audit report');
    expect(await page.locator('main .govuk-summary-list .govuk-tag').first().innerText()).toBe('Complete, verified');
    expect(await page.getByRole('button', { name: 'Verify' }).count()).toBe(0);
    expect((await t.http.get(`/api/activities/${led[0].id}`).expect(200)).body.verification).toMatchObject({ note: 'Read the published audit report and the September case sample.' });
    // Nothing more to verify: the page says so rather than offering the form.
    await page.goto(`${activityUrl(led[0])}/verify`);
    await checked(page);
    expect(await page.getByRole('button', { name: 'Verify the activity' }).count()).toBe(0);
    expect(await mainText(page)).toContain('This activity is complete, verified, so there is nothing to verify');
    // The form sent anyway (from an old tab, with nothing entered): the same answer, not an error summary
    // linking to a box the page does not show.
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const again = await page.request.post(`${activityUrl(led[0])}/verify`, { form: { _csrf: csrf, note: '', version: '1' }, maxRedirects: 0 });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('so there is nothing to verify');
    expect(await again.text()).not.toContain('govuk-error-summary');
    await page.context().close();
  });

  it('shows a stale override the conflict page, keeping the chair’s entries to send again', async () => {
    const activity = led[5];
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(`${activityUrl(activity)}/override`);
    await checked(page);
    await page.getByLabel('Green').check();
    await page.getByLabel('Why are you overriding the rating?').fill('Evidence seen at the board');
    await page.getByLabel('Day').fill('30');
    await page.getByLabel('Month').fill('11');
    await page.getByLabel('Year').fill('2012');
    await (await t.as(HEAD_CSL)).post(`/api/activities/${activity.id}/updates`).send({ status: 'in_progress', percentComplete: 60 }).expect(201);
    await press(page, 'Override the rating');
    await checked(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Someone else changed this activity');
    expect(await mainText(page)).toContain('Your rating override has not been saved.');
    expect(await page.locator('main table tbody tr').allInnerTexts()).toEqual(['Status\tNot started\tIn progress', 'Percent complete\tNot given\t60%']);
    expect(await page.getByLabel('Green').isChecked()).toBe(true);
    expect(await page.getByLabel('Why are you overriding the rating?').inputValue()).toBe('Evidence seen at the board');
    expect(await page.getByLabel('Day').inputValue()).toBe('30');
    expect((await t.http.get(`/api/activities/${activity.id}/rag`).expect(200)).body.override).toBeNull();
    await press(page, 'Override the rating');
    await page.waitForURL(`${activityUrl(activity)}?done=overridden`);
    await checked(page);
    expect((await t.http.get(`/api/activities/${activity.id}/rag`).expect(200)).body.override).toMatchObject({ rating: 'green', reason: 'Evidence seen at the board' });
    await page.context().close();
  });

  it('refuses the verify, override and withdraw forms without their CSRF token, changing nothing', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    const activity = led[6];
    await page.goto(`${activityUrl(activity)}/override`);
    const version = await page.locator('input[name="version"]').inputValue();
    for (const [suffix, form] of [
      ['/verify', { note: 'Forged', version }],
      ['/override', { rating: 'green', reason: 'Forged', 'expiresOn-day': '30', 'expiresOn-month': '11', 'expiresOn-year': '2012', version }],
      ['/override/clear', { version }],
    ] as const) {
      const response = await page.request.post(`${activityUrl(activity)}${suffix}`, { form, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('The form could not be sent');
    }
    const after = (await t.http.get(`/api/activities/${activity.id}`).expect(200)).body;
    expect(String(after.version)).toBe(version);
    expect((await t.http.get(`/api/activities/${activity.id}/rag`).expect(200)).body.override).toBeNull();
    await page.context().close();
  });

  it('shows the plan with roll-ups per table and timescale as of a chosen date, and its papers under the chair’s session', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(`${t.baseUrl}/your-plans`);
    await checked(page);
    await follow(page, page.getByRole('link', { name: (demo as PlanTreeBody & { title: string }).title }));
    await checked(page);
    const summary = await apiAsChair(`/api/plans/${demo.id}/summary?asOf=2012-10-01`);
    const rollUp = page.locator('table.app-roll-up').first();
    const sectionRow = rollUp.locator('tr.app-roll-up__section').first();
    expect((await sectionRow.innerText()).split('\t').map((cell) => cell.trim())).toEqual([
      summary.sections[0].title,
      summary.sections[0].rag.replace(/^./, (c: string) => c.toUpperCase()),
      String(summary.sections[0].activities),
      String(summary.sections[0].byRag.red),
      String(summary.sections[0].byRag.amber),
      String(summary.sections[0].byRag.green),
      String(summary.sections[0].byRag.blue),
      String(summary.sections[0].byRag.notRated),
      `${summary.sections[0].percentComplete}%`,
      `${summary.sections[0].percentVerified}%`,
    ]);
    expect(await page.locator('.govuk-task-list__item').count()).toBe(allActivities(demo).length);

    // As of 20 June 2012 nothing was late yet.
    await page.getByLabel('Day').fill('20');
    await page.getByLabel('Month').fill('6');
    await page.getByLabel('Year').fill('2012');
    await press(page, 'Show');
    await page.waitForURL(/asOf-month=6/);
    await checked(page);
    expect(await page.title()).toMatch(/ as of 20 June 2012 – /);
    const june = await apiAsChair(`/api/plans/${demo.id}/summary?asOf=2012-06-20`);
    expect(await mainText(page)).toContain(`Overall: ${june.rag.replace(/^./, (c: string) => c.toUpperCase())} (58 activities: ${june.byRag.red} red, ${june.byRag.amber} amber, ${june.byRag.green} green`);
    expect(june.byRag.red).toBe(0);

    // The papers download with the browser's session, as the API gives them to a bearer token.
    const links = page.locator('.app-downloads a');
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')!));
    expect(hrefs).toContain(`/plans/${demo.id}/progress-report?format=pdf&asOf=2012-06-20`);
    // The performance report (for the month before the date) is a paper too; the demo has no indicators, so it may print no table.
    expect(hrefs).toContain(`/plans/${demo.id}/performance-report?format=pdf&asOf=2012-05`);
    const expectations: Record<string, [RegExp, (body: Buffer) => boolean]> = {
      html: [/^text\/html/, (body) => body.toString('utf8').includes('<table') || body.toString('utf8').includes('Performance report on the Quality Improvement Plan')],
      pdf: [/^application\/pdf/, (body) => body.subarray(0, 5).toString() === '%PDF-'],
      docx: [/^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/, (body) => body.subarray(0, 2).toString() === 'PK'],
    };
    for (const href of hrefs) {
      const response = await page.request.get(`${t.baseUrl}${href}`);
      expect(response.status()).toBe(200);
      const format = new URL(href, t.baseUrl).searchParams.get('format')!;
      expect(response.headers()['content-type']).toMatch(expectations[format][0]);
      expect(expectations[format][1](await response.body())).toBe(true);
    }
    const progressHtml = await (await page.request.get(`${t.baseUrl}/plans/${demo.id}/progress-report?format=html&asOf=2012-06-20`)).text();
    expect(progressHtml).toContain('as of 20 June 2012');
    const exceptions = await (await page.request.get(`${t.baseUrl}/review/exception-report?format=html&asOf=2012-09-14`)).text();
    expect(exceptions).toContain('Overdue and at-risk activities as of 14 September 2012');
    // A report's options are checked as the API checks them.
    const bad = await page.request.get(`${t.baseUrl}/plans/${demo.id}/appendix?format=exe`);
    expect(bad.status()).toBe(400);
    expect(await bad.text()).toContain('There is a problem with the page address or form');
    // The exception report is the chair's: a service head is refused, as by the API.
    const head = await browser.newPage();
    await signIn(head, t.baseUrl, HEAD_CSL);
    expect((await head.request.get(`${t.baseUrl}/review/exception-report?format=html`)).status()).toBe(403);
    await head.context().close();
    await page.context().close();
  });

  describe('hostile text', () => {
    let planId: string;
    let activityId: string;

    beforeAll(async () => {
      const agency = (await t.http.post('/api/lead-agencies').send({ name: `${HOSTILE} agency` }).expect(201)).body;
      await t.http.post('/api/users').send({ name: `${HOSTILE} owner`, email: 'hostile.owner@council.example', roles: ['service_head'], password: TEST_PASSWORD, leadAgencyIds: [agency.id] }).expect(201);
      const owner = (await t.http.get('/api/users?pageSize=200').expect(200)).body.items.find((u: { email: string }) => u.email === 'hostile.owner@council.example');
      const plan = (
        await t.http
          .post('/api/plans')
          .send({
            title: `${HOSTILE} plan ${LONG_WORD}`,
            kind: 'focused_visit',
            source: { publishedOn: '2012-06-13', reportTitle: HOSTILE },
            sections: [
              {
                title: `${HOSTILE} table`,
                recommendations: [
                  {
                    number: 1,
                    band: 'within_three_months',
                    text: `${HOSTILE} recommendation ${LONG_WORD}`,
                    activities: [{ text: `${HOSTILE} activity ${LONG_WORD}`, outcomeMeasures: [`${HOSTILE} measure`], costText: `${HOSTILE} £3k per month`, leadAgencyIds: [agency.id], ownerId: owner.id }],
                  },
                ],
              },
            ],
          })
          .expect(201)
      ).body;
      planId = plan.id;
      activityId = plan.sections[0].recommendations[0].activities[0].id;
      await t.http.post(`/api/activities/${activityId}/updates`).send({ status: 'blocked', note: `${HOSTILE} note ${LONG_WORD}`, evidenceLinks: [`https://example.org/${LONG_WORD}`] }).expect(201);
    });

    it('renders it literally on every plan, activity and review page, and long words never push a page sideways', async () => {
      // Recorded on 1 October 2012 (the clock), blocked and past its date: overdue today.
      expect((await t.http.get(`/api/reviews/overdue?planId=${planId}`).expect(200)).body.total).toBe(1);
      const page = await browser.newPage();
      await signIn(page, t.baseUrl, 'admin@demo.test');
      const activity = `/plans/${planId}/activities/${activityId}`;
      const check = async (address: string, expectHostile = true) => {
        await page.goto(`${t.baseUrl}${address}`);
        await checked(page);
        const html = await page.content();
        expect(html).not.toContain('<script>alert(1)</script>');
        const text = await page.locator('body').innerText();
        // {{7*7}} never evaluated (the history's times are the audit's real clock, so a bare 49 may be a minute).
        expect(text).not.toMatch(/49 "quotes"/);
        if (expectHostile) expect(text).toContain(HOSTILE);
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
        if (overflow > 0) {
          const wide = await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.app-table-container')).slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')`);
          throw new Error(`${address} is ${overflow} pixels wider than the window (${page.viewportSize()?.width}): ${wide}`);
        }
      };
      // At 200% zoom a 1280-pixel window is 640 CSS pixels wide; at 400%, 320.
      for (const width of [1280, 640, 320]) {
        await page.setViewportSize({ width, height: 900 });
        await check(`/your-activities?planId=${planId}`);
        await check('/your-plans');
        await check(`/plans/${planId}`);
        await check(`/plans/${planId}?asOf=2012-09-14`);
        await check(activity);
        await check(`${activity}/update`);
        await check(`${activity}/updated`);
        await check(`${activity}/verify`);
        await check(`${activity}/override`);
        for (const groupBy of ['leadAgency', 'owner', 'section']) {
          await check(`/review?planId=${planId}&groupBy=${groupBy}`);
          expect(await page.locator('main table.app-work-table').innerText()).toContain(`${HOSTILE} activity`);
          if (groupBy === 'leadAgency') await screenshot(page, `hostile-review-${width}`);
        }
        await check(`/review?planId=${planId}&list=at-risk`, false);
      }
      // The forms give it back literally too: an update refused, then a stale one.
      await page.goto(`${t.baseUrl}${activity}/update`);
      await page.getByLabel('Cancelled', { exact: true }).check();
      await page.getByLabel('Percent complete (optional)').fill(HOSTILE);
      await press(page, 'Send update');
      await checked(page);
      expect(await page.getByLabel('Percent complete (optional)').inputValue()).toBe(HOSTILE);
      expect(await page.content()).not.toContain('<script>alert(1)</script>');
      await page.getByLabel('Percent complete (optional)').fill('');
      await page.getByLabel('Note', { exact: true }).fill(`${HOSTILE} why`);
      const current = (await t.http.get(`/api/activities/${activityId}`).expect(200)).body;
      await t.http.post(`/api/activities/${activityId}/updates`).send({ note: `${HOSTILE} meanwhile`, version: current.version }).expect(201);
      await press(page, 'Send update');
      await checked(page);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Someone else changed this activity');
      expect(await mainText(page)).toContain(`${HOSTILE} meanwhile`);
      expect(await page.getByLabel('Note', { exact: true }).inputValue()).toBe(`${HOSTILE} why`);
      expect(await page.content()).not.toContain('<script>alert(1)</script>');
      await screenshot(page, 'hostile-conflict');
      await page.goto(`${t.baseUrl}${activity}/override`);
      await page.getByLabel('Why are you overriding the rating?').fill(HOSTILE);
      await page.getByLabel('Day').fill(HOSTILE);
      await press(page, 'Override the rating');
      await checked(page);
      expect(await page.getByLabel('Why are you overriding the rating?').inputValue()).toBe(HOSTILE);
      expect(await page.getByLabel('Day').inputValue()).toBe(HOSTILE);
      expect(problemsOn(page)).toEqual([]);
      await page.context().close();
    });
  });
});
