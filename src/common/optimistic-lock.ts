import { ConflictException, NotFoundException } from '@nestjs/common';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Loads a row for change inside the caller's transaction, holding its lock,
 * and refuses a stale version: two officers editing the same activity must
 * never silently overwrite each other. The 409 carries the current state so
 * the client can show what changed.
 */
export async function lockForChange<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  label: string,
  present: (row: T) => unknown = (row) => row,
): Promise<T> {
  const row = await manager
    .getRepository(entity)
    .createQueryBuilder('row')
    .setLock('pessimistic_write')
    .where('row.id = :id', { id })
    .getOne();
  if (!row) throw new NotFoundException(`No ${label} with id ${id}`);
  if (row.version !== expectedVersion) {
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `This ${label} was changed by someone else since you loaded it (your version ${expectedVersion}, current version ${row.version}). Reload it and make your change again.`,
      current: present(row),
    });
  }
  return row;
}
