import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsWorkingDayCountable } from '../common/date-validators';
import { PLAN_LAYOUTS, PlanLayout } from './plan-table';
import { IsNotBlank } from '../common/not-blank';

export const REPORT_FORMATS = ['html', 'pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What every report accepts: the format, and the appendix number and title of the committee paper. */
export class ReportQuery {
  /** html (default): one self-contained, print-ready page; pdf: the same printed by Chromium; docx: Word tables. */
  @ApiPropertyOptional({ enum: [...REPORT_FORMATS], enumName: 'ReportFormat', enumSchema: { description: 'html, pdf or docx (Word)' }, default: 'html', description: 'html: one self-contained, print-ready page; pdf: the same printed by Chromium; docx: Word tables' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `must be one of: ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;

  /** The "2" in "Appendix 2: ..." (committee papers also letter them: "A"). 1 when left out; there is no appendix 0. */
  @ApiPropertyOptional({ pattern: '^(?:[1-9][0-9]{0,5}|[A-Za-z]{1,6})$', default: '1', description: 'The "2" in "Appendix 2: ..." (committee papers also letter them: "A"); there is no appendix 0' })
  @IsOptional()
  @Matches(/^(?:[1-9][0-9]{0,5}|[A-Za-z]{1,6})$/, { message: 'must be an appendix number from 1, or a letter, such as 2 or A' })
  appendix?: string;

  /** The title after "Appendix N: "; the plan's (or report's) own when left out. */
  @ApiPropertyOptional({ maxLength: 300, description: 'The title after "Appendix N: "; the plan\'s (or report\'s) own when left out' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: 'must not be blank; leave it out for the default title' })
  @MaxLength(300)
  title?: string;
}

export class AppendixQuery extends ReportQuery {
  /** recommendation-first (the Ofsted five columns) or outcome-first; by default the plan's own columns decide. */
  @ApiPropertyOptional({ enum: [...PLAN_LAYOUTS], description: 'recommendation-first (the Ofsted five columns) or outcome-first; by default the plan\'s own columns decide' })
  @IsOptional()
  @IsIn(PLAN_LAYOUTS, { message: `must be one of: ${PLAN_LAYOUTS.join(', ')}` })
  layout?: PlanLayout;
}

export class ProgressReportQuery extends AppendixQuery {
  /** Rate as of this date (Europe/London); today when left out. */
  @ApiPropertyOptional({ format: 'date', description: 'Rate as of this date (Europe/London); today when left out' })
  @IsOptional()
  @IsWorkingDayCountable()
  asOf?: string;
}

export class ExceptionReportQuery extends ReportQuery {
  /** Overdue and at risk as of this date (Europe/London); today when left out. */
  @ApiPropertyOptional({ format: 'date', description: 'Overdue and at risk as of this date (Europe/London); today when left out' })
  @IsOptional()
  @IsWorkingDayCountable()
  asOf?: string;

  /** Only this plan; by default every plan the chair reads. */
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this plan; by default every plan you chair' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id (a UUID)' })
  planId?: string;
}
