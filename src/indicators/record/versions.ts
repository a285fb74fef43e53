import { EntityManager } from 'typeorm';
import type { Clock } from '../../common/clock';

/**
 * How the record's versioned tables (indicator values, targets, comparators,
 * priority narratives and ratings) are written and read "as of" a time.
 *
 * A change supersedes the version in force and adds the next, both stamped
 * with one time taken after the writer holds its lock: the database's clock
 * at that moment (not the transaction's start, which a writer that waited for
 * the lock would carry from before the version it supersedes), or the test
 * clock. Kept as PostgreSQL's own text so no precision is lost on the way.
 */
export type RecordTime = string;

export async function recordTime(manager: EntityManager, clock: Clock): Promise<RecordTime> {
  const fixed = clock.stamp();
  if (fixed) return fixed.toISOString();
  const [row] = (await manager.query('SELECT clock_timestamp()::text AS at')) as Array<{ at: string }>;
  return row.at;
}

/** Marks one version superseded at `at`: the only change the versioned tables accept. */
export async function supersede(manager: EntityManager, table: VersionedTable, id: string, at: RecordTime): Promise<void> {
  await manager.query(`UPDATE ${table} SET superseded_at = $2::timestamptz WHERE id = $1 AND superseded_at IS NULL`, [id, at]);
}

export type VersionedTable = 'indicator_values' | 'indicator_targets' | 'indicator_comparators' | 'priority_narratives' | 'priority_ratings';

/**
 * Which versions a read takes: those in force now, or those in force at an
 * instant (the record as it stood then; a version recorded at or after the
 * instant is not yet known, one superseded after it was still in force).
 */
export type AsRecorded = { kind: 'current' } | { kind: 'at'; at: Date };

export const CURRENT: AsRecorded = { kind: 'current' };

/** The SQL condition for `alias`'s versions in force, with its parameter (positional, numbered from `index`). */
export function inForce(alias: string, asRecorded: AsRecorded, index: number): { sql: string; params: unknown[] } {
  if (asRecorded.kind === 'current') return { sql: `${alias}.superseded_at IS NULL`, params: [] };
  return { sql: `${alias}.recorded_at < $${index}::timestamptz AND (${alias}.superseded_at IS NULL OR ${alias}.superseded_at >= $${index}::timestamptz)`, params: [asRecorded.at] };
}
