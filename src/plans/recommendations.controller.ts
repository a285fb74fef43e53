import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { VersionQuery } from '../common/version-query';
import { CreateRecommendationDto, RecommendationListQuery, UpdateRecommendationDto } from './dto/recommendation.dto';
import { uuidParam } from '../common/uuid-param.pipe';
import { RecommendationsService } from './recommendations.service';

@ApiTags('recommendations')
@Controller('recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get()
  list(@Query() query: RecommendationListQuery) {
    return this.recommendations.list(query);
  }

  /** Creates a recommendation with its activities in one transaction. */
  @Post()
  create(@Body() dto: CreateRecommendationDto) {
    return this.recommendations.create(dto);
  }

  @Get(':id')
  get(@Param('id', uuidParam) id: string) {
    return this.recommendations.get(id);
  }

  @Patch(':id')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateRecommendationDto) {
    return this.recommendations.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.recommendations.remove(id, query.version);
  }
}
