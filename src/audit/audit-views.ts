import { AuditEvent } from './audit-event.entity';

/** An audit event as the API shows it, in /api/audit and an activity's history. */
export function auditEventView(event: AuditEvent) {
  return {
    id: Number(event.id),
    occurredAt: event.occurredAt,
    actor: { id: event.actorId, label: event.actorLabel },
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    planId: event.planId,
    before: event.before,
    after: event.after,
  };
}
