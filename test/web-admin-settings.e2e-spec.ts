import type { Page } from 'playwright-core';
import { expectAccessible, follow, launchBrowser, press, problemsOn, screenshot, signIn, startWebApp, TestBrowser, WebApp, withoutJavaScript } from './support/browser';
import { TEST_ADMIN } from './support/test-app';

jest.setTimeout(180_000);

const HOSTILE = '<script>alert(1)</script> {{7*7}} "quotes" \u202eRTL';
const LONG_WORD = `Safeguarding${'Partnership'.repeat(15)}`;

/**
 * The administration pages for closure days, lead agencies, people and the
 * reminder queue, driven in Chromium as an administrator uses them, on the
 * demo data (the Southampton plan, its agencies and people).
 */
describe('Web pages: administration of closure days, lead agencies, people and reminders', () => {
  let t: WebApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    t = await startWebApp({ config: { councilName: 'Southampton City Council' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** axe-core at WCAG 2.2 AA, and no script error, refused asset or dialog (an alert would mean hostile text ran). */
  async function checked(page: Page): Promise<void> {
    await expectAccessible(page);
    expect(problemsOn(page)).toEqual([]);
  }

  async function admin(): Promise<Page> {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, TEST_ADMIN);
    return page;
  }

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(`${t.baseUrl}${path}`);
    await checked(page);
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();
  const summaryLinks = (page: Page) => page.locator('.govuk-error-summary a').allInnerTexts();

  it('refuses everyone but admins: the 403 page for other roles, sign-in for nobody', async () => {
    for (const email of ['head.csl@demo.test', 'chair@demo.test', 'viewer@demo.test']) {
      const page = await browser.newPage();
      await signIn(page, t.baseUrl, email);
      // The menu does not offer what the pages refuse.
      expect(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Administration' }).count()).toBe(0);
      for (const path of ['/admin', '/admin/closure-days', '/admin/closure-days/new', '/admin/people', '/admin/lead-agencies', '/admin/plans', '/admin/imports/new', '/admin/failed-reminders', '/admin/unheard-activities']) {
        const response = await page.goto(`${t.baseUrl}${path}`);
        expect(response?.status()).toBe(403);
        expect(await heading(page)).toBe('You cannot do this');
      }
      await checked(page);
      // A form sent anyway (with a good token) changes nothing.
      const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
      const posted = await page.request.post(`${t.baseUrl}/admin/closure-days/new`, { form: { _csrf: csrf, 'date-day': '24', 'date-month': '12', 'date-year': '2030', description: 'Sneaky' }, maxRedirects: 0 });
      expect(posted.status()).toBe(403);
      await page.context().close();
    }
    expect(await t.dataSource.query(`SELECT * FROM closure_days WHERE description = 'Sneaky'`)).toEqual([]);
    const anonymous = await browser.newPage();
    await anonymous.goto(`${t.baseUrl}/admin/closure-days`);
    expect(anonymous.url()).toBe(`${t.baseUrl}/sign-in?returnTo=${encodeURIComponent('/admin/closure-days')}`);
    await anonymous.context().close();
  });

  it('adds a closure day (a wrong date shown, then put right), says deadlines move, and removes it', async () => {
    const page = await admin();
    await follow(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Administration' }));
    await checked(page);
    expect(await heading(page)).toBe('Administration');
    await screenshot(page, 'admin-home');
    await follow(page, 'Closure days');
    await checked(page);
    expect(await page.locator('main').innerText()).toContain('moves every deadline counted in working days across it');
    await press(page, 'Add a closure day');
    await checked(page);
    expect(await page.locator('main').innerText()).toContain('will move to a later working day');

    // Nothing entered; then a month missing; then a bank holiday.
    await press(page, 'Add closure day');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(['Enter the date the council is closed', 'Enter why the council is closed, for example Christmas closure']);
    expect(await page.title()).toBe('Error: Add a closure day – Improvement Plan Manager – Southampton City Council');
    await page.getByLabel('Day').fill('27');
    await page.getByLabel('Year').fill('2030');
    await page.getByLabel('Reason').fill(`Christmas closure ${HOSTILE}`);
    await press(page, 'Add closure day');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(['The date must include a month']);
    await page.locator('.govuk-error-summary a').first().click();
    expect(await page.evaluate('document.activeElement.id')).toBe('date-day');
    expect(await page.getByLabel('Reason').inputValue()).toBe(`Christmas closure ${HOSTILE}`);
    await page.getByLabel('Month').fill('12');
    await page.getByLabel('Day').fill('25');
    await press(page, 'Add closure day');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(['The date is already a bank holiday (Christmas Day)']);
    await page.getByLabel('Day').fill('27');
    await press(page, 'Add closure day');
    await page.waitForURL(`${t.baseUrl}/admin/closure-days?done=added`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The closure day has been added.');
    const row = page.locator('tbody tr', { hasText: '27 December 2030' });
    expect(await row.locator('td').nth(1).innerText()).toBe(`Christmas closure ${HOSTILE}`);
    await screenshot(page, 'admin-closure-days');
    expect(await t.dataSource.query(`SELECT date::text, description FROM closure_days`)).toEqual([{ date: '2030-12-27', description: `Christmas closure ${HOSTILE}` }]);

    await follow(page, row.getByRole('link', { name: 'Remove 27 December 2030' }));
    await checked(page);
    expect(await heading(page)).toBe('Remove the closure day on 27 December 2030?');
    expect(await page.locator('main').innerText()).toContain('will move back to an earlier working day');
    await press(page, 'Remove closure day');
    await page.waitForURL(`${t.baseUrl}/admin/closure-days?done=removed`);
    await checked(page);
    expect(await page.locator('main').innerText()).toContain('No closure days are coming up.');
    expect(await t.dataSource.query(`SELECT * FROM closure_days`)).toEqual([]);
    // A date that is not a closure day, or not a date, names nothing.
    expect((await page.goto(`${t.baseUrl}/admin/closure-days/2030-12-27/remove`))?.status()).toBe(404);
    expect((await page.goto(`${t.baseUrl}/admin/closure-days/not-a-date/remove`))?.status()).toBe(404);
    await page.context().close();
  });
  it('adds a lead agency with a parent and other spellings (a taken spelling shown, then put right), keeps contacts, and refuses a stale edit', async () => {
    const page = await admin();
    await visit(page, '/admin/lead-agencies');
    expect(await page.locator('tbody tr').count()).toBe(17);
    await press(page, 'Add a lead agency');
    await checked(page);
    await press(page, 'Add lead agency');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(['Enter the lead agency’s name']);

    const name = `Early Help Hub ${HOSTILE}`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Short name (optional)').fill(LONG_WORD.slice(0, 50));
    await page.getByLabel('Other spellings (optional)').fill('EHH\nSCC - CSL Directorate\n\nEarly Help');
    await page.getByLabel('Part of').selectOption({ label: 'SCC – CSL Directorate' });
    await press(page, 'Add lead agency');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(['Other spelling "SCC - CSL Directorate" is already how "SCC – CSL Directorate" is written']);
    // What was typed stays, the parent too.
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(name);
    expect(await page.getByLabel('Part of').locator('option:checked').innerText()).toBe('SCC – CSL Directorate');
    await page.getByLabel('Other spellings (optional)').fill('EHH\n\nEarly Help');
    await press(page, 'Add lead agency');
    await page.waitForURL(/\/admin\/lead-agencies\/[0-9a-f-]{36}\?done=created$/);
    await checked(page);
    await screenshot(page, 'admin-lead-agency');
    expect(await heading(page)).toBe(name);
    const rows = await page.locator('.govuk-summary-list__row').allInnerTexts();
    expect(rows.join('\n')).toContain('EHH\nEarly Help');
    expect(rows.join('\n')).toContain('SCC – CSL Directorate');
    const agencyId = /lead-agencies\/([0-9a-f-]{36})/.exec(page.url())![1];
    const [stored] = await t.dataSource.query('SELECT a.name, a.aliases, p.name AS parent FROM lead_agencies a JOIN lead_agencies p ON p.id = a.parent_id WHERE a.id = $1', [agencyId]);
    expect(stored).toEqual({ name, aliases: ['EHH', 'Early Help'], parent: 'SCC – CSL Directorate' });
    // The parent lists it among its divisions.
    await follow(page, 'SCC – CSL Directorate');
    await checked(page);
    expect(await page.locator('.govuk-summary-list').innerText()).toContain(name);
    await page.goBack();

    // A contact: one person's membership, changed on its own.
    await page.getByLabel('Add a contact').selectOption({ label: 'Nat Health (head.nhs@demo.test)' });
    await press(page, 'Add contact');
    await page.waitForURL(/done=contact-added/);
    await checked(page);
    expect(await page.locator('.app-contact').innerText()).toContain('Nat Health');
    const [membership] = await t.dataSource.query(`SELECT m.is_contact FROM user_lead_agencies m JOIN users u ON u.id = m.user_id WHERE u.email = 'head.nhs@demo.test' AND m.lead_agency_id = $1`, [agencyId]);
    expect(membership).toEqual({ is_contact: true });
    await press(page, 'Remove Nat Health as contact');
    await page.waitForURL(/done=contact-removed/);
    await checked(page);
    expect(await page.locator('main').innerText()).toContain('This agency has no contacts.');
    expect(await page.locator('main').innerText()).toContain('Nat Health');

    // A stale edit: someone renames it after the form is opened.
    await press(page, 'Change lead agency');
    await checked(page);
    const { version } = (await t.http.get(`/api/lead-agencies/${agencyId}`).expect(200)).body;
    await t.http.patch(`/api/lead-agencies/${agencyId}`).send({ name: 'Early Help Hub (renamed)', version }).expect(200);
    await page.getByLabel('Short name (optional)').fill('EHH');
    await press(page, 'Save changes');
    await checked(page);
    expect(await page.title()).toMatch(/^Someone else changed this: Change Early Help Hub \(renamed\) – /);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Nothing has been saved.');
    const differencesShown = await page.locator('table tbody tr').allInnerTexts();
    expect(differencesShown).toEqual([`Name\tEarly Help Hub (renamed)\t${name}`, `Short name\t${LONG_WORD.slice(0, 50)}\tEHH`]);
    await screenshot(page, 'admin-conflict');
    expect((await t.http.get(`/api/lead-agencies/${agencyId}`).expect(200)).body.shortName).toBe(LONG_WORD.slice(0, 50));
    // Keeping their version is the person's decision, made with the current version in hand.
    await page.getByLabel('Name', { exact: true }).fill('Early Help Hub');
    await press(page, 'Save my version');
    await page.waitForURL(/done=changed/);
    await checked(page);
    expect((await t.http.get(`/api/lead-agencies/${agencyId}`).expect(200)).body).toMatchObject({ name: 'Early Help Hub', shortName: 'EHH' });

    // An agency that leads work cannot go; this one can.
    const csl = (await t.http.get('/api/lead-agencies?search=CSL Directorate – Safeguarding').expect(200)).body.items[0];
    await visit(page, `/admin/lead-agencies/${csl.id}/delete`);
    await press(page, 'Delete lead agency');
    await checked(page);
    expect(await summaryLinks(page)).toEqual([expect.stringMatching(/^This lead agency leads \d+ activities; reassign them before deleting it$/)]);
    await visit(page, `/admin/lead-agencies/${agencyId}/delete`);
    await press(page, 'Delete lead agency');
    await page.waitForURL(`${t.baseUrl}/admin/lead-agencies?done=deleted`);
    await checked(page);
    expect(await t.dataSource.query('SELECT id FROM lead_agencies WHERE id = $1', [agencyId])).toEqual([]);
    await page.context().close();
  });

  it('adds a person with a seat on each of two plans (a chair without the role refused, then given it), and deactivates them', async () => {
    const second = (await t.http.post('/api/plans').send({ title: `Neglect strategy action plan ${HOSTILE}`, kind: 'business_plan' }).expect(201)).body;
    const demo = (await t.http.get('/api/plans').expect(200)).body.items.find((plan: { id: string }) => plan.id !== second.id);
    const page = await admin();
    await visit(page, '/admin/people');
    await press(page, 'Add a person');
    await checked(page);
    await press(page, 'Add person');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(['Enter the person’s full name', 'Enter the person’s email address', 'Select at least one role']);

    const name = `Pat Partner ${HOSTILE}`;
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Email address').fill('pat.partner@police.example');
    await page.getByRole('group', { name: 'Roles' }).getByLabel('Viewer', { exact: true }).check();
    await page.getByRole('group', { name: 'Lead agencies' }).getByLabel('Police', { exact: true }).check();
    await page.getByLabel('Contact for Police: hears of its work that nobody owns').check();
    await page.getByRole('group', { name: demo.title }).getByLabel('Chair').check();
    await page.getByRole('group', { name: second.title }).getByLabel('Viewer').check();
    await page.getByLabel('Email them a link to set their password').uncheck();
    await press(page, 'Add person');
    await checked(page);
    expect(await summaryLinks(page)).toEqual([`The seat on “${demo.title}” as chair needs the Improvement board chair role: tick it under Roles, or choose Viewer`]);
    await page.locator('.govuk-error-summary a').first().click();
    expect(await page.evaluate('document.activeElement.name')).toBe(`seat-${demo.id}`);
    // Everything ticked is still ticked.
    expect(await page.getByLabel('Contact for Police: hears of its work that nobody owns').isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: second.title }).getByLabel('Viewer').isChecked()).toBe(true);
    await page.getByRole('group', { name: 'Roles' }).getByLabel('Improvement board chair').check();
    await press(page, 'Add person');
    await page.waitForURL(/\/admin\/people\/[0-9a-f-]{36}\?done=created$/);
    await checked(page);
    await screenshot(page, 'admin-person');
    const summary = await page.locator('.govuk-summary-list').innerText();
    expect(summary).toContain(`Chair: ${demo.title}`);
    expect(summary).toContain(`Viewer: ${second.title}`);
    expect(summary).toContain('Police (contact)');
    const personId = /people\/([0-9a-f-]{36})/.exec(page.url())![1];
    const seats = await t.dataSource.query('SELECT plan_id, role FROM plan_members WHERE user_id = $1 ORDER BY role', [personId]);
    expect(seats).toEqual([
      { plan_id: demo.id, role: 'chair' },
      { plan_id: second.id, role: 'viewer' },
    ]);

    // Changing them: a taken email address is said plainly.
    await press(page, 'Change details');
    await checked(page);
    await page.getByLabel('Email address').fill('viewer@demo.test');
    await press(page, 'Save changes');
    await checked(page);
    expect(await summaryLinks(page)).toEqual(['Email address is already used by another person']);
    await page.getByLabel('Email address').fill('pat.partner@police.example');
    await page.getByRole('group', { name: second.title }).getByLabel('No seat').check();
    await press(page, 'Save changes');
    await page.waitForURL(/done=changed/);
    await checked(page);
    expect(await t.dataSource.query('SELECT role FROM plan_members WHERE user_id = $1', [personId])).toEqual([{ role: 'chair' }]);

    // Deactivated: their sessions end at once.
    const bearer = await t.as('pat.partner@police.example').catch(() => null);
    expect(bearer).toBeNull(); // No password yet: they set one through a link.
    await follow(page, 'Deactivate');
    await checked(page);
    expect(await page.locator('main').innerText()).toContain('signed out everywhere at once');
    await press(page, 'Deactivate');
    await page.waitForURL(/done=deactivated/);
    await checked(page);
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Deactivated');
    expect((await t.http.get(`/api/users/${personId}`).expect(200)).body.active).toBe(false);
    await follow(page, 'Reactivate');
    await press(page, 'Reactivate');
    await page.waitForURL(/done=reactivated/);
    // Nobody deactivates themselves by mistake.
    const me = (await t.http.get('/api/me').expect(200)).body;
    await visit(page, `/admin/people/${me.id}/deactivate`);
    expect(await page.getByRole('button', { name: 'Deactivate' }).count()).toBe(0);
    await page.context().close();
  });
  it('fits every administration page into 320 pixels (200% zoom on a small laptop), hostile text and all', async () => {
    const agency = (await t.http.post('/api/lead-agencies').send({ name: `Partnership ${HOSTILE} ${LONG_WORD.slice(0, 120)}`, aliases: [LONG_WORD] }).expect(201)).body;
    const person = (await t.http.post('/api/users').send({ name: `Sam ${HOSTILE} ${LONG_WORD.slice(0, 120)}`, email: 'sam.narrow@council.example', roles: ['service_head'], leadAgencyIds: [agency.id] }).expect(201)).body;
    const plan = (
      await t.http
        .post('/api/plans')
        .send({
          title: `Narrow plan ${HOSTILE} ${LONG_WORD}`,
          kind: 'ofsted_inspection',
          source: { publishedOn: '2012-06-13' },
          abbreviations: [{ abbreviation: 'LSCB', meaning: `Board ${HOSTILE}` }],
          sections: [{ title: `Table ${HOSTILE} ${LONG_WORD.slice(0, 120)}`, recommendations: [{ number: 1, band: 'within_three_months', text: `Recommendation ${HOSTILE} ${LONG_WORD}`, activities: [{ text: `Activity ${HOSTILE} ${LONG_WORD}`, outcomeMeasures: [`Measure ${LONG_WORD}`], costText: `£3k ${LONG_WORD}`, leadAgencyIds: [agency.id] }] }] }],
        })
        .expect(201)
    ).body;
    const section = plan.sections[0];
    const recommendation = section.recommendations[0];
    const activity = recommendation.activities[0];
    await t.http.post('/api/closure-days').send({ date: '2031-12-29', description: `Closed ${HOSTILE} ${LONG_WORD.slice(0, 120)}` }).expect(201);
    const paths = [
      '/admin',
      '/admin/closure-days',
      '/admin/closure-days/new',
      '/admin/closure-days/2031-12-29/remove',
      `/admin/lead-agencies?search=${encodeURIComponent('Partnership')}`,
      `/admin/lead-agencies/${agency.id}`,
      `/admin/lead-agencies/${agency.id}/edit`,
      `/admin/lead-agencies/${agency.id}/delete`,
      '/admin/people',
      '/admin/people/new',
      `/admin/people/${person.id}`,
      `/admin/people/${person.id}/edit`,
      `/admin/people/${person.id}/deactivate`,
      '/admin/plans',
      '/admin/plans/new',
      `/admin/plans/${plan.id}`,
      `/admin/plans/${plan.id}/details`,
      `/admin/plans/${plan.id}/delete`,
      `/admin/plans/${plan.id}/tables/new`,
      `/admin/plans/${plan.id}/tables/${section.id}/edit`,
      `/admin/plans/${plan.id}/tables/${section.id}/delete`,
      `/admin/plans/${plan.id}/tables/${section.id}/recommendations/new`,
      `/admin/plans/${plan.id}/recommendations/${recommendation.id}/edit`,
      `/admin/plans/${plan.id}/recommendations/${recommendation.id}/delete`,
      `/admin/plans/${plan.id}/recommendations/${recommendation.id}/activities/new`,
      `/admin/plans/${plan.id}/activities/${activity.id}/edit`,
      `/admin/plans/${plan.id}/activities/${activity.id}/delete`,
      '/admin/imports/new',
      '/admin/unheard-activities',
      '/admin/failed-reminders',
    ];
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await signIn(page, t.baseUrl, TEST_ADMIN);
    const titles = new Set<string>();
    const withoutHostileText: string[] = [];
    for (const path of paths) {
      await page.goto(`${t.baseUrl}${path}`);
      await checked(page);
      // Shown as written, in the text or in a field's value: not run, not evaluated ({{7*7}}), not re-ordered.
      const shown = (await page.evaluate(
        `[document.querySelector('main').innerText, ...[...document.querySelectorAll('main input, main textarea')].map((field) => field.value), ...[...document.querySelectorAll('main option:checked')].map((option) => option.textContent)].join('\\n')`,
      )) as string;
      if (!shown.includes(HOSTILE)) withoutHostileText.push(path);
      // The page itself never scrolls sideways; a wide table scrolls inside its own box.
      expect([path, await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')]).toEqual([path, true]);
      expect(await page.content()).not.toContain('<script>alert(1)</script>');
      titles.add(await page.title());
      if (path === `/admin/plans/${plan.id}` || path === `/admin/people/${person.id}/edit` || path === '/admin/imports/new') await screenshot(page, `admin-320${path.replace(/\/[0-9a-f-]{36}/g, '').replace(/\//g, '-')}`);
    }
    // Every page has a title of its own.
    expect(titles.size).toBe(paths.length);
    // Only the pages that show none of these records go without the hostile text: the administration home,
    // two empty forms (the import's plan list has nothing chosen) and the failed reminders, none here.
    expect(withoutHostileText).toEqual(['/admin', '/admin/closure-days/new', '/admin/imports/new', '/admin/failed-reminders']);
    await page.context().close();
  });

  it('works without JavaScript: a lead agency added and given a contact', async () => {
    const page = await withoutJavaScript(browser);
    await signIn(page, t.baseUrl, TEST_ADMIN);
    await page.goto(`${t.baseUrl}/admin/lead-agencies/new`);
    await checked(page);
    await page.getByLabel('Name', { exact: true }).fill('Family Support Service');
    await page.getByLabel('Part of').selectOption({ label: 'Southampton City Council' });
    await press(page, 'Add lead agency');
    await page.waitForURL(/done=created/);
    await checked(page);
    await page.getByLabel('Add a contact').selectOption({ label: 'Chris Chair (chair@demo.test)' });
    await press(page, 'Add contact');
    await page.waitForURL(/done=contact-added/);
    await checked(page);
    expect(await page.locator('.app-contact').innerText()).toContain('Chris Chair');
    await page.context().close();
  });
});
