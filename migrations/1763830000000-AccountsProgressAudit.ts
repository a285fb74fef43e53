import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People and sign-in (users, their agencies, plan membership, sessions, API
 * tokens, password resets, failed sign-ins, room for single sign-on), progress
 * updates, verification and RAG overrides on activities, and the audit trail.
 */
export class AccountsProgressAudit1763830000000 implements MigrationInterface {
  name = 'AccountsProgressAudit1763830000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "email" text NOT NULL, "job_title" text, "roles" text array NOT NULL DEFAULT '{}', "password_hash" text, "contact_preferences" jsonb NOT NULL, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_roles_check" CHECK (roles <@ ARRAY['admin', 'board_chair', 'service_head', 'viewer']::text[]), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
    await queryRunner.query(`CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" text NOT NULL, "token_hash" text NOT NULL, "token_prefix" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "api_tokens_user_idx" ON "api_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "auth_identities" ("provider" text NOT NULL, "subject" text NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c7a2e5804beb9c0a7f13475a14c" PRIMARY KEY ("provider", "subject"))`);
    await queryRunner.query(`CREATE INDEX "auth_identities_user_idx" ON "auth_identities"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "password_resets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "password_resets_token_hash_key" ON "password_resets"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "password_resets_user_idx" ON "password_resets"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "plan_members" ("plan_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_48bf4b3c484b380cd1193d68ef7" PRIMARY KEY ("plan_id", "user_id"))`);
    await queryRunner.query(`CREATE INDEX "plan_members_user_idx" ON "plan_members"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "refresh_token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "previous_refresh_token_hash" text, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "user_agent" text, "ip_address" text, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "sessions_refresh_token_hash_key" ON "sessions"  ("refresh_token_hash") `);
    await queryRunner.query(`CREATE INDEX "sessions_user_idx" ON "sessions"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "sessions_previous_refresh_token_hash_idx" ON "sessions"  ("previous_refresh_token_hash") `);
    await queryRunner.query(`CREATE TABLE "sign_in_attempts" ("id" BIGSERIAL NOT NULL, "email" text NOT NULL, "ip_address" text NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b5b5e9a98dbb74ada205a0084d8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sign_in_attempts_ip_idx" ON "sign_in_attempts"  ("ip_address", "attempted_at") `);
    await queryRunner.query(`CREATE INDEX "sign_in_attempts_email_idx" ON "sign_in_attempts"  ("email", "attempted_at") `);
    await queryRunner.query(`CREATE TABLE "user_lead_agencies" ("user_id" uuid NOT NULL, "lead_agency_id" uuid NOT NULL, "is_contact" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_cc7cd9136e706952ad78d75dede" PRIMARY KEY ("user_id", "lead_agency_id"))`);
    await queryRunner.query(`CREATE INDEX "user_lead_agencies_agency_idx" ON "user_lead_agencies"  ("lead_agency_id") `);
    await queryRunner.query(`CREATE TABLE "audit_events" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_id" uuid, "actor_label" text NOT NULL, "action" character varying(16) NOT NULL, "entity_type" character varying(40) NOT NULL, "entity_id" text NOT NULL, "plan_id" uuid, "before" jsonb, "after" jsonb, "request_id" text, CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "audit_events_occurred_idx" ON "audit_events"  ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "audit_events_plan_idx" ON "audit_events"  ("plan_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "audit_events_actor_idx" ON "audit_events"  ("actor_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "audit_events_entity_idx" ON "audit_events"  ("entity_type", "entity_id", "occurred_at") `);
    await queryRunner.query(`CREATE TABLE "progress_updates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "author_id" uuid, "status" character varying(16) NOT NULL, "percent_complete" integer, "note" text, "evidence_links" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "progress_updates_percent_check" CHECK (percent_complete IS NULL OR percent_complete BETWEEN 0 AND 100), CONSTRAINT "progress_updates_status_check" CHECK (status IN ('not_started', 'in_progress', 'complete', 'blocked', 'deferred', 'cancelled')), CONSTRAINT "PK_180f6781848cb83b31c3deb131b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "progress_updates_activity_idx" ON "progress_updates"  ("activity_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "rag_overrides" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "rating" character varying(8) NOT NULL, "reason" text NOT NULL, "expires_on" date NOT NULL, "set_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "cleared_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "rag_overrides_rating_check" CHECK (rating IN ('red', 'amber', 'green', 'blue')), CONSTRAINT "PK_7d94d37323695cc7643c349022d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "rag_overrides_activity_idx" ON "rag_overrides"  ("activity_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "activities" ADD "owner_id" uuid`);
    await queryRunner.query(`ALTER TABLE "activities" ADD "start_date" date`);
    await queryRunner.query(`ALTER TABLE "activities" ADD "percent_complete" integer`);
    await queryRunner.query(`ALTER TABLE "activities" ADD "last_reported_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "activities" ADD "verified_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "activities" ADD "verified_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "activities" ADD "verification_note" text`);
    await queryRunner.query(`CREATE INDEX "activities_owner_idx" ON "activities"  ("owner_id") `);
    await queryRunner.query(`ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_b74883f5884a42fd8496d389b25" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "auth_identities" ADD CONSTRAINT "FK_c06a980d83c42611d27a294e55c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "password_resets" ADD CONSTRAINT "FK_f7a4c3bc48f24df007936d217be" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "activities" ADD CONSTRAINT "FK_5546fd6565cf2441fc400728014" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "activities" ADD CONSTRAINT "FK_ee107a2626032695e3ae37337f2" FOREIGN KEY ("verified_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_members" ADD CONSTRAINT "FK_0988507c7613213b91d32be82f5" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_members" ADD CONSTRAINT "FK_112040db3ba25a13a073fbc1b2f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_lead_agencies" ADD CONSTRAINT "FK_4563b3e9bd4d1df4ace3fed189f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_lead_agencies" ADD CONSTRAINT "FK_92b4b090d0af43deffc1f3c6c31" FOREIGN KEY ("lead_agency_id") REFERENCES "lead_agencies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "progress_updates" ADD CONSTRAINT "FK_9147e22bb17262b4ce39a4344f5" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "progress_updates" ADD CONSTRAINT "FK_be53f2beb7852791b863d5d4f40" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rag_overrides" ADD CONSTRAINT "FK_f08bfbfc6191216c7fc9eda89c5" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rag_overrides" ADD CONSTRAINT "FK_13338f9c79a426ddee1a721115f" FOREIGN KEY ("set_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    // The record cannot be rewritten: not by the API, not by the app's own
    // database user, not by a mistaken script. Only inserts are allowed.
    await queryRunner.query(`CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit events cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS audit_events_append_only ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS audit_events_no_truncate ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS refuse_audit_rewrite()`);
    await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "FK_5546fd6565cf2441fc400728014"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "FK_ee107a2626032695e3ae37337f2"`);
    await queryRunner.query(`DROP INDEX "activities_owner_idx"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "verification_note"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "verified_by_id"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "verified_at"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "last_reported_at"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "percent_complete"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "start_date"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "owner_id"`);
    await queryRunner.query(`DROP TABLE "rag_overrides" CASCADE`);
    await queryRunner.query(`DROP TABLE "progress_updates" CASCADE`);
    await queryRunner.query(`DROP TABLE "audit_events" CASCADE`);
    await queryRunner.query(`DROP TABLE "user_lead_agencies" CASCADE`);
    await queryRunner.query(`DROP TABLE "sign_in_attempts" CASCADE`);
    await queryRunner.query(`DROP TABLE "sessions" CASCADE`);
    await queryRunner.query(`DROP TABLE "plan_members" CASCADE`);
    await queryRunner.query(`DROP TABLE "password_resets" CASCADE`);
    await queryRunner.query(`DROP TABLE "auth_identities" CASCADE`);
    await queryRunner.query(`DROP TABLE "api_tokens" CASCADE`);
    await queryRunner.query(`DROP TABLE "users" CASCADE`);
  }
}
