import { randomBytes } from 'crypto';
import type { Page } from 'playwright-core';
import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { TEST_PASSWORD } from './support/test-app';
import { expectAccessible, follow, launchBrowser, leavePage, press, problemsOn, screenshot, signIn, startWebApp, tabTo, TestBrowser, WebApp, withoutJavaScript } from './support/browser';

jest.setTimeout(120_000);

const HOSTILE_NAME = '<script>alert(1)</script> {{7*7}} "quotes" \u202eRTL';
const LONG_WORD = `Safeguarding${'Partnership'.repeat(15)}`;

let seq = 0;
const uniqueEmail = (what: string) => `${what}.${++seq}.${randomBytes(3).toString('hex')}@council.example`;

describe('Web pages: signing in and out, passwords, your account', () => {
  let t: WebApp;
  let browser: TestBrowser;
  let smtp: SmtpListener;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startWebApp({ config: { smtpUrl: smtp.url, councilName: 'Southampton City Council' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.stop();
  });

  /** Every page a test visits is checked: axe-core at WCAG 2.2 AA, and no script error, refused asset or dialog. */
  async function checked(page: Page): Promise<void> {
    await expectAccessible(page);
    expect(problemsOn(page)).toEqual([]);
  }

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(`${t.baseUrl}${path}`);
    await checked(page);
  }

  async function person(name: string, extra: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
    const email = uniqueEmail('officer');
    const created = await t.http.post('/api/users').send({ name, email, roles: ['service_head'], password: TEST_PASSWORD, ...extra }).expect(201);
    return { id: created.body.id, email };
  }

  const title = (page: Page) => page.title();

  it('signs in: a wrong password shows the error summary linking to the field; the right one leads home', async () => {
    const page = await browser.newPage();
    await visit(page, '/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await title(page)).toBe('Sign in – Improvement Plan Manager – Southampton City Council');
    await screenshot(page, 'sign-in');

    // Nothing entered: both fields named, each linked.
    await press(page, 'Sign in');
    await checked(page);
    expect(await title(page)).toBe('Error: Sign in – Improvement Plan Manager – Southampton City Council');
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.locator('a').allTextContents()).toEqual(['Enter your email address', 'Enter your password']);
    // govuk-frontend moves focus to the summary, so a screen reader announces it first.
    expect(await page.evaluate('document.activeElement.className')).toContain('govuk-error-summary');

    await page.getByLabel('Email address').fill('head.csl@demo.test');
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await press(page, 'Sign in');
    await checked(page);
    expect(await summary.locator('a').allTextContents()).toEqual(['Enter a correct email address and password']);
    expect(await page.locator('#email-error').textContent()).toContain('Enter a correct email address and password');
    // The email stays; the password never comes back in the page.
    expect(await page.getByLabel('Email address').inputValue()).toBe('head.csl@demo.test');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await summary.getByRole('link', { name: 'Enter a correct email address and password' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('email');
    await screenshot(page, 'sign-in-error');

    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await press(page, 'Sign in');
    // A service head's home is their activities.
    await page.waitForURL(`${t.baseUrl}/your-activities`);
    await checked(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your activities');
    // The navigation is the person's, with the current page marked.
    const nav = page.getByRole('navigation', { name: 'Menu' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Your activities'), expect.stringContaining('Notifications'), expect.stringContaining('Your account')]));
    expect(await nav.locator('[aria-current="page"]').textContent()).toContain('Your activities');
    await page.context().close();
  });

  it('returns to the page asked for after signing in', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/account/digest`);
    expect(page.url()).toBe(`${t.baseUrl}/sign-in?returnTo=${encodeURIComponent('/account/digest')}`);
    await page.getByLabel('Email address').fill('viewer@demo.test');
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await press(page, 'Sign in');
    await page.waitForURL(`${t.baseUrl}/account/digest`);
    await checked(page);
    await page.context().close();
  });

  it('signs out: the session ends on the server, so the old cookie opens nothing', async () => {
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, 'head.nhs@demo.test');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'ipm_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await press(page, 'Sign out');
    await page.waitForURL(`${t.baseUrl}/sign-in?notice=signed-out`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('You have signed out.');
    expect((await page.context().cookies()).some((c) => c.name === 'ipm_session')).toBe(false);

    // Someone who copied the cookie before sign-out gets nothing with it.
    const thief = await browser.newContext();
    await thief.addCookies(cookies);
    const stolen = await thief.newPage();
    await stolen.goto(`${t.baseUrl}/account`);
    expect(new URL(stolen.url()).pathname).toBe('/sign-in');
    await thief.close();
    await page.context().close();
  });

  it('shows the sign-in throttle as a page: after five wrong passwords even the right one waits', async () => {
    const officer = await person('Throttled Officer');
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/sign-in`);
    for (let i = 0; i < 5; i += 1) {
      await page.getByLabel('Email address').fill(officer.email);
      await page.getByLabel('Password', { exact: true }).fill(`wrong guess ${i}`);
      await press(page, 'Sign in');
      await page.locator('.govuk-error-summary').waitFor();
    }
    await page.getByLabel('Email address').fill(officer.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/sign-in') && r.request().method() === 'POST'), press(page, 'Sign in')]);
    expect(response.status()).toBe(429);
    await checked(page);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Too many failed sign-ins. Wait 15 minutes, or reset your password.');
    await page.context().close();
  });

  it('resets a forgotten password through the emailed link, once', async () => {
    const officer = await person('Forgetful Officer');
    const page = await browser.newPage();
    await visit(page, '/sign-in');
    await follow(page, 'I have forgotten my password');
    await checked(page);
    await press(page, 'Send the link');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter your email address']);
    await screenshot(page, 'forgotten-password-error');
    await page.getByLabel('Reset your password').fill(officer.email);
    await press(page, 'Send the link');
    await checked(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Check your email');
    await screenshot(page, 'forgotten-password-sent');

    // The same answer for an address with no account.
    const other = await browser.newPage();
    await other.goto(`${t.baseUrl}/forgotten-password`);
    await other.getByLabel('Reset your password').fill(uniqueEmail('nobody'));
    await press(other, 'Send the link');
    expect(await other.locator('main').innerText()).toBe(await page.locator('main').innerText());
    await other.context().close();

    const mail = await smtp.waitFor((m) => m.to.includes(officer.email));
    const link = /(http:\/\/\S+\/reset-password\?token=\S+)/.exec(mail.text)![1];
    expect(link.startsWith(`${t.baseUrl}/reset-password?token=`)).toBe(true);
    await visit(page, link.slice(t.baseUrl.length));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Set a new password');
    await screenshot(page, 'reset-password');
    const fresh = `a brand new pass phrase ${randomBytes(4).toString('hex')}`;
    await page.getByLabel('New password', { exact: true }).fill(fresh);
    await page.getByLabel('Confirm new password').fill(`${fresh} typo`);
    await press(page, 'Set password');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter the same password in both boxes']);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Confirm new password').fill('short');
    await press(page, 'Set password');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['New password must be at least 12 characters']);
    await page.getByLabel('New password', { exact: true }).fill(fresh);
    await page.getByLabel('Confirm new password').fill(fresh);
    await press(page, 'Set password');
    await page.waitForURL(`${t.baseUrl}/sign-in?notice=password-reset`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Your password has been changed.');

    await signIn(page, t.baseUrl, officer.email, fresh);
    expect(new URL(page.url()).pathname).toBe('/your-activities');
    // The link worked once.
    await page.goto(link);
    await checked(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link has expired');
    await page.context().close();
  });

  it('saves the digest choice and the name, and changes the password, from your account', async () => {
    const officer = await person('Account Officer');
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, officer.email);
    await visit(page, '/account');
    await screenshot(page, 'account');
    const row = (key: string) => page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) }).locator('dd').first();
    expect((await row('Reminder emails').textContent())?.trim()).toBe('Daily');

    await follow(page, 'Change how often you get reminder emails');
    await checked(page);
    expect(await page.getByLabel('Daily').isChecked()).toBe(true);
    await screenshot(page, 'account-digest');
    await page.getByLabel('Weekly').check();
    await press(page, 'Save');
    await page.waitForURL(`${t.baseUrl}/account?done=digest`);
    await checked(page);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Your reminder email choice has been saved.');
    expect((await row('Reminder emails').textContent())?.trim()).toBe('Weekly');
    const [{ contact_preferences: saved }] = await t.dataSource.query('SELECT contact_preferences FROM users WHERE id = $1', [officer.id]);
    expect(saved).toEqual({ digest: 'weekly' });

    await follow(page, 'Change name');
    await checked(page);
    await page.getByLabel('Change your name').fill('   ');
    await press(page, 'Save');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter your full name']);
    await page.getByLabel('Change your name').fill('Account Officer-Smith');
    await press(page, 'Save');
    await page.waitForURL(`${t.baseUrl}/account?done=name`);
    expect((await row('Name').textContent())?.trim()).toBe('Account Officer-Smith');

    // Another session of the same person, to see it end when the password changes.
    const elsewhere = await browser.newPage();
    await signIn(elsewhere, t.baseUrl, officer.email);
    await follow(page, 'Change password');
    await checked(page);
    await page.getByLabel('Current password').fill('not my password at all');
    const next = `another long pass phrase ${randomBytes(4).toString('hex')}`;
    await page.getByLabel('New password', { exact: true }).fill(next);
    await page.getByLabel('Confirm new password').fill(next);
    await press(page, 'Change password');
    await checked(page);
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['The current password is not right']);
    await screenshot(page, 'account-password-error');
    await page.getByLabel('Current password').fill(TEST_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(next);
    await page.getByLabel('Confirm new password').fill(next);
    await press(page, 'Change password');
    await page.waitForURL(`${t.baseUrl}/account?done=password`);
    await checked(page);
    await elsewhere.goto(`${t.baseUrl}/account`);
    expect(new URL(elsewhere.url()).pathname).toBe('/sign-in');
    await elsewhere.context().close();
    await page.context().close();
  });

  it('a stale account form is refused with the newer version kept, never overwritten', async () => {
    const officer = await person('Stale Officer');
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, officer.email);
    await visit(page, '/account/name');
    // Meanwhile the person changes their name elsewhere (here, through the API).
    const bearer = (await t.anon.post('/api/auth/sign-in').send({ email: officer.email, password: TEST_PASSWORD }).expect(200)).body.accessToken;
    const me = (await t.withToken(bearer).get('/api/me').expect(200)).body;
    await t.withToken(bearer).patch('/api/me').send({ name: 'Changed Elsewhere', version: me.version }).expect(200);
    await page.getByLabel('Change your name').fill('Typed Here');
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), press(page, 'Save')]);
    expect(response.status()).toBe(409);
    await checked(page);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Your account was changed somewhere else');
    expect((await t.withToken(bearer).get('/api/me').expect(200)).body.name).toBe('Changed Elsewhere');
    // Sent again, knowingly, it saves.
    await press(page, 'Save');
    await page.waitForURL(`${t.baseUrl}/account?done=name`);
    expect((await t.withToken(bearer).get('/api/me').expect(200)).body.name).toBe('Typed Here');
    await page.context().close();
  });

  it('creates an API token shown once, which works against the API until revoked', async () => {
    const officer = await person('Token Officer');
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, officer.email);
    await visit(page, '/account');
    await press(page, 'Create an API token');
    await checked(page);
    await press(page, 'Create token');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter a name for the token']);
    await page.getByLabel('What is the token for?').fill('Monthly performance export');
    await press(page, 'Create token');
    await checked(page);
    await screenshot(page, 'account-token-created');
    const token = (await page.locator('#api-token').textContent())!.trim();
    expect(token).toMatch(/^ipm_/);
    expect((await t.withToken(token).get('/api/me').expect(200)).body.email).toBe(officer.email);

    await visit(page, '/account');
    expect(await page.content()).not.toContain(token);
    const table = page.getByRole('table', { name: 'Your API tokens' });
    expect(await table.textContent()).toContain('Monthly performance export');
    expect(await table.textContent()).toContain(token.slice(0, 10));
    await leavePage(page, () => table.getByRole('button', { name: 'Revoke token Monthly performance export' }).click());
    await page.waitForURL(`${t.baseUrl}/account?done=token-revoked#api-tokens`);
    await checked(page);
    expect(await table.textContent()).toContain('Revoked');
    await t.withToken(token).get('/api/me').expect(401);

    // Someone else's token id answers the 404 page, as any id outside a person's reach.
    const otherToken = (await t.http.post('/api/me/api-tokens').send({ name: 'Admin script' }).expect(201)).body;
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const refused = await page.request.post(`${t.baseUrl}/account/api-tokens/${otherToken.id}/revoke`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(refused.status()).toBe(404);
    expect(await refused.text()).toContain('Page not found');
    await t.withToken(otherToken.token).get('/api/me').expect(200);
    await page.context().close();
  });

  it('shows hostile text literally on every page, and long words never push the page sideways', async () => {
    const hostile = await person(HOSTILE_NAME, { jobTitle: LONG_WORD });
    const page = await browser.newPage();
    await signIn(page, t.baseUrl, hostile.email);
    const check = async (path: string) => {
      await visit(page, path);
      const html = await page.content();
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(await page.locator('body').innerText()).not.toContain('49');
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
      if (overflow > 0) {
        const wide = await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.app-table-container')).slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')`);
        throw new Error(`${path} is ${overflow} pixels wider than the window (${page.viewportSize()?.width}): ${wide}`);
      }
    };
    await check('/account');
    expect(await page.locator('main').innerText()).toContain(HOSTILE_NAME);
    expect(await page.locator('main').innerText()).toContain(LONG_WORD);
    await check('/account/name');
    expect(await page.getByLabel('Change your name').inputValue()).toBe(HOSTILE_NAME);
    // A token named with the same text.
    await visit(page, '/account/api-tokens/new');
    // Token names are at most 100 characters.
    await page.getByLabel('What is the token for?').fill(`${HOSTILE_NAME} ${LONG_WORD.slice(0, 40)}`);
    await press(page, 'Create token');
    await checked(page);
    expect(await page.locator('main').innerText()).toContain(`Name: ${HOSTILE_NAME}`);
    await check('/account');
    await screenshot(page, 'account-hostile');
    // At 200% zoom a 1280-pixel window is 640 CSS pixels wide; at 400%, 320.
    for (const width of [640, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await check('/account');
      await check('/notifications');
      await check('/accessibility');
    }
    await check('/account');
    await screenshot(page, 'account-hostile-320');
    expect(problemsOn(page)).toEqual([]);
    await page.context().close();
  });

  it('goes from signing in to changing the digest with the keyboard alone', async () => {
    const officer = await person('Keyboard Officer');
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/sign-in`);
    await checked(page);
    // The skip link comes first and takes focus past the navigation.
    await tabTo(page, 'the skip link', (el) => el.text === 'Skip to main content', 1);
    await page.keyboard.press('Enter');
    await tabTo(page, 'the email field', (el) => el.name === 'email');
    await page.keyboard.type(officer.email);
    await tabTo(page, 'the password field', (el) => el.name === 'password', 1);
    await page.keyboard.type(TEST_PASSWORD);
    await leavePage(page, () => page.keyboard.press('Enter'));
    await page.waitForURL(`${t.baseUrl}/your-activities`);
    await checked(page);
    await tabTo(page, 'Your account in the navigation', (el) => el.tag === 'a' && el.text === 'Your account');
    await leavePage(page, () => page.keyboard.press('Enter'));
    await page.waitForURL(`${t.baseUrl}/account`);
    await checked(page);
    await tabTo(page, 'the change link for reminder emails', (el) => el.tag === 'a' && el.text.startsWith('Change') && el.text.includes('reminder emails'));
    await leavePage(page, () => page.keyboard.press('Enter'));
    await page.waitForURL(`${t.baseUrl}/account/digest`);
    await checked(page);
    await tabTo(page, 'the chosen digest radio', (el) => el.name === 'digest');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'the Save button', (el) => el.tag === 'button' && el.text === 'Save');
    await leavePage(page, () => page.keyboard.press('Enter'));
    await page.waitForURL(`${t.baseUrl}/account?done=digest`);
    await checked(page);
    const [{ contact_preferences: saved }] = await t.dataSource.query('SELECT contact_preferences FROM users WHERE id = $1', [officer.id]);
    expect(saved).toEqual({ digest: 'weekly' });
    // Focus is visible: a focused link has GOV.UK's yellow focus colour.
    await tabTo(page, 'a change link', (el) => el.tag === 'a' && el.text.startsWith('Change'));
    expect(await page.evaluate('getComputedStyle(document.activeElement).backgroundColor')).toBe('rgb(255, 221, 0)');
    await page.context().close();
  });

  it('works without JavaScript: sign in, change the digest, create a token, sign out', async () => {
    const officer = await person('No Script Officer');
    const page = await withoutJavaScript(browser);
    await page.goto(`${t.baseUrl}/sign-in`);
    await checked(page);
    expect(await page.evaluate('document.body.className')).not.toContain('js-enabled');
    await page.getByLabel('Email address').fill(officer.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await press(page, 'Sign in');
    await page.waitForURL(`${t.baseUrl}/your-activities`);
    await checked(page);
    await visit(page, '/account/digest');
    await page.getByLabel('Weekly').check();
    await press(page, 'Save');
    await page.waitForURL(`${t.baseUrl}/account?done=digest`);
    await checked(page);
    await press(page, 'Create an API token');
    await page.getByLabel('What is the token for?').fill('No script export');
    await press(page, 'Create token');
    await checked(page);
    expect(await page.locator('#api-token').textContent()).toMatch(/^ipm_/);
    await press(page, 'Sign out');
    await page.waitForURL(`${t.baseUrl}/sign-in?notice=signed-out`);
    await checked(page);
    await page.context().close();
  });

  it('gives the information and error pages unique titles, the layout and no accessibility failures', async () => {
    const signedOut = await browser.newPage();
    await visit(signedOut, '/accessibility');
    expect(await title(signedOut)).toBe('Accessibility statement – Improvement Plan Manager – Southampton City Council');
    expect(await signedOut.locator('main').innerText()).toMatch(/WCAG|Web Content Accessibility Guidelines/);
    expect(await signedOut.locator('main').innerText()).toContain('Enforcement procedure');
    expect(await signedOut.locator('main').innerText()).toContain('axe-core');
    await screenshot(signedOut, 'accessibility');
    await visit(signedOut, '/cookies');
    await screenshot(signedOut, 'cookies');
    expect(await signedOut.locator('main').innerText()).toContain('ipm_session');
    expect(await signedOut.locator('main').innerText()).toContain('ipm_csrf');
    // The footer links both from every page; signed out, the navigation offers signing in.
    expect(await signedOut.locator('footer').getByRole('link').allTextContents()).toEqual(['Accessibility statement', 'Cookies']);
    expect(await signedOut.getByRole('navigation', { name: 'Menu' }).getByRole('link').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Sign in')]));
    await signedOut.context().close();

    const page = await browser.newPage();
    await signIn(page, t.baseUrl, 'head.csl@demo.test');
    // Signed in, the public pages keep the person's navigation.
    await visit(page, '/accessibility');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    // An activity link from a reminder email for an id that is not there: the 404 page, with the navigation.
    await page.goto(`${t.baseUrl}/plans/00000000-0000-4000-8000-000000000000/activities/00000000-0000-4000-8000-000000000001`);
    await checked(page);
    expect(await title(page)).toBe('Page not found – Improvement Plan Manager – Southampton City Council');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await screenshot(page, 'not-found');
    const titles = new Set<string>();
    for (const path of ['/notifications', '/account', '/account/name', '/account/digest', '/account/password', '/account/api-tokens/new', '/accessibility', '/cookies']) {
      await visit(page, path);
      titles.add(await title(page));
    }
    expect(titles.size).toBe(8);
    await page.context().close();
  });
});
