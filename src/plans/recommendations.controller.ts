import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { ApiErrors, ApiUuidParam, PageOf } from '../common/openapi';
import { VersionQuery } from '../common/version-query';
import { RecommendationResponse, RecommendationWithActivities } from './dto/plan.responses';
import { CreateRecommendationDto, RecommendationListQuery, UpdateRecommendationDto } from './dto/recommendation.dto';
import { uuidParam } from '../common/uuid-param.pipe';
import { RecommendationsService } from './recommendations.service';

@ApiBearerAuth()
@ApiTags('recommendations')
@ApiErrors(401)
@Controller('recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get()
  @ApiOperation({ summary: "A table's recommendations, by number", description: 'A service head sees only the recommendations holding activities they may read.' })
  @ApiOkResponse({ type: PageOf(RecommendationResponse) })
  @ApiErrors(400, 404)
  list(@Query() query: RecommendationListQuery) {
    return this.recommendations.list(query);
  }

  /** Creates a recommendation with its activities in one transaction. */
  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Add a recommendation with its activities, in one transaction (admins)' })
  @ApiCreatedResponse({ type: RecommendationWithActivities })
  @ApiErrors(400, 403, 409, 413)
  create(@Body() dto: CreateRecommendationDto) {
    return this.recommendations.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A recommendation with the activities you may read' })
  @ApiOkResponse({ type: RecommendationWithActivities })
  @ApiErrors(400, 404)
  @ApiUuidParam('The recommendation')
  get(@Param('id', uuidParam) id: string) {
    return this.recommendations.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: "Change a recommendation's number, text, band or dates (admins)", description: 'A change of band or date re-derives the due dates beneath it.' })
  @ApiOkResponse({ type: RecommendationResponse })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The recommendation')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateRecommendationDto) {
    return this.recommendations.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a recommendation with its activities (admins)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The recommendation')
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.recommendations.remove(id, query.version);
  }
}
