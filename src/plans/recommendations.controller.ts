import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { VersionQuery } from '../common/version-query';
import { CreateRecommendationDto, RecommendationListQuery, UpdateRecommendationDto } from './dto/recommendation.dto';
import { uuidParam } from '../common/uuid-param.pipe';
import { RecommendationsService } from './recommendations.service';

@ApiBearerAuth()
@ApiTags('recommendations')
@Controller('recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get()
  list(@Query() query: RecommendationListQuery) {
    return this.recommendations.list(query);
  }

  /** Creates a recommendation with its activities in one transaction. */
  @Roles('admin')
  @Post()
  create(@Body() dto: CreateRecommendationDto) {
    return this.recommendations.create(dto);
  }

  @Get(':id')
  get(@Param('id', uuidParam) id: string) {
    return this.recommendations.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateRecommendationDto) {
    return this.recommendations.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.recommendations.remove(id, query.version);
  }
}
