import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PaginationQuery } from '../common/pagination';
import { AUDIT_ACTIONS, AuditAction } from './audit-event.entity';
import { AUDIT_ACTION } from './audit.responses';

export class AuditQuery extends PaginationQuery {
  /** e.g. plan, section, recommendation, activity, progress_update, user, lead_agency. */
  @ApiPropertyOptional({ maxLength: 40, description: 'e.g. plan, section, recommendation, activity, progress_update, user, lead_agency' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  entityType?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  /** The id of the person who made the change. */
  @ApiPropertyOptional({ format: 'uuid', description: 'The id of the person who made the change' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id (a UUID)' })
  actor?: string;

  @ApiPropertyOptional(AUDIT_ACTION)
  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: `must be one of: ${AUDIT_ACTIONS.join(', ')}` })
  action?: AuditAction;

  /** From this instant or date (inclusive), ISO 8601. */
  @ApiPropertyOptional({ description: 'From this instant or date (inclusive), ISO 8601', example: '2012-09-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  from?: string;

  /** Up to this instant or date (exclusive), ISO 8601. */
  @ApiPropertyOptional({ description: 'Up to this instant or date (exclusive), ISO 8601', example: '2012-10-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  to?: string;
}
