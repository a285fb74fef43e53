import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * What one module tells others has happened, inside the same transaction, so
 * that a lower module (deadlines) need not know the ones that depend on it
 * (plans re-derives its due dates when a closure day changes).
 */
export interface DomainEventMap {
  /** A council closure day was added or removed: working days, and so band deadlines, may move. */
  'closure-days-changed': { date: string };
  /** A lead agency is about to be deleted (its row still exists): what refers to it must let go, on the record. */
  'lead-agency-deleting': { leadAgencyId: string };
}

type Handler<K extends keyof DomainEventMap> = (manager: EntityManager, event: DomainEventMap[K]) => Promise<void>;

@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<keyof DomainEventMap, Array<Handler<keyof DomainEventMap>>>();

  on<K extends keyof DomainEventMap>(name: K, handler: Handler<K>): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler as Handler<keyof DomainEventMap>]);
  }

  /** Runs every handler in the caller's transaction, in turn; a failing handler fails the change. */
  async emit<K extends keyof DomainEventMap>(manager: EntityManager, name: K, event: DomainEventMap[K]): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) await handler(manager, event);
  }
}
