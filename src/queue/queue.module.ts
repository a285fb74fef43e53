import { BullModule, BullRootModuleOptions, getQueueToken } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { QueueHealthIndicator } from './queue-health.indicator';
import { QueueRegistration, QueueRegistry } from './queue-registry';

/** One Redis connection set-up for every queue, from the validated configuration. */
export function bullRootOptions(config: AppConfig): BullRootModuleOptions {
  return {
    url: config.redisUrl,
    prefix: config.queuePrefix,
    // A crashed worker's job is taken over once its lock runs out.
    settings: { lockDuration: config.queueLockMs, stalledInterval: config.queueLockMs, maxStalledCount: 3 },
  };
}

/**
 * Shared queue infrastructure: the Bull root registration, the registry of
 * every feature's queue (for /health and the queue board) and the bounded
 * calls a request makes to Redis. Without Redis (no REDIS_URL) there is no
 * Bull at all: features see their queue as off and the API still serves.
 *
 * The app and the worker import `QueueModule.forRoot(config)` once; each
 * feature imports `QueueModule.registerQueue(config, { name, title })` for its
 * own queue and then injects it with `@InjectQueue(name)` (optional, as it is
 * absent without Redis) and `QueueRegistry.get(name)` for bounded calls.
 */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: config.redisUrl ? [BullModule.forRootAsync({ inject: [APP_CONFIG], useFactory: bullRootOptions })] : [],
      providers: [QueueRegistry, QueueHealthIndicator],
      exports: [QueueRegistry, QueueHealthIndicator],
    };
  }

  /** A feature's queue, registered with Bull and the registry when there is a Redis; nothing otherwise. */
  static registerQueue(config: AppConfig, registration: QueueRegistration): DynamicModule {
    if (!config.redisUrl) return { module: QueueModule };
    return {
      module: QueueModule,
      imports: [BullModule.registerQueue({ name: registration.name })],
      providers: [
        {
          provide: `queue-registration:${registration.name}`,
          inject: [getQueueToken(registration.name), QueueRegistry],
          useFactory: (queue: Queue, registry: QueueRegistry) => registry.add(registration, queue),
        },
      ],
      exports: [BullModule],
    };
  }
}
