import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DEMO_PEOPLE } from './accounts/account-seeding.service';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config/app-config';
import * as path from 'path';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { startRedisServer } from './queue/redis-server';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfig();

  let databaseUrl = config.databaseUrl;
  let stopDatabase: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    logger.log(`No DATABASE_URL: starting an embedded PostgreSQL under ${config.dataDir}`);
    const database = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      log: (message) => logger.debug(message),
    });
    databaseUrl = database.url;
    // Migrations run as the embedded server's superuser; the app connects as its own role.
    config.migrationDatabaseUrl = database.ownerUrl;
    stopDatabase = database.stop;
  }

  let stopRedis: (() => Promise<void>) | undefined;
  if (!config.redisUrl && config.demoMode) {
    const redis = await startRedisServer({ dataDir: path.join(config.dataDir, 'redis'), warn: (message) => logger.warn(message) });
    if (redis) {
      logger.log(`No REDIS_URL: started redis-server for the reminder queue (data under ${config.dataDir}/redis)`);
      config.redisUrl = redis.url;
      stopRedis = redis.stop;
    }
  }

  const app = await createApp(config, databaseUrl);
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
