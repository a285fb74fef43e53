import { Client } from 'pg';

/**
 * Two database roles keep the audit trail out of the application's reach:
 * the owner, who runs migrations and owns every table, and the application
 * role, which owns nothing, is no superuser, and may only INSERT and SELECT
 * audit events (migrations/…-ApplicationRole.ts grants it). A superuser or
 * an owner could switch the append-only triggers off; the application role
 * cannot.
 */

/** The custom setting through which migrations learn the application role's name. */
export const APPLICATION_ROLE_SETTING = 'ipm.application_role';

/** The role the embedded database creates for the application. */
export const EMBEDDED_APPLICATION_ROLE = 'ipm_app';

/** The login role a connection URL signs in as (libpq's default, the OS user, when it names none). */
export function roleOf(url: string): string | undefined {
  const user = new URL(url).username;
  return user ? decodeURIComponent(user) : undefined;
}

/**
 * Role names this code will put into a connection's start-up options or a
 * CREATE ROLE: plain identifiers only, so nothing needs escaping.
 */
export function isPlainRoleName(name: string): boolean {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(name);
}

/** What the app's own connection may do, as PostgreSQL reports it. */
export interface RoleFacts {
  role: string;
  superuser: boolean;
  /** Whether the audit trail's table exists yet (not before the first migration). */
  auditTrailExists: boolean;
  ownsAuditTrail: boolean;
  /** Privileges on audit_events beyond INSERT and SELECT: UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES. */
  auditTrailPrivileges: string[];
  /** Tables, views and sequences in the public schema this role owns. */
  ownedRelations: number;
  mayCreateInSchema: boolean;
}

/**
 * Why the app's database role could rewrite the audit trail, in words for
 * the start-up warning; none when it is a proper application role.
 */
export function auditTrailExposure(facts: RoleFacts): string[] {
  const reasons: string[] = [];
  if (facts.superuser) reasons.push('it is a superuser, so it can switch the audit trail’s triggers off (session_replication_role) and delete events');
  if (facts.ownsAuditTrail) reasons.push('it owns audit_events, so it can disable or drop the triggers that keep the audit trail append-only');
  if (facts.auditTrailExists && !facts.superuser && facts.auditTrailPrivileges.length > 0) {
    reasons.push(`it holds ${facts.auditTrailPrivileges.join(', ')} on audit_events, where it needs only INSERT and SELECT`);
  }
  if (facts.ownedRelations > 0 && !facts.ownsAuditTrail) {
    reasons.push(`it owns ${facts.ownedRelations} tables or sequences (it ran the migrations)`);
  }
  if (facts.mayCreateInSchema && !facts.superuser) reasons.push('it may create objects in the public schema');
  return reasons;
}

export const ROLE_FACTS_SQL = `
  SELECT r.rolname AS role,
         r.rolsuper AS superuser,
         to_regclass('public.audit_events') IS NOT NULL AS audit_trail_exists,
         COALESCE((SELECT c.relowner = r.oid FROM pg_class c WHERE c.oid = to_regclass('public.audit_events')), false) AS owns_audit_trail,
         ARRAY(SELECT privilege FROM unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES']) AS privilege
                WHERE to_regclass('public.audit_events') IS NOT NULL
                  AND has_table_privilege(to_regclass('public.audit_events'), privilege)) AS audit_trail_privileges,
         (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owned_relations,
         has_schema_privilege('public', 'CREATE') AS may_create_in_schema
    FROM pg_roles r
   WHERE r.rolname = current_user`;

export async function readRoleFacts(query: (sql: string) => Promise<Array<Record<string, unknown>>>): Promise<RoleFacts> {
  const [row] = await query(ROLE_FACTS_SQL);
  return {
    role: String(row.role),
    superuser: row.superuser === true,
    auditTrailExists: row.audit_trail_exists === true,
    ownsAuditTrail: row.owns_audit_trail === true,
    auditTrailPrivileges: row.audit_trail_privileges as string[],
    ownedRelations: Number(row.owned_relations),
    mayCreateInSchema: row.may_create_in_schema === true,
  };
}

/**
 * Creates the application's login role on a server where we hold a
 * superuser's (or CREATEROLE) connection, as the embedded database and the
 * tests do; on a second start it only sets the password again, so the one
 * kept under DATA_DIR is always the one that works.
 */
export async function ensureApplicationRole(adminUrl: string, role: string, password: string): Promise<void> {
  if (!isPlainRoleName(role)) throw new Error(`Unsafe role name: ${role}`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const attributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
    // Two starts at once may both find the role missing: the loser's CREATE fails and it sets the password instead.
    const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    const literal = (await client.query('SELECT quote_literal($1::text) AS literal', [password])).rows[0].literal as string;
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE ROLE ${role} ${attributes} PASSWORD ${literal}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '42710') throw error; // duplicate_object
      }
    }
    await client.query(`ALTER ROLE ${role} ${attributes} PASSWORD ${literal}`);
  } finally {
    await client.end();
  }
}

/** The same server and database as `url`, signed in as another role. */
export function withCredentials(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
