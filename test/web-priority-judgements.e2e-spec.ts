import type { Page } from 'playwright-core';
import { TEST_ADMIN } from './support/test-app';
import { allActivities, demoPlan, PlanTreeBody } from './support/plans-fixtures';
import { expectAccessible, follow, launchBrowser, press, problemsOn, signIn, startWebApp, TestBrowser, WebApp, withoutJavaScript } from './support/browser';

jest.setTimeout(240_000);

const CHAIR = 'chair@demo.test';
const VIEWER = 'viewer@demo.test';
const HEAD_CSL = 'head.csl@demo.test';
const HEAD_NHS = 'head.nhs@demo.test';
const SAFEGUARDING = 'SCC – CSL Directorate – Safeguarding';
/** Text that must be printed as it is: markup, template syntax, quotes, a very long word and right-to-left text. */
const HOSTILE = `<script>alert("x")</script> {{ 7*7 }} {% raw %} "quoted" 'single' ${'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(3)} מדד הפניות חוזרות`;

/**
 * Each priority's month for the board's performance report in the browser
 * (issue 13): the chair writes "What the data tells us", "Actions / next
 * steps" and their rating from the plan's indicators page, sees the RAG the
 * report works out, and finds what they wrote on the indicators page and in
 * the report; errors in the summary, a stale form's conflict page, refusals,
 * CSRF, hostile text at 320 pixels, and no JavaScript. On the demo plan in
 * September 2012, so the next report covers August 2012.
 */
