import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AccountSeeding } from './accounts/account-seeding.service';
import { AppModule } from './app.module';
import { AppConfig, ConfigError, differentDatabases } from './config/app-config';
import { auditTrailExposure, readRoleFacts } from './database/database-roles';
import { migrateDatabase } from './database/migrate';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { RequestInputPipe } from './common/request-input.pipe';
import { createOpenApiDocument } from './common/openapi';
import { createValidationPipe } from './common/validation';
import { mountImportJsonBody } from './imports/import-json-body';
import { mountRequestContext } from './common/request-context.middleware';
import { DemoPlanLoader } from './plans/demo/demo-plan.loader';
import { mountQueueBoard } from './queue/queue-board';
import { webPageRoutes } from './web/web.module';
import { mountPagePreparation, mountWebAssets } from './web/web.setup';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Builds the application the same way for `main.ts` and for e2e tests, so the
 * tests exercise the real pipes, filters, migrations and demo loading.
 */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const mismatch = config.migrationDatabaseUrl ? differentDatabases(config.migrationDatabaseUrl, databaseUrl) : undefined;
  if (mismatch) throw new ConfigError(`Invalid configuration:\n  MIGRATION_DATABASE_URL: ${mismatch}`);
  // Before the app opens its own connections: migrations run as the owner, then the app role gets its grants.
  if (config.runMigrations) await migrateDatabase({ databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl });

  const app = await NestFactory.create(AppModule.forRoot(config, databaseUrl), {
    logger: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1),
    abortOnError: false,
  });
  // Web pages live at /, /sign-in, /account… beside the API under /api.
  app.setGlobalPrefix('api', { exclude: ['health', ...webPageRoutes()] });
  (app as NestExpressApplication).set('trust proxy', config.trustProxyHops);
  mountImportJsonBody(app as NestExpressApplication, config);
  app.useGlobalPipes(new RequestInputPipe(), createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());

  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  mountQueueBoard(app);
  mountWebAssets(app);
  mountPagePreparation(app);
  // Every request the routes answer runs in its context (who is acting, its id for the logs and the audit trail).
  mountRequestContext(app);

  await warnIfAuditTrailExposed(app.get(DataSource));
  const seeding = app.get(AccountSeeding);
  if (config.initialAdmin) {
    await seeding.ensureInitialAdmin(config.initialAdmin.email, config.initialAdmin.password, 'Administrator', true);
  }
  if (config.demoMode) {
    await app.get(DemoPlanLoader).loadIfEmpty();
    await seeding.ensureDemoPeople();
  }
  return app;
}

/**
 * One role for everything works, but then the app itself could rewrite the
 * audit trail; say so at every start, with what to do about it.
 */
async function warnIfAuditTrailExposed(dataSource: DataSource): Promise<void> {
  const facts = await readRoleFacts((sql) => dataSource.query(sql));
  const reasons = auditTrailExposure(facts);
  if (reasons.length === 0) return;
  new Logger('Database').warn(
    `DATABASE_URL signs in as "${facts.role}", which could rewrite the audit trail: ${reasons.join('; ')}. ` +
      'Give the app a role of its own and the owner’s connection in MIGRATION_DATABASE_URL (README, "Database roles").',
  );
}
