import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { typeOrmOptions } from './database/typeorm-options';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthModule } from './health/health.module';
import { PlansModule } from './plans/plans.module';

@Module({})
export class AppModule {
  /** The database URL is resolved before Nest starts: either DATABASE_URL or the embedded server's. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [TypeOrmModule.forRoot(typeOrmOptions(databaseUrl)), HealthModule, DeadlinesModule, PlansModule],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
