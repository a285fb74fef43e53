import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../../common/date-validators';
import { toInt } from '../../common/pagination';
import { ReportQuery } from '../../reports/reports.dto';
import { MONTH_PATTERN } from './indicator.dto';

export const RECORD_VIEWS = ['as-recorded', 'current'] as const;
export type RecordView = (typeof RECORD_VIEWS)[number];

export class PerformanceReportQuery extends ReportQuery {
  /** The report's month (YYYY-MM), its tables' last column; last month when left out. */
  @ApiPropertyOptional({ type: String, pattern: '^\\d{4}-\\d{2}$', example: '2022-06', description: "The report's month, its tables' last column; last month when left out" })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'must be a month written YYYY-MM' })
  asOf?: string;

  /** Months in each table and chart: 1 to 36, 9 by default, as boards print them. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 36, default: 9, description: 'Months in each table and chart' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of months' })
  @Min(1)
  @Max(36)
  months?: number;

  /**
   * Read the figures, targets, narratives and ratings as the record held them
   * at the end of this day (YYYY-MM-DD), e.g. the day the board met. By
   * default, the end of the month after the report's month: the month in
   * which that month's returns come in and its report is written.
   */
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    description:
      'Read figures, targets, narratives and ratings as the record held them at the end of this day (the day the board met); by default the end of the month after asOf, when its returns are in and its report is written',
  })
  @IsOptional()
  @IsCalendarDate()
  recordedBy?: string;

  /** as-recorded (the default, see recordedBy) or current: every later correction included. */
  @ApiPropertyOptional({ type: String, enum: [...RECORD_VIEWS], default: 'as-recorded', description: 'current: every later correction included' })
  @IsOptional()
  @IsIn(RECORD_VIEWS, { message: `must be one of: ${RECORD_VIEWS.join(', ')}` })
  view?: RecordView;
}
