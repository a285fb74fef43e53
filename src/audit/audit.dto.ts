import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PaginationQuery } from '../common/pagination';
import { AUDIT_ACTIONS, AuditAction } from './audit-event.entity';

export class AuditQuery extends PaginationQuery {
  /** e.g. plan, section, recommendation, activity, progress_update, user, lead_agency. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  entityType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  /** The id of the person who made the change. */
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id (a UUID)' })
  actor?: string;

  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: `must be one of: ${AUDIT_ACTIONS.join(', ')}` })
  action?: AuditAction;

  /** From this instant or date (inclusive), ISO 8601. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  from?: string;

  /** Up to this instant or date (exclusive), ISO 8601. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  to?: string;
}
