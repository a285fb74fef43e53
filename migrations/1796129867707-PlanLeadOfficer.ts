import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A plan's lead officer: the person reminded about work nobody else hears of
 * (no owner, and no contact at its lead agencies or their parents). Existing
 * plans take the person who created them, as new plans do.
 */
export class PlanLeadOfficer1796129867707 implements MigrationInterface {
  name = 'PlanLeadOfficer1796129867707';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plans" ADD "lead_officer_id" uuid`);
    await queryRunner.query(
      `UPDATE plans p SET lead_officer_id = creator.actor_id
         FROM (SELECT DISTINCT ON (e.entity_id) e.entity_id, e.actor_id FROM audit_events e
                WHERE e.entity_type = 'plan' AND e.action = 'create' ORDER BY e.entity_id, e.id) creator
        WHERE creator.entity_id = p.id::text AND EXISTS (SELECT 1 FROM users u WHERE u.id = creator.actor_id)`,
    );
    await queryRunner.query(
      `ALTER TABLE "plans" ADD CONSTRAINT "FK_d32f33a82655571ea8ddc4667fa" FOREIGN KEY ("lead_officer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plans" DROP CONSTRAINT "FK_d32f33a82655571ea8ddc4667fa"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "lead_officer_id"`);
  }
}
