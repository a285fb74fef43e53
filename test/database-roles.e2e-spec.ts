import { Client } from 'pg';
import { createApp } from '../src/app';
import { roleOf } from '../src/database/database-roles';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The app connects as a role that owns nothing and is no superuser; the owner
 * runs migrations. Connected as the app's role, nothing rewrites the audit
 * trail: not the statements a superuser or owner would use, not plain DML.
 */
describe('Database roles: the application cannot rewrite the audit trail', () => {
  let t: TestApp;
  let app: Client;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    app = new Client({ connectionString: t.databaseUrl });
    await app.connect();
  });
  afterAll(async () => {
    await app.end();
    await t.close();
  });

  const auditCount = async (): Promise<number> => (await app.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n;

  /** Runs a statement as the app's role in a transaction of its own, rolled back whatever happens. */
  async function asApp(...statements: string[]): Promise<void> {
    await app.query('BEGIN');
    try {
      for (const statement of statements) await app.query(statement);
    } finally {
      await app.query('ROLLBACK');
    }
  }

  it('runs the app as that role: the app’s own connection is not the owner’s', async () => {
    const [{ user }] = await t.dataSource.query('SELECT current_user AS user');
    expect(user).toBe(roleOf(t.databaseUrl));
    expect(user).not.toBe(roleOf(t.ownerUrl));
    const [role] = await t.dataSource.query(
      `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,
              (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS relations,
              (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid) AS functions,
              (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS schemas,
              (SELECT count(*)::int FROM pg_type WHERE typowner = r.oid) AS types
         FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, relations: 0, functions: 0, schemas: 0, types: 0 });
  });

  it.each([
    ['switching triggers off for the session, then deleting', ['SET LOCAL session_replication_role = replica', 'DELETE FROM audit_events'], /permission denied/],
    ['disabling the triggers', ['ALTER TABLE audit_events DISABLE TRIGGER ALL'], /must be owner/],
    ['disabling the append-only trigger by name', ['ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only'], /must be owner/],
    ['dropping the append-only trigger', ['DROP TRIGGER audit_events_append_only ON audit_events'], /must be owner/],
    ['dropping the table', ['DROP TABLE audit_events'], /must be owner/],
    ['taking the table over', [`ALTER TABLE audit_events OWNER TO CURRENT_USER`], /must be owner/],
    ['updating an event', [`UPDATE audit_events SET actor_label = 'someone else'`], /permission denied for table audit_events/],
    ['deleting events', ['DELETE FROM audit_events'], /permission denied for table audit_events/],
    ['truncating the table', ['TRUNCATE audit_events'], /permission denied for table audit_events/],
    ['adding a trigger of its own', [`CREATE TRIGGER t BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite()`], /permission denied|must be owner/],
    ['creating a table', ['CREATE TABLE audit_events_copy (id bigint)'], /permission denied for schema public/],
    ['creating a function', [`CREATE FUNCTION public.noop() RETURNS void LANGUAGE sql AS 'SELECT 1'`], /permission denied for schema public/],
    ['granting itself more', ['SELECT grant_application_role(current_user::text)'], /permission denied for function/],
    ['resetting the sequence', [`SELECT setval('audit_events_id_seq', 1)`], /permission denied for sequence/],
    [
      'forging an activity’s earlier standing',
      [`INSERT INTO activity_standing_history (activity_id, valid_from, valid_to, status, due_date_precision) SELECT id, now(), now(), 'complete', 'day' FROM activities LIMIT 1`],
      /permission denied for table activity_standing_history/,
    ],
    ['erasing earlier standings', ['DELETE FROM activity_standing_history'], /permission denied for table activity_standing_history/],
    ['switching off the trigger that records standings', ['ALTER TABLE activities DISABLE TRIGGER activities_record_standing'], /must be owner/],
    ['taking an agency’s spelling for itself', [`INSERT INTO lead_agency_spellings (key, lead_agency_id) SELECT 'nhs southampton', id FROM lead_agencies LIMIT 1`], /permission denied for table lead_agency_spellings/],
    ['freeing a spelling', ['DELETE FROM lead_agency_spellings'], /permission denied for table lead_agency_spellings/],
  ])('refuses %s', async (_label, statements, refusal) => {
    const before = await auditCount();
    expect(before).toBeGreaterThan(0);
    await expect(asApp(...statements)).rejects.toThrow(refusal);
    expect(await auditCount()).toBe(before);
  });

  it('may INSERT and SELECT audit events, and still use every other table', async () => {
    await asApp(
      `INSERT INTO audit_events (actor_label, action, entity_type, entity_id) VALUES ('test', 'create', 'plan', 'x')`,
      `SELECT * FROM audit_events WHERE actor_label = 'test'`,
      `UPDATE plans SET title = title`,
      `DELETE FROM sign_in_attempts`,
    );
    // And through the API: a change and its record.
    const before = await auditCount();
    await t.http.post('/api/lead-agencies').send({ name: 'Role-checked agency' }).expect(201);
    expect(await auditCount()).toBe(before + 1);
    // Its spelling is kept by the owner's trigger, though the app may only read that table.
    expect((await app.query(`SELECT count(*)::int AS n FROM lead_agency_spellings WHERE key = lead_agency_name_key('Role-checked agency')`)).rows[0].n).toBe(1);
    await t.http.post('/api/lead-agencies').send({ name: 'ROLE-CHECKED  Agency' }).expect(400);
    // A change of standing is still recorded by the owner's trigger, though the app may not write that history itself.
    const [activity] = await t.dataSource.query('SELECT id FROM activities LIMIT 1');
    const history = async () => (await app.query('SELECT count(*)::int AS n FROM activity_standing_history WHERE activity_id = $1', [activity.id])).rows[0].n;
    const earlier = await history();
    await t.http.post(`/api/activities/${activity.id}/updates`).send({ status: 'in_progress', percentComplete: 10 }).expect(201);
    expect(await history()).toBe(earlier + 1);
  });

  it('can use a table a later migration adds, without that migration granting anything', async () => {
    await t.ownerQuery('CREATE TABLE later_feature (id bigserial PRIMARY KEY, note text NOT NULL)');
    try {
      await app.query(`INSERT INTO later_feature (note) VALUES ('added by the app')`);
      await app.query(`UPDATE later_feature SET note = 'changed by the app'`);
      expect((await app.query('SELECT note FROM later_feature')).rows).toEqual([{ note: 'changed by the app' }]);
      await app.query('DELETE FROM later_feature');
      await expect(app.query('DROP TABLE later_feature')).rejects.toThrow(/must be owner/);
    } finally {
      await t.ownerQuery('DROP TABLE later_feature');
    }
  });

  it('warns at start-up when one role does everything, and not when the app has its own', async () => {
    const warnings: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
      warnings.push(String(chunk));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    };
    process.stdout.write = capture as typeof process.stdout.write;
    try {
      const separate = await createApp({ ...t.config, logLevel: 'warn', demoMode: false, initialAdmin: undefined }, t.databaseUrl);
      await separate.close();
      expect(warnings.join('')).not.toMatch(/could rewrite the audit trail/);
      const oneRole = await createApp({ ...t.config, logLevel: 'warn', demoMode: false, initialAdmin: undefined, migrationDatabaseUrl: undefined }, t.ownerUrl);
      await oneRole.close();
    } finally {
      process.stdout.write = original;
    }
    const text = warnings.join('');
    expect(text).toContain(`DATABASE_URL signs in as "${roleOf(t.ownerUrl)}", which could rewrite the audit trail: it is a superuser`);
    expect(text).toContain('MIGRATION_DATABASE_URL');
  });

  it('refuses an owner’s connection to another database', async () => {
    const elsewhere = new URL(t.ownerUrl);
    elsewhere.pathname = '/postgres';
    await expect(createApp({ ...t.config, migrationDatabaseUrl: elsewhere.toString() }, t.databaseUrl)).rejects.toThrow(
      /MIGRATION_DATABASE_URL: must name the same server and database/,
    );
  });
});
