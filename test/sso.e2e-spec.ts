import { APIRequestContext } from 'playwright-core';
import { expectAccessible, follow, launchBrowser, problemsOn, screenshot, TestBrowser, WebApp, startWebApp } from './support/browser';
import { TestIdentityProvider, csrfOf, headingOf, newCookieBrowser, startIdentityProvider, walk, Walked } from './support/oidc-provider';

/**
 * Single sign-on (issue 16) against a real OpenID Connect provider
 * (oidc-provider, on 127.0.0.1 in a process of its own), through the web
 * pages as a browser uses them: cookies kept, redirects followed.
 */
jest.setTimeout(120_000);

let t: WebApp;
let idp: TestIdentityProvider;
const contexts: APIRequestContext[] = [];
const newBrowser = async () => {
  const context = await newCookieBrowser();
  contexts.push(context);
  return context;
};
const provider = () => t.config.oidcProviders[0];

const signInBySso = async (browser: APIRequestContext, sub: string, returnTo?: string): Promise<Walked> => {
  await idp.signInAs(sub);
  return walk(browser, `${t.baseUrl}/sign-in/sso/council${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`);
};
/** Starts a sign-in and follows it through the provider, stopping before the answer reaches the app. */
const answerFor = async (browser: APIRequestContext, sub: string): Promise<string> => {
  await idp.signInAs(sub);
  const stopped = await walk(browser, `${t.baseUrl}/sign-in/sso/council`, (next) => next.pathname.endsWith('/callback'));
  expect(stopped.url).toContain('/sign-in/sso/council/callback?code=');
  return stopped.url;
};
const sessionCookie = async (browser: APIRequestContext) => (await browser.storageState()).cookies.find((cookie) => cookie.name === 'ipm_session');
const counts = async () =>
  (
    await t.dataSource.query(
      `SELECT (SELECT count(*) FROM sessions)::int AS sessions, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM auth_identities)::int AS identities,
              (SELECT count(*) FROM sign_in_attempts WHERE email = 'sso:council')::int AS failures`,
    )
  )[0] as { sessions: number; users: number; identities: number; failures: number };
const userByEmail = async (email: string) => ((await t.dataSource.query('SELECT id, email, roles, active, password_hash FROM users WHERE email = $1', [email])) as Array<{ id: string; email: string; roles: string[]; active: boolean; password_hash: string | null }>)[0];

