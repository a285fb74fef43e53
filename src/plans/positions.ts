import { EntityManager } from 'typeorm';

const ORDERED = {
  sections: 'plan_id',
  activities: 'recommendation_id',
} as const;

/**
 * Puts a row at a position among its siblings and renumbers them 1..n, as a
 * person dragging a row in a Word table expects: moving the first table to
 * position 2 swaps it with the second; a position past the end means last.
 */
export async function placeAt(
  manager: EntityManager,
  table: keyof typeof ORDERED,
  parentId: string,
  id: string,
  position: number,
): Promise<void> {
  const parentColumn = ORDERED[table];
  const siblings: Array<{ id: string }> = await manager.query(
    `SELECT id FROM ${table} WHERE ${parentColumn} = $1 ORDER BY position, created_at, id`,
    [parentId],
  );
  const order = siblings.map((row) => row.id).filter((sibling) => sibling !== id);
  order.splice(Math.min(Math.max(position, 1), order.length + 1) - 1, 0, id);
  await manager.query(
    `UPDATE ${table} t SET position = v.position
       FROM unnest($1::uuid[]) WITH ORDINALITY AS v(id, position)
      WHERE t.id = v.id AND t.position <> v.position`,
    [order],
  );
}

export async function nextPosition(manager: EntityManager, table: keyof typeof ORDERED, parentId: string): Promise<number> {
  const [row] = await manager.query(`SELECT COALESCE(MAX(position), 0) + 1 AS next FROM ${table} WHERE ${ORDERED[table]} = $1`, [parentId]);
  return Number(row.next);
}
