import { BadRequestException, Get, HttpStatus, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { AccessPolicy } from '../../../accounts/access-policy.service';
import { Clock } from '../../../common/clock';
import type { CalendarDate } from '../../../deadlines';
import { PerformanceReportQuery } from '../../../indicators/dto/performance-report.dto';
import { PerformanceReportService } from '../../../indicators/performance-report.service';
import { PlanListQuery } from '../../../plans/dto/plan.dto';
import { PlansService } from '../../../plans/plans.service';
import { ReportOutput } from '../../../reports/report-output';
import { AppendixQuery, ProgressReportQuery } from '../../../reports/reports.dto';
import { ReportsService } from '../../../reports/reports.service';
import { SummaryQuery } from '../../../reviews/reviews.dto';
import { ReviewsService } from '../../../reviews/reviews.service';
import { asOfErrors, partsOf, readAsOf } from '../../date-input';
import { dtoProblems, text } from '../../forms';
import { pageId, PageController, pageNumber } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { planPageViewModel, yourPlansViewModel } from './plan.view-model';

const PLANS_PAGE_SIZE = 20;

/**
 * The plans a person may open, and each plan's page: its tree with RAG and
 * status as of a date, the roll-ups from the plan summary, and its committee
 * papers. The papers are the API's reports (the same ReportsService and
 * ReportOutput, the same refusals) served here under the browser's session,
 * because the API takes bearer tokens only and never reads the cookie.
 */
@PageController()
export class PlansPagesController {
  constructor(
    private readonly plans: PlansService,
    private readonly reviews: ReviewsService,
    private readonly reports: ReportsService,
    private readonly output: ReportOutput,
    private readonly performance: PerformanceReportService,
    private readonly access: AccessPolicy,
    private readonly pages: PageRenderer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('your-plans')
  async list(@Query('page') page: unknown, @Res() response: Response): Promise<void> {
    const query = Object.assign(new PlanListQuery(), { page: pageNumber(page), pageSize: PLANS_PAGE_SIZE });
    this.pages.render(response, 'plans/your-plans', yourPlansViewModel(await this.plans.list(query)));
  }

  @Get('plans/:planId')
  async plan(@Param('planId', pageId) planId: string, @Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const choice = readAsOf(query);
    const { problems } = dtoProblems(SummaryQuery, choice.asOf === undefined ? {} : { asOf: choice.asOf });
    const errors = asOfErrors(choice, problems);
    // A date that cannot be read is said so; the plan is shown as of today meanwhile.
    const asOf = (errors.summary.length ? this.clock.today() : (choice.asOf ?? this.clock.today())) as CalendarDate;
    const [tree, standing] = await Promise.all([this.plans.tree(planId), this.reviews.planStanding(planId, asOf)]);
    const wholePlan = await this.access.readsWholePlan(planId);
    const model = planPageViewModel({ tree, standing, asOf, wholePlan, downloads: { papers: wholePlan, exceptionReport: await this.access.chairs(planId) } });
    this.pages.render(
      response,
      'plans/plan',
      { ...model, errors, asOfParts: errors.summary.length ? choice.parts : partsOf(asOf), asOfDateErrors: choice.problem?.parts ?? (errors.summary.length ? ['day', 'month', 'year'] : []) },
      errors.summary.length ? HttpStatus.BAD_REQUEST : HttpStatus.OK,
    );
  }

  /** The committee paper's appendix, as GET /api/plans/:id/appendix gives it. */
  @Get('plans/:planId/appendix')
  async appendix(@Param('planId', pageId) planId: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const options = reportQuery(AppendixQuery, query, ['format', 'appendix', 'title', 'layout']);
    return this.output.send('appendix', await this.reports.appendix(planId, options), options.format ?? 'html', response);
  }

  /** The improvement board's progress report as of a date, as GET /api/plans/:id/progress-report gives it. */
  @Get('plans/:planId/progress-report')
  async progressReport(@Param('planId', pageId) planId: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const options = reportQuery(ProgressReportQuery, query, ['format', 'asOf', 'appendix', 'title', 'layout']);
    return this.output.send('progress-report', await this.reports.progressReport(planId, options), options.format ?? 'html', response);
  }

  /** The board's performance report for a month, as GET /api/plans/:id/performance-report gives it. */
  @Get('plans/:planId/performance-report')
  async performanceReport(@Param('planId', pageId) planId: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const options = reportQuery(PerformanceReportQuery, query, ['format', 'asOf', 'months', 'recordedBy', 'view', 'appendix', 'title', 'layout']);
    const { view } = await this.performance.report(planId, options);
    return this.output.send('performance-report', view, options.format ?? 'html', response);
  }
}

/**
 * A report's options from the address, checked by the API's own DTO: a bad
 * one is the "problem with the page address" page, as the API's 400.
 */
export function reportQuery<T extends object>(dto: new () => T, query: Record<string, unknown>, keys: string[]): T {
  const input = Object.fromEntries(keys.filter((key) => key in query).map((key) => [key, text(query[key])]));
  const { value, problems } = dtoProblems(dto, input);
  if (Object.keys(problems).length) throw new BadRequestException({ statusCode: 400, message: 'The report’s options are not valid', errors: problems });
  return value;
}
