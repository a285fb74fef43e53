// Starts the demo's redis-server on a folder, as the app does, and keeps it
// running until killed; prints "ready <url> <pid>" or "failed: <error>". Used
// by tests that need a separate owner process (kill -9 it to orphan the server).
import { startRedisServer } from '../../src/queue/redis-server';

startRedisServer({ dataDir: process.argv[2] }).then(
  (redis) => {
    if (!redis) {
      console.log('failed: no redis-server on PATH');
      process.exit(1);
    }
    console.log(`ready ${redis.url} ${redis.pid}`);
    process.on('SIGTERM', () => void redis.stop().then(() => process.exit(0)));
  },
  (error: unknown) => {
    console.log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
