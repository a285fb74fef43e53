/**
 * The reminder worker on its own (`npm run worker`), for installations that
 * scale the API and the workers separately: a Nest application context with
 * no HTTP server that registers the daily scan and processes digests. It needs
 * the same DATABASE_URL and REDIS_URL as the API; run the API with
 * REMINDER_WORKER=off.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { createWorker } from './worker.module';

async function runWorker(): Promise<void> {
  const logger = new Logger('Worker');
  const config = { ...loadConfig(), reminderWorker: 'inline' as const, demoMode: false, initialAdmin: undefined };
  if (!config.databaseUrl || !config.redisUrl) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL and REDIS_URL: both are required for a separate worker');
  }
  const worker = await createWorker(config, config.databaseUrl);
  logger.log('Reminder worker running');
  const shutdown = async (signal: string) => {
    logger.log(`${signal} received: finishing the current job and stopping`);
    await worker.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

runWorker().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
