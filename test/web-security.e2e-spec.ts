import request from 'supertest';
import { UsersService } from '../src/accounts/users.service';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

jest.setTimeout(60_000);

type Agent = ReturnType<typeof request.agent>;

/** The hidden CSRF field of the first form on a page. */
function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1];
}

/** A browser-like agent (it keeps cookies) signed in through the sign-in page. */
async function signedIn(t: TestApp, email: string, headers: Record<string, string> = {}): Promise<Agent> {
  const agent = request.agent(t.app.getHttpServer());
  const form = await agent.get('/sign-in').set(headers).expect(200);
  await agent.post('/sign-in').set(headers).type('form').send({ _csrf: csrfOf(form.text), email, password: TEST_PASSWORD }).expect(303);
  return agent;
}

describe('Web pages: security headers, cookies, CSRF, and the API left as it was', () => {
  let t: TestApp;

  beforeAll(async () => {
    // One proxy in front (as behind a council's TLS terminator), so X-Forwarded-Proto counts.
    t = await startTestApp({ config: { trustProxyHops: 1 } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives pages helmet’s headers and a CSP that runs no inline script except by its per-response nonce', async () => {
    const first = await t.anon.get('/sign-in').expect(200);
    const second = await t.anon.get('/sign-in').expect(200);
    const csp = first.headers['content-security-policy'];
    expect(csp).toBeDefined();
    const scriptSrc = /script-src ([^;]+)/.exec(csp)![1];
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/form-action 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(/style-src ([^;]+)/.exec(csp)![1]).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
    expect(second.headers['content-security-policy']).not.toContain(nonce);
    // The only inline script is govuk-frontend's one line, carrying that nonce; every other script is a file.
    const inline = [...first.text.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const [, attributes, body] of inline) {
      if (body.trim()) expect(attributes).toContain(`nonce="${nonce}"`);
      else expect(attributes).toMatch(/type="module" src="\/assets\/init\.mjs/);
    }
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers['content-type']).toMatch(/^text\/html/);
    // Over plain HTTP there is no HSTS (a browser would ignore it anyway).
    expect(first.headers['strict-transport-security']).toBeUndefined();
  });

  it('leaves the JSON API exactly as it was: no page headers, JSON errors, no cookies read', async () => {
    const health = await t.anon.get('/health').expect(200);
    expect(health.headers['content-security-policy']).toBeUndefined();
    const unknown = await t.anon.get('/api/no-such-thing').expect(404);
    expect(unknown.headers['content-type']).toMatch(/json/);
    expect(unknown.body).toMatchObject({ statusCode: 404 });
    expect(unknown.headers['content-security-policy']).toBeUndefined();
    const unauthorised = await t.anon.get('/api/plans').expect(401);
    expect(unauthorised.body).toMatchObject({ statusCode: 401 });
    // A page's session cookie opens no API route: the API takes bearer tokens only, so it needs no CSRF token.
    const agent = await signedIn(t, 'head.csl@demo.test');
    await agent.get('/account').expect(200);
    await agent.get('/api/me').expect(401);
    const posted = await agent.post('/api/auth/sign-out').expect(401);
    expect(posted.headers['content-type']).toMatch(/json/);
  });

  it('keeps the pages out of the OpenAPI document and the /api prefix', async () => {
    const document = (await t.anon.get('/api/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    const paths = Object.keys(document.paths);
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) expect(path).toMatch(/^\/(api\/|health)/);
    await t.anon.get('/api/sign-in').expect(404);
    await t.anon.get('/api/account').expect(404);
  });

  it('answers an unknown page with the GOV.UK-style 404 page, and a signed-out visitor of a page with sign-in', async () => {
    const missing = await t.anon.get('/no-such-page').expect(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
    expect(missing.text).toContain('<title>Page not found – Improvement Plan Manager</title>');
    expect(missing.headers['content-security-policy']).toBeDefined();

    const home = await t.anon.get('/').expect(303);
    expect(home.headers.location).toBe('/sign-in');
    const account = await t.anon.get('/account/name?from=email').expect(303);
    expect(account.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent('/account/name?from=email')}`);
    // /me is the address digest emails give for changing settings; /api/me stays the API's.
    const me = await t.anon.get('/me').expect(303);
    expect(me.headers.location).toBe('/account');
    expect((await t.anon.get('/api/me').expect(401)).body).toMatchObject({ statusCode: 401 });
    // Any method on an unknown page address, and a method a page does not answer, get the page too.
    const posted = await t.anon.post('/no-such-page').expect(403);
    expect(posted.text).toContain('The form could not be sent');
    expect((await t.anon.get('/assets/').expect(404)).text).toContain('Page not found');
  });

  it('answers a page address with a broken escape (/plans/%/…) with the GOV.UK 400 page and its headers, not JSON', async () => {
    // Matching a route decodes its path; this one fails that, before any route or route middleware runs.
    const agent = await signedIn(t, 'viewer@demo.test');
    for (const call of [agent.get('/plans/%/indicators'), agent.post('/admin/plans/%ED%A0/tables/new').type('form').send({ title: 'x' })]) {
      const page = await call.expect(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
      expect(page.text).toContain('govuk-template');
      expect(page.headers['content-security-policy']).toBeDefined();
      expect(page.headers['cache-control']).toBe('no-store');
    }
    // The API keeps its JSON refusal.
    expect((await t.anon.get('/api/plans/%').expect(400)).body).toMatchObject({ statusCode: 400 });
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, signed, for 12 hours; Secure when the request came over TLS', async () => {
    const plain = request.agent(t.app.getHttpServer());
    const form = await plain.get('/sign-in').expect(200);
    const signIn = await plain.post('/sign-in').type('form').send({ _csrf: csrfOf(form.text), email: 'viewer@demo.test', password: TEST_PASSWORD }).expect(303);
    const session = cookieNamed(signIn.headers['set-cookie'], 'ipm_session');
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(session).toMatch(/; Max-Age=43200/);
    expect(session).not.toMatch(/; Secure/i);
    // Signed: "s:<session id>.<signature>", nothing else about the person.
    expect(decodeURIComponent(/ipm_session=([^;]+)/.exec(session)![1])).toMatch(/^s:[0-9a-f-]{36}\.[A-Za-z0-9+/]+$/);
    expect(cookieNamed(form.headers['set-cookie'], 'ipm_csrf')).toMatch(/; HttpOnly.*; SameSite=Lax|; SameSite=Lax.*; HttpOnly/i);

    // Behind the council's TLS proxy (X-Forwarded-Proto: https, one trusted hop) both cookies are Secure.
    // Sent by hand: the test talks plain HTTP to the app, and a cookie jar rightly keeps Secure cookies off it.
    const tls = { 'X-Forwarded-Proto': 'https' };
    const secureForm = await request(t.app.getHttpServer()).get('/sign-in').set(tls).expect(200);
    const csrfCookie = cookieNamed(secureForm.headers['set-cookie'], 'ipm_csrf');
    expect(csrfCookie).toMatch(/; Secure/i);
    const secureSignIn = await request(t.app.getHttpServer())
      .post('/sign-in')
      .set({ ...tls, Cookie: csrfCookie.split(';')[0] })
      .type('form')
      .send({ _csrf: csrfOf(secureForm.text), email: 'viewer@demo.test', password: TEST_PASSWORD })
      .expect(303);
    expect(cookieNamed(secureSignIn.headers['set-cookie'], 'ipm_session')).toMatch(/; Secure/i);
    expect(secureSignIn.headers['strict-transport-security']).toBeUndefined();
  });

  it('refuses a tampered session cookie as signed out', async () => {
    const agent = await signedIn(t, 'viewer@demo.test');
    await agent.get('/account').expect(200);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM sessions ORDER BY created_at DESC LIMIT 1`);
    // The session's id without its signature, or with another's, is not a session.
    for (const forged of [id, `s:${id}.forged`]) {
      const response = await request(t.app.getHttpServer()).get('/account').set('Cookie', `ipm_session=${encodeURIComponent(forged)}`).expect(303);
      expect(response.headers.location).toBe('/sign-in?returnTo=%2Faccount');
    }
  });

  it('refuses a form POST without its CSRF token, or with another browser’s, with a 403 page; nothing changes', async () => {
    const agent = await signedIn(t, 'head.nhs@demo.test');
    const before = await t.dataSource.query(`SELECT version FROM users WHERE email = 'head.nhs@demo.test'`);
    const form = await agent.get('/account/digest').expect(200);
    const version = /name="version" value="(\d+)"/.exec(form.text)![1];

    const without = await agent.post('/account/digest').type('form').send({ digest: 'weekly', version }).expect(403);
    expect(without.headers['content-type']).toMatch(/^text\/html/);
    expect(without.text).toContain('The form could not be sent');

    const other = await signedIn(t, 'viewer@demo.test');
    const othersToken = csrfOf((await other.get('/account').expect(200)).text);
    await agent.post('/account/digest').type('form').send({ _csrf: othersToken, digest: 'weekly', version }).expect(403);
    // Nor does the sign-in form take a POST without one (login CSRF).
    const fresh = request(t.app.getHttpServer());
    await fresh.post('/sign-in').type('form').send({ email: 'viewer@demo.test', password: TEST_PASSWORD }).expect(403);

    expect(await t.dataSource.query(`SELECT version FROM users WHERE email = 'head.nhs@demo.test'`)).toEqual(before);
    await agent.post('/account/digest').type('form').send({ _csrf: csrfOf(form.text), digest: 'weekly', version }).expect(303);
  });

  it('never sends someone elsewhere after signing in: only same-site paths are kept', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/sign-in?returnTo=https://evil.example/').expect(200);
    expect(form.text).not.toContain('evil.example');
    const signIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: 'viewer@demo.test', password: TEST_PASSWORD, returnTo: '//evil.example/account' })
      .expect(303);
    // Home (/) then takes each person to their own start page.
    expect(signIn.headers.location).toBe('/');
    expect((await agent.get('/').expect(303)).headers.location).toBe('/your-plans');
  });

  it('sends someone already signed in from the sign-in page to their home; signing in as someone else ends the first session', async () => {
    const agent = await signedIn(t, 'viewer@demo.test');
    const again = await agent.get('/sign-in').expect(303);
    expect(again.headers.location).toBe('/');
    const [{ id: first }] = await t.dataSource.query(`SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'viewer@demo.test' ORDER BY s.created_at DESC LIMIT 1`);
    const token = csrfOf((await agent.get('/account').expect(200)).text);
    await agent.post('/sign-in').type('form').send({ _csrf: token, email: 'head.nhs@demo.test', password: TEST_PASSWORD }).expect(303);
    expect((await agent.get('/account').expect(200)).text).toContain('Nat Health');
    const [{ revoked_at: revokedAt }] = await t.dataSource.query('SELECT revoked_at FROM sessions WHERE id = $1', [first]);
    expect(revokedAt).not.toBeNull();
  });

  it('shows a GOV.UK-style page for a bad address and for a fault of ours, without internals', async () => {
    const agent = await signedIn(t, 'viewer@demo.test');
    const bad = await agent.get('/notifications?page=first').expect(400);
    expect(bad.text).toContain('There is a problem with the page address or form');
    const users = t.app.get(UsersService);
    const fault = jest.spyOn(users, 'get').mockRejectedValueOnce(new Error('connection to the database lost: secret detail'));
    try {
      const broken = await agent.get('/account').expect(500);
      expect(broken.headers['content-type']).toMatch(/^text\/html/);
      expect(broken.text).toContain('<title>Sorry, there is a problem with the service – Improvement Plan Manager</title>');
      expect(broken.text).not.toContain('secret detail');
      expect(broken.headers['content-security-policy']).toBeDefined();
    } finally {
      fault.mockRestore();
    }
    await agent.get('/account').expect(200);
  });

  it('serves the compiled styles and govuk-frontend’s script at /assets, without GOV.UK’s typeface', async () => {
    const page = await t.anon.get('/sign-in').expect(200);
    const css = /href="(\/assets\/app\.css\?v=[0-9a-f]+)"/.exec(page.text)![1];
    const styles = await t.anon.get(css).expect(200);
    expect(styles.headers['content-type']).toMatch(/text\/css/);
    expect(styles.text).toContain('.govuk-header');
    expect(styles.text).toContain('system-ui');
    expect(styles.text).not.toContain('GDS Transport');
    expect(styles.text).not.toContain('@font-face');
    const script = await t.anon.get('/assets/govuk-frontend.min.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain('initAll');
    expect((await t.anon.get('/assets/init.mjs').expect(200)).headers['content-type']).toMatch(/javascript/);
    await t.anon.get('/assets/favicon.svg').expect(200);
    await t.anon.get('/assets/manifest.json').expect(200);
    await t.anon.get('/assets/no-such-file.css').expect(404);
    // No crown: the generic header, and our own footer.
    expect(page.text).toContain('govuk-generic-header');
    expect(page.text).not.toMatch(/govuk-header__logotype|govuk-footer__crown|Crown copyright/);
  });
});

function cookieNamed(header: string | string[] | undefined, name: string): string {
  const cookies = Array.isArray(header) ? header : header ? [header] : [];
  const cookie = cookies.find((c) => c.startsWith(`${name}=`));
  if (!cookie) throw new Error(`No ${name} cookie set; got ${JSON.stringify(cookies)}`);
  return cookie;
}
