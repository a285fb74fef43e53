import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { Clock, SystemClock, TestClock } from './common/clock';
import { DomainEvents } from './common/domain-events';
import { RequestContextMiddleware } from './common/request-context.middleware';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { typeOrmOptions } from './database/typeorm-options';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { MailModule } from './mail/mail.module';
import { PlansModule } from './plans/plans.module';
import { ProgressModule } from './progress/progress.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReportsModule } from './reports/reports.module';
import { ReviewsModule } from './reviews/reviews.module';

@Module({})
export class AppModule implements NestModule {
  /** The database URL is resolved before Nest starts: either DATABASE_URL or the embedded server's. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(typeOrmOptions(databaseUrl)),
        MailModule,
        AuditModule,
        AccountsModule,
        HealthModule,
        DeadlinesModule,
        PlansModule,
        ImportsModule,
        ProgressModule,
        ReviewsModule,
        ReportsModule,
        RemindersModule.register(config),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        // Only tests may fix the clock (to record what happened on a past date).
        { provide: Clock, useValue: config.nodeEnv === 'test' ? new TestClock() : new SystemClock() },
        // How one module tells another, in the same transaction, that something happened.
        DomainEvents,
      ],
      exports: [APP_CONFIG, Clock, DomainEvents],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('{*path}');
  }
}
