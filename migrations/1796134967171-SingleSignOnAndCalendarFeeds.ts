import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on (issue 16): each sign-in started through an identity
 * provider (state, nonce, PKCE verifier; used once), and the provider behind
 * each session so signing out ends its session too. Calendar feeds: private
 * addresses, stored as hashes, one live per person and scope.
 */
export class SingleSignOnAndCalendarFeeds1796134967171 implements MigrationInterface {
  name = 'SingleSignOnAndCalendarFeeds1796134967171';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sso_sign_ins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "state_hash" text NOT NULL, "provider_id" text NOT NULL, "nonce" text NOT NULL, "code_verifier" text NOT NULL, "return_to" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_38782b324f922b78f8efb997811" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "sso_sign_ins_state_hash_key" ON "sso_sign_ins" ("state_hash")`);
    await queryRunner.query(`CREATE INDEX "sso_sign_ins_created_idx" ON "sso_sign_ins" ("created_at")`);
    await queryRunner.query(
      `CREATE TABLE "sso_sessions" ("session_id" uuid NOT NULL, "provider_id" text NOT NULL, "issuer" text NOT NULL, "id_token" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8bbcc6d5658380379dd5b49c60e" PRIMARY KEY ("session_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "sso_sessions" ADD CONSTRAINT "FK_8bbcc6d5658380379dd5b49c60e" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "plan_id" uuid, "scope_key" text NOT NULL, "token_hash" text NOT NULL, "token_prefix" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_read_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_045067d8bb57f971f3c5426ea71" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds" ("token_hash")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "calendar_feeds_live_key" ON "calendar_feeds" ("user_id", "scope_key") WHERE revoked_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "calendar_feeds_user_idx" ON "calendar_feeds" ("user_id")`);
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_3212ce9ff23847e66347a6730d3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_cb8d4c6f706e4b3f692eaba1295" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(`DROP TABLE "sso_sessions"`);
    await queryRunner.query(`DROP TABLE "sso_sign_ins"`);
  }
}
