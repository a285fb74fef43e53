import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { VersionQuery } from '../common/version-query';
import { ActivitiesService } from './activities.service';
import { ActivityListQuery, CreateActivityDto, UpdateActivityDto } from './dto/activity.dto';
import { uuidParam } from '../common/uuid-param.pipe';

@ApiTags('activities')
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  /** Activities across plans, filtered by plan, lead agency, status, band, due dates or overdue as of a date. */
  @Get()
  list(@Query() query: ActivityListQuery) {
    return this.activities.list(query);
  }

  @Post()
  create(@Body() dto: CreateActivityDto) {
    return this.activities.create(dto);
  }

  @Get(':id')
  get(@Param('id', uuidParam) id: string) {
    return this.activities.get(id);
  }

  @Patch(':id')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateActivityDto) {
    return this.activities.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.activities.remove(id, query.version);
  }
}
