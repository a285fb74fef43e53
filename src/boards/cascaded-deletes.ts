import { EntityManager } from 'typeorm';
import { AuditEntry, AuditService } from '../audit/audit.service';

/**
 * Deleting a board takes its meetings and its scrutiny monitoring list with
 * it, and deleting a meeting its draft pack, the actions it agreed (with their
 * owners) and the scrutiny decisions taken at it (the database cascades). Each
 * row that goes is put on the record first, in the same transaction, so the
 * trail shows what disappeared and not only the row the person pointed at.
 * (Issued packs are never among them: a board or meeting with one cannot be
 * deleted.)
 */
export async function recordBoardCascade(manager: EntityManager, audit: AuditService, scope: { boardId: string } | { meetingId: string }): Promise<void> {
  const [id, meetings] = 'boardId' in scope ? [scope.boardId, 'm.board_id = $1'] : [scope.meetingId, 'm.id = $1'];
  const entries: AuditEntry[] = [];
  const gone = (entityType: string, rows: Array<{ id: string; before: object }>) => rows.forEach((row) => entries.push({ action: 'delete', entityType, entityId: row.id, before: row.before }));

  if ('boardId' in scope) {
    gone('meeting', await manager.query(`SELECT m.id, to_jsonb(m) - 'version' AS before FROM meetings m WHERE ${meetings}`, [id]));
    gone('scrutiny_recommendation', await manager.query(`SELECT r.id, to_jsonb(r) - 'version' AS before FROM scrutiny_recommendations r WHERE r.board_id = $1`, [id]));
  }
  // What a draft pack showed is in its view; its rendered files are not put on the record twice.
  gone(
    'meeting_pack',
    await manager.query(
      `SELECT p.id, jsonb_build_object('meetingId', p.meeting_id, 'version', p.version, 'asOf', p.as_of, 'builtAt', p.built_at, 'builtById', p.built_by_id) AS before
         FROM meeting_packs p JOIN meetings m ON m.id = p.meeting_id WHERE ${meetings}`,
      [id],
    ),
  );
  gone(
    'meeting_action',
    await manager.query(
      `SELECT a.id, (to_jsonb(a) - 'version') || jsonb_build_object(
                'ownerIds', (SELECT COALESCE(jsonb_agg(o.user_id ORDER BY o.position), '[]') FROM meeting_action_owners o WHERE o.action_id = a.id)) AS before
         FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id WHERE ${meetings}`,
      [id],
    ),
  );
  // A decision goes with its meeting or with its recommendation, whichever goes first.
  gone(
    'scrutiny_decision',
    await manager.query(
      `SELECT d.id, to_jsonb(d) AS before FROM scrutiny_decisions d
        WHERE d.meeting_id IN (SELECT m.id FROM meetings m WHERE ${meetings})
           OR ($2 AND d.recommendation_id IN (SELECT r.id FROM scrutiny_recommendations r WHERE r.board_id = $1))`,
      [id, 'boardId' in scope],
    ),
  );
  await audit.recordMany(manager, entries);
}
