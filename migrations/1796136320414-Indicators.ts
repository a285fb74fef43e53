import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Performance indicators (issue 13): indicators of a plan with their lead
 * agencies, the priorities (sections) they evidence and the outcome measures
 * they quantify; each plan's defaults (tolerance, when a return is due); and
 * the record a board report is read from "as of" a time: monthly values,
 * targets, comparators, each priority's narratives and the chair's rating per
 * month, all kept as versions (recorded_at, superseded_at). A trigger makes
 * those five tables append-only: the only update allowed marks the version in
 * force as superseded, once; deletes come only from a cascade (the indicator,
 * section or plan going), as for activity_standing_history.
 *
 * The reminder ledger and notifications also carry the monthly chaser: a row
 * is about an activity or about an indicator's missing return, never both.
 */
export class Indicators1796136320414 implements MigrationInterface {
  name = 'Indicators1796136320414';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "indicators" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "title_key" text NOT NULL, "definition" text, "unit" character varying(16) NOT NULL, "polarity" character varying(24), "frequency" character varying(16) NOT NULL DEFAULT 'monthly', "cumulation" character varying(24) NOT NULL DEFAULT 'month', "owner_id" uuid, "tolerance" jsonb, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "indicators_cumulation_check" CHECK (cumulation IN ('month', 'year_to_date', 'rolling_12_months')), CONSTRAINT "indicators_frequency_check" CHECK (frequency IN ('monthly', 'quarterly', 'annual')), CONSTRAINT "indicators_polarity_check" CHECK (polarity IS NULL OR polarity IN ('higher_is_better', 'lower_is_better', 'context_only')), CONSTRAINT "indicators_unit_check" CHECK (unit IN ('percentage', 'number', 'rate_per_10000', 'days', 'ratio')), CONSTRAINT "PK_6e24383c110600564187e92042e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "indicators_owner_idx" ON "indicators"  ("owner_id") `);
    await queryRunner.query(`CREATE INDEX "indicators_plan_position_idx" ON "indicators"  ("plan_id", "position") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "indicators_plan_title_key" ON "indicators"  ("plan_id", "title_key") `);
    await queryRunner.query(`CREATE TABLE "indicator_lead_agencies" ("indicator_id" uuid NOT NULL, "lead_agency_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_765f33c6b4c6c2ecaf5d3910869" PRIMARY KEY ("indicator_id", "lead_agency_id"))`);
    await queryRunner.query(`CREATE INDEX "indicator_lead_agencies_agency_idx" ON "indicator_lead_agencies"  ("lead_agency_id") `);
    await queryRunner.query(`CREATE TABLE "indicator_sections" ("indicator_id" uuid NOT NULL, "section_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_c2041ac13c29e956bb1aefbabf3" PRIMARY KEY ("indicator_id", "section_id"))`);
    await queryRunner.query(`CREATE INDEX "indicator_sections_section_idx" ON "indicator_sections"  ("section_id", "position") `);
    await queryRunner.query(`CREATE TABLE "indicator_outcome_measures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "indicator_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "measure" text NOT NULL, CONSTRAINT "PK_d7dfd2984973ae6bd2f5923e9db" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "indicator_outcome_measures_activity_idx" ON "indicator_outcome_measures"  ("activity_id") `);
    await queryRunner.query(`CREATE TABLE "plan_indicator_settings" ("plan_id" uuid NOT NULL, "tolerance" jsonb, "return_working_days" integer NOT NULL DEFAULT '10', "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "plan_indicator_settings_days_check" CHECK (return_working_days BETWEEN 0 AND 60), CONSTRAINT "PK_273782bb4c5047029487dd8699c" PRIMARY KEY ("plan_id"))`);
    await queryRunner.query(`CREATE TABLE "indicator_values" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "indicator_id" uuid NOT NULL, "period" character varying(7) NOT NULL, "version" integer NOT NULL, "value" numeric, "not_available" boolean NOT NULL DEFAULT false, "numerator" numeric, "denominator" numeric, "status" character varying(16), "note" text, "entered_by_id" uuid, "import_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "indicator_values_not_available_check" CHECK (NOT (not_available AND value IS NOT NULL)), CONSTRAINT "indicator_values_status_check" CHECK (status IS NULL OR status IN ('provisional', 'final')), CONSTRAINT "PK_611038cccc7a74de92fed3da44d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "indicator_values_current_key" ON "indicator_values"  ("indicator_id", "period") WHERE superseded_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "indicator_values_version_key" ON "indicator_values"  ("indicator_id", "period", "version") `);
    await queryRunner.query(`CREATE TABLE "indicator_targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "indicator_id" uuid NOT NULL, "financial_year" integer, "period" character varying(7), "version" integer NOT NULL, "kind" character varying(8) NOT NULL, "comparison" character varying(2), "value" numeric, "text" text NOT NULL, "removed" boolean NOT NULL DEFAULT false, "recorded_by_id" uuid, "import_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "indicator_targets_comparison_check" CHECK (comparison IS NULL OR comparison IN ('<', '<=', '>', '>=')), CONSTRAINT "indicator_targets_kind_check" CHECK (kind IN ('value', 'bound', 'tbc')), CONSTRAINT "indicator_targets_scope_check" CHECK ((financial_year IS NULL) <> (period IS NULL)), CONSTRAINT "PK_9a02cd645eea6c99219c6896f5c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "indicator_targets_current_month_key" ON "indicator_targets"  ("indicator_id", "period") WHERE superseded_at IS NULL AND period IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "indicator_targets_current_year_key" ON "indicator_targets"  ("indicator_id", "financial_year") WHERE superseded_at IS NULL AND financial_year IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "indicator_targets_indicator_idx" ON "indicator_targets"  ("indicator_id", "recorded_at") `);
    await queryRunner.query(`CREATE TABLE "indicator_comparators" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "indicator_id" uuid NOT NULL, "name" text NOT NULL, "name_key" text NOT NULL, "version" integer NOT NULL, "kind" character varying(24) NOT NULL, "financial_year" integer, "source" text, "value" numeric, "position" integer NOT NULL, "removed" boolean NOT NULL DEFAULT false, "recorded_by_id" uuid, "import_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "indicator_comparators_kind_check" CHECK (kind IN ('own_previous_year', 'statistical_neighbours', 'region', 'england', 'other')), CONSTRAINT "PK_8d84e3eaf0eb4df4476941294e9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "indicator_comparators_current_key" ON "indicator_comparators"  ("indicator_id", "name_key") WHERE superseded_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "indicator_comparators_indicator_idx" ON "indicator_comparators"  ("indicator_id", "recorded_at") `);
    await queryRunner.query(`CREATE TABLE "priority_narratives" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "section_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "period" character varying(7) NOT NULL, "version" integer NOT NULL, "data_tells_us" text, "next_steps" text, "written_by_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6b035ba810d303ead45bbd53ba5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "priority_narratives_current_key" ON "priority_narratives"  ("section_id", "period") WHERE superseded_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "priority_narratives_version_key" ON "priority_narratives"  ("section_id", "period", "version") `);
    await queryRunner.query(`CREATE TABLE "priority_ratings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "section_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "period" character varying(7) NOT NULL, "version" integer NOT NULL, "rating" character varying(8), "risk_label" character varying(8), "reason" text, "set_by_id" uuid, "import_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "priority_ratings_risk_check" CHECK (risk_label IS NULL OR risk_label IN ('low', 'medium', 'high')), CONSTRAINT "priority_ratings_rating_check" CHECK (rating IS NULL OR rating IN ('red', 'amber', 'green', 'blue')), CONSTRAINT "PK_8f948efb71eb524edbbc7083eb1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "priority_ratings_current_key" ON "priority_ratings"  ("section_id", "period") WHERE superseded_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "priority_ratings_version_key" ON "priority_ratings"  ("section_id", "period", "version") `);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ADD "indicator_id" uuid`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ADD "period" character varying(7)`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "indicator_id" uuid`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ALTER COLUMN "activity_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notifications" ALTER COLUMN "activity_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "reminder_ledger_indicator_key" ON "reminder_ledger"  ("recipient_id", "indicator_id", "kind", "reminder_date") WHERE indicator_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ADD CONSTRAINT "reminder_ledger_subject_check" CHECK ((activity_id IS NULL) <> (indicator_id IS NULL))`);
    await queryRunner.query(`ALTER TABLE "indicators" ADD CONSTRAINT "FK_c3bed82f2f20bbcf6a3032f068f" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicators" ADD CONSTRAINT "FK_032b24e9dec8684c7859d267413" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_lead_agencies" ADD CONSTRAINT "FK_1a0fa241f20fda4ad5897ebc9e5" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_lead_agencies" ADD CONSTRAINT "FK_33f210409853be788494ed68ca0" FOREIGN KEY ("lead_agency_id") REFERENCES "lead_agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_sections" ADD CONSTRAINT "FK_ef6031898bb59933ef9f4255ca4" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_sections" ADD CONSTRAINT "FK_c0abf5bdd8cadd3e321aaded179" FOREIGN KEY ("section_id") REFERENCES "sections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_outcome_measures" ADD CONSTRAINT "FK_fe11fd63a3a4335d42dbf961acb" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_outcome_measures" ADD CONSTRAINT "FK_343711426d4593429943f11b0b3" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_indicator_settings" ADD CONSTRAINT "FK_273782bb4c5047029487dd8699c" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ADD CONSTRAINT "FK_bb7b7a9b5183d4616ef656aac02" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_values" ADD CONSTRAINT "FK_4afd5f29369ef48152bb4a9be59" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_values" ADD CONSTRAINT "FK_e0caeb2d7263902667e63be123d" FOREIGN KEY ("entered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_targets" ADD CONSTRAINT "FK_aae9c55c696fd41d52dd90b0295" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_targets" ADD CONSTRAINT "FK_aaa25cf62f24acbbee5b4a65c53" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_comparators" ADD CONSTRAINT "FK_353a12fffcc6a2d63434e791c3e" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "indicator_comparators" ADD CONSTRAINT "FK_5580b04274bae3c094238701f1f" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "priority_narratives" ADD CONSTRAINT "FK_169d220abdbb73cc7c512ed7624" FOREIGN KEY ("section_id") REFERENCES "sections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "priority_narratives" ADD CONSTRAINT "FK_8e3d1f8ecf2a49169573cde029c" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "priority_narratives" ADD CONSTRAINT "FK_155a768317daf7bda0ad96844e3" FOREIGN KEY ("written_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "priority_ratings" ADD CONSTRAINT "FK_9f54ef0b5fb91fb96364bc4402b" FOREIGN KEY ("section_id") REFERENCES "sections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "priority_ratings" ADD CONSTRAINT "FK_ba7e959818a46d2f74079ad988d" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "priority_ratings" ADD CONSTRAINT "FK_01825b0104671b50d9cad7ef049" FOREIGN KEY ("set_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`
      CREATE FUNCTION refuse_record_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.superseded_at IS NULL AND NEW.superseded_at IS NOT NULL
           AND (to_jsonb(NEW) - 'superseded_at') = (to_jsonb(OLD) - 'superseded_at') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only: a change is a new version, the one in force is only marked superseded', TG_TABLE_NAME;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER indicator_values_append_only BEFORE UPDATE OR DELETE ON indicator_values FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION refuse_record_rewrite()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER indicator_targets_append_only BEFORE UPDATE OR DELETE ON indicator_targets FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION refuse_record_rewrite()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER indicator_comparators_append_only BEFORE UPDATE OR DELETE ON indicator_comparators FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION refuse_record_rewrite()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER priority_narratives_append_only BEFORE UPDATE OR DELETE ON priority_narratives FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION refuse_record_rewrite()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER priority_ratings_append_only BEFORE UPDATE OR DELETE ON priority_ratings FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION refuse_record_rewrite()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER indicator_values_append_only ON indicator_values`);
    await queryRunner.query(`DROP TRIGGER indicator_targets_append_only ON indicator_targets`);
    await queryRunner.query(`DROP TRIGGER indicator_comparators_append_only ON indicator_comparators`);
    await queryRunner.query(`DROP TRIGGER priority_narratives_append_only ON priority_narratives`);
    await queryRunner.query(`DROP TRIGGER priority_ratings_append_only ON priority_ratings`);
    await queryRunner.query(`DROP FUNCTION refuse_record_rewrite()`);
    await queryRunner.query(`DELETE FROM notifications WHERE activity_id IS NULL`);
    await queryRunner.query(`DELETE FROM reminder_ledger WHERE activity_id IS NULL`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" DROP CONSTRAINT "FK_bb7b7a9b5183d4616ef656aac02"`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" DROP CONSTRAINT "reminder_ledger_subject_check"`);
    await queryRunner.query(`DROP INDEX "reminder_ledger_indicator_key"`);
    await queryRunner.query(`ALTER TABLE "notifications" ALTER COLUMN "activity_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" ALTER COLUMN "activity_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "indicator_id"`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" DROP COLUMN "period"`);
    await queryRunner.query(`ALTER TABLE "reminder_ledger" DROP COLUMN "indicator_id"`);
    await queryRunner.query(`DROP TABLE "priority_ratings"`);
    await queryRunner.query(`DROP TABLE "priority_narratives"`);
    await queryRunner.query(`DROP TABLE "indicator_comparators"`);
    await queryRunner.query(`DROP TABLE "indicator_targets"`);
    await queryRunner.query(`DROP TABLE "indicator_values"`);
    await queryRunner.query(`DROP TABLE "plan_indicator_settings"`);
    await queryRunner.query(`DROP TABLE "indicator_outcome_measures"`);
    await queryRunner.query(`DROP TABLE "indicator_sections"`);
    await queryRunner.query(`DROP TABLE "indicator_lead_agencies"`);
    await queryRunner.query(`DROP TABLE "indicators"`);
  }
}
