import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { TestApp, startTestApp } from './support/test-app';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..');

/** Runs the create-admin command as an operator would, against the test database. */
function createAdmin(databaseUrl: string, args: string[], password?: string) {
  return run(process.execPath, [path.join(root, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', 'src/cli/create-admin.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', ...(password ? { ADMIN_PASSWORD: password } : {}) },
  });
}

describe('The first administrator from the command line', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('creates an administrator who can sign in, once', async () => {
    const first = await createAdmin(t.databaseUrl, ['--email', 'Pat.Lead@Council.gov.uk', '--name', 'Pat Lead'], 'a long admin passphrase');
    expect(first.stdout).toContain('Created administrator pat.lead@council.gov.uk.');
    const signIn = await t.anon.post('/api/auth/sign-in').send({ email: 'pat.lead@council.gov.uk', password: 'a long admin passphrase' }).expect(200);
    const me = await t.withToken(signIn.body.accessToken).get('/api/me').expect(200);
    expect(me.body).toMatchObject({ name: 'Pat Lead', roles: ['admin'] });

    const again = await createAdmin(t.databaseUrl, ['--email', 'pat.lead@council.gov.uk'], 'another long passphrase');
    expect(again.stdout).toContain('already has an account; nothing changed');
    const [{ count }] = await t.dataSource.query(`SELECT COUNT(*)::int AS count FROM users WHERE email = 'pat.lead@council.gov.uk'`);
    expect(count).toBe(1);
    const [event] = await t.dataSource.query(`SELECT actor_label, action FROM audit_events WHERE entity_type = 'user' AND after ->> 'email' = 'pat.lead@council.gov.uk'`);
    expect(event).toEqual({ actor_label: 'system', action: 'create' });
  }, 60000);

  it('refuses to run without a password in the environment', async () => {
    await expect(createAdmin(t.databaseUrl, ['--email', 'someone@council.gov.uk'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('ADMIN_PASSWORD must be set'),
    });
  }, 60000);
});
