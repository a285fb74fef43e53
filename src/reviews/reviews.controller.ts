import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../common/uuid-param.pipe';
import { ReviewQuery, SummaryQuery } from './reviews.dto';
import { ReviewsService } from './reviews.service';

/** What the chair reviews before each board; everyone sees it only for the work within their reach. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  /** Every overdue activity with working days overdue, owner, lead agencies, last update and RAG reasons, with counts per group. */
  @Get('reviews/overdue')
  overdue(@Query() query: ReviewQuery) {
    return this.reviews.overdue(query);
  }

  @Get('reviews/at-risk')
  atRisk(@Query() query: ReviewQuery) {
    return this.reviews.atRisk(query);
  }

  /** Counts by status and RAG per section and band, percent complete and percent verified. */
  @Get('plans/:id/summary')
  summary(@Param('id', uuidParam) id: string, @Query() query: SummaryQuery) {
    return this.reviews.planSummary(id, query.asOf);
  }
}
