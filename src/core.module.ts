import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, SystemClock, TestClock } from './common/clock';
import { DomainEvents } from './common/domain-events';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { typeOrmOptions } from './database/typeorm-options';
import { QueueModule } from './queue/queue.module';

/**
 * What every process (the API and the worker) runs on: the validated
 * configuration, the clock and the in-transaction events, global because
 * they are configuration; the database and the queue's root registration.
 */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [TypeOrmModule.forRoot(typeOrmOptions(databaseUrl)), QueueModule.forRoot(config)],
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
}
