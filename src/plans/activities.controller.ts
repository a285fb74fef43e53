import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { VersionQuery } from '../common/version-query';
import { ActivitiesService } from './activities.service';
import { ActivityListQuery, CreateActivityDto, UpdateActivityDto } from './dto/activity.dto';
import { uuidParam } from '../common/uuid-param.pipe';

@ApiBearerAuth()
@ApiTags('activities')
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  /** Activities across plans, filtered by plan, lead agency, status, band, due dates or overdue as of a date. */
  @Get()
  list(@Query() query: ActivityListQuery) {
    return this.activities.list(query);
  }

  @Roles('admin')
  @Post()
  create(@Body() dto: CreateActivityDto) {
    return this.activities.create(dto);
  }

  @Get(':id')
  get(@Param('id', uuidParam) id: string) {
    return this.activities.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateActivityDto) {
    return this.activities.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.activities.remove(id, query.version);
  }
}
