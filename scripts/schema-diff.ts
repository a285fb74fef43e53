// Prints the SQL that would bring an empty database in line with the entities.
// Used to draft a migration by hand: npx ts-node --transpile-only scripts/schema-diff.ts
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { typeOrmOptions } from '../src/database/typeorm-options';
(async () => {
  const db = await startEmbeddedPostgres({ dataDir: process.argv[2] ?? '/tmp/ipm-schema-diff', log: () => undefined });
  const ds = new DataSource(typeOrmOptions(db.url));
  await ds.initialize();
  const sql = await ds.driver.createSchemaBuilder().log();
  for (const q of sql.upQueries) console.log(q.query + ';');
  await ds.destroy(); await db.stop();
})().catch((e) => { console.error(e); process.exit(1); });
