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
  /** A person's password was changed or reset: every credential made under the old one must go. */
  'password-changed': { userId: string };
}

/** A handler may answer with a sentence for the person who made the change ("Your calendar feed address has been revoked."). */
type Handler<K extends keyof DomainEventMap> = (manager: EntityManager, event: DomainEventMap[K]) => Promise<string | void>;

@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<keyof DomainEventMap, Array<Handler<keyof DomainEventMap>>>();

  on<K extends keyof DomainEventMap>(name: K, handler: Handler<K>): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler as Handler<keyof DomainEventMap>]);
  }

  /** Runs every handler in the caller's transaction, in turn; a failing handler fails the change. Answers what the handlers said. */
  async emit<K extends keyof DomainEventMap>(manager: EntityManager, name: K, event: DomainEventMap[K]): Promise<string[]> {
    const said: string[] = [];
    for (const handler of this.handlers.get(name) ?? []) {
      const sentence = await handler(manager, event);
      if (sentence) said.push(sentence);
    }
    return said;
  }
}
