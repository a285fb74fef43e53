import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { roleOf } from './database-roles';
import { typeOrmOptions } from './typeorm-options';

/**
 * For the TypeORM CLI (migration:generate / migration:run): as the owner in
 * MIGRATION_DATABASE_URL when it is set, granting the role in DATABASE_URL
 * what the app needs; otherwise as DATABASE_URL's role.
 * The app itself builds its data source in AppModule.
 */
const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error('DATABASE_URL must be set to run TypeORM CLI commands');
}
const applicationRole = config.migrationDatabaseUrl ? roleOf(config.databaseUrl) : undefined;
export default new DataSource(typeOrmOptions(config.migrationDatabaseUrl ?? config.databaseUrl, { applicationRole }));
