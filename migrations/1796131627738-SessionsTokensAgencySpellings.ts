import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Three hardening changes:
 *
 * - Every refresh token a session has swapped is kept (as a hash) in
 *   used_refresh_tokens, so reuse of any earlier one, not only the last, ends
 *   the session. The one previous token each session kept moves there.
 * - Personal API tokens get a scope (read_write, or read_only for GET/HEAD).
 * - One agency per spelling is enforced by the database: lead_agency_spellings
 *   holds every name and alias by its comparison key, unique, written by a
 *   trigger on lead_agencies so no writer can skip it. Agencies that already
 *   share a spelling (two people adding the same body at once could make
 *   them) are merged into the oldest first, on the record.
 *
 * lead_agency_name_key() is the SQL twin of agencyNameKey() in
 * src/plans/domain/agency-names.ts (test/lead-agency-spellings.e2e-spec.ts
 * checks they agree). JavaScript's toLowerCase() is Unicode's full case
 * mapping whatever the locale; lower() follows the database's collation, so
 * it is pinned to one that does the same: PostgreSQL 18's built-in
 * pg_unicode_fast, else ICU's root locale. Only a server with neither falls
 * back to the database default (same for English names; may differ on rare
 * letters such as the dotted capital I).
 */
export class SessionsTokensAgencySpellings1796131627738 implements MigrationInterface {
  name = 'SessionsTokensAgencySpellings1796131627738';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Refresh tokens: keep every used one.
    await queryRunner.query(`CREATE TABLE "used_refresh_tokens" ("token_hash" text NOT NULL, "session_id" uuid NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "used_refresh_tokens_pkey" PRIMARY KEY ("token_hash"))`);
    await queryRunner.query(`CREATE INDEX "used_refresh_tokens_session_idx" ON "used_refresh_tokens"  ("session_id") `);
    await queryRunner.query(`ALTER TABLE "used_refresh_tokens" ADD CONSTRAINT "FK_c38a6a21ce9c0f354e8bb69fb7d" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(
      `INSERT INTO "used_refresh_tokens" ("token_hash", "session_id")
       SELECT "previous_refresh_token_hash", "id" FROM "sessions" WHERE "previous_refresh_token_hash" IS NOT NULL
       ON CONFLICT DO NOTHING`,
    );
    await queryRunner.query(`DROP INDEX "public"."sessions_previous_refresh_token_hash_idx"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "previous_refresh_token_hash"`);

    // API tokens: a scope.
    await queryRunner.query(`ALTER TABLE "api_tokens" ADD "scope" character varying(16) NOT NULL DEFAULT 'read_write'`);
    await queryRunner.query(`ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_scope_check" CHECK (scope IN ('read_write', 'read_only'))`);

    // Lead agencies: one agency per spelling.
    await queryRunner.query(nameKeyFunction(await caseMappingCollation(queryRunner)));
    await queryRunner.query(`CREATE TABLE "lead_agency_spellings" ("key" text NOT NULL, "lead_agency_id" uuid NOT NULL, CONSTRAINT "lead_agency_spellings_pkey" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE INDEX "lead_agency_spellings_agency_idx" ON "lead_agency_spellings"  ("lead_agency_id") `);
    await queryRunner.query(`ALTER TABLE "lead_agency_spellings" ADD CONSTRAINT "FK_33a5482009e89f81bbfe4627755" FOREIGN KEY ("lead_agency_id") REFERENCES "lead_agencies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await mergeAgenciesSharingASpelling(queryRunner);
    await queryRunner.query(
      `INSERT INTO "lead_agency_spellings" ("key", "lead_agency_id")
       SELECT DISTINCT lead_agency_name_key(spelling), agency.id
         FROM "lead_agencies" agency, unnest(agency.name || agency.aliases) AS spelling
        WHERE lead_agency_name_key(spelling) <> ''`,
    );
    await queryRunner.query(`
      CREATE FUNCTION lead_agency_spellings_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM lead_agency_spellings WHERE lead_agency_id = NEW.id;
        INSERT INTO lead_agency_spellings (key, lead_agency_id)
          SELECT DISTINCT lead_agency_name_key(spelling), NEW.id
            FROM unnest(NEW.name || NEW.aliases) AS spelling
           WHERE lead_agency_name_key(spelling) <> '';
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER lead_agency_spellings_sync AFTER INSERT OR UPDATE OF name, aliases ON "lead_agencies" FOR EACH ROW EXECUTE FUNCTION lead_agency_spellings_sync()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER lead_agency_spellings_sync ON "lead_agencies"`);
    await queryRunner.query(`DROP FUNCTION lead_agency_spellings_sync()`);
    await queryRunner.query(`DROP TABLE "lead_agency_spellings" CASCADE`);
    await queryRunner.query(`DROP FUNCTION lead_agency_name_key(text)`);
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_scope_check"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP COLUMN "scope"`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "previous_refresh_token_hash" text`);
    await queryRunner.query(`CREATE INDEX "sessions_previous_refresh_token_hash_idx" ON "sessions"  ("previous_refresh_token_hash") `);
    await queryRunner.query(
      `UPDATE "sessions" SET "previous_refresh_token_hash" =
         (SELECT "token_hash" FROM "used_refresh_tokens" used WHERE used."session_id" = "sessions"."id" ORDER BY used."used_at" DESC LIMIT 1)`,
    );
    await queryRunner.query(`DROP TABLE "used_refresh_tokens" CASCADE`);
  }
}

async function caseMappingCollation(queryRunner: QueryRunner): Promise<string | null> {
  const rows: Array<{ collname: string }> = await queryRunner.query(
    `SELECT collname FROM pg_collation WHERE collname IN ('pg_unicode_fast', 'und-x-icu') ORDER BY collname = 'pg_unicode_fast' DESC LIMIT 1`,
  );
  return rows[0]?.collname ?? null;
}

/** JavaScript's \s (ECMAScript WhiteSpace and LineTerminator), spelled out so both languages use the same set. */
const SPACE = String.raw`\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff`;

function nameKeyFunction(collation: string | null): string {
  const lowered = collation ? `lower(normalize(spelling, NFKC) COLLATE "${collation}")` : 'lower(normalize(spelling, NFKC))';
  // Step for step as agencyNameKey(): NFKC, lower case, every dash to "-", one
  // space either side of a dash, curly quotes and backticks to "'", runs of
  // space to one, trimmed.
  return String.raw`
    CREATE FUNCTION lead_agency_name_key(spelling text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT btrim(
        regexp_replace(
          regexp_replace(
            regexp_replace(
              regexp_replace(${lowered}, '[\u2010-\u2015\u2212-]', '-', 'g'),
              '[${SPACE}]*-[${SPACE}]*', ' - ', 'g'),
            '[’‘${'`'}]', '''', 'g'),
          '[${SPACE}]+', ' ', 'g'),
        ' ')
    $$`;
}

interface AgencyRow {
  id: string;
  name: string;
  short_name: string | null;
  aliases: string[];
  parent_id: string | null;
}

/**
 * Oldest first, each agency keeps its spellings. A later agency whose name is
 * already a kept agency's spelling is the same body: it is merged into that
 * one (its activities, members and divisions move across, its name and
 * aliases become aliases) and deleted. A later agency that only shares an
 * alias keeps its name and loses that alias. Every change is on the record.
 */
async function mergeAgenciesSharingASpelling(queryRunner: QueryRunner): Promise<void> {
  const agencies: AgencyRow[] = await queryRunner.query(
    `SELECT id, name, short_name, aliases, parent_id FROM lead_agencies ORDER BY created_at, id`,
  );
  const owner = new Map<string, AgencyRow>();
  const keyOf = async (spelling: string): Promise<string> => (await queryRunner.query(`SELECT lead_agency_name_key($1) AS key`, [spelling]))[0].key;
  const view = (row: AgencyRow, aliases: string[]) => ({ id: row.id, name: row.name, shortName: row.short_name, aliases, parentId: row.parent_id });
  const record = (action: 'update' | 'delete', id: string, before: object, after: object) =>
    queryRunner.query(`INSERT INTO audit_events (actor_label, action, entity_type, entity_id, before, after) VALUES ($1, $2, 'lead_agency', $3, $4, $5)`, [
      'system (migration: one lead agency per spelling)',
      action,
      id,
      JSON.stringify(before),
      JSON.stringify(after),
    ]);

  for (const agency of agencies) {
    const keeper = owner.get(await keyOf(agency.name));
    if (!keeper) {
      const kept: string[] = [];
      for (const spelling of [agency.name, ...agency.aliases]) {
        const key = await keyOf(spelling);
        const taken = owner.get(key);
        if (taken && taken !== agency) continue;
        if (spelling !== agency.name) kept.push(spelling);
        if (key) owner.set(key, agency);
      }
      if (kept.length !== agency.aliases.length) {
        await queryRunner.query(`UPDATE lead_agencies SET aliases = $2, version = version + 1, updated_at = now() WHERE id = $1`, [agency.id, kept]);
        await record('update', agency.id, { aliases: agency.aliases }, { aliases: kept });
        agency.aliases = kept;
      }
      continue;
    }
    const beforeAliases = [...keeper.aliases];
    for (const spelling of [agency.name, ...agency.aliases]) {
      const key = await keyOf(spelling);
      const taken = owner.get(key);
      if (!key || (taken && taken !== keeper)) continue;
      if (spelling !== keeper.name && !keeper.aliases.includes(spelling)) keeper.aliases.push(spelling);
      owner.set(key, keeper);
    }
    const moved = await moveReferences(queryRunner, agency.id, keeper.id, agency.parent_id);
    await queryRunner.query(
      `UPDATE lead_agencies SET aliases = $2, short_name = COALESCE(short_name, $3), version = version + 1, updated_at = now() WHERE id = $1`,
      [keeper.id, keeper.aliases, agency.short_name],
    );
    await queryRunner.query(`DELETE FROM lead_agencies WHERE id = $1`, [agency.id]);
    await record('delete', agency.id, view(agency, agency.aliases), { mergedInto: { id: keeper.id, name: keeper.name }, ...moved });
    await record('update', keeper.id, { aliases: beforeAliases, shortName: keeper.short_name }, { aliases: keeper.aliases, shortName: keeper.short_name ?? agency.short_name, merged: { id: agency.id, name: agency.name } });
    keeper.short_name = keeper.short_name ?? agency.short_name;
  }
}

async function moveReferences(
  queryRunner: QueryRunner,
  from: string,
  to: string,
  fromParentId: string | null,
): Promise<{ activityLinksMoved: number; membershipsMoved: number; divisionsMoved: number }> {
  const count = (result: unknown): number => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);
  // An activity led by both keeps one link, in the kept agency's place.
  const activityLinksMoved = count(
    await queryRunner.query(
      `UPDATE activity_lead_agencies SET lead_agency_id = $2
        WHERE lead_agency_id = $1 AND activity_id NOT IN (SELECT activity_id FROM activity_lead_agencies WHERE lead_agency_id = $2)`,
      [from, to],
    ),
  );
  await queryRunner.query(`DELETE FROM activity_lead_agencies WHERE lead_agency_id = $1`, [from]);
  await queryRunner.query(
    `UPDATE user_lead_agencies kept SET is_contact = true FROM user_lead_agencies merged
      WHERE kept.lead_agency_id = $2 AND merged.lead_agency_id = $1 AND merged.user_id = kept.user_id AND merged.is_contact`,
    [from, to],
  );
  const membershipsMoved = count(
    await queryRunner.query(
      `UPDATE user_lead_agencies SET lead_agency_id = $2
        WHERE lead_agency_id = $1 AND user_id NOT IN (SELECT user_id FROM user_lead_agencies WHERE lead_agency_id = $2)`,
      [from, to],
    ),
  );
  await queryRunner.query(`DELETE FROM user_lead_agencies WHERE lead_agency_id = $1`, [from]);
  // The kept agency may itself be a division of the merged one: it takes the merged one's place.
  await queryRunner.query(`UPDATE lead_agencies SET parent_id = $2 WHERE id = $1 AND parent_id = $3`, [to, fromParentId, from]);
  // Divisions move beneath the kept agency, unless it sits beneath them (that would be a loop): those go up a level.
  const divisionsMoved = count(
    await queryRunner.query(
      `UPDATE lead_agencies division SET parent_id = CASE WHEN EXISTS (
           WITH RECURSIVE ancestors(id, parent_id) AS (
             SELECT id, parent_id FROM lead_agencies WHERE id = $2
             UNION SELECT a.id, a.parent_id FROM lead_agencies a JOIN ancestors ON a.id = ancestors.parent_id
           ) SELECT 1 FROM ancestors WHERE ancestors.id = division.id) THEN $3::uuid ELSE $2::uuid END
        WHERE parent_id = $1`,
      [from, to, fromParentId],
    ),
  );
  return { activityLinksMoved, membershipsMoved, divisionsMoved };
}
