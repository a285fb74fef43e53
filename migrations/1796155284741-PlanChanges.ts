import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a plan's rows live, and how a changed row names its plan: every table
 * the tree (GET /api/plans/:id) and the appendix read. The lead agencies are
 * shared by every plan (the papers' key lists them all), so a change to them
 * is noted for every plan at once, with no plan id.
 */
const PLAN_TABLES: Array<{ table: string; planOf: string | null }> = [
  { table: 'plans', planOf: 'changed.id' },
  { table: 'sections', planOf: 'changed.plan_id' },
  { table: 'activities', planOf: 'changed.plan_id' },
  { table: 'recommendations', planOf: '(SELECT s.plan_id FROM sections s WHERE s.id = changed.section_id)' },
  ...['outcome_measures', 'activity_lead_agencies', 'activity_timescales', 'activity_milestones'].map((table) => ({
    table,
    planOf: '(SELECT a.plan_id FROM activities a WHERE a.id = changed.activity_id)',
  })),
  { table: 'lead_agencies', planOf: null },
];

/**
 * Every committed change to a plan's rows, counted by triggers, so a reader
 * can tell in one small statement whether the plan changed since it last read
 * it (src/plans/plan-read-cache.ts): the API keeps a plan's tree and its appendix
 * and asks PostgreSQL only that, which is what lets a board's busy week serve
 * the same plan many times a second.
 *
 * Rows are only ever added (a read folds many rows into one carrying their
 * summed weight; a deleted plan's rows go with it), so the sum a later
 * statement sees for a plan is never smaller, and it is larger exactly when
 * another change to the plan has committed. Appending rather
 * than bumping one counter row means concurrent writers to one plan never wait
 * for each other here, and no new lock order can deadlock them.
 *
 * The triggers are per statement, with the changed rows as transition tables,
 * and note each plan once a transaction: an import of 5,000 activities adds
 * one row, not 5,000.
 */
export class PlanChanges1796155284741 implements MigrationInterface {
  name = 'PlanChanges1796155284741';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "plan_changes" (
      "id" bigserial NOT NULL,
      "plan_id" uuid,
      "weight" bigint NOT NULL DEFAULT 1,
      CONSTRAINT "plan_changes_weight_check" CHECK (weight > 0),
      CONSTRAINT "PK_plan_changes" PRIMARY KEY ("id"))`);
    await queryRunner.query(`COMMENT ON TABLE "plan_changes" IS 'Committed changes to each plan''s rows (plan_id NULL: the lead agencies every plan shows), counted by trigger; see migrations/1796155284741-PlanChanges.ts'`);
    await queryRunner.query(`CREATE INDEX "plan_changes_plan_idx" ON "plan_changes" ("plan_id") INCLUDE ("weight")`);
    // Plans written before the triggers: one change each, so every plan's count starts above nothing.
    await queryRunner.query(`INSERT INTO "plan_changes" ("plan_id") SELECT id FROM plans`);

    // One row for each plan a transaction changes, however many statements it runs (a plan written
    // activity by activity is one change): readers see a transaction whole or not at all. The plans
    // already noted are kept in a setting local to the transaction, which a rolled-back savepoint undoes.
    await queryRunner.query(`CREATE FUNCTION plan_changes_note(changed_plan uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        noted text := COALESCE(current_setting('ipm.plan_changes_noted', true), '');
        mark text := COALESCE(changed_plan::text, 'every plan');
      BEGIN
        IF strpos(noted, mark) > 0 THEN RETURN; END IF;
        -- Rows removed with their plan (its activities, by cascade) note nothing: the plan is gone.
        IF changed_plan IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plans WHERE id = changed_plan) THEN RETURN; END IF;
        INSERT INTO plan_changes (plan_id) VALUES (changed_plan);
        PERFORM set_config('ipm.plan_changes_noted', noted || mark || ';', true);
      END $$`);
    // A TRUNCATE has no rows to name: it counts as a change to every plan (a row with no plan).
    await queryRunner.query(`CREATE FUNCTION plan_changes_note_everything() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM plan_changes_note(NULL);
        RETURN NULL;
      END $$`);

    for (const { table, planOf } of PLAN_TABLES) {
      await queryRunner.query(`CREATE TRIGGER "plan_changes_truncate" AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION plan_changes_note_everything()`);
      await queryRunner.query(noteFunction(table, planOf));
      await queryRunner.query(`CREATE TRIGGER "plan_changes_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_changes_note_${table}()`);
      await queryRunner.query(
        `CREATE TRIGGER "plan_changes_update" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_changes_note_${table}()`,
      );
      await queryRunner.query(`CREATE TRIGGER "plan_changes_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_changes_note_${table}()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of PLAN_TABLES) {
      for (const event of ['insert', 'update', 'delete', 'truncate']) await queryRunner.query(`DROP TRIGGER "plan_changes_${event}" ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION plan_changes_note_${table}()`);
    }
    await queryRunner.query(`DROP FUNCTION plan_changes_note_everything()`);
    await queryRunner.query(`DROP FUNCTION plan_changes_note(uuid)`);
    await queryRunner.query(`DROP TABLE "plan_changes"`);
  }
}

/**
 * The trigger function for one table: notes a change to each plan the
 * statement's rows belong to (before and after, for an update), or to every
 * plan for a table every plan shows (planOf null). A statement that changed
 * no row (an insert that met a conflict and did nothing) notes nothing. A
 * deleted plan's own count goes with it.
 */
function noteFunction(table: string, planOf: string | null): string {
  const noteEach = (rows: string) =>
    planOf === null
      ? `IF EXISTS (${rows}) THEN
          PERFORM plan_changes_note(NULL);
        END IF;`
      : `FOR changed_plan IN SELECT DISTINCT of_plan.plan_id FROM (${rows}) of_plan WHERE of_plan.plan_id IS NOT NULL LOOP
          PERFORM plan_changes_note(changed_plan);
        END LOOP;`;
  const plansOf = (transition: string) => `SELECT ${planOf ?? 'NULL::uuid'} AS plan_id FROM ${transition} changed`;
  const onDelete = table === 'plans' ? `DELETE FROM plan_changes WHERE plan_id IN (SELECT id FROM old_rows);` : noteEach(plansOf('old_rows'));
  return `CREATE FUNCTION plan_changes_note_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed_plan uuid;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${noteEach(plansOf('new_rows'))}
      ELSIF TG_OP = 'UPDATE' THEN
        ${noteEach(`${plansOf('new_rows')} UNION ALL ${plansOf('old_rows')}`)}
      ELSE
        ${onDelete}
      END IF;
      RETURN NULL;
    END $$`;
}
