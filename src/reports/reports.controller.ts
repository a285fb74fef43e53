import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../accounts/roles';
import { ApiErrors, ApiUuidParam, ErrorAnswer } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { ReportOutput } from './report-output';
import { AppendixQuery, ExceptionReportQuery, ProgressReportQuery } from './reports.dto';
import { ApiReportResponse } from './reports.responses';
import { ReportsService } from './reports.service';
import { PerformanceReportQuery } from '../indicators/dto/performance-report.dto';
import { PerformanceReportService } from '../indicators/performance-report.service';
import { RidesAuthentication } from '../accounts/authentication-rider';
import { PLAN_CHANGE_MARK_RIDER } from '../plans/plan-read-cache';

const PDF_UNAVAILABLE: ErrorAnswer = { status: 503, description: 'PDF asked for, and Chromium is not installed or the server is shutting down: ask for HTML or Word' };

/** Committee-paper appendices and board reports as HTML, PDF or Word. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly output: ReportOutput,
    private readonly performance: PerformanceReportService,
  ) {}

  /** The plan as a committee paper's appendix: intro, one table per section, summary; DRAFT while the plan is a draft. */
  // A kept read is then one statement: the session and the plan's change mark together.
  @RidesAuthentication(PLAN_CHANGE_MARK_RIDER)
  @Get('plans/:id/appendix')
  @ApiOperation({
    summary: "A plan as a committee paper's appendix: introduction, one table per section, summary",
    description: 'DRAFT on every page while the plan is a draft. For those who read the whole plan: admins, its chair, its viewers.',
  })
  @ApiReportResponse('The appendix, in the format asked for')
  @ApiErrors(400, { status: 403, description: 'Reports show the whole plan; you can see only part of it' }, 404, PDF_UNAVAILABLE)
  @ApiUuidParam('The plan')
  async appendix(@Param('id', uuidParam) id: string, @Query() query: AppendixQuery, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const format = query.format ?? 'html';
    if (format === 'html') {
      // HTML is kept between reads while the plan is unchanged; PDF and Word are made each time.
      const paper = await this.reports.appendixHtml(id, query);
      return this.output.sendBytes(paper.html, paper.fileName, 'html', response);
    }
    const view = await this.reports.appendix(id, query);
    return this.output.send('appendix', view, format, response);
  }

  /** The improvement board's report: the plan's table with due date, status, RAG and the latest progress. */
  @Get('plans/:id/progress-report')
  @ApiOperation({
    summary: "The improvement board's progress report: the plan's table with due date, status, RAG and the latest progress, as of a date",
    description: 'For those who read the whole plan: admins, its chair, its viewers.',
  })
  @ApiReportResponse('The progress report, in the format asked for')
  @ApiErrors(400, { status: 403, description: 'Reports show the whole plan; you can see only part of it' }, 404, PDF_UNAVAILABLE)
  @ApiUuidParam('The plan')
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
      "The improvement board's performance report for a month (asOf=YYYY-MM): each priority's RAG and reasons, narratives, indicator table and charts, overdue and at-risk actions",
    description:
      'Figures, targets, narratives and ratings as the record held them at the end of the month after asOf, unless recordedBy names another day or view=current takes every later correction. For those who read the whole plan: admins, its chair, its viewers.',
  })
  @ApiReportResponse('The performance report, in the format asked for')
  @ApiErrors(400, { status: 403, description: 'Reports show the whole plan; you can see only part of it' }, 404, PDF_UNAVAILABLE)
  @ApiUuidParam('The plan')
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
  @ApiOperation({ summary: "The chair's exception report: overdue and at-risk work by lead agency, across the plans they chair, as of a date" })
  @ApiReportResponse('The exception report, in the format asked for')
  @ApiErrors(
    400,
    { status: 403, description: 'Only board chairs (and admins) read the exception report' },
    { status: 404, description: 'No plan with the given planId that you chair' },
    PDF_UNAVAILABLE,
  )
  async exceptions(@Query() query: ExceptionReportQuery, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const view = await this.reports.exceptionReport(query);
    return this.output.send('exception-report', view, query.format ?? 'html', response);
  }
}
