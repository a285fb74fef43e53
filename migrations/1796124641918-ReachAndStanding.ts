import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-plan roles, each activity's plan on its own row, and the record that
 * lets any figure be given "as of" a past date:
 * - plan_members.role: someone may chair plan A and only read plan B. Existing
 *   memberships keep what they meant (chair where the person holds the
 *   board_chair role, else viewer).
 * - activities.plan_id: reach and counts filter activities by plan without
 *   joining through recommendations and tables; an activity never moves plan.
 * - activity_standing_history: every earlier standing (status, percent
 *   complete, verification, due date, last report) with the period it was in
 *   force, written by a trigger so no writer can forget it, and by the
 *   database owner so the application cannot rewrite it.
 * - progress_updates.seq: the order updates were applied in (under the
 *   activity's row lock); created_at is the transaction's start and two
 *   concurrent updates can carry them out of order.
 */
export class ReachAndStanding1796124641918 implements MigrationInterface {
  name = 'ReachAndStanding1796124641918';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_members" ADD "role" character varying(16) NOT NULL DEFAULT 'viewer'`);
    await queryRunner.query(
      `UPDATE plan_members m SET role = 'chair' FROM users u WHERE u.id = m.user_id AND 'board_chair' = ANY(u.roles)`,
    );
    await queryRunner.query(`ALTER TABLE "plan_members" ALTER COLUMN "role" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "plan_members" ADD CONSTRAINT "plan_members_role_check" CHECK (role IN ('chair', 'viewer'))`);

    await queryRunner.query(`ALTER TABLE "activities" ADD "plan_id" uuid`);
    await queryRunner.query(
      `UPDATE activities a SET plan_id = s.plan_id FROM recommendations r JOIN sections s ON s.id = r.section_id WHERE r.id = a.recommendation_id`,
    );
    await queryRunner.query(`ALTER TABLE "activities" ALTER COLUMN "plan_id" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "activities_plan_idx" ON "activities" ("plan_id") `);
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_4ddc7fb1994ebf66850d6bd7b7e" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE "activities" ADD "standing_recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`UPDATE activities SET standing_recorded_at = updated_at`);
    await queryRunner.query(
      `CREATE TABLE "activity_standing_history" ("id" BIGSERIAL NOT NULL, "activity_id" uuid NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL, "percent_complete" integer, "verified_at" TIMESTAMP WITH TIME ZONE, "due_date" date, "due_date_precision" character varying(8) NOT NULL, "last_reported_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_activity_standing_history" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "activity_standing_history_activity_idx" ON "activity_standing_history" ("activity_id", "valid_to") `);
    await queryRunner.query(
      `ALTER TABLE "activity_standing_history" ADD CONSTRAINT "FK_344229e33a333d54473d54b0fa9" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // A writer may stamp the change itself (tests with a fixed clock do); otherwise
    // the transaction's time is used, never earlier than the standing it ends, so
    // the periods of one activity follow each other whatever the commit order.
    // New rows take now() (the transaction's start) as their standing's start.
    await queryRunner.query(`
      CREATE FUNCTION record_activity_standing() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF (NEW.status, NEW.percent_complete, NEW.verified_at, NEW.due_date, NEW.due_date_precision, NEW.last_reported_at)
           IS NOT DISTINCT FROM
           (OLD.status, OLD.percent_complete, OLD.verified_at, OLD.due_date, OLD.due_date_precision, OLD.last_reported_at) THEN
          NEW.standing_recorded_at := OLD.standing_recorded_at;
          RETURN NEW;
        END IF;
        IF NEW.standing_recorded_at IS NOT DISTINCT FROM OLD.standing_recorded_at THEN
          -- A standing written earlier in this same transaction (a new activity
          -- whose due date is derived next) was never seen by anyone: no history.
          IF OLD.standing_recorded_at = now() THEN
            RETURN NEW;
          END IF;
          NEW.standing_recorded_at := GREATEST(now(), OLD.standing_recorded_at);
        END IF;
        INSERT INTO activity_standing_history
          (activity_id, valid_from, valid_to, status, percent_complete, verified_at, due_date, due_date_precision, last_reported_at)
        VALUES
          (OLD.id, OLD.standing_recorded_at, NEW.standing_recorded_at, OLD.status, OLD.percent_complete, OLD.verified_at,
           OLD.due_date, OLD.due_date_precision, OLD.last_reported_at);
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER activities_record_standing BEFORE UPDATE ON activities FOR EACH ROW EXECUTE FUNCTION record_activity_standing()`,
    );
    // The history is the record: like audit_events, nobody rewrites it.
    await queryRunner.query(`
      CREATE FUNCTION refuse_standing_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'activity_standing_history is append-only';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER activity_standing_history_append_only BEFORE UPDATE OR DELETE ON activity_standing_history FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION refuse_standing_history_change()`,
    );

    await queryRunner.query(`ALTER TABLE "progress_updates" ADD "seq" bigint GENERATED BY DEFAULT AS IDENTITY`);
    await queryRunner.query(
      `UPDATE progress_updates u SET seq = ordered.n FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM progress_updates) ordered WHERE ordered.id = u.id`,
    );
    await queryRunner.query(
      `SELECT setval(pg_get_serial_sequence('progress_updates', 'seq'), COALESCE((SELECT max(seq) FROM progress_updates), 0) + 1, false)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "progress_updates_activity_seq_idx" ON "progress_updates" ("activity_id", "seq") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "progress_updates_activity_seq_idx"`);
    await queryRunner.query(`ALTER TABLE "progress_updates" DROP COLUMN "seq"`);
    await queryRunner.query(`DROP TRIGGER activity_standing_history_append_only ON activity_standing_history`);
    await queryRunner.query(`DROP FUNCTION refuse_standing_history_change()`);
    await queryRunner.query(`DROP TRIGGER activities_record_standing ON activities`);
    await queryRunner.query(`DROP FUNCTION record_activity_standing()`);
    await queryRunner.query(`DROP TABLE "activity_standing_history"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "standing_recorded_at"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "FK_4ddc7fb1994ebf66850d6bd7b7e"`);
    await queryRunner.query(`DROP INDEX "activities_plan_idx"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "plan_id"`);
    await queryRunner.query(`ALTER TABLE "plan_members" DROP CONSTRAINT "plan_members_role_check"`);
    await queryRunner.query(`ALTER TABLE "plan_members" DROP COLUMN "role"`);
  }
}
