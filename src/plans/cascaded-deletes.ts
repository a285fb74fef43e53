import { EntityManager } from 'typeorm';
import { AuditEntry, AuditService } from '../audit/audit.service';

type Scope = { planId: string } | { sectionId: string } | { recommendationId: string } | { activityId: string };

/**
 * Deleting a plan, a table, a recommendation or an activity takes everything
 * beneath it with it (the database cascades). Each row that goes is put on the
 * record first, in the same transaction, so the trail shows what disappeared
 * and not only the row the person pointed at.
 */
export async function recordCascadedDeletes(manager: EntityManager, audit: AuditService, planId: string, scope: Scope): Promise<void> {
  const [column, id] = Object.entries(scope)[0] as [keyof Scope & string, string];
  // The activities beneath the row, by the column that names it.
  const activityFilter = {
    planId: 'a.plan_id = $1',
    sectionId: 'a.recommendation_id IN (SELECT id FROM recommendations WHERE section_id = $1)',
    recommendationId: 'a.recommendation_id = $1',
    activityId: 'a.id = $1',
  }[column];
  const entries: AuditEntry[] = [];
  const gone = (entityType: string, rows: Array<{ id: string; before: object }>) =>
    rows.forEach((row) => entries.push({ action: 'delete', entityType, entityId: row.id, planId, before: row.before }));

  if (column === 'planId') {
    gone('section', await manager.query(`SELECT id, to_jsonb(s) - 'version' AS before FROM sections s WHERE s.plan_id = $1`, [id]));
    gone(
      'plan_member',
      await manager.query(`SELECT plan_id || ':' || user_id AS id, jsonb_build_object('planId', plan_id, 'userId', user_id, 'role', role) AS before FROM plan_members WHERE plan_id = $1`, [id]),
    );
    // A plan's calendar feeds stop with it: their addresses answer 404 from then on.
    gone(
      'calendar_feed',
      await manager.query(`SELECT id, jsonb_build_object('planId', plan_id, 'userId', user_id, 'tokenPrefix', token_prefix) AS before FROM calendar_feeds WHERE plan_id = $1 AND revoked_at IS NULL`, [id]),
    );
  }
  if (column === 'planId' || column === 'sectionId') {
    const where = column === 'planId' ? 'r.section_id IN (SELECT id FROM sections WHERE plan_id = $1)' : 'r.section_id = $1';
    gone('recommendation', await manager.query(`SELECT id, to_jsonb(r) AS before FROM recommendations r WHERE ${where}`, [id]));
  }
  if (column !== 'activityId') {
    gone(
      'activity',
      await manager.query(
        `SELECT a.id, to_jsonb(a) || jsonb_build_object(
                  'outcomeMeasures', (SELECT COALESCE(jsonb_agg(m.text ORDER BY m.position), '[]') FROM outcome_measures m WHERE m.activity_id = a.id),
                  'leadAgencyIds', (SELECT COALESCE(jsonb_agg(l.lead_agency_id ORDER BY l.position), '[]') FROM activity_lead_agencies l WHERE l.activity_id = a.id)) AS before
           FROM activities a WHERE ${activityFilter}`,
        [id],
      ),
    );
  }
  gone(
    'progress_update',
    await manager.query(
      `SELECT u.id, jsonb_build_object('activityId', u.activity_id, 'status', u.status, 'percentComplete', u.percent_complete, 'note', u.note, 'createdAt', u.created_at) AS before
         FROM progress_updates u JOIN activities a ON a.id = u.activity_id WHERE ${activityFilter}`,
      [id],
    ),
  );
  gone(
    'rag_override',
    await manager.query(
      `SELECT o.id, jsonb_build_object('activityId', o.activity_id, 'rating', o.rating, 'reason', o.reason, 'expiresOn', o.expires_on, 'clearedAt', o.cleared_at) AS before
         FROM rag_overrides o JOIN activities a ON a.id = o.activity_id WHERE ${activityFilter}`,
      [id],
    ),
  );
  await audit.recordMany(manager, entries);
}
