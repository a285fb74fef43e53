import { DataSource } from 'typeorm';
import { roleOf } from '../src/database/database-roles';
import { typeOrmOptions } from '../src/database/typeorm-options';
import { TestApp, startTestApp } from './support/test-app';

describe('Database schema: changed only through migrations', () => {
  let t: TestApp;
  /** Migrations are the owner's to run and undo; the app's own role may not change the schema. */
  let owner: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ demo: false });
    owner = await new DataSource(typeOrmOptions(t.ownerUrl, { applicationRole: roleOf(t.databaseUrl) })).initialize();
  });
  afterAll(async () => {
    await owner.destroy();
    await t.close();
  });

  it('matches the entities exactly once the migrations have run', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('records every migration as applied', async () => {
    const rows: Array<{ name: string }> = await t.dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(t.dataSource.migrations.map((m) => m.name));
    expect(await t.dataSource.showMigrations()).toBe(false);
  });

  it('can be rolled back and applied again', async () => {
    for (let i = 0; i < owner.migrations.length; i++) await owner.undoLastMigration({ transaction: 'each' });
    const tables: Array<{ tablename: string }> = await owner.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
    );
    expect(tables).toEqual([]);
    await owner.runMigrations({ transaction: 'each' });
    const pending = await owner.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toEqual([]);
    // Applied again, the migrations grant the app's role its privileges again.
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM plans')).toEqual([{ n: 0 }]);
  });

  it('indexes what the overdue review scans: open activities by due date', async () => {
    const [index] = await t.dataSource.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'activities_open_due_date_idx'`);
    expect(index.indexdef).toMatch(/\(due_date\) WHERE .*status.*complete.*cancelled/);
  });
});
