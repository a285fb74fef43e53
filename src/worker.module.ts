import { DynamicModule, INestApplicationContext, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { migrateDatabase } from './database/migrate';
import { RemindersModule } from './reminders/reminders.module';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * What the reminder worker needs: the database, mail, the queue and the
 * reminders' processor, with what those read through (the activity rows, who
 * chairs what, the record). No HTTP server: it is scaled and restarted apart
 * from the API. It runs on the same core as the API.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config, databaseUrl), RemindersModule.worker(config)],
    };
  }
}

/**
 * Starts the worker as a Nest application context (`npm run worker`, and the
 * e2e tests). Pending migrations are applied first, on the owner's connection
 * of their own, because the context starts taking jobs as soon as it is created.
 */
export async function createWorker(config: AppConfig, databaseUrl: string): Promise<INestApplicationContext> {
  // As the owner (MIGRATION_DATABASE_URL), as the API does; the worker itself connects as the application role.
  if (config.runMigrations) await migrateDatabase({ databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl });
  return NestFactory.createApplicationContext(WorkerModule.forRoot(config, databaseUrl), {
    logger: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1),
    abortOnError: false,
  });
}
