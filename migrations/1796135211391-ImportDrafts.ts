import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an administrator uploaded or pasted for an import, kept between the
 * web pages' preview and confirmation for the session that sent it (the
 * browser never sends the content back). Goes with its session or person.
 */
export class ImportDrafts1796135211391 implements MigrationInterface {
  name = 'ImportDrafts1796135211391';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "import_drafts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "session_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "content" bytea NOT NULL, "is_file" boolean NOT NULL, "file_name" text, "content_type" text, "sha256" text NOT NULL, "options" jsonb NOT NULL, "state" text NOT NULL DEFAULT 'previewed', "plan_id" uuid, "result" jsonb, CONSTRAINT "PK_d6c32d3efc27bef5fb43cb9add6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "import_drafts_session_idx" ON "import_drafts" ("session_id")`);
    await queryRunner.query(
      `ALTER TABLE "import_drafts" ADD CONSTRAINT "FK_84fe884fda4ab59c9795f8d854a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "import_drafts" ADD CONSTRAINT "FK_c86c86d4f1e65c7f9569f940cf5" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "import_drafts"`);
  }
}
