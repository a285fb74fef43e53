import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate, IsWorkingDayCountable } from '../common/date-validators';

export const REVIEW_GROUPINGS = ['leadAgency', 'section', 'band', 'owner'] as const;
export type ReviewGrouping = (typeof REVIEW_GROUPINGS)[number];

export class ReviewQuery {
  /** Judge as of this date (Europe/London); today when left out. */
  @ApiPropertyOptional({ format: 'date', description: 'Judge as of this date (Europe/London); today when left out' })
  @IsOptional()
  @IsWorkingDayCountable()
  asOf?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this plan' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id (a UUID)' })
  planId?: string;

  @ApiPropertyOptional({ enum: [...REVIEW_GROUPINGS], enumName: 'ReviewGrouping', enumSchema: { description: 'How the list is grouped: by lead agency, table, timescale band or owner' }, default: 'leadAgency' })
  @IsOptional()
  @IsIn(REVIEW_GROUPINGS, { message: `must be one of: ${REVIEW_GROUPINGS.join(', ')}` })
  groupBy?: ReviewGrouping;
}

export class SummaryQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Judge as of this date (Europe/London); today when left out' })
  @IsOptional()
  @IsWorkingDayCountable()
  asOf?: string;
}
