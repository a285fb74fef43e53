import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { ReviewQuery, SummaryQuery } from './reviews.dto';
import { PlanStandingResponse, ReviewResponse } from './reviews.responses';
import { ReviewsService } from './reviews.service';

/** What the chair reviews before each board; everyone sees it only for the work within their reach. */
@ApiTags('reviews')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  /** Every overdue activity with working days overdue, owner, lead agencies, last update and RAG reasons, with counts per group. */
  @Get('reviews/overdue')
  @ApiOperation({
    summary: 'Overdue activities as of a date, with working days overdue, owner, lead agencies, last update and RAG reasons, grouped',
    description: 'Only the work within your reach.',
  })
  @ApiOkResponse({ type: ReviewResponse })
  @ApiErrors(400, { status: 404, description: 'No plan with the given planId within your reach' })
  overdue(@Query() query: ReviewQuery) {
    return this.reviews.overdue(query);
  }

  @Get('reviews/at-risk')
  @ApiOperation({
    summary: 'Open work not yet overdue that is rated amber, or red because it is blocked, as of a date, grouped',
    description: 'Only the work within your reach.',
  })
  @ApiOkResponse({ type: ReviewResponse })
  @ApiErrors(400, { status: 404, description: 'No plan with the given planId within your reach' })
  atRisk(@Query() query: ReviewQuery) {
    return this.reviews.atRisk(query);
  }

  /** Counts by status and RAG per section and band, percent complete and percent verified. */
  @Get('plans/:id/summary')
  @ApiOperation({ summary: "A plan's standing as of a date: counts by status and RAG per table and band, percent complete and verified" })
  @ApiOkResponse({ type: PlanStandingResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The plan')
  summary(@Param('id', uuidParam) id: string, @Query() query: SummaryQuery) {
    return this.reviews.planSummary(id, query.asOf);
  }
}
