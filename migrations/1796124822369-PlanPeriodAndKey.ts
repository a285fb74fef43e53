import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A business plan runs over a period ("Business Plan 2015-18") and prints its
 * own key to abbreviations ("Board: The full board / LSCB"). Both are kept on
 * the plan: the period for recurring milestones and later re-imports, the key
 * for the paper, which explains the abbreviations in the plan's own words.
 */
export class PlanPeriodAndKey1796124822369 implements MigrationInterface {
  name = 'PlanPeriodAndKey1796124822369';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plans" ADD "starts_on" date`);
    await queryRunner.query(`ALTER TABLE "plans" ADD "ends_on" date`);
    await queryRunner.query(`ALTER TABLE "plans" ADD "abbreviations" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "plans" ADD CONSTRAINT "plans_period_check" CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plans" DROP CONSTRAINT "plans_period_check"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "abbreviations"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "ends_on"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "starts_on"`);
  }
}
