// Starts the embedded PostgreSQL on a folder, as the app does, and keeps it
// running until killed; prints "ready" or the error. Used by tests that need
// a separate process (the server belongs to whoever started it).
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

startEmbeddedPostgres({ dataDir: process.argv[2] }).then(
  async (database) => {
    console.log('ready');
    if (process.argv[3] === '--stop') {
      await database.stop();
      process.exit(0);
    }
    process.on('SIGTERM', () => void database.stop().then(() => process.exit(0)));
  },
  (error: unknown) => {
    console.log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
