import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../accounts/roles';
import { uuidParam } from '../common/uuid-param.pipe';
import { CONTENT_TYPES, ReportOutput } from './report-output';
import { AppendixQuery, ExceptionReportQuery, ProgressReportQuery } from './reports.dto';
import { ReportsService } from './reports.service';
import { PerformanceReportQuery } from '../indicators/dto/performance-report.dto';
import { ApiErrors } from '../indicators/indicators.responses';
import { PerformanceReportService } from '../indicators/performance-report.service';

const PRODUCES = Object.values(CONTENT_TYPES);

/** Committee-paper appendices and board reports as HTML, PDF or Word. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces(...PRODUCES)
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly output: ReportOutput,
    private readonly performance: PerformanceReportService,
  ) {}

  /** The plan as a committee paper's appendix: intro, one table per section, summary; DRAFT while the plan is a draft. */
  @Get('plans/:id/appendix')
  async appendix(@Param('id', uuidParam) id: string, @Query() query: AppendixQuery, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const view = await this.reports.appendix(id, query);
    return this.output.send('appendix', view, query.format ?? 'html', response);
  }

  /** The improvement board's report: the plan's table with due date, status, RAG and the latest progress. */
  @Get('plans/:id/progress-report')
  async progressReport(
    @Param('id', uuidParam) id: string,
    @Query() query: ProgressReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const view = await this.reports.progressReport(id, query);
    return this.output.send('progress-report', view, query.format ?? 'html', response);
  }

  /**
   * The improvement board's performance report: per priority, the RAG with its
   * risk label and reasons, the narratives, the indicator table for the last N
   * months against target and comparators, a chart per indicator and the
   * priority's overdue and at-risk actions.
   */
  @Get('plans/:id/performance-report')
  @ApiOperation({
    summary:
      "The board's performance report for a month (asOf=YYYY-MM): each priority's RAG and reasons, narratives, indicator table and charts, overdue and at-risk actions; figures as recorded by the end of the next month unless recordedBy or view=current says otherwise",
  })
  @ApiOkResponse({ description: 'The report as HTML, PDF or Word (format=html|pdf|docx)', content: Object.fromEntries(PRODUCES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) })
  @ApiErrors(400, 403, 404)
  async performanceReport(
    @Param('id', uuidParam) id: string,
    @Query() query: PerformanceReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { view } = await this.performance.report(id, query);
    return this.output.send('performance-report', view, query.format ?? 'html', response);
  }

  /** The chair's exception report: overdue and at-risk work by lead agency, across the plans they chair. */
  @Roles('board_chair')
  @Get('reviews/exceptions')
  async exceptions(@Query() query: ExceptionReportQuery, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const view = await this.reports.exceptionReport(query);
    return this.output.send('exception-report', view, query.format ?? 'html', response);
  }
}
