import { randomBytes } from 'crypto';
import request from 'supertest';
import { THROTTLE } from '../src/accounts/auth.service';
import { addCalendarDays, todayInLondon } from '../src/deadlines';
import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { TestApp, startTestApp } from './support/test-app';

jest.setTimeout(120_000); // argon2id makes every password check take a while

interface Person { id: string; email: string; password: string }

const newPassword = (): string => `a long pass phrase ${randomBytes(9).toString('base64url')}`;
const resetLink = /\/reset-password\?token=([^\s"<>]+)/;

describe('Sessions, API tokens and sign-in throttling', () => {
  let t: TestApp;
  let smtp: SmtpListener;

  // One proxy in front, so each test request can come "from" the address it names in X-Forwarded-For.
  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({ demo: false, config: { smtpUrl: smtp.url, trustProxyHops: 1 } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function createPerson(roles: string[] = ['viewer']): Promise<Person> {
    const password = newPassword();
    const email = `officer.${randomBytes(5).toString('hex')}@council.example`;
    const res = await t.http.post('/api/users').send({ name: 'An Officer', email, roles, password }).expect(201);
    return { id: res.body.id, email, password };
  }
  const signIn = (email: string, password: string, from = '192.0.2.1') =>
    request(t.app.getHttpServer()).post('/api/auth/sign-in').set('X-Forwarded-For', from).send({ email, password });
  const refresh = (refreshToken: string) => t.anon.post('/api/auth/refresh').send({ refreshToken });

  describe('refresh tokens', () => {
    it('ends the session when any earlier refresh token comes back, not only the last one', async () => {
      const person = await createPerson();
      const first = (await signIn(person.email, person.password).expect(200)).body;
      const otherDevice = (await signIn(person.email, person.password).expect(200)).body;
      const second = (await refresh(first.refreshToken).expect(200)).body;
      const third = (await refresh(second.refreshToken).expect(200)).body;
      await t.withToken(third.accessToken).get('/api/me').expect(200);

      // R0 again, two refreshes later: whoever has it copied it.
      await refresh(first.refreshToken).expect(401);
      await refresh(third.refreshToken).expect(401);
      await t.withToken(third.accessToken).get('/api/me').expect(401);
      // Only that session ends: the same person signed in elsewhere carries on.
      await t.withToken(otherDevice.accessToken).get('/api/me').expect(200);
      await refresh(otherDevice.refreshToken).expect(200);
    });

    it('keeps used refresh tokens only while their session lives: the next sign-in clears those of ended sessions', async () => {
      const person = await createPerson();
      const usedOf = async () =>
        (await t.dataSource.query(`SELECT s.revoked_at IS NOT NULL AS ended FROM used_refresh_tokens u JOIN sessions s ON s.id = u.session_id WHERE s.user_id = $1`, [person.id])) as Array<{ ended: boolean }>;
      const ending = (await signIn(person.email, person.password).expect(200)).body;
      const live = (await signIn(person.email, person.password).expect(200)).body;
      const swapped = (await refresh(ending.refreshToken).expect(200)).body;
      await refresh(live.refreshToken).expect(200);
      await t.withToken(swapped.accessToken).post('/api/auth/sign-out').expect(204);
      expect((await usedOf()).map((row) => row.ended).sort()).toEqual([false, true]);

      await signIn(person.email, person.password).expect(200);
      expect(await usedOf()).toEqual([{ ended: false }]);
      // A pruned token is still refused, as it was before.
      await refresh(ending.refreshToken).expect(401);
    });

    it('swaps one refresh token for one pair, even when it is sent twice at once', async () => {
      const person = await createPerson();
      const pair = (await signIn(person.email, person.password).expect(200)).body;
      const answers = await Promise.all([refresh(pair.refreshToken), refresh(pair.refreshToken)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    });
  });

  describe('personal API tokens', () => {
    it('are all revoked by a password change, and the answer says so', async () => {
      const person = await createPerson();
      const me = t.withToken((await signIn(person.email, person.password).expect(200)).body.accessToken);
      const tokens: Array<{ id: string; token: string; tokenPrefix: string }> = [];
      for (const name of ['Export', 'Dashboard', 'Old script']) tokens.push((await me.post('/api/me/api-tokens').send({ name }).expect(201)).body);
      await me.delete(`/api/me/api-tokens/${tokens[2].id}`).expect(204);
      await t.withToken(tokens[0].token).get('/api/me').expect(200);

      const changed = await me.post('/api/me/password').send({ currentPassword: person.password, newPassword: newPassword() }).expect(200);
      expect(changed.body).toEqual({
        message: 'Your password has been changed. 2 personal API tokens have been revoked: make new ones for your scripts.',
        otherSessionsEnded: 0,
        apiTokensRevoked: 2,
      });
      for (const token of tokens) await t.withToken(token.token).get('/api/me').expect(401);
      await me.get('/api/me').expect(200);
      const listed: Array<{ id: string; revokedAt: string | null }> = (await me.get('/api/me/api-tokens').expect(200)).body;
      expect(listed.every((token) => token.revokedAt !== null)).toBe(true);
      const [event] = await t.dataSource.query(`SELECT after FROM audit_events WHERE entity_type = 'user' AND entity_id = $1 AND after ? 'passwordChanged'`, [person.id]);
      expect(event.after).toEqual({
        passwordChanged: true,
        otherSessionsEnded: 0,
        apiTokensRevoked: expect.arrayContaining([0, 1].map((i) => ({ id: tokens[i].id, tokenPrefix: tokens[i].tokenPrefix }))),
      });
    });

    it('are revoked by a password reset too', async () => {
      const person = await createPerson();
      const pair = (await signIn(person.email, person.password).expect(200)).body;
      const token = (await t.withToken(pair.accessToken).post('/api/me/api-tokens').send({ name: 'Export' }).expect(201)).body.token;
      await t.anon.post('/api/auth/password-reset').send({ email: person.email }).expect(202);
      const mail = await smtp.waitFor((m) => m.to.includes(person.email) && resetLink.test(m.text));
      const resetToken = decodeURIComponent(resetLink.exec(mail.text)![1]);

      const reset = await t.anon.post('/api/auth/password-reset/confirm').send({ token: resetToken, password: newPassword() }).expect(200);
      expect(reset.body).toEqual({
        message: 'Your password has been changed. 1 other sign-in has been ended. 1 personal API token has been revoked: make new ones for your scripts.',
        otherSessionsEnded: 1,
        apiTokensRevoked: 1,
      });
      await t.withToken(token).get('/api/me').expect(401);
    });

    it('may expire: on a last day or in a number of days, never in the past; expired ones answer like revoked ones', async () => {
      const today = todayInLondon();
      const create = (body: Record<string, unknown>) => t.http.post('/api/me/api-tokens').send({ name: 'Expiring', ...body });

      const onToday = (await create({ expiresOn: today }).expect(201)).body;
      expect(onToday).toMatchObject({ expiresOn: today, scope: 'read_write' });
      await t.withToken(onToday.token).get('/api/me').expect(200);
      const inThirty = (await create({ expiresInDays: 30 }).expect(201)).body;
      expect(inThirty.expiresOn).toBe(addCalendarDays(today, 30));

      const past = await create({ expiresOn: addCalendarDays(today, -1) }).expect(400);
      expect(past.body.errors).toEqual({ expiresOn: `must not be in the past (today is ${today})` });
      expect((await create({ expiresOn: '2030-02-30' }).expect(400)).body.errors).toHaveProperty('expiresOn');
      expect((await create({ expiresInDays: 0 }).expect(400)).body.errors).toHaveProperty('expiresInDays');
      expect((await create({ expiresOn: today, expiresInDays: 3 }).expect(400)).body.errors).toEqual({ expiresInDays: 'give expiresOn or expiresInDays, not both' });

      const listed: Array<{ id: string; expiresOn: string | null; expiresAt: string | null; scope: string }> = (await t.http.get('/api/me/api-tokens').expect(200)).body;
      expect(listed.find((token) => token.id === inThirty.id)).toMatchObject({ expiresOn: addCalendarDays(today, 30), expiresAt: inThirty.expiresAt, scope: 'read_write' });

      const revoked = (await create({}).expect(201)).body;
      await t.http.delete(`/api/me/api-tokens/${revoked.id}`).expect(204);
      await t.dataSource.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [onToday.id]);
      const expiredAnswer = await t.withToken(onToday.token).get('/api/me').expect(401);
      const revokedAnswer = await t.withToken(revoked.token).get('/api/me').expect(401);
      expect(expiredAnswer.body).toEqual(revokedAnswer.body);
    });

    it('may be read-only: GET and HEAD only, anything else refused naming the scope', async () => {
      const readOnly = (await t.http.post('/api/me/api-tokens').send({ name: 'Board pack export', scope: 'read_only' }).expect(201)).body;
      expect(readOnly.scope).toBe('read_only');
      const script = t.withToken(readOnly.token);
      await script.get('/api/lead-agencies').expect(200);
      await request(t.app.getHttpServer()).head('/api/me').set('Authorization', `Bearer ${readOnly.token}`).expect(200);

      const refused = await script.post('/api/lead-agencies').send({ name: 'Made by a read-only token' }).expect(403);
      expect(refused.body.message).toBe('This API token has the read_only scope: it may only read (GET and HEAD requests)');
      const version = (await script.get('/api/me').expect(200)).body.version;
      await script.patch('/api/me').send({ jobTitle: 'Changed by a script', version }).expect(403);
      await script.post('/api/closure-days').send({ date: '2031-03-05', description: 'Closure' }).expect(403);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM lead_agencies WHERE name = 'Made by a read-only token'`);
      expect(count).toBe(0);

      // The default may write, as its owner may.
      const readWrite = (await t.http.post('/api/me/api-tokens').send({ name: 'Loader' }).expect(201)).body;
      await t.withToken(readWrite.token).post('/api/lead-agencies').send({ name: 'Made by a script' }).expect(201);
      const listed: Array<{ id: string; scope: string }> = (await t.http.get('/api/me/api-tokens').expect(200)).body;
      expect(listed.find((token) => token.id === readOnly.id)?.scope).toBe('read_only');
      const bad = await t.http.post('/api/me/api-tokens').send({ name: 'Bad', scope: 'admin' }).expect(400);
      expect(bad.body.errors).toEqual({ scope: 'must be one of: read_write, read_only' });
    });
  });

  describe('throttling failed sign-ins', () => {
    beforeEach(() => t.dataSource.query('DELETE FROM sign_in_attempts'));
    afterAll(() => t.dataSource.query('DELETE FROM sign_in_attempts'));

    it('uses the documented limits', () => {
      expect(THROTTLE).toEqual({ windowMinutes: 15, perAccountAndAddress: 5, perAccount: 50, perAddress: 20 });
    });

    it('a stranger’s wrong guesses lock out the stranger’s address, not the chair', async () => {
      const chair = await createPerson(['board_chair']);
      const stranger = '198.51.100.66';
      for (let i = 0; i < THROTTLE.perAccountAndAddress; i++) await signIn(chair.email, `is it ${i}?`, stranger).expect(401);
      await signIn(chair.email, 'one more guess', stranger).expect(429);
      await signIn(chair.email, chair.password, stranger).expect(429);

      await signIn(chair.email, chair.password, '203.0.113.10').expect(200);
      await signIn(chair.email, chair.password, '203.0.113.11').expect(200);
      // Signing in from one address does not forgive the stranger's guesses.
      await signIn(chair.email, 'yet another guess', stranger).expect(429);
    });

    it('still stops guesses at one account spread over many addresses', async () => {
      const chair = await createPerson(['board_chair']);
      const perAddress = THROTTLE.perAccountAndAddress;
      for (let address = 0; address < THROTTLE.perAccount / perAddress; address++) {
        for (let i = 0; i < perAddress; i++) await signIn(chair.email, `guess ${address}.${i}`, `198.51.100.${address + 1}`).expect(401);
      }
      const blocked = await signIn(chair.email, chair.password, '203.0.113.20');
      expect(blocked.status).toBe(429);
      expect(blocked.body).not.toHaveProperty('accessToken');
      // Other accounts are untouched.
      const other = await createPerson();
      await signIn(other.email, other.password, '203.0.113.20').expect(200);
    });
  });
});
