import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { typeOrmOptions } from './typeorm-options';

/**
 * For the TypeORM CLI (migration:generate / migration:run) against DATABASE_URL.
 * The app itself builds its data source in DatabaseModule.
 */
const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error('DATABASE_URL must be set to run TypeORM CLI commands');
}
export default new DataSource(typeOrmOptions(config.databaseUrl));
