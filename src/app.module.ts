import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { SsoModule } from './accounts/sso/sso.module';
import { BoardsModule } from './boards/boards.module';
import { CalendarModule } from './calendar/calendar.module';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { PlansModule } from './plans/plans.module';
import { ProgressModule } from './progress/progress.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReportsModule } from './reports/reports.module';
import { ReviewsModule } from './reviews/reviews.module';
import { WebModule } from './web/web.module';

/** The API: every capability, on the core the worker shares. */
@Module({})
export class AppModule {
  /** The database URL is resolved before Nest starts: either DATABASE_URL or the embedded server's. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, databaseUrl),
        AccountsModule,
        AuditModule,
        HealthModule,
        DeadlinesModule,
        PlansModule,
        ImportsModule,
        ProgressModule,
        IndicatorsModule,
        ReviewsModule,
        ReportsModule,
        BoardsModule,
        RemindersModule.register(config),
        SsoModule,
        CalendarModule,
        WebModule,
      ],
    };
  }
}
