import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Boards and their meetings (issue 14): boards with their chairs, members, and
 * the plans and indicators they oversee (board seats feed the reach model);
 * meetings; each meeting's packs, the draft (version 0) and the issued
 * versions with their view model and HTML, PDF and Word bytes, which a trigger
 * keeps from ever being rewritten; the actions agreed at meetings with their
 * owners; and a scrutiny panel's recommendations with the decisions it made
 * about them at its meetings. The reminder ledger and notifications also
 * carry the reminders of actions (a ledger row is about exactly one of an
 * activity, an indicator's return or an action; an action's notification
 * names no plan).
 */
export class Boards1796136425901 implements MigrationInterface {
  name = 'Boards1796136425901';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "boards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" character varying(32) NOT NULL, "cadence_months" integer, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "boards_cadence_check" CHECK (cadence_months IS NULL OR cadence_months BETWEEN 1 AND 24), CONSTRAINT "boards_kind_check" CHECK (kind IN ('improvement_board', 'scrutiny_panel', 'partnership_executive', 'other')), CONSTRAINT "PK_606923b0b068ef262dfdcd18f44" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "boards_name_key" ON "boards"  ("name") `);
    await queryRunner.query(`CREATE TABLE "board_members" ("board_id" uuid NOT NULL, "user_id" uuid NOT NULL, "seat" character varying(16) NOT NULL, "position" integer NOT NULL, CONSTRAINT "board_members_seat_check" CHECK (seat IN ('chair', 'member')), CONSTRAINT "PK_159415b4beacf33c9393cfe673c" PRIMARY KEY ("board_id", "user_id"))`);
    await queryRunner.query(`CREATE INDEX "board_members_user_idx" ON "board_members"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "board_plans" ("board_id" uuid NOT NULL, "plan_id" uuid NOT NULL, CONSTRAINT "PK_9b180775d96afa785f9d928db9e" PRIMARY KEY ("board_id", "plan_id"))`);
    await queryRunner.query(`CREATE INDEX "board_plans_plan_idx" ON "board_plans"  ("plan_id") `);
    await queryRunner.query(`CREATE TABLE "board_indicators" ("board_id" uuid NOT NULL, "indicator_id" uuid NOT NULL, CONSTRAINT "PK_d57f064feb60c84ee3fa00f999e" PRIMARY KEY ("board_id", "indicator_id"))`);
    await queryRunner.query(`CREATE INDEX "board_indicators_indicator_idx" ON "board_indicators"  ("indicator_id") `);
    await queryRunner.query(`CREATE TABLE "meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "board_id" uuid NOT NULL, "meeting_date" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'scheduled', "agenda" jsonb NOT NULL DEFAULT '[]', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "meetings_status_check" CHECK (status IN ('scheduled', 'held', 'cancelled')), CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "meetings_board_date_idx" ON "meetings"  ("board_id", "meeting_date") `);
    await queryRunner.query(`CREATE TABLE "meeting_packs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "version" integer NOT NULL, "as_of" date NOT NULL, "view" jsonb NOT NULL, "html" bytea, "pdf" bytea, "docx" bytea, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "built_by_id" uuid, "issued_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "meeting_packs_meeting_version_key" UNIQUE ("meeting_id", "version"), CONSTRAINT "meeting_packs_issued_check" CHECK ((version = 0) = (issued_at IS NULL)), CONSTRAINT "PK_5c127a6b9c5c2a31fc97e8d530b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "meeting_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "position" integer NOT NULL, "text" text NOT NULL, "due_on" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "note" text, "unresolved_owners" text array NOT NULL DEFAULT '{}', "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "meeting_actions_closed_check" CHECK ((status = 'closed') = (closed_at IS NOT NULL)), CONSTRAINT "meeting_actions_status_check" CHECK (status IN ('open', 'in_progress', 'closed')), CONSTRAINT "PK_4e701fbcdc5c3bd77f4cb06f545" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "meeting_actions_open_due_idx" ON "meeting_actions"  ("due_on") WHERE status <> 'closed'`);
    await queryRunner.query(`CREATE INDEX "meeting_actions_meeting_idx" ON "meeting_actions"  ("meeting_id") `);
    await queryRunner.query(`CREATE TABLE "meeting_action_owners" ("action_id" uuid NOT NULL, "user_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_8f095838c57e0d5a9854f7369ac" PRIMARY KEY ("action_id", "user_id"))`);
    await queryRunner.query(`CREATE INDEX "meeting_action_owners_user_idx" ON "meeting_action_owners"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "scrutiny_recommendations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "board_id" uuid NOT NULL, "meeting_date" date NOT NULL, "title" text NOT NULL, "action_proposed" jsonb NOT NULL, "action_taken" jsonb NOT NULL DEFAULT '[]', "progress" character varying(32) NOT NULL DEFAULT 'continue_monitoring', "paused_reason" text, "rejected" boolean NOT NULL DEFAULT false, "position" integer NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "scrutiny_recommendations_paused_check" CHECK ((progress = 'paused') = (paused_reason IS NOT NULL)), CONSTRAINT "scrutiny_recommendations_progress_check" CHECK (progress IN ('achieved', 'continue_monitoring', 'unacceptable_progress', 'paused')), CONSTRAINT "PK_e8e2216347d6b199c52b2dd8e4a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "scrutiny_recommendations_board_idx" ON "scrutiny_recommendations"  ("board_id", "meeting_date") `);
    await queryRunner.query(`CREATE TABLE "scrutiny_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recommendation_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "decision" character varying(24) NOT NULL, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "scrutiny_decisions_decision_check" CHECK (decision IN ('accepted', 'not_accepted', 'rejection_reported')), CONSTRAINT "PK_c0b53e278e54391925294a70603" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "scrutiny_decisions_recommendation_idx" ON "scrutiny_decisions"  ("recommendation_id") `);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ADD "meeting_action_id" uuid`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "meeting_action_id" uuid`);
    await queryRunner.query(`ALTER TABLE "notifications" ALTER COLUMN "plan_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "reminder_ledger_action_key" ON "reminder_ledger"  ("recipient_id", "meeting_action_id", "kind", "reminder_date") WHERE meeting_action_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "board_members" ADD CONSTRAINT "FK_ca2c72a39c80199717012df3932" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "board_members" ADD CONSTRAINT "FK_a9989bac63c51805e59ce91a541" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "board_plans" ADD CONSTRAINT "FK_44d077889ce716c9efe3efe581e" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "board_plans" ADD CONSTRAINT "FK_42c141b71de1d085e6e8ae0997e" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "board_indicators" ADD CONSTRAINT "FK_d5a9e547f2101c8e3a6f8afc537" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "board_indicators" ADD CONSTRAINT "FK_59eeb219e7a3c2ab15f375ac9fb" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "meetings" ADD CONSTRAINT "FK_7fe55ae67efbba216a295fbda96" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "meeting_packs" ADD CONSTRAINT "FK_9be406b09cb6de46bfa118cd0ea" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "meeting_actions" ADD CONSTRAINT "FK_0575e240d89893fc997bda98332" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "meeting_action_owners" ADD CONSTRAINT "FK_47647353cb2ade91625bfef82b8" FOREIGN KEY ("action_id") REFERENCES "meeting_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "meeting_action_owners" ADD CONSTRAINT "FK_9782266d35c6fe7e04d4b170363" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scrutiny_recommendations" ADD CONSTRAINT "FK_4e32badefb994cd57e51cfb3aef" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scrutiny_decisions" ADD CONSTRAINT "FK_356a2f1cfe3628d11e847e5d69f" FOREIGN KEY ("recommendation_id") REFERENCES "scrutiny_recommendations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scrutiny_decisions" ADD CONSTRAINT "FK_0d8147844ec9c55c8ad0385c47a" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ADD CONSTRAINT "FK_6947eaad8b3705ec201a3436f34" FOREIGN KEY ("meeting_action_id") REFERENCES "meeting_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" DROP CONSTRAINT "reminder_ledger_subject_check"`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ADD CONSTRAINT "reminder_ledger_subject_check" CHECK (num_nonnulls(activity_id, indicator_id, meeting_action_id) = 1)`);
    await queryRunner.query(`CREATE FUNCTION meeting_packs_issued_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.version > 0 THEN
    RAISE EXCEPTION 'An issued pack is never rewritten: issue a new version instead' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$`);
    await queryRunner.query(`CREATE TRIGGER meeting_packs_issued_unchanged BEFORE UPDATE ON meeting_packs FOR EACH ROW EXECUTE FUNCTION meeting_packs_issued_unchanged()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER meeting_packs_issued_unchanged ON meeting_packs`);
    await queryRunner.query(`DROP FUNCTION meeting_packs_issued_unchanged()`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" DROP CONSTRAINT "FK_6947eaad8b3705ec201a3436f34"`);
    await queryRunner.query(`ALTER TABLE "scrutiny_decisions" DROP CONSTRAINT "FK_0d8147844ec9c55c8ad0385c47a"`);
    await queryRunner.query(`ALTER TABLE "scrutiny_decisions" DROP CONSTRAINT "FK_356a2f1cfe3628d11e847e5d69f"`);
    await queryRunner.query(`ALTER TABLE "scrutiny_recommendations" DROP CONSTRAINT "FK_4e32badefb994cd57e51cfb3aef"`);
    await queryRunner.query(`ALTER TABLE "meeting_action_owners" DROP CONSTRAINT "FK_9782266d35c6fe7e04d4b170363"`);
    await queryRunner.query(`ALTER TABLE "meeting_action_owners" DROP CONSTRAINT "FK_47647353cb2ade91625bfef82b8"`);
    await queryRunner.query(`ALTER TABLE "meeting_actions" DROP CONSTRAINT "FK_0575e240d89893fc997bda98332"`);
    await queryRunner.query(`ALTER TABLE "meeting_packs" DROP CONSTRAINT "FK_9be406b09cb6de46bfa118cd0ea"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP CONSTRAINT "FK_7fe55ae67efbba216a295fbda96"`);
    await queryRunner.query(`ALTER TABLE "board_indicators" DROP CONSTRAINT "FK_59eeb219e7a3c2ab15f375ac9fb"`);
    await queryRunner.query(`ALTER TABLE "board_indicators" DROP CONSTRAINT "FK_d5a9e547f2101c8e3a6f8afc537"`);
    await queryRunner.query(`ALTER TABLE "board_plans" DROP CONSTRAINT "FK_42c141b71de1d085e6e8ae0997e"`);
    await queryRunner.query(`ALTER TABLE "board_plans" DROP CONSTRAINT "FK_44d077889ce716c9efe3efe581e"`);
    await queryRunner.query(`ALTER TABLE "board_members" DROP CONSTRAINT "FK_a9989bac63c51805e59ce91a541"`);
    await queryRunner.query(`ALTER TABLE "board_members" DROP CONSTRAINT "FK_ca2c72a39c80199717012df3932"`);
    await queryRunner.query(`DELETE FROM notifications WHERE meeting_action_id IS NOT NULL`);
    await queryRunner.query(`DELETE FROM reminder_ledger WHERE meeting_action_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" DROP CONSTRAINT "reminder_ledger_subject_check"`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ADD CONSTRAINT "reminder_ledger_subject_check" CHECK ((activity_id IS NULL) <> (indicator_id IS NULL))`);
    await queryRunner.query(`DROP INDEX "reminder_ledger_action_key"`);
    await queryRunner.query(`ALTER TABLE "notifications" ALTER COLUMN "plan_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "meeting_action_id"`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" DROP COLUMN "meeting_action_id"`);
    await queryRunner.query(`DROP TABLE "scrutiny_decisions"`);
    await queryRunner.query(`DROP TABLE "scrutiny_recommendations"`);
    await queryRunner.query(`DROP TABLE "meeting_action_owners"`);
    await queryRunner.query(`DROP TABLE "meeting_actions"`);
    await queryRunner.query(`DROP TABLE "meeting_packs"`);
    await queryRunner.query(`DROP TABLE "meetings"`);
    await queryRunner.query(`DROP TABLE "board_indicators"`);
    await queryRunner.query(`DROP TABLE "board_plans"`);
    await queryRunner.query(`DROP TABLE "board_members"`);
    await queryRunner.query(`DROP TABLE "boards"`);
  }
}
