import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate, IsWorkingDayCountable } from '../common/date-validators';

export const REVIEW_GROUPINGS = ['leadAgency', 'section', 'band', 'owner'] as const;
export type ReviewGrouping = (typeof REVIEW_GROUPINGS)[number];

export class ReviewQuery {
  /** Judge as of this date (Europe/London); today when left out. */
  @IsOptional()
  @IsWorkingDayCountable()
  asOf?: string;

  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id (a UUID)' })
  planId?: string;

  @IsOptional()
  @IsIn(REVIEW_GROUPINGS, { message: `must be one of: ${REVIEW_GROUPINGS.join(', ')}` })
  groupBy?: ReviewGrouping;
}

export class SummaryQuery {
  @IsOptional()
  @IsWorkingDayCountable()
  asOf?: string;
}
