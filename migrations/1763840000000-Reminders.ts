import { MigrationInterface, QueryRunner } from 'typeorm';

/** The reminder ledger, daily digests, in-app notifications, scan days and each plan's reminder policy. */
export class Reminders1763840000000 implements MigrationInterface {
  name = 'Reminders1763840000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reminder_digests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "digest_date" date NOT NULL, "status" character varying(16) NOT NULL, "message_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "reminder_digests_recipient_day_key" UNIQUE ("recipient_id", "digest_date"), CONSTRAINT "reminder_digests_status_check" CHECK (status IN ('sending', 'sent')), CONSTRAINT "PK_8c74445fe192c8dab806f49dd0e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "reminder_ledger" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "reminder_date" date NOT NULL, "due_date" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "digest_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reminder_ledger_key" UNIQUE ("recipient_id", "activity_id", "kind", "reminder_date"), CONSTRAINT "reminder_ledger_status_check" CHECK (status IN ('pending', 'sent', 'dropped')), CONSTRAINT "PK_ced3d0c10a293a84327a9baa9d2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "reminder_ledger_pending_idx" ON "reminder_ledger"  ("recipient_id") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "ledger_entry_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "title" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "notifications_ledger_key" ON "notifications"  ("ledger_entry_id") `);
    await queryRunner.query(`CREATE INDEX "notifications_user_idx" ON "notifications"  ("user_id", "read_at", "created_at") `);
    await queryRunner.query(`CREATE TABLE "reminder_scans" ("scan_date" date NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_debe8775ed68267ca20371a689a" PRIMARY KEY ("scan_date"))`);
    await queryRunner.query(`ALTER TABLE "plans" ADD "reminder_policy" jsonb`);
    // The daily scan pages through open activities by id.
    await queryRunner.query(`CREATE INDEX "activities_open_id_idx" ON "activities"  ("id") WHERE status NOT IN ('complete', 'cancelled')`);
    await queryRunner.query(`ALTER TABLE "reminder_digests" ADD CONSTRAINT "FK_2a5f634c01b62f5daa2efa9fae2" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ADD CONSTRAINT "FK_4f1d0420c0a519602789e55e758" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ADD CONSTRAINT "FK_03b137ef800b5c62d870dc760ef" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ADD CONSTRAINT "FK_2f45d839b18fac3b99192ece1b7" FOREIGN KEY ("digest_id") REFERENCES "reminder_digests"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_2e8bb00a09c6e4e050f8297519f" FOREIGN KEY ("ledger_entry_id") REFERENCES "reminder_ledger"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "activities_open_id_idx"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "reminder_policy"`);
    await queryRunner.query(`DROP TABLE "reminder_scans" CASCADE`);
    await queryRunner.query(`DROP TABLE "notifications" CASCADE`);
    await queryRunner.query(`DROP TABLE "reminder_ledger" CASCADE`);
    await queryRunner.query(`DROP TABLE "reminder_digests" CASCADE`);
  }
}
