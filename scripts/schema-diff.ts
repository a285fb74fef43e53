// Prints the SQL that would bring a database with every existing migration
// applied in line with the entities: the draft of the next migration, to be
// reviewed and written by hand. npx ts-node --transpile-only scripts/schema-diff.ts
import 'reflect-metadata';
import { rmSync } from 'fs';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { typeOrmOptions } from '../src/database/typeorm-options';

(async () => {
  const dataDir = process.argv[2] ?? '/tmp/ipm-schema-diff';
  rmSync(dataDir, { recursive: true, force: true });
  const db = await startEmbeddedPostgres({ dataDir, ephemeral: true, log: () => undefined });
  const ds = new DataSource(typeOrmOptions(db.ownerUrl));
  await ds.initialize();
  await ds.runMigrations();
  const sql = await ds.driver.createSchemaBuilder().log();
  for (const q of sql.upQueries) console.log(q.query + ';');
  await ds.destroy();
  await db.stop();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
