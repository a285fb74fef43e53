import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AccountSeeding } from './accounts/account-seeding.service';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { RejectNulCharactersPipe } from './common/nul-characters.pipe';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import { DemoPlanLoader } from './plans/demo/demo-plan.loader';
import { mountQueueBoard } from './queue/queue-board';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Builds the application the same way for `main.ts` and for e2e tests, so the
 * tests exercise the real pipes, filters, migrations and demo loading.
 */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, databaseUrl), {
    logger: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1),
    abortOnError: false,
  });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  (app as NestExpressApplication).set('trust proxy', config.trustProxyHops);
  app.useGlobalPipes(new RejectNulCharactersPipe(), createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Improvement Plan Manager')
      .setDescription(
        'Ofsted improvement plans: recommendations, activities, outcome measures, costs, lead agencies and deadlines.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  mountQueueBoard(app);

  if (config.runMigrations) {
    await app.get(DataSource).runMigrations({ transaction: 'each' });
  }
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
