import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiUuidParam, PageOf } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { VersionQuery } from '../common/version-query';
import { MonitoredRecommendationResponse } from './boards.responses';
import { CreateScrutinyRecommendationDto, ScrutinyDecisionDto, ScrutinyListQuery, UpdateScrutinyRecommendationDto } from './dto/boards.dto';
import { ScrutinyService } from './scrutiny.service';

const CHAIR_ONLY = { status: 403 as const, description: "A scrutiny panel's monitoring list is kept by its chair (and admins)" };

/** A scrutiny panel's recommendations to the service, and its decisions about them. */
@ApiBearerAuth()
@ApiTags('boards')
@ApiErrors(401)
@Controller('scrutiny-recommendations')
export class ScrutinyController {
  constructor(private readonly scrutiny: ScrutinyService) {}

  @Get()
  @ApiOperation({ summary: "A scrutiny panel's monitoring list: what is still monitored (show=all: every recommendation, with why it left)" })
  @ApiOkResponse({ type: PageOf(MonitoredRecommendationResponse) })
  @ApiErrors(400, 404)
  list(@Query() query: ScrutinyListQuery) {
    return this.scrutiny.list(query);
  }

  @Post()
  @ApiOperation({ summary: "Add a recommendation the panel made to the service (the panel's chair, admins)" })
  @ApiCreatedResponse({ type: MonitoredRecommendationResponse })
  @ApiErrors(400, CHAIR_ONLY, 404)
  create(@Body() dto: CreateScrutinyRecommendationDto) {
    return this.scrutiny.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: "One of a panel's recommendations, with its decisions and whether it is still monitored" })
  @ApiOkResponse({ type: MonitoredRecommendationResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The recommendation')
  get(@Param('id', uuidParam) id: string) {
    return this.scrutiny.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a recommendation: the service's action taken, its progress status (paused with a reason), or that it was rejected" })
  @ApiOkResponse({ type: MonitoredRecommendationResponse })
  @ApiErrors(400, CHAIR_ONLY, 404, 409)
  @ApiUuidParam('The recommendation')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateScrutinyRecommendationDto) {
    return this.scrutiny.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a recommendation recorded by mistake, with its decisions' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, CHAIR_ONLY, 404, 409)
  @ApiUuidParam('The recommendation')
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.scrutiny.remove(id, query.version);
  }

  @Post(':id/decisions')
  @ApiOperation({
    summary: "Record the panel's decision at a meeting: a completed item accepted (it leaves the list) or not accepted (it stays), or a rejection reported to it (it leaves)",
  })
  @ApiCreatedResponse({ type: MonitoredRecommendationResponse })
  @ApiErrors(400, CHAIR_ONLY, 404)
  @ApiUuidParam('The recommendation')
  decide(@Param('id', uuidParam) id: string, @Body() dto: ScrutinyDecisionDto) {
    return this.scrutiny.decide(id, dto);
  }
}