describe('Web pages: a priority’s narratives and the chair’s rating', () => {
  let t: WebApp;
  let browser: TestBrowser;
  let demo: PlanTreeBody;
  let safeguarding: { id: string; title: string };
  let lookedAfter: { id: string; title: string };

  beforeAll(async () => {
    t = await startWebApp({ config: { councilName: 'Southampton City Council' } });
    browser = await launchBrowser();
    demo = await demoPlan(t);
    t.clock.set('2012-09-14T09:00:00+01:00');
    [safeguarding, lookedAfter] = demo.sections;
    const agencies = new Map(allActivities(demo).flatMap((a) => a.leadAgencies.map((l) => [l.name, l.id] as const)));
    const indicator = (
      await t.http
        .post('/api/indicators')
        .send({
          planId: demo.id,
          title: 'Percentage of re-referrals within 12 months',
          unit: 'percentage',
          polarity: 'lower_is_better',
          leadAgencyIds: [agencies.get(SAFEGUARDING)],
          sectionIds: [safeguarding.id],
          targets: [{ financialYear: 2012, target: '23%' }],
        })
        .expect(201)
    ).body;
    // August beyond the amber tolerance of its target: the priority's worked-out RAG names it.
    for (const [month, value] of [['2012-07', 22], ['2012-08', 30]] as const) await t.http.put(`/api/indicators/${indicator.id}/values/${month}`).send({ value }).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function checked(page: Page): Promise<void> {
    await expectAccessible(page);
    expect(problemsOn(page)).toEqual([]);
  }
  const indicatorsUrl = (planId = demo.id) => `${t.baseUrl}/plans/${planId}/indicators`;
  const priorityUrl = (sectionId: string, month = '2012-08', planId = demo.id) => `${indicatorsUrl(planId)}/priorities/${sectionId}/months/${month}`;
  const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  const apiMonth = async (sectionId: string, month = '2012-08') => (await t.http.get(`/api/sections/${sectionId}/months/${month}`).expect(200)).body;
  const boardBlock = (page: Page, n: number) => page.locator('.app-board-month').nth(n);

  it('lets the chair write both narratives and a rating from the indicators page, shown there and in the performance report for the month', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(indicatorsUrl());
    await checked(page);
    // The next report's month by default, for every priority of the plan.
    expect(await page.getByLabel('Month of the board’s performance report').inputValue()).toBe('2012-08');
    expect(await page.locator('.app-board-month h3').allInnerTexts()).toEqual(['In the board’s report for August 2012', 'In the board’s report for August 2012']);
    expect(await boardBlock(page, 0).innerText()).toContain('The chair has not rated this priority for August 2012');
    await follow(page, `Write the narrative and rating for August 2012 – ${safeguarding.title}`);
    await page.waitForURL(priorityUrl(safeguarding.id));
    await checked(page);
    expect(await page.title()).toMatch(/^Narrative and rating for August 2012: Safeguarding – /);
    // The RAG the report works out (its tag, said once), with its reasons: the indicator beyond its tolerance, and the activities.
    const standing = (await page.locator('.app-standing').innerText()).replace(/\s+/g, ' ');
    expect(standing).toMatch(/^Red Indicators: /);
    expect(standing).not.toContain('RAG: Red');
    expect(standing).toContain('Red: Percentage of re-referrals within 12 months: 30% against a target of 23% (lower is better)');
    expect(standing).toMatch(/Activities: /);
    expect(await mainText(page)).toContain('The board sees: RAG: Red (the worked-out RAG: you have not rated it).');

    await page.getByLabel('What the data tells us').fill('Re-referrals rose to 30% in August.\nThe front door changed in July.');
    await page.getByLabel('Actions / next steps').fill('Audit twenty re-referrals before the October board.');
    await press(page, 'Save the narratives');
    await page.waitForURL(`${priorityUrl(safeguarding.id)}?done=narrative`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The narratives for August 2012 are saved.');
    expect(await page.getByLabel('What the data tells us').inputValue()).toBe('Re-referrals rose to 30% in August.\nThe front door changed in July.');

    await page.getByLabel('Amber', { exact: true }).check();
    await page.getByLabel('Medium Risk', { exact: true }).check();
    await page.getByLabel('Why this rating?').fill('The rise follows the front door change and is expected to settle.');
    await press(page, 'Save the rating');
    await page.waitForURL(`${priorityUrl(safeguarding.id)}?done=rating`);
    await checked(page);
    expect(await mainText(page)).toContain('The board sees: RAG: Amber, Medium Risk (your rating, below).');
    expect(await mainText(page)).toContain('The board sees your rating, Amber, Medium Risk, set by Chris Chair');
    expect(await page.locator('.app-rating-history tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^1\tAmber, Medium Risk\tThe rise follows the front door change and is expected to settle\.\tChris Chair\t.+\tIn force$/)]);

    // On the record, by the chair, through the API's own service.
    const saved = await apiMonth(safeguarding.id);
    expect(saved.narrative).toMatchObject({ dataTellsUs: 'Re-referrals rose to 30% in August.\nThe front door changed in July.', nextSteps: 'Audit twenty re-referrals before the October board.', version: 1, writtenBy: { name: 'Chris Chair' } });
    expect(saved.rating).toMatchObject({ rating: 'amber', riskLabel: 'medium', version: 1, setBy: { name: 'Chris Chair' } });
    for (const entityType of ['priority_narrative', 'priority_rating']) {
      const audit = (await t.http.get(`/api/audit?entityType=${entityType}&pageSize=50`).expect(200)).body.items as Array<{ action: string; actor: { label: string }; after: Record<string, unknown> }>;
      expect(audit.map((e) => [e.action, e.actor.label])).toEqual([['create', expect.stringContaining('Chris Chair')]]);
    }

    await follow(page, 'Back to the performance indicators');
    await page.waitForURL(`${indicatorsUrl()}?month=2012-08`);
    await checked(page);
    const block = (await boardBlock(page, 0).innerText()).replace(/\s+/g, ' ');
    expect(block).toContain('The chair’s rating: Amber Amber, Medium Risk');
    expect(block).toContain('The rise follows the front door change and is expected to settle.');
    expect(block).toContain('What the data tells us Re-referrals rose to 30% in August. The front door changed in July.');
    expect(block).toContain('Actions / next steps Audit twenty re-referrals before the October board.');
    expect(await boardBlock(page, 1).innerText()).toContain('Not written for August 2012.');

    // The board's report for August prints the same.
    const report = await page.request.get(`${t.baseUrl}/plans/${demo.id}/performance-report?format=html&asOf=2012-08`);
    expect(report.status()).toBe(200);
    const html = await report.text();
    expect(html).toContain('Safeguarding — <span class="rag-label rag-amber">RAG: Amber, Medium Risk</span>');
    expect(html).toContain('Re-referrals rose to 30% in August.');
    expect(html).toContain('Audit twenty re-referrals before the October board.');
    expect(html).toContain('The rise follows the front door change and is expected to settle.');

    // Withdrawn: the worked-out RAG shows again, and the rating stays in the history.
    await follow(page, `Write the narrative and rating for August 2012 – ${safeguarding.title}`);
    await press(page, 'Withdraw your rating');
    await page.waitForURL(`${priorityUrl(safeguarding.id)}?done=withdrawn`);
    await checked(page);
    expect(await mainText(page)).toContain('The board sees: RAG: Red (the worked-out RAG: you have not rated it).');
    expect(await page.locator('.app-rating-history tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^2\tWithdrawn\t/), expect.stringMatching(/^1\tAmber, Medium Risk\t.*\tReplaced$/)]);
    expect((await apiMonth(safeguarding.id)).rating).toBeNull();
    await page.context().close();
  });

  it('names each problem in the error summary, linked to its field, and saves nothing', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(priorityUrl(lookedAfter.id, '2012-07'));
    await checked(page);
    // A rating needs its RAG and a reason, as the API says.
    await press(page, 'Save the rating');
    await checked(page);
    expect(await page.title()).toMatch(/^Error: Narrative and rating for July 2012: /);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.locator('a').allTextContents()).toEqual(['Select the RAG rating the board should see', 'Enter the reason for your rating']);
    await summary.getByRole('link', { name: 'Enter the reason for your rating' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('reason');
    // Too long for the API: the character count says so, and the summary too; what was typed is kept.
    await page.getByLabel('Actions / next steps').fill('Keep this.');
    await page.getByLabel('What the data tells us').fill('x'.repeat(20_001));
    await press(page, 'Save the narratives');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['What the data tells us must be 20,000 characters or fewer']);
    expect(await page.getByLabel('Actions / next steps').inputValue()).toBe('Keep this.');
    const month = await apiMonth(lookedAfter.id, '2012-07');
    expect([month.narrative, month.rating]).toEqual([null, null]);
    // A month that is not one in the indicators page's address: said, and the next report's month shown meanwhile.
    await page.goto(`${indicatorsUrl()}?month=2012-13`);
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Choose a month from the list']);
    expect(await page.locator('.app-board-month h3').first().innerText()).toBe('In the board’s report for August 2012');
    // A month not yet begun has no page: nothing can be written for it.
    expect((await page.goto(priorityUrl(lookedAfter.id, '2012-10')))?.status()).toBe(404);
    await page.context().close();
  });

  it('shows a stale form what was saved meanwhile, saving nothing until it is sent again', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(priorityUrl(lookedAfter.id));
    await page.getByLabel('Green', { exact: true }).check();
    await page.getByLabel('Why this rating?').fill('Visits are back on track.');
    await page.getByLabel('What the data tells us').fill('Mine.');
    // Someone else (an admin, through the API) rates and writes first.
    await t.http.put(`/api/sections/${lookedAfter.id}/months/2012-08/rating`).send({ rating: 'amber', riskLabel: 'high', reason: 'Visits slipped in August.', version: 0 }).expect(200);
    await t.http.put(`/api/sections/${lookedAfter.id}/months/2012-08/narrative`).send({ dataTellsUs: 'Theirs.', version: 0 }).expect(200);
    await press(page, 'Save the rating');
    await checked(page);
    expect(await page.title()).toMatch(/^Someone else changed this: Narrative and rating for August 2012: /);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Nothing has been saved');
    expect(await page.locator('main table').first().locator('tbody tr').allInnerTexts()).toEqual(['RAG rating\tAmber\tGreen', 'Risk label\tHigh Risk\t(empty)', 'Reason\tVisits slipped in August.\tVisits are back on track.']);
    // Their entries are kept, on the current version; the narratives show as saved now.
    expect(await page.getByLabel('Green', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Why this rating?').inputValue()).toBe('Visits are back on track.');
    expect(await page.getByLabel('What the data tells us').inputValue()).toBe('Theirs.');
    expect((await apiMonth(lookedAfter.id)).rating).toMatchObject({ rating: 'amber', version: 1 });
    await press(page, 'Save the rating');
    await page.waitForURL(/done=rating$/);
    expect((await apiMonth(lookedAfter.id)).rating).toMatchObject({ rating: 'green', riskLabel: null, reason: 'Visits are back on track.', version: 2 });

    // The narratives too: a form opened before someone else's save gets the conflict.
    await t.http.put(`/api/sections/${lookedAfter.id}/months/2012-08/narrative`).send({ dataTellsUs: 'Theirs again.', version: 1 }).expect(200);
    await page.getByLabel('What the data tells us').fill('Mine after all.');
    await press(page, 'Save the narratives');
    await checked(page);
    expect(await page.locator('main table').first().locator('tbody tr').allInnerTexts()).toEqual(['What the data tells us\tTheirs again.\tMine after all.']);
    expect(await page.getByLabel('What the data tells us').inputValue()).toBe('Mine after all.');
    await press(page, 'Save the narratives');
    await page.waitForURL(/done=narrative$/);
    expect((await apiMonth(lookedAfter.id)).narrative).toMatchObject({ dataTellsUs: 'Mine after all.', version: 3 });
    await page.context().close();
  });

  it('shows those who read the plan what the board will read, and refuses a viewer, a service head and a partner outside the plan', async () => {
    // A viewer reads the narratives and rating, but may not write them.
    const viewer = await browser.newPage();
    await signIn(viewer, t.baseUrl, VIEWER);
    await viewer.goto(indicatorsUrl());
    await checked(viewer);
    expect(await boardBlock(viewer, 1).innerText()).toContain('Mine after all.');
    expect(await viewer.getByRole('link', { name: /^Write the narrative and rating/ }).count()).toBe(0);
    expect((await viewer.goto(priorityUrl(lookedAfter.id)))?.status()).toBe(403);
    await checked(viewer);
    expect(await viewer.getByRole('heading', { level: 1 }).innerText()).toBe('You cannot do this');
    await viewer.context().close();

    // A service head reads part of the plan: the whole plan's narratives are not theirs (as in the API), and the form refuses them.
    const head = await browser.newPage();
    await signIn(head, t.baseUrl, HEAD_CSL);
    await head.goto(indicatorsUrl());
    await checked(head);
    expect(await head.locator('.app-board-month').count()).toBe(0);
    expect(await mainText(head)).not.toContain('Mine after all.');
    expect((await head.goto(priorityUrl(safeguarding.id)))?.status()).toBe(403);
    await checked(head);
    expect(await head.getByRole('heading', { level: 1 }).innerText()).toBe('You cannot do this');
    const token = await head.locator('input[name="_csrf"]').first().inputValue();
    const forged = await head.request.post(`${priorityUrl(safeguarding.id)}/narrative`, { form: { _csrf: token, dataTellsUs: 'Forged', nextSteps: '', version: '1' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect((await apiMonth(safeguarding.id)).narrative.dataTellsUs).not.toBe('Forged');
    await head.context().close();

    // A partner lead outside a plan: its priority is not found, by page or by form.
    const other = (await t.http.post('/api/plans').send({ title: 'Early help plan', kind: 'other', sections: [{ title: 'Early help' }] }).expect(201)).body;
    const partner = await browser.newPage();
    await signIn(partner, t.baseUrl, HEAD_NHS);
    expect((await partner.goto(priorityUrl(other.sections[0].id, '2012-08', other.id)))?.status()).toBe(404);
    await checked(partner);
    expect(await partner.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
    const partnerToken = await partner.locator('input[name="_csrf"]').first().inputValue();
    const refused = await partner.request.post(`${priorityUrl(other.sections[0].id, '2012-08', other.id)}/rating`, { form: { _csrf: partnerToken, rating: 'red', reason: 'x', version: '0' }, maxRedirects: 0 });
    expect(refused.status()).toBe(404);
    expect((await apiMonth(other.sections[0].id)).rating).toBeNull();
    // A priority of one plan under another plan's address is not found either.
    const chair = await browser.newPage();
    await signIn(chair, t.baseUrl, TEST_ADMIN);
    expect((await chair.goto(priorityUrl(other.sections[0].id, '2012-08', demo.id)))?.status()).toBe(404);
    await chair.context().close();
    await partner.context().close();
  });

  it('refuses a form sent without its CSRF token, saving nothing', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(priorityUrl(safeguarding.id, '2012-06'));
    for (const [path, form] of [
      ['narrative', { dataTellsUs: 'No token', version: '0' }],
      ['rating', { rating: 'red', reason: 'No token', version: '0' }],
    ] as const) {
      const response = await page.request.post(`${priorityUrl(safeguarding.id, '2012-06')}/${path}`, { form, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('The form could not be sent');
    }
    const month = await apiMonth(safeguarding.id, '2012-06');
    expect([month.narrative, month.rating]).toEqual([null, null]);
    await page.context().close();
  });

  it('prints hostile text literally, in the priority’s title and what is written, at 1280, 640 and 320 pixels', async () => {
    // A priority's title is kept to 200 characters: the hostile text without its very long word.
    const title = HOSTILE.replace(/Pneumono\w+/, 'Pneumonoultramicroscopicsilicovolcanoconiosis');
    const plan = (await t.http.post('/api/plans').send({ title: `Plan ${HOSTILE}`, kind: 'other', sections: [{ title }] }).expect(201)).body;
    const section = plan.sections[0];
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, TEST_ADMIN);
    await page.goto(priorityUrl(section.id, '2012-08', plan.id));
    await page.getByLabel('What the data tells us').fill(HOSTILE);
    await page.getByLabel('Actions / next steps').fill(`${HOSTILE}\nsecond line`);
    await press(page, 'Save the narratives');
    await page.waitForURL(/done=narrative$/);
    await page.getByLabel('Red', { exact: true }).check();
    await page.getByLabel('Why this rating?').fill(HOSTILE);
    await press(page, 'Save the rating');
    await page.waitForURL(/done=rating$/);
    expect((await apiMonth(section.id)).narrative).toMatchObject({ dataTellsUs: HOSTILE, nextSteps: `${HOSTILE}\nsecond line` });
    expect(await page.title()).toContain('<script>alert("x")</script>');
    const expectLiteral = async () => {
      await checked(page);
      const main = await page.locator('main').innerText();
      expect(main).toContain('<script>alert("x")</script> {{ 7*7 }} {% raw %} "quoted" \'single\'');
      expect(main).toContain('מדד הפניות חוזרות');
      expect(await page.locator('main script').count()).toBe(0);
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
      expect(`${page.url()} at ${page.viewportSize()?.width}: ${overflow} pixels too wide`).toBe(`${page.url()} at ${page.viewportSize()?.width}: 0 pixels too wide`);
    };
    for (const width of [1280, 640, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(priorityUrl(section.id, '2012-08', plan.id));
      await expectLiteral();
      expect(await page.getByLabel('What the data tells us').inputValue()).toBe(HOSTILE);
      await page.goto(indicatorsUrl(plan.id));
      await expectLiteral();
      expect(await page.locator('.app-board-month').first().innerText()).toContain(`${HOSTILE.slice(0, 40)}`);
    }
    await page.context().close();
  });

  it('works without JavaScript: the month chosen, an error, then the narratives and a rating saved', async () => {
    const page = await withoutJavaScript(browser);
    await signIn(page, t.baseUrl, CHAIR);
    await page.goto(indicatorsUrl());
    await checked(page);
    expect(await page.evaluate('document.body.className')).not.toContain('js-enabled');
    await page.getByLabel('Month of the board’s performance report').selectOption('2012-05');
    await press(page, 'Show this month');
    await page.waitForURL(`${indicatorsUrl()}?month=2012-05`);
    await checked(page);
    expect(await page.locator('.app-board-month h3').first().innerText()).toBe('In the board’s report for May 2012');
    await follow(page, `Write the narrative and rating for May 2012 – ${safeguarding.title}`);
    await page.waitForURL(priorityUrl(safeguarding.id, '2012-05'));
    await checked(page);
    // May's report was written by the end of June: what is saved now is kept, and the page says that report will not show it.
    expect(await page.locator('.govuk-warning-text').innerText()).toContain('The board’s report for May 2012 reads the record as it stood at the end of 30 June 2012');
    await page.getByLabel('Red', { exact: true }).check();
    await press(page, 'Save the rating');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter the reason for your rating']);
    expect(await page.getByLabel('Red', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Why this rating?').fill('Written late for the record.');
    await page.getByLabel('High Risk', { exact: true }).check();
    await press(page, 'Save the rating');
    await page.waitForURL(/done=rating$/);
    await checked(page);
    await page.getByLabel('What the data tells us').fill('Written without scripts.');
    await press(page, 'Save the narratives');
    await page.waitForURL(/done=narrative$/);
    await checked(page);
    const month = await apiMonth(safeguarding.id, '2012-05');
    expect(month.narrative).toMatchObject({ dataTellsUs: 'Written without scripts.', nextSteps: null });
    expect(month.rating).toMatchObject({ rating: 'red', riskLabel: 'high', reason: 'Written late for the record.' });
    // May's report as written by the end of June does not have it; read as the record stands now, it does.
    const asRecorded = await (await page.request.get(`${t.baseUrl}/plans/${demo.id}/performance-report?format=html&asOf=2012-05`)).text();
    expect(asRecorded).not.toContain('Written without scripts.');
    await page.context().close();
  });
});
