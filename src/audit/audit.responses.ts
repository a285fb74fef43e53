import { ApiProperty } from '@nestjs/swagger';
import { Assert, Describes } from '../common/openapi';
import { vocabulary } from '../plans/dto/plan.responses';
import { AUDIT_ACTIONS, AuditAction } from './audit-event.entity';
import type { auditEventView } from './audit-views';

export const AUDIT_ACTION = vocabulary('AuditAction', AUDIT_ACTIONS, 'What happened to the record');

export class AuditActorResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for the system itself (demo loading, start-up)' })
  id!: string | null;

  @ApiProperty({ description: "The actor's name and email at the time", example: 'Jane Smith <jane.smith@council.gov.uk>' })
  label!: string;
}

/** One change on the record: who, when, what, the fields before and after. */
export class AuditEventResponse {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Increases with every change' })
  id!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  occurredAt!: Date;

  @ApiProperty({ type: () => AuditActorResponse })
  actor!: AuditActorResponse;

  @ApiProperty(AUDIT_ACTION)
  action!: AuditAction;

  @ApiProperty({ example: 'activity', description: 'plan, section, recommendation, activity, progress_update, rag_override, user, lead_agency, api_token, import…' })
  entityType!: string;

  @ApiProperty({ description: 'The id of the changed record (a UUID, or a date for a closure day)' })
  entityId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The plan the change belongs to' })
  planId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The fields before the change; null for a creation' })
  before!: object | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The fields after the change; null for a deletion' })
  after!: object | null;
}

export type AuditEventChecked = Assert<Describes<AuditEventResponse, ReturnType<typeof auditEventView>>>;
