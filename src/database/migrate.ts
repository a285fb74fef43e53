import { DataSource } from 'typeorm';
import { roleOf } from './database-roles';
import { typeOrmOptions } from './typeorm-options';

export class MigrationError extends Error {}

/**
 * Applies pending migrations as the database owner (MIGRATION_DATABASE_URL,
 * or the embedded server's superuser), then grants the application's role
 * (the user in DATABASE_URL) what it needs. With one URL for both, the one
 * role does everything; start-up then warns (see auditTrailExposure).
 */
export async function migrateDatabase(options: { databaseUrl: string; migrationDatabaseUrl?: string }): Promise<void> {
  const ownerUrl = options.migrationDatabaseUrl ?? options.databaseUrl;
  const owner = roleOf(ownerUrl);
  const application = roleOf(options.databaseUrl);
  const separate = application !== undefined && application !== owner;
  const dataSource = new DataSource(typeOrmOptions(ownerUrl, { applicationRole: separate ? application : undefined, poolSize: 1 }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    // Again on every start: a role created or renamed since the migration ran gets its grants too.
    if (separate) await dataSource.query('SELECT grant_application_role($1)', [application]);
  } catch (error) {
    if ((error as { driverError?: { code?: string } }).driverError?.code === '42501' && !options.migrationDatabaseUrl) {
      throw new MigrationError(
        `Migrations could not run as ${application ?? 'the DATABASE_URL role'}, which may not change the schema: ` +
          'set MIGRATION_DATABASE_URL to the database owner’s connection, or RUN_MIGRATIONS=false and run them as the owner',
      );
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

