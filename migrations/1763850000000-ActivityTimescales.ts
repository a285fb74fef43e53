import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcome-first plans write "By when" as a month, several years ("September
 * 2015 / 16 / 17") or a cadence ("Quarterly"): the text is kept verbatim for
 * the paper, with the cadence, and each checkpoint becomes a milestone.
 */
export class ActivityTimescales1763850000000 implements MigrationInterface {
  name = 'ActivityTimescales1763850000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "activity_milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "position" integer NOT NULL, "due_date" date NOT NULL, "due_date_precision" character varying(8) NOT NULL DEFAULT 'month', "label" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "activity_milestones_activity_date_key" UNIQUE ("activity_id", "due_date"), CONSTRAINT "activity_milestones_precision_check" CHECK (due_date_precision IN ('day', 'month')), CONSTRAINT "PK_53793b8d57aecbb3e68a37e62c3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "activity_milestones_due_date_idx" ON "activity_milestones"  ("due_date") `);
    await queryRunner.query(`CREATE TABLE "activity_timescales" ("activity_id" uuid NOT NULL, "text" text NOT NULL, "cadence" character varying(16), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "activity_timescales_cadence_check" CHECK (cadence IS NULL OR cadence IN ('weekly', 'fortnightly', 'monthly', 'bi_monthly', 'quarterly', 'termly', 'six_monthly', 'annually')), CONSTRAINT "PK_f75386be267693b54defb5b8bc3" PRIMARY KEY ("activity_id"))`);
    await queryRunner.query(`ALTER TABLE "activity_milestones" ADD CONSTRAINT "FK_646345a7e71dde73c5fa298ae55" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "activity_timescales" ADD CONSTRAINT "FK_f75386be267693b54defb5b8bc3" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "activity_timescales" CASCADE`);
    await queryRunner.query(`DROP TABLE "activity_milestones" CASCADE`);
  }
}
