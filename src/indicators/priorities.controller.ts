import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../common/uuid-param.pipe';
import { Month } from './domain';
import { NarrativeDto, PriorityRatingDto, RequiredVersionQuery } from './dto/indicator.dto';
import { ApiErrors, NarrativeResponse, PriorityMonthResponse, PriorityRatingResponse } from './indicators.responses';
import { monthParam } from './month-param.pipe';
import { PriorityJudgementsService } from './priority-judgements.service';

/** A priority's month in the board's performance report: narratives and the chair's rating. A priority is a section of the plan. */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('sections/:id/months/:month')
export class PrioritiesController {
  constructor(private readonly judgements: PriorityJudgementsService) {}

  @Get()
  @ApiOperation({ summary: "A priority's month: \"What the data tells us\", \"Actions / next steps\" and the chair's rating, each with its history" })
  @ApiOkResponse({ type: PriorityMonthResponse })
  @ApiErrors(400, 403, 404)
  month(@Param('id', uuidParam) id: string, @Param('month', monthParam) month: Month) {
    return this.judgements.month(id, month);
  }

  @Put('narrative')
  @ApiOperation({ summary: "Write the priority's narratives for the month (the plan's chair, admins); the earlier text is kept" })
  @ApiOkResponse({ type: NarrativeResponse })
  @ApiErrors(400, 403, 404, 409)
  narrative(@Param('id', uuidParam) id: string, @Param('month', monthParam) month: Month, @Body() dto: NarrativeDto) {
    return this.judgements.writeNarrative(id, month, dto);
  }

  @Put('rating')
  @ApiOperation({ summary: "The chair rates the priority for the month, with a risk label and a reason; it stands over the computed rating" })
  @ApiOkResponse({ type: PriorityRatingResponse })
  @ApiErrors(400, 403, 404, 409)
  rate(@Param('id', uuidParam) id: string, @Param('month', monthParam) month: Month, @Body() dto: PriorityRatingDto) {
    return this.judgements.rate(id, month, dto);
  }

  @Delete('rating')
  @HttpCode(204)
  @ApiOperation({ summary: "Withdraw the chair's rating for the month (?version=N): the computed rating shows again" })
  @ApiNoContentResponse({ description: 'Withdrawn; the withdrawn rating stays in the history' })
  @ApiErrors(400, 403, 404, 409)
  withdraw(@Param('id', uuidParam) id: string, @Param('month', monthParam) month: Month, @Query() query: RequiredVersionQuery) {
    return this.judgements.withdrawRating(id, month, query.version);
  }
}
