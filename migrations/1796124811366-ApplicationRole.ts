import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application connects as a role of its own that owns nothing and is no
 * superuser, so it cannot switch off or drop the triggers that keep the audit
 * trail append-only. grant_application_role() gives that role what the app
 * needs: everything it reads and writes, on audit_events only INSERT and
 * SELECT, and on activity_standing_history (written by the owner's trigger)
 * only SELECT. Default privileges extend the same grants to every table and
 * sequence a later migration creates, so no migration has to remember.
 *
 * The owner runs migrations with the setting ipm.application_role naming the
 * application's role (the app sets it from DATABASE_URL; see
 * src/database/migrate.ts); the app calls the function again after every
 * migration run, so a role renamed or added later gets its grants at start-up.
 */
export class ApplicationRole1796124811366 implements MigrationInterface {
  name = 'ApplicationRole1796124811366';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION grant_application_role(application_role text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- One role for everything (or no separate role named): nothing to grant.
        IF application_role IS NULL OR application_role = '' OR application_role = current_user THEN
          RETURN;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = application_role) THEN
          RAISE EXCEPTION 'The application role % does not exist: create it first (README, "Database roles")', application_role;
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', application_role);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', application_role);
        EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', application_role);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', application_role);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO %I', application_role);
        -- The record of who changed what: written and read, never rewritten.
        EXECUTE format('REVOKE ALL ON audit_events FROM %I', application_role);
        EXECUTE format('GRANT SELECT, INSERT ON audit_events TO %I', application_role);
        -- Each activity's earlier standings: written only by the owner's SECURITY DEFINER trigger, read by the app.
        IF to_regclass('public.activity_standing_history') IS NOT NULL THEN
          EXECUTE format('REVOKE ALL ON activity_standing_history FROM %I', application_role);
          EXECUTE format('GRANT SELECT ON activity_standing_history TO %I', application_role);
        END IF;
        -- Only the owner applies migrations; the app may see which have run.
        EXECUTE format('REVOKE ALL ON schema_migrations FROM %I', application_role);
        EXECUTE format('GRANT SELECT ON schema_migrations TO %I', application_role);
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION grant_application_role(text) FROM PUBLIC`);
    await queryRunner.query(`SELECT grant_application_role(current_setting('ipm.application_role', true))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Every role this owner granted default privileges to loses them, and its grants here.
    await queryRunner.query(`DO $$
      DECLARE grantee text;
      BEGIN
        FOR grantee IN
          SELECT DISTINCT quote_ident(r.rolname)
            FROM pg_default_acl d, aclexplode(d.defaclacl) a, pg_roles r
           WHERE d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user)
             AND d.defaclnamespace = 'public'::regnamespace
             AND r.oid = a.grantee
        LOOP
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM %s', grantee);
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM %s', grantee);
          EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %s', grantee);
          EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %s', grantee);
          EXECUTE format('REVOKE USAGE ON SCHEMA public FROM %s', grantee);
        END LOOP;
      END $$`);
    await queryRunner.query(`DROP FUNCTION grant_application_role(text)`);
  }
}
