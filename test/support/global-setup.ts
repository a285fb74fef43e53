import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { startRedisServer } from '../../src/queue/redis-server';

declare global {
  // eslint-disable-next-line no-var
  var __ipmStopDatabase: (() => Promise<void>) | undefined;
  // eslint-disable-next-line no-var
  var __ipmStopRedis: (() => Promise<void>) | undefined;
}

/**
 * One real PostgreSQL for the whole run: DATABASE_URL when given (its user must
 * be allowed to create databases), otherwise an embedded server in a temporary
 * folder. Each test file then creates a database of its own on it.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ipm-test-'));
  process.env.IPM_TEST_DATA_DIR = dataDir;
  // A real Redis for the queue tests: REDIS_URL, or Debian's redis-server started here.
  if (process.env.REDIS_URL) {
    process.env.IPM_TEST_REDIS_URL = process.env.REDIS_URL;
  } else {
    const redis = await startRedisServer({ dataDir: path.join(dataDir, 'redis') });
    if (!redis) throw new Error('The e2e tests need redis-server on PATH (apt-get install redis-server) or REDIS_URL');
    process.env.IPM_TEST_REDIS_URL = redis.url;
    globalThis.__ipmStopRedis = redis.stop;
  }
  if (process.env.DATABASE_URL) {
    process.env.IPM_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const database = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  process.env.IPM_TEST_ADMIN_URL = database.adminUrl;
  globalThis.__ipmStopDatabase = database.stop;
}
