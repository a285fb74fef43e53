import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

declare global {
  // eslint-disable-next-line no-var
  var __ipmStopDatabase: (() => Promise<void>) | undefined;
}

/**
 * One real PostgreSQL for the whole run: DATABASE_URL when given (its user must
 * be allowed to create databases), otherwise an embedded server in a temporary
 * folder. Each test file then creates a database of its own on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.IPM_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ipm-test-'));
  const database = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  process.env.IPM_TEST_ADMIN_URL = database.adminUrl;
  process.env.IPM_TEST_DATA_DIR = dataDir;
  globalThis.__ipmStopDatabase = database.stop;
}
