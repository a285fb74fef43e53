import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { Month } from './domain';
import { NarrativeDto, PriorityRatingDto, RequiredVersionQuery } from './dto/indicator.dto';
import { ApiMonthParam, PriorityMonthResponse, PriorityNarrativeResponse, PriorityRatingResponse } from './indicators.responses';
import { monthParam } from './month-param.pipe';
import { PriorityJudgementsService } from './priority-judgements.service';

const WHOLE_PLAN = { status: 403 as const, description: "A priority's narratives and rating are for those who read the whole plan" };
const CHAIR_ONLY = { status: 403 as const, description: "A priority's narratives and rating are written by the chair of the plan's improvement board (and admins)" };

/** A priority's month in the board's performance report: narratives and the chair's rating. A priority is a section of the plan. */
@ApiTags('indicators')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('sections/:id/months/:month')
export class PrioritiesController {
  constructor(private readonly judgements: PriorityJudgementsService) {}

  @Get()
  @ApiOperation({ summary: "A priority's month: \"What the data tells us\", \"Actions / next steps\" and the chair's rating, each with its history" })
  @ApiOkResponse({ type: PriorityMonthResponse })
  @ApiErrors(400, WHOLE_PLAN, 404)
  @ApiUuidParam('The section (the priority)')
  @ApiMonthParam('The report month')
  month(@Param('id', uuidParam) id: string, @Param('month', monthParam) month: Month) {
    return this.judgements.month(id, month);
  }

  @Put('narrative')
  @ApiOperation({ summary: "Write the priority's narratives for the month (the plan's chair, admins); the earlier text is kept" })
  @ApiOkResponse({ type: PriorityNarrativeResponse })
  @ApiErrors(400, CHAIR_ONLY, 404, 409)
  @ApiUuidParam('The section (the priority)')
  @ApiMonthParam('The report month')
  narrative(@Param('id', uuidParam) id: string, @Param('month', monthParam) month: Month, @Body() dto: NarrativeDto) {
    return this.judgements.writeNarrative(id, month, dto);
  }

  @Put('rating')
  @ApiOperation({ summary: 'The chair rates the priority for the month, with a risk label and a reason; it stands over the computed rating' })
  @ApiOkResponse({ type: PriorityRatingResponse })
  @ApiErrors(400, CHAIR_ONLY, 404, 409)
  @ApiUuidParam('The section (the priority)')
  @ApiMonthParam('The report month')
  rate(@Param('id', uuidParam) id: string, @Param('month', monthParam) month: Month, @Body() dto: PriorityRatingDto) {
    return this.judgements.rate(id, month, dto);
  }

  @Delete('rating')
  @HttpCode(204)
  @ApiOperation({ summary: "Withdraw the chair's rating for the month (?version=N): the computed rating shows again, the withdrawn one stays in the history" })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiErrors(400, CHAIR_ONLY, { status: 404, description: 'No such section within your reach, or no rating for the month' }, 409)
  @ApiUuidParam('The section (the priority)')
  @ApiMonthParam('The report month')
  withdraw(@Param('id', uuidParam) id: string, @Param('month', monthParam) month: Month, @Query() query: RequiredVersionQuery) {
    return this.judgements.withdrawRating(id, month, query.version);
  }
}
