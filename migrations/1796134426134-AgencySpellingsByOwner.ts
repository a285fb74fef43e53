import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The spellings that keep one agency per name are derived from the agencies
 * by a trigger: it now runs as the owner, and the application role may only
 * read them, so it cannot block or free a name by writing that table.
 */
export class AgencySpellingsByOwner1796134426134 implements MigrationInterface {
  name = 'AgencySpellingsByOwner1796134426134';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION lead_agency_spellings_sync() SECURITY DEFINER SET search_path = public`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION grant_application_role(application_role text) RETURNS void LANGUAGE plpgsql AS $$
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
        -- Each agency's spellings: kept by the owner's trigger from the agencies themselves, read by the app.
        IF to_regclass('public.lead_agency_spellings') IS NOT NULL THEN
          EXECUTE format('REVOKE ALL ON lead_agency_spellings FROM %I', application_role);
          EXECUTE format('GRANT SELECT ON lead_agency_spellings TO %I', application_role);
        END IF;
        -- Only the owner applies migrations; the app may see which have run.
        EXECUTE format('REVOKE ALL ON schema_migrations FROM %I', application_role);
        EXECUTE format('GRANT SELECT ON schema_migrations TO %I', application_role);
      END $$`);
    await queryRunner.query(`SELECT grant_application_role(current_setting('ipm.application_role', true))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION grant_application_role(application_role text) RETURNS void LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`ALTER FUNCTION lead_agency_spellings_sync() SECURITY INVOKER RESET search_path`);
  }
}
