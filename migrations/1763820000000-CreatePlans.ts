import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans, their tables (sections), recommendations, activities with outcome
 * measures and lead agencies, and council closure days. Enumerations are text
 * with CHECK constraints rather than PostgreSQL enums, so adding a plan kind or
 * a status later is a one-line migration.
 */
export class CreatePlans1763820000000 implements MigrationInterface {
  name = 'CreatePlans1763820000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "closure_days" ("date" date NOT NULL, "description" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4afe6fca89152b028dbf6b64e2a" PRIMARY KEY ("date"))`);
    await queryRunner.query(`CREATE TABLE "lead_agencies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "short_name" text, "aliases" text array NOT NULL DEFAULT '{}', "parent_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_71c6067950bd01fbce10a887aa9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "lead_agencies_name_key" ON "lead_agencies"  ("name") `);
    await queryRunner.query(`CREATE INDEX "lead_agencies_parent_idx" ON "lead_agencies"  ("parent_id") `);
    await queryRunner.query(`CREATE TABLE "activity_lead_agencies" ("activity_id" uuid NOT NULL, "lead_agency_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_1f8744349500640c3983996fa10" PRIMARY KEY ("activity_id", "lead_agency_id"))`);
    await queryRunner.query(`CREATE INDEX "activity_lead_agencies_agency_idx" ON "activity_lead_agencies"  ("lead_agency_id") `);
    await queryRunner.query(`CREATE TABLE "outcome_measures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "position" integer NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_fe0031f37f50292db0d7ac496a9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "outcome_measures_activity_position_idx" ON "outcome_measures"  ("activity_id", "position") `);
    await queryRunner.query(`CREATE TABLE "plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "kind" character varying(32) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "source_report_title" text, "inspection_start_date" date, "inspection_end_date" date, "published_on" date, "column_labels" jsonb NOT NULL, "band_offsets" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "plans_status_check" CHECK (status IN ('draft', 'approved', 'closed')), CONSTRAINT "plans_kind_check" CHECK (kind IN ('ofsted_inspection', 'focused_visit', 'monitoring_visit', 'serious_case_review', 'multi_agency_audit', 'business_plan', 'other')), CONSTRAINT "PK_3720521a81c7c24fe9b7202ba61" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "sections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "title" text NOT NULL, "position" integer NOT NULL, "source_reference" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f9749dd3bffd880a497d007e450" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sections_plan_position_idx" ON "sections"  ("plan_id", "position") `);
    await queryRunner.query(`CREATE TABLE "recommendations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "section_id" uuid NOT NULL, "number" integer NOT NULL, "text" text NOT NULL, "source_reference" text, "band" character varying(32) NOT NULL, "target_date" date, "due_date_override" date, "due_date" date, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "recommendations_section_number_key" UNIQUE ("section_id", "number"), CONSTRAINT "recommendations_target_date_check" CHECK (band <> 'by_date' OR target_date IS NOT NULL), CONSTRAINT "recommendations_band_check" CHECK (band IN ('immediately', 'within_three_months', 'within_six_months', 'by_date')), CONSTRAINT "PK_23a8d2db26db8cabb6ae9d6cd87" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "recommendations_due_date_idx" ON "recommendations"  ("due_date") `);
    await queryRunner.query(`CREATE TABLE "activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recommendation_id" uuid NOT NULL, "position" integer NOT NULL, "text" text NOT NULL, "cost_text" text NOT NULL DEFAULT '', "cost_kind" character varying(32) NOT NULL DEFAULT 'none', "cost_amount_pence" bigint, "cost_period" character varying(16), "cost_annual_pence" bigint, "lead_agency_text" text, "owner_name" text, "owner_email" text, "due_date_override" date, "due_date_precision" character varying(8) NOT NULL DEFAULT 'day', "due_date" date, "status" character varying(16) NOT NULL DEFAULT 'not_started', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "activities_due_date_precision_check" CHECK (due_date_precision IN ('day', 'month')), CONSTRAINT "activities_status_check" CHECK (status IN ('not_started', 'in_progress', 'complete', 'blocked', 'deferred', 'cancelled')), CONSTRAINT "PK_7f4004429f731ffb9c88eb486a8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "activities_open_due_date_idx" ON "activities"  ("due_date") WHERE status NOT IN ('complete', 'cancelled')`);
    await queryRunner.query(`CREATE INDEX "activities_recommendation_position_idx" ON "activities"  ("recommendation_id", "position") `);
    await queryRunner.query(`ALTER TABLE "lead_agencies" ADD CONSTRAINT "FK_4b31483e64eea68dde38bf32b43" FOREIGN KEY ("parent_id") REFERENCES "lead_agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "activity_lead_agencies" ADD CONSTRAINT "FK_59ca7b923f5a06e71daf367bd1a" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "activity_lead_agencies" ADD CONSTRAINT "FK_a146eb0c0702d8d699c99d3760c" FOREIGN KEY ("lead_agency_id") REFERENCES "lead_agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outcome_measures" ADD CONSTRAINT "FK_251a9fdaa2e16233eebb6cccdd8" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sections" ADD CONSTRAINT "FK_1e573d3b07f09df6d9cc3c2c6cf" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recommendations" ADD CONSTRAINT "FK_2dd98e6041dcd397fa0e9898920" FOREIGN KEY ("section_id") REFERENCES "sections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "activities" ADD CONSTRAINT "FK_534602af61fabf1e6ec0dde0483" FOREIGN KEY ("recommendation_id") REFERENCES "recommendations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "activities" CASCADE`);
    await queryRunner.query(`DROP TABLE "recommendations" CASCADE`);
    await queryRunner.query(`DROP TABLE "sections" CASCADE`);
    await queryRunner.query(`DROP TABLE "plans" CASCADE`);
    await queryRunner.query(`DROP TABLE "outcome_measures" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_lead_agencies" CASCADE`);
    await queryRunner.query(`DROP TABLE "lead_agencies" CASCADE`);
    await queryRunner.query(`DROP TABLE "closure_days" CASCADE`);
  }
}
