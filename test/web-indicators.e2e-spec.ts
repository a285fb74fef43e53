import type { Page } from 'playwright-core';
import { TEST_ADMIN } from './support/test-app';
import { allActivities, demoPlan, PlanTreeBody } from './support/plans-fixtures';
import { expectAccessible, follow, launchBrowser, press, problemsOn, screenshot, signIn, startWebApp, TestBrowser, WebApp, withoutJavaScript } from './support/browser';

jest.setTimeout(240_000);

const HEAD_CSL = 'head.csl@demo.test';
const HEAD_NHS = 'head.nhs@demo.test';
const SAFEGUARDING = 'SCC – CSL Directorate – Safeguarding';
const NHS = 'NHS Southampton';
/** Text that must be printed as it is: markup, template syntax, quotes, a very long word and right-to-left text. */
const HOSTILE = `<script>alert("x")</script> {{ 7*7 }} {% raw %} "quoted" 'single' ${'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(3)} מדד הפניות חוזרות`;

/**
 * A plan's performance indicators in the browser (issue 13 on the pages of
 * issue 12), on the demo plan in September 2012: the list by priority with
 * RAG, travel, comparators and charts; a service head entering a month's
 * value, with an error and then a valid one, and the new RAG; a partner lead
 * kept to their agency's indicators; an admin setting one up; the performance
 * report from the plan page; no JavaScript; hostile text; CSRF.
 */
