import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { acting, requestContext } from '../common/request-context';
import { AuditAction, AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  planId?: string | null;
  before?: object | null;
  after?: object | null;
  /** Who acted, when there is no signed-in person: e.g. someone following a password reset link. */
  actor?: { id: string; label: string };
}

// Never put these on the record, whatever a caller passes in. Exact names, so
// ordinary fields such as passwordChanged or tokenPrefix stay readable.
const SECRET_FIELDS = new Set(['password', 'passwordhash', 'newpassword', 'currentpassword', 'token', 'tokenhash', 'refreshtoken', 'refreshtokenhash', 'accesstoken', 'secret', 'authsecret']);
const isSecretField = (key: string) => SECRET_FIELDS.has(key.toLowerCase());

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !isSecretField(key))
        .map(([key, inner]) => [key, redact(inner)]),
    );
  }
  return value;
}

/** Keeps only the fields that changed, so an update's record reads as what changed. */
export function changedFields(before: object, after: object): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b = redact(before) as Record<string, unknown>;
  const a = redact(after) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const changed = [...keys].filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]) && key !== 'updatedAt');
  return {
    before: Object.fromEntries(changed.map((key) => [key, b[key] ?? null])),
    after: Object.fromEntries(changed.map((key) => [key, a[key] ?? null])),
  };
}

/**
 * Writes audit events inside the caller's transaction: the change and its
 * record commit together or not at all.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditEvent, this.eventOf(manager, entry));
  }

  /** Many events in one statement: a due-date refresh can move thousands of activities. */
  async recordMany(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    for (let start = 0; start < entries.length; start += 1000) {
      await manager.insert(
        AuditEvent,
        entries.slice(start, start + 1000).map((entry) => this.eventOf(manager, entry)),
      );
    }
  }

  private eventOf(manager: EntityManager, entry: AuditEntry): AuditEvent {
    const who = entry.actor ? null : acting();
    const update = entry.action === 'update' && entry.before && entry.after ? changedFields(entry.before, entry.after) : null;
    return manager.create(AuditEvent, {
      actorId: entry.actor ? entry.actor.id : who?.kind === 'person' ? who.actor.id : null,
      actorLabel: entry.actor ? entry.actor.label : who?.kind === 'person' ? `${who.actor.name} <${who.actor.email}>` : 'system',
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      planId: entry.planId ?? null,
      before: update ? update.before : entry.before ? (redact(entry.before) as Record<string, unknown>) : null,
      after: update ? update.after : entry.after ? (redact(entry.after) as Record<string, unknown>) : null,
      requestId: requestContext.current()?.requestId ?? null,
    });
  }
}
