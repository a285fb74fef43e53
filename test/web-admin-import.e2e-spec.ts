import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { expectAccessible, follow, launchBrowser, press, problemsOn, screenshot, signIn, startWebApp, TestBrowser, WebApp, withoutJavaScript } from './support/browser';
import { TEST_ADMIN } from './support/test-app';

jest.setTimeout(300_000);

const HOSTILE = '<script>alert(1)</script> {{7*7}} "quotes" \u202eRTL';
const PAPER_FILE = path.join(__dirname, 'fixtures/reference/southampton-2012-quality-improvement-plan.txt');
const BUSINESS_PLAN = fs.readFileSync(path.join(__dirname, 'fixtures/imports/lscb-business-plan-2015-18.txt'), 'utf8');
const PAPER_TITLE = 'Quality Improvement Plan in response to OfSTED Announced Inspection 2012';

/**
 * The import journey in Chromium, as an administrator brings a plan in:
 * upload (or paste) -> preview (warnings by line, agencies, who hears of
 * what, the tree) -> confirm -> confirmation, on the demo data, with the
 * reference committee paper and the safeguarding board's business plan.
 */
describe('Web pages: importing a plan', () => {
  let t: WebApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    t = await startWebApp();
    browser = await launchBrowser();
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
  const plansTitled = async (title: string) => Number((await t.dataSource.query('SELECT count(*) AS n FROM plans WHERE title = $1', [title]))[0].n);

  async function preview(page: Page): Promise<void> {
    await press(page, 'Preview the import');
    await checked(page);
  }

  it('imports the reference paper: upload, preview with the warnings by line, confirm once', async () => {
    const page = await admin();
    await page.goto(`${t.baseUrl}/admin/plans`);
    await press(page, 'Import a plan');
    await checked(page);
    expect(await heading(page)).toBe('Import a plan');
    await screenshot(page, 'admin-import-step-1');

    // Nothing given; then a publication date that is not a date.
    await preview(page);
    expect(await summaryLinks(page)).toEqual(['Choose a file to upload, or paste the plan’s text']);
    await page.getByLabel('Upload a file').setInputFiles(PAPER_FILE);
    await page.getByText('Format and options').click();
    const published = page.getByRole('group', { name: 'Publication date (optional)' });
    await published.getByLabel('Day').fill('31');
    await published.getByLabel('Month').fill('6');
    await published.getByLabel('Year').fill('2012');
    await preview(page);
    expect(await summaryLinks(page)).toEqual(['The publication date must be a real date']);
    // The options stay open where the problem is; a file is never sent back by a browser, so it is chosen again.
    expect(await page.locator('details.govuk-details').first().getAttribute('open')).not.toBeNull();
    await page.getByLabel('Upload a file').setInputFiles(PAPER_FILE);
    await published.getByLabel('Day').fill('13');
    await preview(page);
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/imports\/[0-9a-f-]{36}$/);
    expect(await heading(page)).toBe('Check the import');
    await screenshot(page, 'admin-import-preview');

    const text = await page.locator('main').innerText();
    expect(text).toContain('Step 2 of 3: southampton-2012-quality-improvement-plan.txt');
    // The demo plan has the paper's title: the person is told, with a link to it.
    expect(text).toContain('A plan with this title already exists');
    const demoId = (await t.dataSource.query('SELECT id FROM plans WHERE title = $1', [PAPER_TITLE]))[0].id;
    expect(await page.getByRole('link', { name: 'open it' }).getAttribute('href')).toBe(`/admin/plans/${demoId}`);
    expect(text).toContain('2 tables, 17 recommendations, 58 activities.');
    expect(text).toContain('13 June 2012');
    const warnings = await page.getByRole('region', { name: 'Warnings' }).locator('tbody tr').allInnerTexts();
    expect(warnings[0]).toMatch(/^Line 83\tThe row is shifted one column to the right/);
    expect(warnings[1]).toMatch(/^Line 69\tThe activity text stops mid-sentence/);
    expect(warnings[2]).toMatch(/^Lines 83 and 88\tThe activity has no lead agency/);
    // The activity repeated under ten recommendations, with every line it is on.
    expect(warnings.slice(3).map((row) => row.split('\t')[0])).toEqual(['Lines 31, 34, 75, 82, 91, 101, 103, 110, 112 and 125', 'Lines 41 and 83']);
    // Every agency is matched to one the council has, each with the spellings seen.
    const agencies = page.getByRole('region', { name: 'Lead agencies' });
    expect(await agencies.locator('.govuk-tag').count()).toBe(0);
    expect(await agencies.locator('tr', { hasText: 'SCC – CSL Directorate' }).first().innerText()).toContain('SCC - CSL Directorate');
    // The tree: the first table's first recommendation, from line 19.
    await page.getByText('Table 1: Safeguarding (7 recommendations, 24 activities)').click();
    expect(await page.locator('.app-import-tree tbody tr').first().innerText()).toMatch(/^Line 19\t1\. Ensure that the quality of social work/);
    expect(await plansTitled(PAPER_TITLE)).toBe(1);

    await press(page, 'Import plan');
    await page.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}\/done$/);
    await checked(page);
    await screenshot(page, 'admin-import-done');
    expect(await page.locator('.govuk-panel').innerText()).toContain('Plan imported');
    expect(await page.locator('main').innerText()).toContain('17 recommendations and 58 activities added');
    expect(await plansTitled(PAPER_TITLE)).toBe(2);
    const doneUrl = page.url();

    // Sending the confirmation again (back, then the button) imports nothing more.
    await page.goBack();
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const again = await page.request.post(doneUrl.replace(/\/done$/, '/confirm'), { form: { _csrf: csrf, previewHash: 'whatever' }, maxRedirects: 0 });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toBe(new URL(doneUrl).pathname);
    expect(await plansTitled(PAPER_TITLE)).toBe(2);

    await page.goto(doneUrl);
    await follow(page, 'Go to the plan');
    await checked(page);
    expect(await page.locator('main').innerText()).toContain('2 tables, 17 recommendations, 58 activities.');
    // The upload itself is gone once imported; only what it did is kept.
    const [draft] = await t.dataSource.query(`SELECT state, octet_length(content) AS bytes FROM import_drafts WHERE id = $1`, [/imports\/([0-9a-f-]{36})/.exec(doneUrl)![1]]);
    expect(draft).toEqual({ state: 'committed', bytes: 0 });
    await page.context().close();
  });

  it('pastes the business plan, maps its unmatched lead to an agency, and shows a preview that changed before importing', async () => {
    const page = await admin();
    await page.goto(`${t.baseUrl}/admin/imports/new`);
    await page.getByLabel('Or paste the plan').fill(BUSINESS_PLAN);
    await preview(page);
    expect(await heading(page)).toBe('Check the import');
    expect(await page.getByRole('region', { name: 'Warnings' }).innerText()).toMatch(/Lines 15 and 42\t"Chair" is not in the plan's key/);
    // The lead nothing matched can be mapped; so can every agency the import would add.
    const chair = page.getByLabel('“Chair”');
    expect(await page.locator('label', { hasText: '“Chair”' }).locator('..').locator('.govuk-hint').innerText()).toBe('Not matched, on lines 15 and 42');
    await chair.selectOption({ label: 'Southampton Local Safeguarding Children Board' });
    await press(page, 'Use these matches');
    await page.waitForURL(/mapped=1#agencies$/);
    await checked(page);
    expect(await page.locator('main').innerText()).not.toContain('"Chair" is not in the plan\'s key');
    expect(await page.getByLabel('“Chair”').locator('option:checked').innerText()).toBe('Southampton Local Safeguarding Children Board');
    await screenshot(page, 'admin-import-mapping');

    // Someone adds an agency the import would have added: the import would now do something else, so it asks again.
    const added = await page.getByRole('region', { name: 'Lead agencies' }).locator('tr', { has: page.locator('.govuk-tag') }).first().locator('td').first().innerText();
    const name = added.replace(/^New\s*/, '');
    await t.http.post('/api/lead-agencies').send({ name }).expect(201);
    await press(page, 'Import plan');
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('What this import would do has changed since you looked');
    expect(await t.dataSource.query(`SELECT id FROM plans WHERE title LIKE '%Business Plan%'`)).toEqual([]);
    await press(page, 'Import plan');
    await page.waitForURL(/\/done$/);
    await checked(page);
    const [{ lead_agency_text: leadText, name: linked }] = await t.dataSource.query(
      `SELECT a.lead_agency_text, l.name FROM activities a JOIN activity_lead_agencies x ON x.activity_id = a.id JOIN lead_agencies l ON l.id = x.lead_agency_id WHERE a.text LIKE 'Publish the Board%'`,
    );
    expect([leadText, linked]).toEqual(['Chair', 'Southampton Local Safeguarding Children Board']);
    await page.context().close();
  });

  it('says plainly what cannot be read, and shows hostile text literally', async () => {
    const page = await admin();
    await page.goto(`${t.baseUrl}/admin/imports/new`);
    await page.getByLabel('Or paste the plan').fill(`Just a note ${HOSTILE}\nwith no table at all`);
    await preview(page);
    const [problem] = await summaryLinks(page);
    expect(problem).toMatch(/^Line \d+|table|header/i);
    await page.locator('.govuk-error-summary a').first().click();
    expect(await page.evaluate('document.activeElement.id')).toBe('text');
    expect(await page.getByLabel('Or paste the plan').inputValue()).toBe(`Just a note ${HOSTILE}\nwith no table at all`);

    const table = [
      'Area for development - Ofsted report\tActivity to be delivered\tOutcome measure\tCost (if app.)\tLead agency',
      'Safeguarding: Immediately\t\t\t\t',
      `1. Make sure ${HOSTILE} is shown as written\tCheck ${HOSTILE} twice\tMeasured ${HOSTILE}\t£1k ${HOSTILE}\tAgency {{7*7}} "quotes" \u202eRTL`,
    ].join('\n');
    await page.getByLabel('Or paste the plan').fill(table);
    await page.getByText('Format and options').click();
    await page.getByLabel('Title of the new plan (optional)').fill(`Hostile plan ${HOSTILE}`);
    await preview(page);
    expect(await heading(page)).toBe('Check the import');
    const main = await page.locator('main').innerText();
    expect(main).toContain(`Hostile plan ${HOSTILE}`);
    // A slash separates two bodies in a lead agency cell, so the agency's hostile text has none.
    expect(main).toContain('Agency {{7*7}} "quotes" \u202eRTL');
    await page.locator('summary', { hasText: 'Table 1:' }).click();
    expect(await page.locator('.app-import-tree').innerText()).toContain(`Check ${HOSTILE} twice`);
    expect(await page.content()).not.toContain('<script>alert(1)</script>');
    await screenshot(page, 'admin-import-hostile');

    // Another session (even the same person's) cannot open this upload.
    const draftPath = new URL(page.url()).pathname;
    const other = await admin();
    expect((await other.goto(`${t.baseUrl}${draftPath}`))?.status()).toBe(404);
    expect(await heading(other)).toBe('Page not found');
    await checked(other);
    await other.context().close();
    await page.context().close();
  });

  it('says on the form, in the error summary, when the file or the pasted text is over the limit, and keeps nothing', async () => {
    const page = await admin();
    await page.goto(`${t.baseUrl}/admin/imports/new`);
    await checked(page);
    expect(await page.locator('#file-hint').innerText()).toContain('up to 10 MB');
    const drafts = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM import_drafts'))[0].n);
    const before = await drafts();
    const huge = Buffer.alloc(10 * 1_048_576 + 1, 'a');
    await page.getByLabel('Upload a file').setInputFiles({ name: 'huge-plan.txt', mimeType: 'text/plain', buffer: huge });
    await preview(page);
    expect(await heading(page)).toBe('Import a plan');
    expect(await summaryLinks(page)).toEqual(['The selected file must be smaller than 10 MB']);
    expect(await page.locator('#file-error').innerText()).toContain('The selected file must be smaller than 10 MB');
    await page.locator('.govuk-error-summary a').first().click();
    expect(await page.evaluate('document.activeElement.id')).toBe('file');

    // Ten megabytes are too many to type in a test: the form is sent as the browser sends it, with its token first.
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const pasted = await page.request.post(`${t.baseUrl}/admin/imports/new`, { multipart: { _csrf: csrf, text: 'x'.repeat(10 * 1_048_576 + 1) }, maxRedirects: 0 });
    expect(pasted.status()).toBe(413);
    const html = await pasted.text();
    expect(html).toContain('<a href="#text">The pasted text must be smaller than 10 MB</a>');
    expect(html).toMatch(/class="govuk-error-summary"/);

    // Over the limit and without its token: refused as any forged form is.
    const forged = await page.request.post(`${t.baseUrl}/admin/imports/new`, { multipart: { file: { name: 'huge-plan.txt', mimeType: 'text/plain', buffer: huge } }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('The form could not be sent');
    expect(await drafts()).toBe(before);
    await page.context().close();
  });

  it('refuses an upload, or any form, sent without its CSRF token, and keeps nothing', async () => {
    const page = await admin();
    await page.goto(`${t.baseUrl}/admin/imports/new`);
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const before = Number((await t.dataSource.query('SELECT count(*) AS n FROM import_drafts'))[0].n);
    const file = { name: 'plan.txt', mimeType: 'text/plain', buffer: fs.readFileSync(PAPER_FILE) };
    const forged = await page.request.post(`${t.baseUrl}/admin/imports/new`, { multipart: { file }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('The form could not be sent');
    const wrong = await page.request.post(`${t.baseUrl}/admin/imports/new`, { multipart: { _csrf: `${csrf.slice(0, -2)}xx`, text: 'a\tb' }, maxRedirects: 0 });
    expect(wrong.status()).toBe(403);
    expect(Number((await t.dataSource.query('SELECT count(*) AS n FROM import_drafts'))[0].n)).toBe(before);
    // With its token, the same upload is read.
    const good = await page.request.post(`${t.baseUrl}/admin/imports/new`, { multipart: { _csrf: csrf, file }, maxRedirects: 0 });
    expect(good.status()).toBe(303);
    // Only the upload's own address waits for its body: another form sent as multipart without a token is refused as before.
    const elsewhere = await page.request.post(`${t.baseUrl}/admin/closure-days/new`, { multipart: { 'date-day': '28', 'date-month': '12', 'date-year': '2030', description: 'Forged' }, maxRedirects: 0 });
    expect(elsewhere.status()).toBe(403);
    const withToken = await page.request.post(`${t.baseUrl}/admin/closure-days/new`, { multipart: { _csrf: csrf, 'date-day': '28', 'date-month': '12', 'date-year': '2030', description: 'Forged' }, maxRedirects: 0 });
    expect(withToken.status()).toBe(403);
    for (const [path, form] of [
      ['/admin/plans/new', { title: 'Forged plan', kind: 'other' }],
      ['/admin/lead-agencies/new', { name: 'Forged agency' }],
      ['/admin/people/new', { name: 'Forged', email: 'forged@council.example', roles: 'admin', digest: 'daily' }],
    ] as const) {
      expect((await page.request.post(`${t.baseUrl}${path}`, { form, maxRedirects: 0 })).status()).toBe(403);
    }
    expect(await t.dataSource.query(`SELECT 1 FROM plans WHERE title = 'Forged plan' UNION ALL SELECT 1 FROM lead_agencies WHERE name = 'Forged agency' UNION ALL SELECT 1 FROM users WHERE email = 'forged@council.example' UNION ALL SELECT 1 FROM closure_days WHERE description = 'Forged'`)).toEqual([]);
    await page.context().close();
  });
  it('imports without JavaScript: upload, options opened by their own summary, preview, confirm', async () => {
    const page = await withoutJavaScript(browser);
    await signIn(page, t.baseUrl, TEST_ADMIN);
    await page.goto(`${t.baseUrl}/admin/imports/new`);
    await checked(page);
    await page.getByLabel('Upload a file').setInputFiles(PAPER_FILE);
    // <details> opens without script.
    await page.getByText('Format and options').click();
    await page.getByLabel('Title of the new plan (optional)').fill('Imported without JavaScript');
    await preview(page);
    expect(await heading(page)).toBe('Check the import');
    expect(await page.getByRole('region', { name: 'Warnings' }).locator('tbody tr').first().innerText()).toMatch(/^Line 83\t/);
    await press(page, 'Import plan');
    await page.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}\/done$/);
    await checked(page);
    expect(await page.locator('main').innerText()).toContain('17 recommendations and 58 activities added');
    expect(await plansTitled('Imported without JavaScript')).toBe(1);
    await page.context().close();
  });
});
