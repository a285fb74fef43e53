import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { Clock, TestClock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';

type Client = Pick<ReturnType<typeof request>, 'get' | 'post' | 'put' | 'patch' | 'delete'>;

export const TEST_PASSWORD = 'correct horse battery staple';
export const TEST_ADMIN = 'admin@test.local';

export interface TestApp {
  app: INestApplication;
  /** Requests as the test administrator. */
  http: Client;
  /** Requests with no token at all. */
  anon: Client;
  /** Requests as the given user (signed in with TEST_PASSWORD); tokens are cached per email. */
  as(email: string): Promise<Client>;
  /** Requests with a given bearer token. */
  withToken(token: string): Client;
  config: AppConfig;
  /** The app's clock: set it to record what happened on a past date. */
  clock: TestClock;
  /** The app's own connection: the application role, as in production. */
  dataSource: DataSource;
  /** Connection URL as the application role (no superuser, owns nothing; INSERT and SELECT only on audit_events). */
  databaseUrl: string;
  /** Connection URL as the database owner, who runs migrations (config.migrationDatabaseUrl). */
  ownerUrl: string;
  /** A statement run as the owner: for tests that change the schema, as only a migration may. */
  ownerQuery(sql: string, params?: unknown[]): Promise<any[]>;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const adminUrl = process.env.IPM_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('IPM_TEST_ADMIN_URL is not set: run e2e tests through jest (global setup starts PostgreSQL)');
  const client = new PgClient({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Boots the real application on a database of its own (migrations applied,
 * demo plan loaded unless asked not to), reached through HTTP with supertest.
 */
export async function startTestApp(options: { demo?: boolean; redis?: boolean; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  const database = `ipm_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  // The app connects as the application role and migrates as the owner, as the demo does.
  const databaseUrl = withDatabase(process.env.IPM_TEST_APP_URL!, database);
  const ownerUrl = withDatabase(process.env.IPM_TEST_ADMIN_URL!, database);
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }),
    demoMode: options.demo ?? true,
    runMigrations: true,
    migrationDatabaseUrl: ownerUrl,
    dataDir: mkdtempSync(path.join(tmpdir(), 'ipm-test-data-')),
    demoPassword: TEST_PASSWORD,
    initialAdmin: { email: TEST_ADMIN, password: TEST_PASSWORD },
    // The queue is on only for the tests that ask for it, each under its own Redis prefix.
    redisUrl: options.redis ? process.env.IPM_TEST_REDIS_URL : undefined,
    queuePrefix: `ipm-test-${randomBytes(4).toString('hex')}`,
    reminderCron: 'off',
    reminderRetryDelayMs: 200,
    queueLockMs: 3000,
    ...options.config,
  };
  const app = await createApp(config, databaseUrl);
  await app.init();
  const server = app.getHttpServer();
  const withToken = (token: string | null): Client => {
    const base = request(server);
    const wrap =
      (method: 'get' | 'post' | 'put' | 'patch' | 'delete') =>
      (url: string) => {
        const test = base[method](url);
        return token ? test.set('Authorization', `Bearer ${token}`) : test;
      };
    return { get: wrap('get'), post: wrap('post'), put: wrap('put'), patch: wrap('patch'), delete: wrap('delete') } as Client;
  };
  const tokens = new Map<string, string>();
  const as = async (email: string): Promise<Client> => {
    if (!tokens.has(email)) {
      const response = await request(server).post('/api/auth/sign-in').send({ email, password: TEST_PASSWORD });
      if (response.status !== 200) throw new Error(`Could not sign in as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
      tokens.set(email, response.body.accessToken);
    }
    return withToken(tokens.get(email)!);
  };
  const http = await as(TEST_ADMIN);
  return {
    app,
    http,
    anon: withToken(null),
    as,
    withToken,
    config,
    clock: app.get(Clock) as TestClock,
    dataSource: app.get(DataSource),
    databaseUrl,
    ownerUrl,
    ownerQuery: async (sql, params) => {
      const client = new PgClient({ connectionString: ownerUrl });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    close: async () => {
      await app.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** A statement the app ran: its prepared statement's name (src/database/prepared-statement.ts), if it has one. */
export interface StatementRun {
  name: string | undefined;
}

/** Counts the SQL statements the app runs, to prove a request's query count is bounded. */
export function countQueries(dataSource: DataSource): { count: () => number; statements: StatementRun[]; stop: () => void } {
  const logger = dataSource.logger;
  const statements: StatementRun[] = [];
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    statements.push({ name: (query as unknown as { name?: string }).name });
    return original(query, parameters, runner);
  };
  return {
    count: () => statements.length,
    statements,
    stop: () => {
      logger.logQuery = original;
    },
  };
}

/** The statements the app runs while `during` does (a request, say), in order. */
export async function statementsDuring(dataSource: DataSource, during: () => Promise<unknown>): Promise<StatementRun[]> {
  const counter = countQueries(dataSource);
  try {
    await during();
    return counter.statements;
  } finally {
    counter.stop();
  }
}
