import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { ApiErrors, ApiUuidParam, PageOf } from '../common/openapi';
import { VersionQuery } from '../common/version-query';
import { ActivitiesService } from './activities.service';
import { ActivityListQuery, CreateActivityDto, UpdateActivityDto } from './dto/activity.dto';
import { ActivityListItem, ActivityResponse } from './dto/plan.responses';
import { uuidParam } from '../common/uuid-param.pipe';

@ApiBearerAuth()
@ApiTags('activities')
@ApiErrors(401)
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  /** Activities across plans, filtered by plan, lead agency, status, band, due dates or overdue as of a date. */
  @Get()
  @ApiOperation({
    summary: 'Activities across plans, filtered by plan, lead agency, status, band, due dates or overdue as of a date',
    description: 'Only the activities you may read. A lead agency includes its divisions.',
  })
  @ApiOkResponse({ type: PageOf(ActivityListItem) })
  @ApiErrors(400)
  list(@Query() query: ActivityListQuery) {
    return this.activities.list(query);
  }

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Add an activity to a recommendation (admins)' })
  @ApiCreatedResponse({ type: ActivityResponse })
  @ApiErrors(400, 403)
  create(@Body() dto: CreateActivityDto) {
    return this.activities.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An activity with its outcome measures, cost, lead agencies, owner, due date and progress' })
  @ApiOkResponse({ type: ActivityResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The activity')
  get(@Param('id', uuidParam) id: string) {
    return this.activities.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: "Change an activity's text, measures, cost, lead agencies, owner, due date or status (admins)" })
  @ApiOkResponse({ type: ActivityResponse })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The activity')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateActivityDto) {
    return this.activities.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an activity (admins)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The activity')
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.activities.remove(id, query.version);
  }
}
