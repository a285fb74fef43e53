import { EntityManager } from 'typeorm';

/**
 * Every write inside a plan takes the plan's row lock first, before any row
 * beneath it. Writes to one plan then queue instead of deadlocking (a due-date
 * refresh updates many rows), and each sees what the previous one committed.
 */
export async function lockPlanOf(
  manager: EntityManager,
  of: { planId: string } | { sectionId: string } | { recommendationId: string } | { activityId: string },
): Promise<string | null> {
  const [row] = await manager.query(
    'planId' in of
      ? 'SELECT p.id FROM plans p WHERE p.id = $1 FOR UPDATE OF p'
      : 'sectionId' in of
        ? 'SELECT p.id FROM plans p JOIN sections s ON s.plan_id = p.id WHERE s.id = $1 FOR UPDATE OF p'
        : 'recommendationId' in of
          ? `SELECT p.id FROM plans p JOIN sections s ON s.plan_id = p.id JOIN recommendations r ON r.section_id = s.id
              WHERE r.id = $1 FOR UPDATE OF p`
          : `SELECT p.id FROM plans p JOIN sections s ON s.plan_id = p.id JOIN recommendations r ON r.section_id = s.id
               JOIN activities a ON a.recommendation_id = r.id WHERE a.id = $1 FOR UPDATE OF p`,
    [Object.values(of)[0]],
  );
  return row?.id ?? null;
}
