/**
 * Creates the first administrator of a new installation:
 *
 *   ADMIN_PASSWORD='…' node dist/src/cli/create-admin.js --email lead@council.gov.uk --name "Pat Lead"
 *
 * Uses DATABASE_URL, or the embedded database under DATA_DIR, and applies any
 * pending migrations first (as MIGRATION_DATABASE_URL's owner when it is set). The password comes from ADMIN_PASSWORD (never a
 * command-line argument, which other users of the machine can see).
 */
import 'reflect-metadata';
import { parseArgs } from 'util';
import { DataSource } from 'typeorm';
import { AccountSeeding } from '../accounts/account-seeding.service';
import { AuditService } from '../audit/audit.service';
import { loadConfig } from '../config/app-config';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { migrateDatabase } from '../database/migrate';
import { typeOrmOptions } from '../database/typeorm-options';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  const password = process.env.ADMIN_PASSWORD;
  // ADMIN_PASSWORD is this command's input here, not the start-up pair with ADMIN_EMAIL.
  const config = loadConfig({ ...process.env, ADMIN_PASSWORD: undefined });
  if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) {
    console.error('Usage: ADMIN_PASSWORD=… create-admin --email <address> [--name "<full name>"]');
    return 2;
  }
  if (!password || password.length < 12) {
    console.error('ADMIN_PASSWORD must be set, at least 12 characters.');
    return 2;
  }
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: config.dataDir });
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const dataSource = new DataSource(typeOrmOptions(databaseUrl));
  try {
    // As the app does at start-up: migrations as the owner, the rest as the application role.
    await migrateDatabase({ databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl ?? embedded?.ownerUrl });
    await dataSource.initialize();
    const seeding = new AccountSeeding(dataSource, config, new AuditService(dataSource));
    const outcome = await seeding.ensureInitialAdmin(values.email, password, values.name ?? 'Administrator');
    console.log(outcome === 'created' ? `Created administrator ${values.email.toLowerCase()}.` : `${values.email.toLowerCase()} already has an account; nothing changed.`);
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('create-admin failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
