import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PAGE_LIMIT, PAGE_SIZE_LIMIT, toInt } from '../common/pagination';
import { IsCalendarDate, IsWorkingDayCountable } from '../common/date-validators';

export const REVIEW_GROUPINGS = ['leadAgency', 'section', 'band', 'owner'] as const;
export type ReviewGrouping = (typeof REVIEW_GROUPINGS)[number];

export const REVIEW_DEFAULT_PAGE_SIZE = 100;
export const REVIEW_MAX_PAGE_SIZE = PAGE_SIZE_LIMIT;

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

  /** Page of items, from 1: the list is ordered most late first, so page 1 is what the board starts with. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: PAGE_LIMIT, default: 1, description: 'Page of items, from 1 (most late first)' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(PAGE_LIMIT)
  page: number = 1;

  /**
   * Items per page, 1 to 200 as every list (default 100, a whole plan's overdue list as a
   * council's board reads it). `total` and each group's `count` cover every
   * page; a group's `activityIds` name the items on this page.
   */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: REVIEW_MAX_PAGE_SIZE,
    default: REVIEW_DEFAULT_PAGE_SIZE,
    description: "Items per page; total and each group's count cover every page, a group's activityIds name this page's items",
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(REVIEW_MAX_PAGE_SIZE)
  pageSize: number = REVIEW_DEFAULT_PAGE_SIZE;
}

export class SummaryQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Judge as of this date (Europe/London); today when left out' })
  @IsOptional()
  @IsWorkingDayCountable()
  asOf?: string;
}