/** A refusal: its page and status, and no session or account made. */
async function expectRefused(browser: APIRequestContext, walked: Walked, before: Awaited<ReturnType<typeof counts>>, status: number, heading: string, says?: RegExp) {
  expect({ status: walked.status, heading: headingOf(walked.text) }).toEqual({ status, heading });
  expect(walked.text).toContain('You have not been signed in.');
  if (says) expect(walked.text).toMatch(says);
  // No internals: the library's words, codes and claims stay in the log.
  expect(/<main[\s\S]*<\/main>/.exec(walked.text)?.[0]).not.toMatch(/OAUTH_|ClientError|JWT|claim|nonce|stack|at \w+ \(/);
  expect(await sessionCookie(browser)).toBeUndefined();
  const after = await counts();
  expect({ sessions: after.sessions, users: after.users, identities: after.identities }).toEqual({ sessions: before.sessions, users: before.users, identities: before.identities });
  // On the record as a failed sign-in from this address, counted towards its throttling.
  expect(after.failures).toBe(before.failures + 1);
}

beforeAll(async () => {
  t = await startWebApp({ demo: true, config: { councilName: 'Anytown Borough Council' } });
  idp = await startIdentityProvider(t.baseUrl, ['council']);
  t.config.oidcProviders = [idp.config()];
  await idp.setAccount('chair-001', { email: 'chair@demo.test', email_verified: true, name: 'Chris Chair' });
});
beforeEach(async () => {
  // Every refusal counts against 127.0.0.1; the throttling test sets its own count.
  await t.dataSource.query('DELETE FROM sign_in_attempts');
});
afterAll(async () => {
  for (const context of contexts) await context.dispose();
  await idp?.close();
  await t?.close();
});

describe('the sign-in page', () => {
  it('offers "Sign in with …" for each provider, keeping the return address, beside the password form', async () => {
    const page = await walk(await newBrowser(), `${t.baseUrl}/sign-in?returnTo=%2Faccount`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/sign-in/sso/council?returnTo=%2Faccount"');
    expect(page.text).toContain('Sign in with Anytown Council');
    expect(page.text).toContain('name="password"');
  });

  it('answers an unknown provider with the page not found', async () => {
    const page = await walk(await newBrowser(), `${t.baseUrl}/sign-in/sso/nobody`);
    expect({ status: page.status, heading: headingOf(page.text) }).toEqual({ status: 404, heading: 'Page not found' });
  });
});

describe('first sign-in, returning people and provisioning', () => {
  it('links an existing account with the same verified email, once, on the record, and signs the person in to where they were going', async () => {
    await idp.setAccount('csl-001', { email: 'Head.CSL@demo.test', email_verified: true, name: 'Sam Head' });
    const browser = await newBrowser();
    const before = await counts();
    const walked = await signInBySso(browser, 'csl-001', '/account');
    expect({ status: walked.status, url: walked.url, heading: headingOf(walked.text) }).toEqual({ status: 200, url: `${t.baseUrl}/account`, heading: 'Your account' });
    expect(walked.text).toContain('head.csl@demo.test');
    expect(await sessionCookie(browser)).toBeDefined();

    const user = await userByEmail('head.csl@demo.test');
    expect(await t.dataSource.query('SELECT provider, subject, user_id FROM auth_identities')).toEqual([{ provider: idp.issuer, subject: 'csl-001', user_id: user.id }]);
    const [event] = await t.dataSource.query(`SELECT action, actor_id, actor_label, after FROM audit_events WHERE entity_type = 'auth_identity'`);
    expect(event).toMatchObject({ action: 'create', actor_id: user.id, after: { provider: 'council', issuer: idp.issuer, subject: 'csl-001', linkedBy: 'verified email', email: 'head.csl@demo.test' } });
    expect(event.actor_label).toMatch(/<head\.csl@demo\.test> \(by single sign-on with Anytown Council\)$/);
    const after = await counts();
    expect({ users: after.users, sessions: after.sessions - before.sessions }).toEqual({ users: before.users, sessions: 1 });
    // The session is an ordinary one, marked as begun at the provider for signing out there.
    expect(await t.dataSource.query(`SELECT provider_id, issuer FROM sso_sessions s JOIN sessions x ON x.id = s.session_id WHERE x.user_id = $1`, [user.id])).toEqual([{ provider_id: 'council', issuer: idp.issuer }]);

    // Again in another browser: found by subject, linked no more.
    const again = await signInBySso(await newBrowser(), 'csl-001');
    // Home sends a service head to their activities.
    expect({ status: again.status, url: again.url }).toEqual({ status: 200, url: `${t.baseUrl}/your-activities` });
    expect((await counts()).identities).toBe(after.identities);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'auth_identity'`)).toEqual([{ n: 1 }]);
  });

  it('finds a returning person by subject after their email changed at the provider, and their account follows the new address', async () => {
    await idp.setAccount('nhs-001', { email: 'head.nhs@demo.test', email_verified: true, name: 'Nat Health' });
    expect((await signInBySso(await newBrowser(), 'nhs-001')).status).toBe(200);
    const user = await userByEmail('head.nhs@demo.test');

    await idp.setAccount('nhs-001', { email: 'nat.health@anytown.gov.uk', email_verified: true, name: 'Nat Health' });
    const before = await counts();
    const walked = await signInBySso(await newBrowser(), 'nhs-001', '/account');
    expect(walked.status).toBe(200);
    expect(walked.text).toContain('nat.health@anytown.gov.uk');
    expect(await userByEmail('nat.health@anytown.gov.uk')).toMatchObject({ id: user.id });
    expect(await userByEmail('head.nhs@demo.test')).toBeUndefined();
    expect((await counts()).users).toBe(before.users);
    const [event] = await t.dataSource.query(`SELECT before, after, actor_id FROM audit_events WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [user.id]);
    expect(event).toEqual({ before: { email: 'head.nhs@demo.test' }, after: { email: 'nat.health@anytown.gov.uk' }, actor_id: user.id });

    // An address the provider has not verified is not taken on, but the person is still found by subject.
    await idp.setAccount('nhs-001', { email: 'nat@elsewhere.example', email_verified: false, name: 'Nat Health' });
    expect((await signInBySso(await newBrowser(), 'nhs-001')).status).toBe(200);
    expect(await userByEmail('nat.health@anytown.gov.uk')).toMatchObject({ id: user.id });
  });

  it('never finds a person by email alone: another subject claiming a linked account’s email is refused', async () => {
    await idp.setAccount('impostor-001', { email: 'nat.health@anytown.gov.uk', email_verified: true, name: 'Not Nat' });
    const browser = await newBrowser();
    const before = await counts();
    const walked = await signInBySso(browser, 'impostor-001');
    await expectRefused(browser, walked, before, 403, 'Your account is linked to someone else');
  });

  describe('with provisioning off', () => {
    it('creates no account for someone at an allowed domain who has none', async () => {
      await idp.setAccount('new-001', { email: 'new.person@anytown.gov.uk', email_verified: true, name: 'New Person' });
      const browser = await newBrowser();
      const before = await counts();
      const walked = await signInBySso(browser, 'new-001');
      await expectRefused(browser, walked, before, 403, 'You do not have an account for this service', /Ask the administrator of your improvement plan to add you/);
      expect(await userByEmail('new.person@anytown.gov.uk')).toBeUndefined();
    });
  });

  describe('with provisioning on', () => {
    beforeAll(() => {
      Object.assign(provider(), { provision: true, roleMap: { 'IPM.Lead': 'service_head' }, agencyMap: { 'grp-nhs': 'NHS Southampton', 'grp-gone': 'An agency that does not exist' } });
    });
    afterAll(() => {
      Object.assign(provider(), { provision: false, roleMap: {}, agencyMap: {} });
    });

    it('creates a viewer with no plans and no password, on the record, and signs them in', async () => {
      await idp.setAccount('new-001', { email: 'new.person@anytown.gov.uk', email_verified: true, name: 'New Person' });
      const browser = await newBrowser();
      const walked = await signInBySso(browser, 'new-001');
      // Home sends a viewer to Your plans.
      expect({ status: walked.status, url: walked.url }).toEqual({ status: 200, url: `${t.baseUrl}/your-plans` });
      const user = await userByEmail('new.person@anytown.gov.uk');
      expect(user).toMatchObject({ roles: ['viewer'], active: true, password_hash: null });
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM plan_members WHERE user_id = $1', [user.id])).toEqual([{ n: 1 - 1 }]);
      expect(await t.dataSource.query('SELECT provider, subject FROM auth_identities WHERE user_id = $1', [user.id])).toEqual([{ provider: idp.issuer, subject: 'new-001' }]);
      const events = await t.dataSource.query(`SELECT entity_type, action, actor_id, actor_label, after FROM audit_events WHERE actor_id = $1 ORDER BY id`, [user.id]);
      expect(events.map((e: { entity_type: string; action: string }) => `${e.action} ${e.entity_type}`)).toEqual(['create user', 'create auth_identity']);
      expect(events[0].after).toMatchObject({ name: 'New Person', email: 'new.person@anytown.gov.uk', roles: ['viewer'], planIds: [], createdBy: 'single sign-on with Anytown Council' });
      expect(events[0].actor_label).toBe('New Person <new.person@anytown.gov.uk> (by single sign-on with Anytown Council)');
    });

    it('gives the roles and agencies the provider’s claims map to, and nothing for values it does not map', async () => {
      await idp.setAccount('new-002', { email: 'lead@anytown.gov.uk', email_verified: true, name: 'Lee Lead', roles: ['IPM.Lead', 'Something.Else'], groups: ['grp-nhs', 'grp-gone', 'grp-unknown'] });
      expect((await signInBySso(await newBrowser(), 'new-002')).status).toBe(200);
      const user = await userByEmail('lead@anytown.gov.uk');
      expect(user.roles).toEqual(['service_head']);
      expect(await t.dataSource.query('SELECT a.name FROM user_lead_agencies l JOIN lead_agencies a ON a.id = l.lead_agency_id WHERE l.user_id = $1', [user.id])).toEqual([{ name: 'NHS Southampton' }]);
    });

    it('adds what a later sign-in’s claims map to (on the record, once), and takes nothing away when a group goes at the provider', async () => {
      const agenciesOf = (id: string) => t.dataSource.query('SELECT a.name FROM user_lead_agencies l JOIN lead_agencies a ON a.id = l.lead_agency_id WHERE l.user_id = $1 ORDER BY a.name', [id]);
      const updates = (id: string) => t.dataSource.query(`SELECT before, after, actor_label FROM audit_events WHERE entity_type = 'user' AND entity_id = $1 AND action = 'update' ORDER BY id`, [id]);
      // New Person was created a viewer above; the council has since put them in the leads' and NHS groups.
      await idp.setAccount('new-001', { email: 'new.person@anytown.gov.uk', email_verified: true, name: 'New Person', roles: ['IPM.Lead'], groups: ['grp-nhs'] });
      expect((await signInBySso(await newBrowser(), 'new-001')).status).toBe(200);
      const user = await userByEmail('new.person@anytown.gov.uk');
      expect(user.roles).toEqual(['viewer', 'service_head']);
      expect(await agenciesOf(user.id)).toEqual([{ name: 'NHS Southampton' }]);
      const recorded = await updates(user.id);
      expect(recorded).toEqual([
        {
          before: { roles: ['viewer'], leadAgencies: [], grantedBy: null },
          after: { roles: ['viewer', 'service_head'], leadAgencies: ['NHS Southampton'], grantedBy: 'the claims of single sign-on with Anytown Council' },
          actor_label: 'New Person <new.person@anytown.gov.uk> (by single sign-on with Anytown Council)',
        },
      ]);
      // The same claims again change nothing; with the groups gone at the provider, nothing is taken away here.
      expect((await signInBySso(await newBrowser(), 'new-001')).status).toBe(200);
      await idp.setAccount('new-001', { email: 'new.person@anytown.gov.uk', email_verified: true, name: 'New Person' });
      expect((await signInBySso(await newBrowser(), 'new-001')).status).toBe(200);
      expect((await userByEmail('new.person@anytown.gov.uk')).roles).toEqual(['viewer', 'service_head']);
      expect(await agenciesOf(user.id)).toEqual([{ name: 'NHS Southampton' }]);
      expect(await updates(user.id)).toEqual(recorded);
    });

    it('trusts Microsoft Entra ID’s xms_edov ("email domain owner verified") as a verified email', async () => {
      await idp.setAccount('new-005', { email: 'entra.person@anytown.gov.uk', xms_edov: true, name: 'Entra Person' });
      expect((await signInBySso(await newBrowser(), 'new-005')).status).toBe(200);
      expect(await userByEmail('entra.person@anytown.gov.uk')).toMatchObject({ roles: ['viewer'] });
    });

    it('refuses someone at a domain that is not allowed', async () => {
      await idp.setAccount('new-003', { email: 'someone@gmail.example', email_verified: true, name: 'Some One' });
      const browser = await newBrowser();
      const before = await counts();
      await expectRefused(browser, await signInBySso(browser, 'new-003'), before, 403, 'You cannot sign in to this service with that account');
    });

    it('refuses an email the provider has not verified', async () => {
      await idp.setAccount('new-004', { email: 'unverified@anytown.gov.uk', email_verified: false, name: 'Un Verified' });
      const browser = await newBrowser();
      const before = await counts();
      await expectRefused(browser, await signInBySso(browser, 'new-004'), before, 403, 'Your email address could not be confirmed');
      expect(await userByEmail('unverified@anytown.gov.uk')).toBeUndefined();
    });
  });
});

describe('refusals: a clear page, no session', () => {
  it.each<['issuer' | 'signature' | 'expired', string, RegExp]>([
    ['issuer', 'Your sign-in could not be checked', /did not come from Anytown Council/],
    ['signature', 'Your sign-in could not be checked', /was not signed as it should be/],
    ['expired', 'Your sign-in took too long', /had expired before it reached us/],
  ])('an ID token with the wrong %s', async (mode, heading, says) => {
    await idp.signInAs('chair-001');
    await idp.tamperNextToken(mode);
    const browser = await newBrowser();
    const before = await counts();
    await expectRefused(browser, await walk(browser, `${t.baseUrl}/sign-in/sso/council`), before, 401, heading, says);
  });

  it('a replayed answer: the first use signs in, the second is refused', async () => {
    const browser = await newBrowser();
    const answer = await answerFor(browser, 'chair-001');
    expect((await walk(browser, answer)).status).toBe(200);
    const before = await counts();
    const other = await newBrowser();
    await expectRefused(other, await walk(other, answer), before, 400, 'This sign-in link has expired or has already been used');
    const again = await walk(browser, answer);
    expect({ status: again.status, heading: headingOf(again.text) }).toEqual({ status: 400, heading: 'This sign-in link has expired or has already been used' });
    expect((await counts()).sessions).toBe(before.sessions);
  });

  it('an answer opened in another browser than the one that started the sign-in, which then cannot use it either', async () => {
    const starter = await newBrowser();
    const answer = await answerFor(starter, 'chair-001');
    const other = await newBrowser();
    const before = await counts();
    await expectRefused(other, await walk(other, answer), before, 400, 'This sign-in link has expired or has already been used');
    expect((await walk(starter, answer)).status).toBe(400);
  });

  it('an answer naming a sign-in that never started here, or one that took more than 10 minutes', async () => {
    const browser = await newBrowser();
    let before = await counts();
    await expectRefused(browser, await walk(browser, `${t.baseUrl}/sign-in/sso/council/callback?code=made-up&state=made-up`), before, 400, 'This sign-in link has expired or has already been used');
    const answer = await answerFor(browser, 'chair-001');
    await t.dataSource.query(`UPDATE sso_sign_ins SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL`);
    before = await counts();
    await expectRefused(browser, await walk(browser, answer), before, 400, 'This sign-in link has expired or has already been used');
  });

  it('the provider’s own refusal (the person cancelled)', async () => {
    const browser = await newBrowser();
    const authorize = await walk(browser, `${t.baseUrl}/sign-in/sso/council`, (next) => next.origin === idp.issuer);
    const state = new URL(authorize.url).searchParams.get('state')!;
    const before = await counts();
    const walked = await walk(browser, `${t.baseUrl}/sign-in/sso/council/callback?error=access_denied&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(idp.issuer)}`);
    await expectRefused(browser, walked, before, 401, 'You were not signed in');
  });

  it('a subject linked to an account that has been switched off', async () => {
    await idp.setAccount('leaver-001', { email: 'leaver@anytown.gov.uk', email_verified: true, name: 'Lee Ver' });
    const created = await t.http.post('/api/users').send({ name: 'Lee Ver', email: 'leaver@anytown.gov.uk', roles: ['viewer'] }).expect(201);
    expect((await signInBySso(await newBrowser(), 'leaver-001')).status).toBe(200);
    await t.http.patch(`/api/users/${created.body.id}`).send({ active: false, version: created.body.version }).expect(200);
    const browser = await newBrowser();
    const before = await counts();
    await expectRefused(browser, await signInBySso(browser, 'leaver-001'), before, 403, 'Your account has been switched off');
  });

  it('counts failed sign-ins towards the address’s throttling, with password failures: the twentieth stops even a good one', async () => {
    const browser = await newBrowser();
    await idp.tamperNextToken('signature');
    expect((await signInBySso(browser, 'chair-001')).status).toBe(401);
    const [{ ip_address: address }] = await t.dataSource.query(`SELECT ip_address FROM sign_in_attempts WHERE email = 'sso:council'`);
    // Eighteen wrong passwords and one more refused single sign-on from the same address make twenty.
    await t.dataSource.query(`INSERT INTO sign_in_attempts (email, ip_address) SELECT 'guess' || n || '@demo.test', $1 FROM generate_series(1, 18) n`, [address]);
    await idp.tamperNextToken('expired');
    expect((await signInBySso(browser, 'chair-001')).status).toBe(401);
    const walked = await signInBySso(browser, 'chair-001');
    expect({ status: walked.status, heading: headingOf(walked.text) }).toEqual({ status: 429, heading: 'Too many attempts' });
    expect(await sessionCookie(browser)).toBeUndefined();
    // Password sign-in from the address is held up as well.
    await t.anon.post('/api/auth/sign-in').send({ email: 'viewer@demo.test', password: 'correct horse battery staple' }).expect(429);
  });
});

describe('signing out', () => {
  it('ends the session here and, through RP-initiated logout, the provider’s; the next sign-in asks the provider again', async () => {
    const browser = await newBrowser();
    expect((await signInBySso(browser, 'chair-001')).status).toBe(200);
    const sessionId = (await t.dataSource.query(`SELECT s.session_id FROM sso_sessions s JOIN sessions x ON x.id = s.session_id JOIN users u ON u.id = x.user_id WHERE u.email = 'chair@demo.test' AND x.revoked_at IS NULL ORDER BY x.created_at DESC LIMIT 1`))[0].session_id;
    const { logins, endSessions } = await idp.state();

    const account = await walk(browser, `${t.baseUrl}/account`);
    const out = await browser.post(`${t.baseUrl}/sign-out`, { form: { _csrf: csrfOf(account.text) }, maxRedirects: 0 });
    const page = await out.text();
    expect({ status: out.status(), heading: headingOf(page) }).toEqual({ status: 200, heading: 'You have signed out of this service' });
    expect(await t.dataSource.query('SELECT revoked_at IS NOT NULL AS revoked FROM sessions WHERE id = $1', [sessionId])).toEqual([{ revoked: true }]);
    // Its ID token is not kept once used.
    expect(await t.dataSource.query('SELECT session_id FROM sso_sessions WHERE session_id = $1', [sessionId])).toEqual([]);
    expect(page).not.toContain('Sign out</button>');

    const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(page)?.[1].replace(/&amp;/g, '&');
    expect(refresh).toBeDefined();
    const endSession = new URL(refresh!);
    expect(endSession.origin).toBe(idp.issuer);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${t.baseUrl}/signed-out`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(page).toContain(`href="${refresh!.replace(/&/g, '&amp;')}"`);

    // At the provider: its confirmation, then back to this service's sign-in page.
    const confirm = await walk(browser, endSession.href);
    const form = /<form[^>]*action="([^"]+)"[\s\S]*?name="xsrf" value="([^"]+)"/.exec(confirm.text);
    expect(form).not.toBeNull();
    const confirmed = await browser.post(new URL(form![1], idp.issuer).href, { form: { xsrf: form![2], logout: 'yes' }, maxRedirects: 0 });
    const back = await walk(browser, new URL(confirmed.headers().location, idp.issuer).href);
    expect(back.url).toBe(`${t.baseUrl}/sign-in?notice=signed-out`);
    expect(back.text).toContain('You have signed out.');
    expect((await idp.state()).endSessions).toBe(endSessions + 1);

    // The provider's session is gone: signing in again means signing in there again.
    expect((await signInBySso(browser, 'chair-001')).status).toBe(200);
    expect((await idp.state()).logins.length).toBe(logins.length + 1);
  });
});

describe('password sign-in switched off (PASSWORD_SIGN_IN=off)', () => {
  let token: { browser: APIRequestContext; csrf: string };
  beforeAll(async () => {
    // A form's token, taken while the page still had a form, to show the sign-in route itself refuses.
    const browser = await newBrowser();
    token = { browser, csrf: csrfOf((await walk(browser, `${t.baseUrl}/sign-in`)).text) };
    t.config.passwordSignIn = false;
  });
  afterAll(() => {
    t.config.passwordSignIn = true;
  });

  it('refuses passwords in the API and the pages, offers only the provider, and single sign-on still works', async () => {
    const refused = await t.anon.post('/api/auth/sign-in').send({ email: 'viewer@demo.test', password: 'correct horse battery staple' }).expect(403);
    expect(refused.body.message).toBe('Password sign-in is switched off here: sign in with Anytown Council');
    await t.anon.post('/api/auth/password-reset').send({ email: 'viewer@demo.test' }).expect(403);
    await t.anon.post('/api/auth/password-reset/confirm').send({ token: 'x'.repeat(43), password: 'a long enough passphrase' }).expect(403);

    const { browser, csrf } = token;
    const page = await walk(browser, `${t.baseUrl}/sign-in`);
    expect(page.text).toContain('Sign in with Anytown Council');
    expect(page.text).not.toContain('name="password"');
    expect(page.text).not.toContain('forgotten-password');
    const posted = await browser.post(`${t.baseUrl}/sign-in`, { form: { _csrf: csrf, email: 'viewer@demo.test', password: 'correct horse battery staple' }, maxRedirects: 0 });
    expect({ status: posted.status(), heading: headingOf(await posted.text()) }).toEqual({ status: 403, heading: 'You cannot do this' });
    expect((await walk(browser, `${t.baseUrl}/forgotten-password`)).status).toBe(403);

    expect((await signInBySso(browser, 'chair-001')).status).toBe(200);
    const account = await walk(browser, `${t.baseUrl}/account`);
    expect(account.text).not.toContain('/account/password');
  });
});

describe('the API after single sign-on', () => {
  it('takes a personal API token made on the account page of a session begun at the provider', async () => {
    const browser = await newBrowser();
    expect((await signInBySso(browser, 'chair-001')).status).toBe(200);
    const form = await walk(browser, `${t.baseUrl}/account/api-tokens/new`);
    const created = await browser.post(`${t.baseUrl}/account/api-tokens/new`, { form: { _csrf: csrfOf(form.text), name: 'Board pack export' }, maxRedirects: 0 });
    expect(created.status()).toBe(201);
    const token = /id="api-token">([^<]+)</.exec(await created.text())?.[1];
    expect(token).toMatch(/^ipm_/);

    const me = await t.withToken(token!).get('/api/me').expect(200);
    expect(me.body).toMatchObject({ email: 'chair@demo.test', roles: ['board_chair'] });
    const plans = await t.withToken(token!).get('/api/plans').expect(200);
    expect(plans.body.total).toBe(1);
    // The token may not mint more: that needs the person, signed in.
    await t.withToken(token!).post('/api/me/api-tokens').send({ name: 'Minted by a token' }).expect(403);
  });
});

describe('in a browser', () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('signs in with the button and out again through the provider, every page accessible', async () => {
    await idp.signInAs('chair-001');
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/sign-in`);
    await expectAccessible(page);
    await screenshot(page, 'sso-sign-in');
    // The chair of a plan starts at the review.
    await Promise.all([page.waitForURL(`${t.baseUrl}/review`), page.getByRole('button', { name: 'Sign in with Anytown Council' }).click()]);
    await expectAccessible(page);

    // Signing out goes on to the provider (the meta refresh) and comes back to the sign-in page.
    await Promise.all([page.waitForURL((url) => url.origin === idp.issuer), page.getByRole('button', { name: 'Sign out', exact: true }).click()]);
    await Promise.all([page.waitForURL(`${t.baseUrl}/sign-in?notice=signed-out`), page.getByRole('button', { name: 'Yes, sign me out' }).click()]);
    await expectAccessible(page);
    expect(await page.getByText('You have signed out.').isVisible()).toBe(true);
    expect(problemsOn(page)).toEqual([]);
  });

  it('shows a refusal as an accessible page with the way back', async () => {
    await idp.setAccount('new-006', { email: 'stranger@anytown.gov.uk', email_verified: true, name: 'Stranger' });
    await idp.signInAs('new-006');
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with Anytown Council' }).click();
    await page.getByRole('heading', { name: 'You do not have an account for this service' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'sso-no-account');
    await follow(page, 'Go to the sign-in page');
    await page.waitForURL(`${t.baseUrl}/sign-in`);
    expect(problemsOn(page)).toEqual([]);
  });
});
