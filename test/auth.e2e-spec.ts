import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { inspect } from 'util';
import { createApp } from '../src/app';
import { ROLES } from '../src/accounts/roles';
import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { TEST_ADMIN, TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

jest.setTimeout(60_000); // argon2id makes every password check take a while

type Res = request.Response;
interface Person { id: string; email: string; password: string; version: number }

let seq = 0;
const unique = (): string => `${++seq}-${randomBytes(4).toString('hex')}`;
const newPassword = (): string => `a long pass phrase ${randomBytes(9).toString('base64url')}`;

async function createPerson(t: TestApp, extra: Record<string, unknown> = {}): Promise<Person> {
  const password = newPassword();
  const email = `officer.${unique()}@council.example`;
  const res = await t.http.post('/api/users').send({ name: `Officer ${seq}`, email, roles: ['viewer'], password, ...extra });
  expect(res.status).toBe(201);
  return { id: res.body.id, email, password, version: res.body.version };
}

const signIn = (t: TestApp, email: string, password: string, headers: Record<string, string> = {}) =>
  request(t.app.getHttpServer()).post('/api/auth/sign-in').set(headers).send({ email, password });
const refresh = (t: TestApp, refreshToken: string) => t.anon.post('/api/auth/refresh').send({ refreshToken });
const resetLink = /\/reset-password\?token=([^\s"<>]+)/;

async function requestResetToken(t: TestApp, smtp: SmtpListener, email: string): Promise<string> {
  await t.anon.post('/api/auth/password-reset').send({ email }).expect(202);
  const mail = await smtp.waitFor((m) => m.to.includes(email) && resetLink.test(m.text));
  return decodeURIComponent(resetLink.exec(mail.text)![1]);
}

describe('Sign-in, sessions, password reset and API tokens', () => {
  let t: TestApp;
  let smtp: SmtpListener;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({ config: { smtpUrl: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  describe('sign-in', () => {
    it('returns an access token, a refresh token and expiresIn 900; matches email case-insensitively; stores argon2id', async () => {
      const person = await createPerson(t);
      const res = await signIn(t, person.email.toUpperCase(), person.password).expect(200);
      expect(res.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
      expect(res.body.accessToken).not.toBe(res.body.refreshToken);

      const [{ password_hash: hash }] = await t.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [person.id]);
      expect(hash).toMatch(/^\$argon2id\$/);
      const [{ password_hash: adminHash }] = await t.dataSource.query('SELECT password_hash FROM users WHERE email = $1', [TEST_ADMIN]);
      expect(adminHash).toMatch(/^\$argon2id\$/);
    });

    it('gives the same 401 answer for a wrong password and an unknown email', async () => {
      const person = await createPerson(t);
      const wrong = await signIn(t, person.email, 'not the right password at all');
      const unknown = await signIn(t, `nobody.${unique()}@council.example`, person.password);
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.body).not.toHaveProperty('accessToken');
    });

    it('access token reads /api/me; refresh swaps the refresh token once; sign-out revokes access and refresh', async () => {
      const person = await createPerson(t);
      const first = (await signIn(t, person.email, person.password).expect(200)).body;
      const me = await t.withToken(first.accessToken).get('/api/me').expect(200);
      expect(me.body).toMatchObject({ id: person.id, email: person.email });
      await t.anon.get('/api/me').expect(401);

      const second = (await refresh(t, first.refreshToken).expect(200)).body;
      expect(second).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect((await t.withToken(second.accessToken).get('/api/me').expect(200)).body.id).toBe(person.id);

      await t.withToken(second.accessToken).post('/api/auth/sign-out').expect(204);
      await t.withToken(second.accessToken).get('/api/me').expect(401);
      await t.withToken(first.accessToken).get('/api/me').expect(401);
      await refresh(t, second.refreshToken).expect(401);
      // A used refresh token never works again (and presenting one ends its session: see hardening.e2e-spec.ts).
      await refresh(t, first.refreshToken).expect(401);
    });
  });

  describe('throttling failed sign-ins', () => {
    // Every request comes from the same loopback address, so each test starts with no failures on record.
    beforeEach(() => t.dataSource.query('DELETE FROM sign_in_attempts'));
    afterAll(() => t.dataSource.query('DELETE FROM sign_in_attempts'));

    it('after 5 failures for an account, refuses even the right password with 429; other accounts still work', async () => {
      const [victim, other] = [await createPerson(t), await createPerson(t)];
      for (let i = 0; i < 5; i++) await signIn(t, victim.email, `wrong guess number ${i}`).expect(401);
      const blocked = await signIn(t, victim.email, victim.password);
      expect(blocked.status).toBe(429);
      expect(blocked.body).not.toHaveProperty('accessToken');
      await signIn(t, victim.email.toUpperCase(), victim.password).expect(429);
      await signIn(t, other.email, other.password).expect(200);

      const addresses = await t.dataSource.query('SELECT DISTINCT ip_address FROM sign_in_attempts');
      expect(addresses).toEqual([{ ip_address: expect.stringMatching(/127\.0\.0\.1|::1/) }]);
    });

    it('a successful sign-in before the limit clears the account’s count', async () => {
      const person = await createPerson(t);
      for (let i = 0; i < 4; i++) await signIn(t, person.email, `wrong guess number ${i}`).expect(401);
      await signIn(t, person.email, person.password).expect(200);
      for (let i = 0; i < 4; i++) await signIn(t, person.email, `wrong again ${i}`).expect(401);
      await signIn(t, person.email, person.password).expect(200);
    });

    it('after 20 failures from one address, refuses every account from it, whatever X-Forwarded-For says', async () => {
      const guessed: Person[] = [];
      for (let i = 0; i < 5; i++) guessed.push(await createPerson(t));
      const [early, late] = [await createPerson(t), await createPerson(t)];
      let failures = 0;
      for (const person of guessed) {
        for (let i = 0; i < 4 && failures < 19; i++, failures++) await signIn(t, person.email, `wrong guess ${i}`).expect(401);
      }
      expect(failures).toBe(19);
      await signIn(t, early.email, early.password).expect(200);
      await signIn(t, guessed[4].email, 'the twentieth wrong guess').expect(401);

      await signIn(t, late.email, late.password).expect(429);
      await signIn(t, late.email, late.password, { 'X-Forwarded-For': '203.0.113.7' }).expect(429);
    });
  });

  describe('password reset', () => {
    it('emails a one-time link for a known address and answers the same for an unknown one', async () => {
      const person = await createPerson(t);
      const unknownEmail = `nobody.${unique()}@council.example`;
      smtp.clear();
      const known = await t.anon.post('/api/auth/password-reset').send({ email: person.email });
      const unknown = await t.anon.post('/api/auth/password-reset').send({ email: unknownEmail });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(unknown.body).toEqual(known.body);

      const mail = await smtp.waitFor((m) => m.to.includes(person.email));
      expect(mail.text).toMatch(resetLink);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.messages.map((m) => m.to)).toEqual([[person.email]]);
    });

    it('confirming sets the new password, ends existing sessions, and the link works once', async () => {
      const person = await createPerson(t);
      const session = (await signIn(t, person.email, person.password).expect(200)).body;
      const token = await requestResetToken(t, smtp, person.email);
      const replacement = newPassword();

      await t.anon.post('/api/auth/password-reset/confirm').send({ token, password: replacement }).expect(200);
      await signIn(t, person.email, person.password).expect(401);
      await signIn(t, person.email, replacement).expect(200);
      await t.withToken(session.accessToken).get('/api/me').expect(401);
      await refresh(t, session.refreshToken).expect(401);

      const again = await t.anon.post('/api/auth/password-reset/confirm').send({ token, password: newPassword() });
      expect(again.status).toBe(400);
      expect(again.body.errors).toHaveProperty('token');
      await signIn(t, person.email, replacement).expect(200);
    });

    it('refuses an expired link', async () => {
      const person = await createPerson(t);
      const token = await requestResetToken(t, smtp, person.email);
      await t.dataSource.query(`UPDATE password_resets SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [person.id]);

      const res = await t.anon.post('/api/auth/password-reset/confirm').send({ token, password: newPassword() });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('token');
      await signIn(t, person.email, person.password).expect(200);
    });
  });

  it('changing one’s password requires the current one', async () => {
    const person = await createPerson(t);
    const me = t.withToken((await signIn(t, person.email, person.password).expect(200)).body.accessToken);
    const replacement = newPassword();

    const refused = await me.post('/api/me/password').send({ currentPassword: 'not my password at all', newPassword: replacement });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toHaveProperty('currentPassword');
    await signIn(t, person.email, person.password).expect(200);

    await me.post('/api/me/password').send({ currentPassword: person.password, newPassword: replacement }).expect(200);
    await signIn(t, person.email, person.password).expect(401);
    await signIn(t, person.email, replacement).expect(200);
  });

  it('personal API tokens: shown once, stored hashed, authenticate until revoked', async () => {
    const person = await createPerson(t);
    const me = t.withToken((await signIn(t, person.email, person.password).expect(200)).body.accessToken);
    const created = await me.post('/api/me/api-tokens').send({ name: 'Monthly performance export' }).expect(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^ipm_.{20,}/);

    const list = await me.get('/api/me/api-tokens').expect(200);
    expect(list.body).toEqual([expect.objectContaining({ id: created.body.id, name: 'Monthly performance export' })]);
    expect(JSON.stringify(list.body)).not.toContain(token);

    expect((await t.withToken(token).get('/api/me').expect(200)).body.id).toBe(person.id);
    const rows: Array<{ token_hash: string }> = await t.dataSource.query('SELECT token_hash FROM api_tokens WHERE user_id = $1', [person.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toBe(token);
    expect(rows[0].token_hash).not.toContain(token.slice(4));

    await me.delete(`/api/me/api-tokens/${created.body.id}`).expect(204);
    await t.withToken(token).get('/api/me').expect(401);
  });

  describe('users admin', () => {
    it('creates users with an optional password, a unique email and valid roles; only admins may', async () => {
      const person = await createPerson(t);
      await signIn(t, person.email, person.password).expect(200);
      const withoutPassword = await t.http.post('/api/users').send({ name: 'No Password', email: `np.${unique()}@council.example`, roles: ['viewer'] });
      expect(withoutPassword.status).toBe(201);
      expect(Object.keys(withoutPassword.body).filter((key) => /password|hash/i.test(key))).toEqual([]);

      const duplicate = await t.http.post('/api/users').send({ name: 'Copy', email: person.email.toUpperCase(), roles: ['viewer'] });
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.errors).toHaveProperty('email');
      const badRole = await t.http.post('/api/users').send({ name: 'Bad', email: `bad.${unique()}@council.example`, roles: ['superuser'] });
      expect(badRole.status).toBe(400);
      expect(Object.keys(badRole.body.errors).some((key) => key.startsWith('roles'))).toBe(true);

      const viewer = await t.as('viewer@demo.test');
      await viewer.post('/api/users').send({ name: 'Sneaky', email: `s.${unique()}@council.example`, roles: ['admin'] }).expect(403);
    });

    it('deactivating a user ends their sessions and API tokens at once', async () => {
      const person = await createPerson(t);
      const pair = (await signIn(t, person.email, person.password).expect(200)).body;
      const apiToken = (await t.withToken(pair.accessToken).post('/api/me/api-tokens').send({ name: 'script' }).expect(201)).body.token;

      await t.http.patch(`/api/users/${person.id}`).send({ active: false, version: person.version }).expect(200);
      await t.withToken(pair.accessToken).get('/api/me').expect(401);
      await refresh(t, pair.refreshToken).expect(401);
      await t.withToken(apiToken).get('/api/me').expect(401);
      await signIn(t, person.email, person.password).expect(401);
      const [{ open }] = await t.dataSource.query('SELECT count(*)::int AS open FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [person.id]);
      expect(open).toBe(0);
    });
  });

  describe('first administrator and demo people', () => {
    const adminRows = () => t.dataSource.query(`SELECT email, roles FROM users WHERE 'admin' = ANY(roles) ORDER BY email`);

    it('creates the admin from the environment once, and starting again does not duplicate it', async () => {
      const [row] = await t.dataSource.query('SELECT roles, active FROM users WHERE email = $1', [TEST_ADMIN]);
      expect(row).toEqual({ roles: ['admin'], active: true });
      const demoRoles = (await t.dataSource.query(`SELECT roles FROM users WHERE email LIKE '%@demo.test'`)).flatMap((r: { roles: string[] }) => r.roles);
      expect([...new Set(demoRoles)].sort()).toEqual([...ROLES].sort());

      const before = await adminRows();
      const again = await createApp(t.config, t.databaseUrl);
      await again.close();
      expect(await adminRows()).toEqual(before);
      await signIn(t, TEST_ADMIN, TEST_PASSWORD).expect(200);
    });

    it('does not create another administrator from the environment when one already exists', async () => {
      const before = await adminRows();
      const again = await createApp({ ...t.config, initialAdmin: { email: 'second.admin@test.local', password: TEST_PASSWORD } }, t.databaseUrl);
      await again.close();
      expect(await adminRows()).toEqual(before);
    });

    it('`npm run create-admin` creates the first admin on a new database, once, with the password from ADMIN_PASSWORD', async () => {
      const database = `ipm_cli_${randomBytes(5).toString('hex')}`;
      const adminUrl = new URL(process.env.IPM_TEST_ADMIN_URL!);
      const pg = new PgClient({ connectionString: adminUrl.toString() });
      await pg.connect();
      await pg.query(`CREATE DATABASE ${database}`);
      adminUrl.pathname = `/${database}`;
      // The npm script runs the built file; the source is run here so the test needs no build.
      const cli = (args: string[], password?: string) =>
        new Promise<{ code: number; out: string }>((resolve) => {
          const { ADMIN_EMAIL: _e, ADMIN_PASSWORD: _p, ...inherited } = process.env;
          const env = { ...inherited, DATABASE_URL: adminUrl.toString(), NODE_ENV: 'test', ...(password ? { ADMIN_PASSWORD: password } : {}) };
          execFile(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/create-admin.ts', ...args], { env }, (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
          );
        });
      const password = newPassword();
      let app: Awaited<ReturnType<typeof createApp>> | undefined;
      try {
        expect(await cli(['--email', 'pat.lead@council.example'])).toMatchObject({ code: 2 });
        const first = await cli(['--email', 'Pat.Lead@Council.example', '--name', 'Pat Lead'], password);
        expect(first).toEqual({ code: 0, out: expect.stringContaining('Created administrator pat.lead@council.example') });
        const again = await cli(['--email', 'pat.lead@council.example'], newPassword());
        expect(again).toEqual({ code: 0, out: expect.stringContaining('already has an account') });
        expect(first.out + again.out).not.toContain(password);

        // The CLI above ran as the superuser alone; so does this app (one role, on another database than t's).
        app = await createApp({ ...t.config, demoMode: false, initialAdmin: undefined, migrationDatabaseUrl: undefined }, adminUrl.toString());
        await app.init();
        const users = await app.get(DataSource).query('SELECT name, email, roles, password_hash FROM users');
        expect(users).toEqual([{ name: 'Pat Lead', email: 'pat.lead@council.example', roles: ['admin'], password_hash: expect.stringMatching(/^\$argon2id\$/) }]);
        const pair = await request(app.getHttpServer()).post('/api/auth/sign-in').send({ email: 'pat.lead@council.example', password }).expect(200);
        await request(app.getHttpServer()).get('/api/users').set('Authorization', `Bearer ${pair.body.accessToken}`).expect(200);
      } finally {
        await app?.close();
        await pg.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await pg.end();
      }
    });
  });

  describe('secrets never leak', () => {
    it('no password, refresh, reset or API token in any response (but its one-time display), audit event or log line', async () => {
      const s = await startTestApp({ demo: false, config: { smtpUrl: smtp.url, logLevel: 'verbose' } });
      const responses: Array<{ label: string; res: Res; shows: string[] }> = [];
      const secrets: string[] = [];
      const logOnlySecrets: string[] = [];
      const keep = (label: string, res: Res, shows: string[] = []): Res => (responses.push({ label, res, shows }), res);

      const output: string[] = [];
      const capture = (chunk: unknown): boolean => (output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')), true);
      const spies = [
        jest.spyOn(process.stdout, 'write').mockImplementation(capture),
        jest.spyOn(process.stderr, 'write').mockImplementation(capture),
        ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
          jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void output.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 6 }))).join(' '))),
        ),
      ];
      try {
        const [p1, p2, p3] = [newPassword(), newPassword(), newPassword()];
        secrets.push(p1, p2, p3);
        const email = `story.${unique()}@council.example`;
        const created = keep('create user', await s.http.post('/api/users').send({ name: 'Story Person', email, roles: ['viewer'], password: p1 }));
        keep('wrong password', await signIn(s, email, `${p1}-typo`));
        const first = keep('sign-in', await signIn(s, email, p1), []).body;
        secrets.push(first.refreshToken);
        logOnlySecrets.push(first.accessToken);
        responses[responses.length - 1].shows.push(first.refreshToken);
        const second = keep('refresh', await refresh(s, first.refreshToken)).body;
        secrets.push(second.refreshToken);
        logOnlySecrets.push(second.accessToken);
        responses[responses.length - 1].shows.push(second.refreshToken);
        const me = s.withToken(second.accessToken);
        keep('me', await me.get('/api/me'));

        const tokenRes = await me.post('/api/me/api-tokens').send({ name: 'Story export' });
        const apiToken: string = tokenRes.body.token;
        secrets.push(apiToken);
        keep('create api token', tokenRes, [apiToken]);
        keep('list api tokens', await me.get('/api/me/api-tokens'));
        keep('me by api token', await s.withToken(apiToken).get('/api/me'));

        keep('reset request', await s.anon.post('/api/auth/password-reset').send({ email }));
        const mail = await smtp.waitFor((m) => m.to.includes(email));
        const resetToken = decodeURIComponent(resetLink.exec(mail.text)![1]);
        secrets.push(resetToken, encodeURIComponent(resetToken));
        keep('reset confirm', await s.anon.post('/api/auth/password-reset/confirm').send({ token: resetToken, password: p2 }));
        keep('reset confirm again', await s.anon.post('/api/auth/password-reset/confirm').send({ token: resetToken, password: p3 }));
        const third = keep('sign-in after reset', await signIn(s, email, p2)).body;
        if (third.refreshToken) responses[responses.length - 1].shows.push(third.refreshToken), secrets.push(third.refreshToken);
        const meAgain = s.withToken(third.accessToken ?? 'none');
        keep('change password', await meAgain.post('/api/me/password').send({ currentPassword: p2, newPassword: p3 }));
        keep('sign-out', await meAgain.post('/api/auth/sign-out'));

        const auditRows: Array<{ text: string }> = await s.dataSource.query(
          `SELECT concat_ws(' ', actor_label, entity_id, before::text, after::text) AS text FROM audit_events`,
        );
        expect(auditRows.length).toBeGreaterThanOrEqual(2);
        for (const secret of secrets) {
          for (const row of auditRows) expect(row.text).not.toContain(secret);
          for (const { label, res, shows } of responses) {
            if (!shows.includes(secret)) expect({ label, body: res.text }).not.toEqual({ label, body: expect.stringContaining(secret) });
          }
        }
        const logs = output.join('\n');
        expect(logs).toContain('by SMTP'); // the capture sees the app's debug lines
        for (const secret of [...secrets, ...logOnlySecrets]) expect(logs).not.toContain(secret);

        // The story itself went as it should.
        expect(responses.map(({ label, res }) => [label, res.status])).toEqual([
          ['create user', 201], ['wrong password', 401], ['sign-in', 200], ['refresh', 200], ['me', 200],
          ['create api token', 201], ['list api tokens', 200], ['me by api token', 200], ['reset request', 202],
          ['reset confirm', 200], ['reset confirm again', 400], ['sign-in after reset', 200], ['change password', 200], ['sign-out', 204],
        ]);
        expect(created.body.email).toBe(email);
      } finally {
        spies.forEach((spy) => spy.mockRestore());
        await s.close();
      }
    });
  });
});
