import { EntityManager } from 'typeorm';

/**
 * Runs independent reads side by side on the pool, or one after another
 * inside a transaction (whose one connection takes one statement at a time).
 */
export async function together<T extends unknown[]>(manager: EntityManager, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (manager.queryRunner) {
    const results: unknown[] = [];
    for (const read of reads) results.push(await read());
    return results as T;
  }
  return (await Promise.all(reads.map((read) => read()))) as T;
}
