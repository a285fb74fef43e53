import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One change on the record: who, when, what, the fields before and after.
 * Written in the same transaction as the change; a database trigger refuses
 * any UPDATE, DELETE or TRUNCATE, so not even the app can rewrite history.
 */
@Entity('audit_events')
@Index('audit_events_entity_idx', ['entityType', 'entityId', 'occurredAt'])
@Index('audit_events_actor_idx', ['actorId', 'occurredAt'])
@Index('audit_events_plan_idx', ['planId', 'occurredAt'])
@Index('audit_events_occurred_idx', ['occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  /** Null for the system itself (demo loading, start-up). */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  /** The actor's name and email at the time, kept even if the account is later removed. */
  @Column({ type: 'text' })
  actorLabel!: string;

  @Column({ type: 'varchar', length: 16 })
  action!: AuditAction;

  @Column({ type: 'varchar', length: 40 })
  entityType!: string;

  @Column({ type: 'text' })
  entityId!: string;

  /** The plan the change belongs to, so a chair sees the record of the plans they chair. */
  @Column({ type: 'uuid', nullable: true })
  planId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: object | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;
}
