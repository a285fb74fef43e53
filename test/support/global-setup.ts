import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { ensureApplicationRole, withCredentials } from '../../src/database/database-roles';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { startRedisServer } from '../../src/queue/redis-server';

declare global {
  // eslint-disable-next-line no-var
  var __ipmStopDatabase: (() => Promise<void>) | undefined;
  // eslint-disable-next-line no-var
  var __ipmStopRedis: (() => Promise<void>) | undefined;
  // eslint-disable-next-line no-var
  var __ipmDropAppRole: (() => Promise<void>) | undefined;
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
  // Every test app connects as an application role (no superuser, owns nothing), as the demo and
  // a council's server do; migrations run as the owner (IPM_TEST_ADMIN_URL's user).
  if (process.env.DATABASE_URL) {
    process.env.IPM_TEST_ADMIN_URL = process.env.DATABASE_URL;
    // A role of this run's own, so runs sharing a server do not change each other's password.
    const role = `ipm_test_app_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(18).toString('base64url');
    await ensureApplicationRole(process.env.DATABASE_URL, role, password);
    process.env.IPM_TEST_APP_URL = withCredentials(process.env.DATABASE_URL, role, password);
    globalThis.__ipmDropAppRole = () => dropRole(process.env.DATABASE_URL!, role);
    return;
  }
  const database = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  process.env.IPM_TEST_ADMIN_URL = database.adminUrl;
  process.env.IPM_TEST_APP_URL = database.url;
  globalThis.__ipmStopDatabase = database.stop;
}

async function dropRole(adminUrl: string, role: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP ROLE IF EXISTS ${role}`);
  } catch {
    // Still granted something in a database a test left behind: harmless, and named for whoever cleans up.
    console.warn(`Could not drop the test role ${role}`);
  } finally {
    await client.end();
  }
}
