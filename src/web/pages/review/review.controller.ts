import { Get, HttpStatus, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../../accounts/roles';
import { Clock } from '../../../common/clock';
import { PlanListQuery } from '../../../plans/dto/plan.dto';
import { PlansService } from '../../../plans/plans.service';
import { ReportOutput } from '../../../reports/report-output';
import { ExceptionReportQuery } from '../../../reports/reports.dto';
import { ReportsService } from '../../../reports/reports.service';
import { ReviewGrouping, ReviewQuery } from '../../../reviews/reviews.dto';
import { ReviewsService } from '../../../reviews/reviews.service';
import { addError, dtoProblems, text } from '../../forms';
import { asOfErrors, partsOf, readAsOf } from '../../date-input';
import { PageController, pageNumber } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { reportQuery } from '../plans/plans.controller';
import { REVIEW_PAGE_SIZE, ReviewList, reviewChoiceProblems, reviewViewModel } from './review.view-model';

/** Plans beyond this many are not offered in the plan filter (an admin's whole estate); ?planId= still narrows. */
const PLAN_CHOICES_LIMIT = 50;

/**
 * The chair's review before each board, the chair's home page: overdue or
 * at-risk work as of a date from ReviewsService (the API's reviews, with the
 * same reach), grouped, counted and paged, each row linking to its activity;
 * and the exception report to take to the board.
 */
@PageController('review')
export class ReviewController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly plans: PlansService,
    private readonly reports: ReportsService,
    private readonly output: ReportOutput,
    private readonly pages: PageRenderer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  async review(@Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const asked = { list: text(query.list), groupBy: text(query.groupBy), planId: text(query.planId) };
    const choice = readAsOf(query);
    const { problems } = dtoProblems(ReviewQuery, {
      ...(choice.asOf === undefined ? {} : { asOf: choice.asOf }),
      ...(asked.planId ? { planId: asked.planId } : {}),
    });
    const errors = asOfErrors(choice, problems);
    const choices = reviewChoiceProblems(asked);
    if (choices.list) addError(errors, 'list', choices.list);
    if (choices.groupBy) addError(errors, 'groupBy', choices.groupBy);
    if (problems.planId) addError(errors, 'planId', 'Choose a plan from the list');
    const dateOk = !choice.problem && !problems.asOf;
    const asOf = dateOk && choice.asOf ? choice.asOf : this.clock.today();
    const list: ReviewList = choices.list || asked.list !== 'at-risk' ? 'overdue' : 'at-risk';
    const groupBy = (choices.groupBy || !asked.groupBy ? 'leadAgency' : asked.groupBy) as ReviewGrouping;
    const planId = problems.planId ? undefined : asked.planId || undefined;
    const ask = (page: number) => {
      const reviewQuery = Object.assign(new ReviewQuery(), { asOf, groupBy, planId, page, pageSize: REVIEW_PAGE_SIZE });
      return list === 'overdue' ? this.reviews.overdue(reviewQuery) : this.reviews.atRisk(reviewQuery);
    };
    const [first, plans] = await Promise.all([ask(pageNumber(query.page)), this.plans.list(Object.assign(new PlanListQuery(), { page: 1, pageSize: PLAN_CHOICES_LIMIT + 1 }))]);
    // A page beyond the end (the list shrank since the link was made) shows the last one.
    const last = Math.max(1, Math.ceil(first.total / REVIEW_PAGE_SIZE));
    const answer = first.page > last ? await ask(last) : first;
    const model = reviewViewModel(answer, { list, groupBy, planId, asOf, asOfAsked: choice.asOf !== undefined && dateOk, page: answer.page }, plans.total <= PLAN_CHOICES_LIMIT ? plans.items : []);
    this.pages.render(
      response,
      'review/review',
      { ...model, errors, asOfParts: dateOk ? partsOf(asOf) : choice.parts, asOfDateErrors: dateOk ? [] : (choice.problem?.parts ?? ['day', 'month', 'year']) },
      errors.summary.length ? HttpStatus.BAD_REQUEST : HttpStatus.OK,
    );
  }

  /** The chair's exception report, as GET /api/reviews/exceptions gives it: for chairs (and admins) only, as there. */
  @Roles('board_chair')
  @Get('exception-report')
  async exceptionReport(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const options = reportQuery(ExceptionReportQuery, query, ['format', 'asOf', 'appendix', 'title', 'planId']);
    return this.output.send('exception-report', await this.reports.exceptionReport(options), options.format ?? 'html', response);
  }
}