describe('Web pages: performance indicators', () => {
  let t: WebApp;
  let browser: TestBrowser;
  let demo: PlanTreeBody;
  let csl: { id: string };
  let nhs: { id: string };
  let hostile: { id: string };

  beforeAll(async () => {
    t = await startWebApp({ config: { councilName: 'Southampton City Council' } });
    browser = await launchBrowser();
    demo = await demoPlan(t);
    t.clock.set('2012-09-14T09:00:00+01:00');
    const agencies = new Map(allActivities(demo).flatMap((a) => a.leadAgencies.map((l) => [l.name, l.id] as const)));
    const [first, second] = demo.sections;
    const create = async (body: Record<string, unknown>) => (await t.http.post('/api/indicators').send({ planId: demo.id, ...body }).expect(201)).body;
    csl = await create({
      title: 'Percentage of re-referrals within 12 months',
      unit: 'percentage',
      polarity: 'lower_is_better',
      leadAgencyIds: [agencies.get(SAFEGUARDING)],
      sectionIds: [first.id],
      targets: [{ financialYear: 2012, target: '23%' }],
      comparators: [{ name: 'Statistical Neighbours', kind: 'statistical_neighbours', financialYear: 2011, value: 25 }, { name: 'England', kind: 'england', value: null }],
    });
    nhs = await create({ title: 'Initial health assessments within 20 working days', unit: 'percentage', polarity: 'higher_is_better', leadAgencyIds: [agencies.get(NHS)], sectionIds: [second.id], targets: [{ financialYear: 2012, target: '90%' }] });
    hostile = await create({ title: HOSTILE, definition: `${HOSTILE}\nsecond line`, unit: 'number', polarity: 'context_only', leadAgencyIds: [agencies.get(SAFEGUARDING)] });
    // A few months on record, so the list has a trend, a chart and a direction of travel.
    for (const [month, value] of [['2012-06', 24], ['2012-07', 22]] as const) {
      await t.http.put(`/api/indicators/${csl.id}/values/${month}`).send({ value }).expect(200);
    }
    await t.http.put(`/api/indicators/${hostile.id}/values/2012-07`).send({ value: 12, note: HOSTILE }).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function checked(page: Page): Promise<void> {
    await expectAccessible(page);
    expect(problemsOn(page)).toEqual([]);
  }
  const indicatorsUrl = () => `${t.baseUrl}/plans/${demo.id}/indicators`;
  const indicatorUrl = (id: string) => `${indicatorsUrl()}/${id}`;
  const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  const apiValues = async (id: string) => (await t.http.get(`/api/indicators/${id}/values?from=2012-01&to=2012-09`).expect(200)).body.items as Array<{ month: string; value: number | null; version: number; note: string | null }>;

  it('lists the plan’s indicators by priority from the plan page: latest month, target, RAG with reasons, direction of travel, comparators and a chart with its text', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, 'chair@demo.test');
    await page.goto(`${t.baseUrl}/plans/${demo.id}`);
    await checked(page);
    await follow(page, 'Performance indicators');
    await page.waitForURL(indicatorsUrl());
    await checked(page);
    expect(await page.title()).toMatch(/^Performance indicators: /);
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings).toEqual([demo.sections[0].title, demo.sections[1].title, 'Indicators not linked to a priority']);
    const row = page.locator('main table').first().locator('tbody tr').first();
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Percentage of re-referrals within 12 months');
    expect(text).toContain('July 2012: 22%');
    expect(text).toContain('23%');
    expect(await row.locator('.govuk-tag').innerText()).toBe('Green');
    expect(text).toContain('Improving from 24% in June 2012');
    expect(text).toContain('Better than statistical neighbours 11/12 (25%)');
    expect(text).toContain('England: not available');
    // The chart: one image, named by the sentence printed under it.
    const chart = page.locator('main svg[role="img"]').first();
    const labelledBy = await chart.getAttribute('aria-labelledby');
    const caption = await page.locator(`[id="${labelledBy}"]`).innerText();
    expect(caption).toMatch(/^Percentage of re-referrals within 12 months, .* 2012/);
    expect(caption).toContain('target of 23%');
    // The chair reads values but does not enter them, nor set indicators up.
    await follow(page, 'Percentage of re-referrals within 12 months');
    await checked(page);
    expect(await page.getByRole('link', { name: /^(Enter|Correct)/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Change the indicator' }).count()).toBe(0);
    expect((await page.goto(`${indicatorUrl(csl.id)}/values/2012-08`))?.status()).toBe(403);
    await checked(page);
    await page.context().close();
  });

  it('takes a service head’s value for a month with an error, then a valid one, and shows the new RAG', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, HEAD_CSL);
    await page.goto(indicatorsUrl());
    await checked(page);
    await follow(page, 'Percentage of re-referrals within 12 months');
    await page.waitForURL(indicatorUrl(csl.id));
    await checked(page);
    await screenshot(page, 'indicator');
    await follow(page, 'Enter the August 2012 value');
    await page.waitForURL(`${indicatorUrl(csl.id)}/values/2012-08`);
    await checked(page);
    // Not a number, and a numerator without its denominator: each refused in the API's words, linked to its field.
    await page.getByLabel('Value', { exact: true }).fill('about 30');
    await page.getByLabel('Numerator (optional)').fill('60');
    await press(page, 'Save value');
    await checked(page);
    expect(await page.title()).toMatch(/^Error: Enter the August 2012 value: /);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.locator('a').allTextContents()).toEqual(['Value must be a number']);
    await summary.getByRole('link', { name: 'Value must be a number' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('value');
    expect(await page.getByLabel('Value', { exact: true }).inputValue()).toBe('about 30');
    // Now the return's own rule: a numerator needs its denominator.
    await page.getByLabel('Value', { exact: true }).fill('');
    await press(page, 'Save value');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Denominator is required with the numerator']);
    expect((await apiValues(csl.id)).map((v) => v.month)).toEqual(['2012-06', '2012-07']);

    // Worked out from numerator and denominator: 60 of 200 is 30%, beyond the amber tolerance of a 23% target.
    await page.getByLabel('Denominator (optional)').fill('200');
    await page.getByLabel('Provisional', { exact: true }).check();
    await press(page, 'Save value');
    await page.waitForURL(`${indicatorUrl(csl.id)}?done=entered&month=2012-08`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The August 2012 value is saved.');
    expect((await page.locator('.app-standing').innerText()).replace(/\s+/g, ' ').trim()).toBe('August 2012: 30% (provisional) against a target of 23%. RAG: Red');
    expect(await mainText(page)).toContain('30% against a target of 23% (lower is better): 7 points worse');
    expect(await mainText(page)).toContain('Worsening from 22% in July 2012');
    const august = page.locator('main table tbody tr', { hasText: 'August 2012' });
    expect(await august.locator('.govuk-tag').innerText()).toBe('Red');
    expect(await august.innerText()).toContain('Sam Safeguarding');
    const saved = (await apiValues(csl.id)).find((v) => v.month === '2012-08')!;
    expect(saved).toMatchObject({ value: 30, version: 1 });

    // A correction starts from the value as recorded, and keeps the earlier one in the history.
    await follow(page, 'Correct the August 2012 value');
    await checked(page);
    expect(await page.getByLabel('Value', { exact: true }).inputValue()).toBe('30');
    expect(await page.locator('.app-value-history tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^1\t30% \(60 of 200\), provisional\tSam Safeguarding\t.+\t\tIn force$/)]);
    await page.getByLabel('Value', { exact: true }).fill('21');
    await page.getByLabel('Numerator (optional)').fill('');
    await page.getByLabel('Denominator (optional)').fill('');
    await page.getByLabel('Final', { exact: true }).check();
    await press(page, 'Save value');
    await page.waitForURL(/done=entered/);
    await checked(page);
    expect(await page.locator('.app-standing .govuk-tag').innerText()).toBe('Green');
    const history = (await t.http.get(`/api/indicators/${csl.id}/values/2012-08/history`).expect(200)).body.versions;
    expect(history.map((v: { value: number }) => v.value)).toEqual([30, 21]);
    await page.context().close();
  });

  it('shows a stale value form what was entered meanwhile, saving nothing until it is sent again', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, HEAD_CSL);
    await page.goto(`${indicatorUrl(csl.id)}/values/2012-05`);
    await checked(page);
    await page.getByLabel('Value', { exact: true }).fill('19');
    await t.http.put(`/api/indicators/${csl.id}/values/2012-05`).send({ value: 20, note: 'From the performance team' }).expect(200);
    await press(page, 'Save value');
    await checked(page);
    expect(await page.title()).toMatch(/^Someone else entered this value: /);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Nothing has been saved');
    expect(await page.locator('main table tbody tr').first().innerText()).toBe('Value\t20\t19');
    expect(await page.getByLabel('Value', { exact: true }).inputValue()).toBe('19');
    expect((await apiValues(csl.id)).find((v) => v.month === '2012-05')!.value).toBe(20);
    await press(page, 'Save value');
    await page.waitForURL(/done=entered/);
    expect((await apiValues(csl.id)).find((v) => v.month === '2012-05')!.value).toBe(19);
    await page.context().close();
  });

  it('keeps a partner lead to their agency’s indicators: another is the 404 page and is not listed', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, HEAD_NHS);
    await page.goto(indicatorsUrl());
    await checked(page);
    const listed = await page.locator('main tbody th a').allInnerTexts();
    expect(listed).toEqual(['Initial health assessments within 20 working days']);
    expect(await mainText(page)).toContain('You see the indicators you own or your agencies lead.');
    expect(await mainText(page)).not.toContain('re-referrals');
    for (const suffix of ['', '/values/2012-08']) {
      const response = await page.goto(`${indicatorUrl(csl.id)}${suffix}`);
      expect(response?.status()).toBe(404);
      await checked(page);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
      expect(await mainText(page)).not.toContain('re-referrals');
    }
    // Their own under another plan's address is no different; a month that is not one names no page.
    const other = (await t.http.post('/api/plans').send({ title: 'Another plan', kind: 'other', sections: [] }).expect(201)).body;
    expect((await page.goto(`${t.baseUrl}/plans/${other.id}/indicators/${nhs.id}`))?.status()).toBe(404);
    expect((await page.goto(`${indicatorUrl(nhs.id)}/values/2012-13`))?.status()).toBe(404);
    await checked(page);
    // A value sent for the indicator they do not lead is refused as not found, and nothing is written.
    await page.goto(`${indicatorUrl(nhs.id)}/values/2012-08`);
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const forged = await page.request.post(`${indicatorUrl(csl.id)}/values/2012-04`, { form: { _csrf: token, value: '1', version: '0' }, maxRedirects: 0 });
    expect(forged.status()).toBe(404);
    expect((await apiValues(csl.id)).some((v) => v.month === '2012-04')).toBe(false);
    // Their own: entered here. No performance report link on the plan page (it shows the whole plan).
    await page.getByLabel('Value', { exact: true }).fill('85');
    await press(page, 'Save value');
    await page.waitForURL(/done=entered/);
    await checked(page);
    expect(await page.locator('.app-standing .govuk-tag').innerText()).toBe('Amber');
    await page.goto(`${t.baseUrl}/plans/${demo.id}`);
    expect(await page.getByRole('link', { name: /performance report/i }).count()).toBe(0);
    expect((await page.request.get(`${t.baseUrl}/plans/${demo.id}/performance-report?format=html&asOf=2012-08`)).status()).toBe(403);
    await page.context().close();
  });

  it('lets an admin set an indicator up, with the API’s refusals first, and change it', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, TEST_ADMIN);
    await page.goto(indicatorsUrl());
    await checked(page);
    await press(page, 'Add an indicator');
    await page.waitForURL(`${t.baseUrl}/admin/plans/${demo.id}/indicators/new`);
    await checked(page);
    await page.getByLabel('Targets (optional)').fill('2012/13: 95%\nsoon: 90%');
    await press(page, 'Save indicator');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual([
      'Enter the indicator’s title',
      'Select the unit its figures are in',
      'Targets: line 2 ("soon: 90%") must start with a financial year such as 2022/23 or a month such as 2022-06, then the target',
    ]);
    await page.getByLabel('Title').fill('Percentage of child protection plans reviewed on time');
    await page.getByLabel('Percentage', { exact: true }).check();
    await page.getByLabel('Higher is better', { exact: true }).check();
    await page.getByLabel('Owner').selectOption({ label: 'Sam Safeguarding (head.csl@demo.test)' });
    await page.getByLabel(SAFEGUARDING, { exact: true }).check();
    await page.getByLabel(demo.sections[0].title, { exact: true }).check();
    await page.getByLabel('Its own, in the indicator’s units (points for a percentage)').check();
    await page.getByLabel('Green: worse than target by at most').fill('2');
    await page.getByLabel('Amber: worse than target by at most').fill('1');
    await page.getByLabel('Targets (optional)').fill('2012/13: 95%\n2013/14: TBC');
    await press(page, 'Save indicator');
    await checked(page);
    // The service's own rule, in its words: amber may not be narrower than green.
    const refused = await page.locator('.govuk-error-summary a').allTextContents();
    expect(refused).toEqual(['The amber tolerance (1) cannot be narrower than the green (2)']);
    await page.getByLabel('Amber: worse than target by at most').fill('5');
    await press(page, 'Save indicator');
    await page.waitForURL(/\/plans\/.*\/indicators\/[0-9a-f-]{36}\?done=created$/);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The indicator is set up.');
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const created = (await t.http.get(`/api/indicators/${id}`).expect(200)).body;
    expect(created).toMatchObject({
      title: 'Percentage of child protection plans reviewed on time',
      unit: 'percentage',
      polarity: 'higher_is_better',
      owner: { name: 'Sam Safeguarding' },
      leadAgencies: [{ name: SAFEGUARDING }],
      priorities: [{ sectionId: demo.sections[0].id }],
      tolerance: { basis: 'units', green: 2, amber: 5 },
    });
    expect(created.targets.map((target: { financialYear: number; text: string }) => [target.financialYear, target.text])).toEqual([[2012, '95%'], [2013, 'TBC']]);

    await press(page, 'Change the indicator');
    await checked(page);
    expect(await page.getByLabel('Targets (optional)').inputValue()).toBe('2012/13: 95%\n2013/14: TBC');
    await page.getByLabel('Title').fill('Child protection plans reviewed on time');
    // Meanwhile someone else changes it: the conflict, nothing saved, then saved on purpose.
    await t.http.patch(`/api/indicators/${id}`).send({ definition: 'Reviews held within 3 months', ownerId: null, version: created.version }).expect(200);
    await press(page, 'Save indicator');
    await checked(page);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Someone else changed this');
    const changes = await page.locator('main table tbody tr').allInnerTexts();
    expect(changes).toEqual(
      expect.arrayContaining(['Title\tPercentage of child protection plans reviewed on time\tChild protection plans reviewed on time', 'Definition\tReviews held within 3 months\t(empty)', 'Owner\t(empty)\tSam Safeguarding']),
    );
    expect((await t.http.get(`/api/indicators/${id}`).expect(200)).body.title).toBe('Percentage of child protection plans reviewed on time');
    await press(page, 'Save indicator');
    await page.waitForURL(/done=changed$/);
    await checked(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Child protection plans reviewed on time');
    // The administration's plan page leads here too.
    await page.goto(`${t.baseUrl}/admin/plans/${demo.id}`);
    await checked(page);
    expect(await page.getByRole('link', { name: 'add a performance indicator' }).getAttribute('href')).toBe(`/admin/plans/${demo.id}/indicators/new`);
    // A service head is not shown the button, and the page refuses them as the API does.
    const head = await browser.newPage();
    await signIn(head, t.baseUrl, HEAD_CSL);
    await head.goto(indicatorsUrl());
    expect(await head.getByRole('button', { name: 'Add an indicator' }).count()).toBe(0);
    expect((await head.goto(`${t.baseUrl}/admin/plans/${demo.id}/indicators/new`))?.status()).toBe(403);
    await checked(head);
    await head.context().close();
    await page.context().close();
  });

  it('links the performance report from the plan page as HTML, PDF and Word, under the session', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, 'chair@demo.test');
    await page.goto(`${t.baseUrl}/plans/${demo.id}`);
    await checked(page);
    const paper = page.locator('.app-downloads li', { hasText: 'Performance report for August 2012' });
    const links = paper.getByRole('link');
    expect((await links.allInnerTexts()).map((link) => link.replace(/\s+/g, ' '))).toEqual(['HTML of the performance report for august 2012', 'PDF of the performance report for august 2012', 'Word of the performance report for august 2012']);
    const html = await page.request.get(new URL((await links.nth(0).getAttribute('href'))!, t.baseUrl).href);
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toMatch(/^text\/html/);
    const body = await html.text();
    expect(body).toContain('Percentage of re-referrals within 12 months');
    expect(body).toContain('<svg');
    const word = await page.request.get(new URL((await links.nth(2).getAttribute('href'))!, t.baseUrl).href);
    expect(word.status()).toBe(200);
    expect(word.headers()['content-type']).toContain('wordprocessingml');
    expect((await page.request.get(`${t.baseUrl}/plans/${demo.id}/performance-report?asOf=2012-13`)).status()).toBe(400);
    await page.context().close();
  });

  it('prints hostile text literally on every page it reaches', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, HEAD_CSL);
    const expectLiteral = async () => {
      await checked(page);
      const main = await page.locator('main').innerText();
      expect(main).toContain('<script>alert("x")</script> {{ 7*7 }} {% raw %} "quoted" \'single\'');
      expect(main).toContain('מדד הפניות חוזרות');
      expect(await page.locator('main script').count()).toBe(0);
      // Long words wrap and charts scale: nothing pushes the page sideways (a wide table scrolls in its own box).
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
      expect(`${page.url()} at ${page.viewportSize()?.width}: ${overflow} pixels too wide`).toBe(`${page.url()} at ${page.viewportSize()?.width}: 0 pixels too wide`);
    };
    // At 200% zoom a 1280-pixel window is 640 CSS pixels wide; at 400%, 320.
    for (const width of [1280, 640, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(indicatorsUrl());
      await expectLiteral();
      await page.goto(indicatorUrl(hostile.id));
      await expectLiteral();
    }
    expect(await page.title()).toContain('<script>alert("x")</script>');
    await page.goto(`${indicatorUrl(hostile.id)}/values/2012-07`);
    await expectLiteral();
    expect(await page.getByLabel('Note (optional)').inputValue()).toBe(HOSTILE);
    // Sent back as it stands: stored exactly, shown exactly.
    await press(page, 'Save value');
    await page.waitForURL(/done=entered/);
    await expectLiteral();
    expect((await t.http.get(`/api/indicators/${hostile.id}/values/2012-07/history`).expect(200)).body.versions).toHaveLength(1);
    await page.context().close();
  });

  it('refuses a value form sent without its CSRF token, saving nothing', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, HEAD_CSL);
    await page.goto(`${indicatorUrl(csl.id)}/values/2012-03`);
    const response = await page.request.post(`${indicatorUrl(csl.id)}/values/2012-03`, { form: { value: '40', version: '0' }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('The form could not be sent');
    expect((await apiValues(csl.id)).some((v) => v.month === '2012-03')).toBe(false);
    await page.context().close();
  });

  it('takes a value without JavaScript: an error, then a valid one', async () => {
    const page = await withoutJavaScript(browser);
    await signIn(page, t.baseUrl, HEAD_CSL);
    await page.goto(`${indicatorUrl(csl.id)}/values/2012-09`);
    await checked(page);
    expect(await page.evaluate('document.body.className')).not.toContain('js-enabled');
    await press(page, 'Save value');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Value is required (or give numerator and denominator, or tick Not available (N/A))']);
    await page.getByLabel('Not available (N/A)').check();
    await press(page, 'Save value');
    await page.waitForURL(/done=entered&month=2012-09/);
    await checked(page);
    expect(await page.locator('.app-standing').innerText()).toMatch(/^September 2012: N\/A/);
    expect((await apiValues(csl.id)).find((v) => v.month === '2012-09')).toMatchObject({ value: null, notAvailable: true });
    await page.context().close();
  });
});
