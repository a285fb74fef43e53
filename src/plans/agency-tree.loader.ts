import { EntityManager } from 'typeorm';
import { AgencyTree } from './domain/agency-tree';

/** Every lead agency with its parent: a short list, read in one query. */
export async function loadAgencyTree(manager: EntityManager): Promise<AgencyTree> {
  const rows: Array<{ id: string; parent_id: string | null }> = await manager.query('SELECT id, parent_id FROM lead_agencies');
  return new AgencyTree(rows.map((row) => ({ id: row.id, parentId: row.parent_id })));
}
