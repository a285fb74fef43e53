import { DynamicModule, INestApplicationContext, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { Clock, SystemClock, TestClock } from './common/clock';
import { DomainEvents } from './common/domain-events';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { typeOrmOptions } from './database/typeorm-options';
import { MailModule } from './mail/mail.module';
import { QueueModule } from './queue/queue.module';
import { RemindersModule } from './reminders/reminders.module';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * What the reminder worker needs: the database, mail, the queue and the
 * reminders' processor, with what those read through (the activity rows, who
 * chairs what, the record). No HTTP server: it is scaled and restarted apart
 * from the API. The global providers are AppModule's.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(typeOrmOptions(databaseUrl)),
        MailModule,
        QueueModule.forRoot(config),
        AuditModule,
        AccountsModule,
        RemindersModule.worker(config),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: config.nodeEnv === 'test' ? new TestClock() : new SystemClock() },
        DomainEvents,
      ],
      exports: [APP_CONFIG, Clock, DomainEvents],
    };
  }
}

/**
 * Starts the worker as a Nest application context (`npm run worker`, and the
 * e2e tests). Pending migrations are applied first, on a connection of their
 * own, because the context starts taking jobs as soon as it is created.
 */
export async function createWorker(config: AppConfig, databaseUrl: string): Promise<INestApplicationContext> {
  if (config.runMigrations) {
    const dataSource = await new DataSource(typeOrmOptions(databaseUrl)).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
  }
  return NestFactory.createApplicationContext(WorkerModule.forRoot(config, databaseUrl), {
    logger: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1),
    abortOnError: false,
  });
}
