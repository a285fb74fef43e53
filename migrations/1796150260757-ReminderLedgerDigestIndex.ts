import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reminder ledger by digest: a batch of digests reads back the reminders
 * already claimed for them (a retry resends exactly those), and deleting a
 * digest sets its reminders' digest_id to NULL; both scanned the whole ledger,
 * which grows by every reminder every day.
 */
export class ReminderLedgerDigestIndex1796150260757 implements MigrationInterface {
  name = 'ReminderLedgerDigestIndex1796150260757';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "reminder_ledger_digest_idx" ON "reminder_ledger" ("digest_id") WHERE digest_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "reminder_ledger_digest_idx"`);
  }
}
