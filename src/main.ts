import 'reflect-metadata';
import * as path from 'path';
import { ConfigError, loadConfig } from './config/app-config';
import { RunningDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { RunningRedis, startRedisServer } from './queue/redis-server';

/**
 * Starts the app. The embedded PostgreSQL and redis-server (when there is no
 * DATABASE_URL or REDIS_URL) are set going first: they boot in processes of
 * their own while this one loads the app's modules, rather than one after
 * the other (a second or two of every start).
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // Held until Nest's logger is loaded, below.
  type Level = 'log' | 'warn' | 'debug';
  const early: Array<[Level, string]> = [];
  let log = (level: Level, message: string): void => {
    early.push([level, message]);
  };

  const launched: Array<Promise<unknown>> = [];
  const launching = () => {
    let told!: () => void;
    launched.push(new Promise<void>((resolve) => (told = resolve)));
    return told;
  };
  let database: Promise<RunningDatabase> | undefined;
  if (!config.databaseUrl) {
    log('log', `No DATABASE_URL: starting an embedded PostgreSQL under ${config.dataDir}`);
    database = startEmbeddedPostgres({ dataDir: config.dataDir, log: (message) => log('debug', message), onLaunched: launching() });
  }
  let redis: Promise<RunningRedis | null> | undefined;
  if (!config.redisUrl && config.demoMode) {
    redis = startRedisServer({ dataDir: path.join(config.dataDir, 'redis'), warn: (message) => log('warn', message), onLaunched: launching() });
  }
  // Both servers launched (or failed) before this process is busy loading modules.
  await Promise.race([Promise.all(launched), Promise.allSettled([database, redis])]);

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Logger } = require('@nestjs/common') as typeof import('@nestjs/common');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApp } = require('./app') as typeof import('./app');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DEMO_PEOPLE } = require('./accounts/account-seeding.service') as typeof import('./accounts/account-seeding.service');
  const logger = new Logger('Bootstrap');
  log = (level, message) => logger[level](message);
  for (const [level, message] of early.splice(0)) log(level, message);

  const [databaseStart, redisStart] = await Promise.allSettled([database, redis]);
  if (databaseStart.status === 'rejected' || redisStart.status === 'rejected') {
    // Started side by side: one that did start must not outlive the other's failure.
    if (redisStart.status === 'fulfilled') await redisStart.value?.stop();
    if (databaseStart.status === 'fulfilled') await databaseStart.value?.stop();
    throw databaseStart.status === 'rejected' ? databaseStart.reason : (redisStart as PromiseRejectedResult).reason;
  }
  let databaseUrl = config.databaseUrl;
  let stopDatabase: (() => Promise<void>) | undefined;
  if (databaseStart.value) {
    const running = databaseStart.value;
    databaseUrl = running.url;
    // Migrations run as the embedded server's superuser; the app connects as its own role.
    config.migrationDatabaseUrl = running.ownerUrl;
    stopDatabase = running.stop;
  }

  let stopRedis: (() => Promise<void>) | undefined;
  const runningRedis = redisStart.value;
  if (runningRedis) {
    logger.log(`No REDIS_URL: started redis-server for the reminder queue (data under ${config.dataDir}/redis)`);
    config.redisUrl = runningRedis.url;
    stopRedis = runningRedis.stop;
  }

  const app = await createApp(config, databaseUrl!);
  // Close connections before the embedded server stops, so PostgreSQL shuts down cleanly.
  const shutdown = async (signal: string) => {
    logger.log(`${signal} received: shutting down`);
    await app.close();
    if (stopRedis) await stopRedis();
    if (stopDatabase) await stopDatabase();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.log(`Improvement Plan Manager is running at ${url}/ (API: ${url}/api, API docs: ${url}/api/docs, health: ${url}/health)`);
  if (config.demoMode) {
    logger.log(
      `Demo mode: open ${url}/ and sign in as one of the demo people (${DEMO_PEOPLE.map((person) => person.email).join(', ')}): ` +
        `the chair lands on the review, the service heads on their activities, the others on the 2012 Southampton plan under "Your plans"`,
    );
  }
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('The Improvement Plan Manager could not start:', error);
  }
  process.exit(1);
});
