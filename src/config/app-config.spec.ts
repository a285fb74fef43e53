import * as path from 'path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives a working demo set-up with no variables at all', () => {
    const config = loadConfig({});
    expect(config.authSecret).toHaveLength(43);
    expect(loadConfig({}).authSecret).not.toBe(config.authSecret);
    expect(config).toEqual({
      authSecret: config.authSecret,
      smtpUrl: undefined,
      smtpConnections: 4,
      planCacheBytes: 64 * 1024 * 1024,
      mailFrom: 'Improvement Plan Manager <no-reply@localhost>',
      publicUrl: 'http://localhost:3000',
      demoPassword: undefined,
      initialAdmin: undefined,
      trustProxyHops: 0,
      redisUrl: undefined,
      reminderWorker: 'inline',
      reminderCron: '30 7 * * 1-5',
      reminderRetryDelayMs: 60000,
      reminderAttempts: 6,
      reminderDigestsPerJob: 50,
      queuePrefix: 'ipm',
      queueLockMs: 30000,
      queueTimeoutMs: 2000,
      importMaxBytes: 10485760,
      councilName: undefined,
      passwordSignIn: true,
      oidcProviders: [],
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      migrationDatabaseUrl: undefined,
      dataDir: path.resolve('.data'),
      demoMode: false,
      runMigrations: true,
      logLevel: 'log',
    });
  });

  it('reads and converts every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://app:secret@db:5432/plans',
      MIGRATION_DATABASE_URL: 'postgres://owner:other@db/plans',
      DATA_DIR: '/var/lib/ipm',
      DEMO_MODE: 'false',
      RUN_MIGRATIONS: 'no',
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtp://mail.example.gov.uk:587',
      SMTP_CONNECTIONS: '8',
      PLAN_CACHE_MB: '0',
      MAIL_FROM: 'Children’s Services <plans@example.gov.uk>',
      PUBLIC_URL: 'https://plans.example.gov.uk/',
      AUTH_SECRET: 'x'.repeat(40),
      DEMO_PASSWORD: 'correct horse battery',
      ADMIN_EMAIL: 'Lead@Example.gov.uk',
      ADMIN_PASSWORD: 'a long enough password',
      TRUST_PROXY_HOPS: '1',
      REDIS_URL: 'redis://cache:6379/2',
      REMINDER_WORKER: 'off',
      REMINDER_CRON: '0 8 * * 1-5',
      REMINDER_RETRY_DELAY_MS: '5000',
      REMINDER_DIGESTS_PER_JOB: '20',
      QUEUE_PREFIX: 'council-a',
      QUEUE_LOCK_MS: '10000',
      QUEUE_TIMEOUT_MS: '1500',
      IMPORT_MAX_BYTES: '2097152',
      COUNCIL_NAME: ' Southampton City Council ',
      PASSWORD_SIGN_IN: 'off',
      OIDC_1_ID: 'entra',
      OIDC_1_NAME: 'Southampton City Council',
      OIDC_1_ISSUER: 'https://login.microsoftonline.com/0d1c4f6e-0000-4000-8000-000000000001/v2.0',
      OIDC_1_CLIENT_ID: 'b1e2c3d4-0000-4000-8000-000000000002',
      OIDC_1_CLIENT_SECRET: 'a client secret',
      OIDC_1_ALLOWED_DOMAINS: 'Southampton.gov.uk, nhs.net',
      OIDC_1_PROVISION: 'true',
      OIDC_1_ROLE_MAP: '{"IPM.Admin":"admin","IPM.Chair":"board_chair"}',
      OIDC_1_AGENCY_CLAIM: 'groups',
      OIDC_1_AGENCY_MAP: '{"5f0c0000-0000-4000-8000-000000000003":"NHS Southampton"}',
    });
    expect(config).toEqual({
      smtpUrl: 'smtp://mail.example.gov.uk:587',
      smtpConnections: 8,
      planCacheBytes: 0,
      mailFrom: 'Children’s Services <plans@example.gov.uk>',
      publicUrl: 'https://plans.example.gov.uk',
      authSecret: 'x'.repeat(40),
      demoPassword: 'correct horse battery',
      initialAdmin: { email: 'lead@example.gov.uk', password: 'a long enough password' },
      trustProxyHops: 1,
      redisUrl: 'redis://cache:6379/2',
      reminderWorker: 'off',
      reminderCron: '0 8 * * 1-5',
      reminderRetryDelayMs: 5000,
      reminderAttempts: 6,
      reminderDigestsPerJob: 20,
      queuePrefix: 'council-a',
      queueLockMs: 10000,
      queueTimeoutMs: 1500,
      importMaxBytes: 2097152,
      councilName: 'Southampton City Council',
      passwordSignIn: false,
      oidcProviders: [
        {
          id: 'entra',
          name: 'Southampton City Council',
          issuer: 'https://login.microsoftonline.com/0d1c4f6e-0000-4000-8000-000000000001/v2.0',
          clientId: 'b1e2c3d4-0000-4000-8000-000000000002',
          clientSecret: 'a client secret',
          allowedDomains: ['southampton.gov.uk', 'nhs.net'],
          provision: true,
          roleClaim: 'roles',
          roleMap: { 'IPM.Admin': 'admin', 'IPM.Chair': 'board_chair' },
          agencyClaim: 'groups',
          agencyMap: { '5f0c0000-0000-4000-8000-000000000003': 'NHS Southampton' },
        },
      ],
      nodeEnv: 'production',
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://app:secret@db:5432/plans',
      migrationDatabaseUrl: 'postgres://owner:other@db/plans',
      dataDir: '/var/lib/ipm',
      demoMode: false,
      runMigrations: false,
      logLevel: 'warn',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://app@db/plans', MIGRATION_DATABASE_URL: 'owner@db/plans' }, 'MIGRATION_DATABASE_URL'],
    [{ DEMO_MODE: 'perhaps' }, 'DEMO_MODE'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SMTP_URL: 'mail.example.gov.uk' }, 'SMTP_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ REMINDER_WORKER: 'sometimes' }, 'REMINDER_WORKER'],
    [{ REMINDER_CRON: 'daily' }, 'REMINDER_CRON'],
    [{ QUEUE_TIMEOUT_MS: '10' }, 'QUEUE_TIMEOUT_MS'],
    [{ REMINDER_DIGESTS_PER_JOB: '0' }, 'REMINDER_DIGESTS_PER_JOB'],
    [{ SMTP_CONNECTIONS: 'many' }, 'SMTP_CONNECTIONS'],
    [{ PLAN_CACHE_MB: '-1' }, 'PLAN_CACHE_MB'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET'],
    [{ ADMIN_EMAIL: 'lead@example.gov.uk' }, 'ADMIN_PASSWORD'],
    [{ COUNCIL_NAME: '<b>Council</b>' }, 'COUNCIL_NAME'],
    [{ PASSWORD_SIGN_IN: 'sometimes' }, 'PASSWORD_SIGN_IN'],
    [{ PASSWORD_SIGN_IN: 'off' }, 'PASSWORD_SIGN_IN'],
    [{ OIDC_1_ISSUER: 'https://idp.example.org' }, 'OIDC_1_CLIENT_ID'],
  ])('stops with the name of a bad variable: %p', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('refuses to run in production without a real database server', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL: is required when NODE_ENV=production/);
  });

  it('refuses to run in production without a fixed token-signing secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/plans' })).toThrow(
      /AUTH_SECRET: is required when NODE_ENV=production/,
    );
  });

  it('treats an empty variable as not set, as compose files pass them', () => {
    const config = loadConfig({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '', SMTP_URL: '', PORT: '' });
    expect(config).toMatchObject({ initialAdmin: undefined, smtpUrl: undefined, port: 3000 });
  });

  it('accepts REMINDER_CRON=off for a worker that should not schedule the daily scan', () => {
    expect(loadConfig({ REMINDER_CRON: 'off' }).reminderCron).toBe('off');
  });

  it('shows a bad value so the operator can fix it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty": .*must be a whole number/);
  });

  describe('the owner’s connection for migrations (MIGRATION_DATABASE_URL)', () => {
    it('is optional: without it one role does everything (warned about at start-up)', () => {
      expect(loadConfig({ DATABASE_URL: 'postgres://app:pw@db/plans' }).migrationDatabaseUrl).toBeUndefined();
    });

    it('needs DATABASE_URL too: the embedded database sets up both roles itself', () => {
      expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner:pw@db/plans' })).toThrow(/MIGRATION_DATABASE_URL: needs DATABASE_URL/);
    });

    it.each([
      ['another database', 'postgres://owner:pw@db/other_plans'],
      ['another server', 'postgres://owner:pw@db2/plans'],
      ['another port', 'postgres://owner:pw@db:5433/plans'],
    ])('must reach the same database as DATABASE_URL, not %s, and never prints either', (_label, url) => {
      let message = '';
      try {
        loadConfig({ DATABASE_URL: 'postgres://app:app-secret@db:5432/plans', MIGRATION_DATABASE_URL: url });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/MIGRATION_DATABASE_URL: must name the same server and database as DATABASE_URL/);
      expect(message).not.toMatch(/pw|app-secret/);
    });

    it('is named, never printed, when it is not a URL', () => {
      expect(() => loadConfig({ DATABASE_URL: 'postgres://db/plans', MIGRATION_DATABASE_URL: 'owner:hunter2@db' })).toThrow(/MIGRATION_DATABASE_URL: must be a postgres/);
      expect(() => loadConfig({ DATABASE_URL: 'postgres://db/plans', MIGRATION_DATABASE_URL: 'owner:hunter2@db' })).not.toThrow(/hunter2/);
    });
  });

  it('names a bad DATABASE_URL without printing it, since it may hold a password', () => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://app:hunter2@db/plans' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL: must be a postgres/);
    expect(message).not.toContain('hunter2');
  });
});
