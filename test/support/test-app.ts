import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { AppConfig, loadConfig } from '../../src/config/app-config';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  databaseUrl: string;
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
  const client = new Client({ connectionString: adminUrl });
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
export async function startTestApp(options: { demo?: boolean; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  const database = `ipm_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  const databaseUrl = withDatabase(process.env.IPM_TEST_ADMIN_URL!, database);
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }),
    demoMode: options.demo ?? true,
    runMigrations: true,
    ...options.config,
  };
  const app = await createApp(config, databaseUrl);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    databaseUrl,
    close: async () => {
      await app.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

/** Counts the SQL statements the app runs, to prove a request's query count is bounded. */
export function countQueries(dataSource: DataSource): { count: () => number; stop: () => void } {
  const logger = dataSource.logger;
  let count = 0;
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    count += 1;
    return original(query, parameters, runner);
  };
  return {
    count: () => count,
    stop: () => {
      logger.logQuery = original;
    },
  };
}
