import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager } from 'typeorm';
import { isUUID } from 'class-validator';
import { AuthenticationRider, takeRiddenRow } from '../accounts/authentication-rider';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { preparedStatement, runPrepared } from '../database/prepared-statement';

/** Rows of one plan's change count (or of the shared one) a read leaves before it folds them into one row. */
export const PLAN_CHANGE_ROWS_KEPT = 100;

/** The mark's row for the plan named by `plan` (a placeholder): one row, whether or not there is such a plan. */
const markSql = (plan: string) =>
  `SELECT EXISTS (SELECT 1 FROM plans WHERE id = ${plan}) AS plan_exists,
          COALESCE(sum(weight) FILTER (WHERE plan_id = ${plan}), 0)::text AS plan_changes,
          count(*) FILTER (WHERE plan_id = ${plan})::int AS plan_rows,
          COALESCE(sum(weight) FILTER (WHERE plan_id IS NULL), 0)::text AS shared_changes,
          count(*) FILTER (WHERE plan_id IS NULL)::int AS shared_rows
     FROM plan_changes WHERE plan_id = ${plan} OR plan_id IS NULL`;

interface MarkRow {
  plan_exists: boolean;
  plan_changes: string;
  plan_rows: number;
  shared_changes: string;
  shared_rows: number;
}

// When the mark did not ride with the request's authentication (a personal API token, a second read in a request): prepared too.
const PLAN_CHANGE_MARK = preparedStatement('plan_change_mark', markSql('$1'));

/**
 * The plan's change mark read in the statement that authenticates the
 * request (for `GET /api/plans/:id` and its appendix), so a kept read is one
 * statement. A mark says nothing about what the plan holds, and the caller
 * checks the person's reach before giving anything.
 */
export const PLAN_CHANGE_MARK_RIDER: AuthenticationRider = {
  name: 'plan_change_mark',
  sql: markSql,
  parameter: (request) => {
    const id = request.params?.id;
    // PDF and Word are made every time, without the mark.
    const format = request.query?.format;
    if (format !== undefined && format !== 'html') return null;
    return typeof id === 'string' && isUUID(id) ? id : null;
  },
};

/**
 * Where a plan stands in its history: the number of committed changes to its
 * rows and to the lead agencies every plan shows, as PostgreSQL's triggers
 * count them (migrations/1796155284741-PlanChanges.ts). Equal marks mean
 * nothing the plan's tree or papers show has changed between two reads; any
 * committed change, by this process, another API process, a worker or SQL by
 * hand, makes the mark larger. Null: there is no such plan.
 *
 * Within a request whose authentication carried the mark (see
 * PLAN_CHANGE_MARK_RIDER), that mark is taken, once, instead of asking again.
 */
export async function planChangeMark(manager: EntityManager, planId: string): Promise<string | null> {
  const ridden = takeRiddenRow(PLAN_CHANGE_MARK_RIDER, planId) as MarkRow | undefined;
  const [row] = ridden ? [ridden] : await runPrepared<MarkRow>(manager, PLAN_CHANGE_MARK, [planId]);
  if (!row.plan_exists) return null;
  // Folding keeps the sums, so the mark read above stays right; it only keeps the next reads short.
  if (row.plan_rows > PLAN_CHANGE_ROWS_KEPT) await foldChanges(manager, planId);
  if (row.shared_rows > PLAN_CHANGE_ROWS_KEPT) await foldChanges(manager, null);
  return `${row.plan_changes}.${row.shared_changes}`;
}

/**
 * Replaces one count's rows by a single row of their summed weight, in one
 * statement. Rows a concurrent writer has not yet committed are not seen, so
 * they stay as they are; two reads folding at once each fold the rows they
 * deleted, so nothing is counted twice or lost.
 */
async function foldChanges(manager: EntityManager, planId: string | null): Promise<void> {
  const which = planId === null ? 'plan_id IS NULL' : 'plan_id = $1';
  await manager.query(
    `WITH folded AS (DELETE FROM plan_changes WHERE ${which} RETURNING weight)
     INSERT INTO plan_changes (plan_id, weight) SELECT $1::uuid, sum(weight) FROM folded HAVING count(*) > 0`,
    [planId],
  );
}

interface Kept {
  mark: string;
  value: unknown;
  /** Bytes it holds, near enough. */
  bytes: number;
}

/** Bytes a string holds in memory: UTF-16, two a character. */
export function stringBytes(text: string): number {
  return 2 * text.length;
}

/**
 * What the API has already worked out for a plan (its tree as JSON, its
 * appendix as HTML), kept in this process's memory up to PLAN_CACHE_MB and
 * given again only while the plan's change mark is the one it was made at.
 * A board reads the same plan far more often than anyone changes it, and the
 * mark is one small statement where the plan itself is four.
 *
 * Only what is the same for everyone who may read it is kept: callers check
 * the person's reach first, and keep nothing a reach narrows.
 */
@Injectable()
export class PlanReadCache {
  private readonly kept: LRUCache<string, Kept> | null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.kept = config.planCacheBytes > 0 ? new LRUCache<string, Kept>({ maxSize: config.planCacheBytes, sizeCalculation: (kept) => kept.bytes + 128 }) : null;
  }

  /**
   * The plan's `what` (e.g. "tree", or an appendix with its options), from
   * memory if nothing in the plan has changed since it was made, else made now
   * by `make` and kept (`bytes` says how much memory it holds). Null when
   * there is no such plan (or `make` found none). What is given is shared:
   * callers must not change it.
   *
   * The mark is read before `make` reads the plan, so what is kept is never
   * older than its mark: a change committed between the two is in the value
   * and raises the next mark, so at worst the value is made again.
   */
  async read<T>(planId: string, what: string, make: () => Promise<T | null>, bytes: (value: T) => number): Promise<T | null> {
    const mark = await planChangeMark(this.dataSource.manager, planId);
    if (mark === null) return null;
    const key = `${planId} ${what}`;
    const kept = this.kept?.get(key);
    if (kept && kept.mark === mark) return kept.value as T;
    const value = await make();
    if (value === null) return null;
    this.kept?.set(key, { mark, value, bytes: bytes(value) });
    return value;
  }
}
