import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { uuidParam } from '../common/uuid-param.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { ApiErrors, ApiUuidParam, PageOf } from '../common/openapi';
import { VersionQuery } from '../common/version-query';
import { CreatePlanDto, PlanListQuery, UpdatePlanDto } from './dto/plan.dto';
import { PlanListItem, PlanResponse, PlanTreeResponse } from './dto/plan.responses';
import { PlansService } from './plans.service';
import { RidesAuthentication } from '../accounts/authentication-rider';
import { PLAN_CHANGE_MARK_RIDER } from './plan-read-cache';


@ApiBearerAuth()
@ApiTags('plans')
@ApiErrors(401)
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @ApiOperation({ summary: 'The plans you may open, newest first', description: 'Each counted as far as you may see it.' })
  @ApiOkResponse({ type: PageOf(PlanListItem) })
  @ApiErrors(400)
  list(@Query() query: PlanListQuery) {
    return this.plans.list(query);
  }

  /** Creates a plan, optionally with its whole tree, in one transaction. */
  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Create a plan, optionally with its whole tree, in one transaction (admins)' })
  @ApiCreatedResponse({ type: PlanTreeResponse, description: 'The plan as written, with its due dates worked out' })
  @ApiErrors(400, 403, 409, 413)
  create(@Body() dto: CreatePlanDto) {
    return this.plans.create(dto);
  }

  /** The whole plan: sections, recommendations, activities with measures, costs, lead agencies and due dates. */
  // A kept read is then one statement: the session and the plan's change mark together.
  @RidesAuthentication(PLAN_CHANGE_MARK_RIDER)
  @Get(':id')
  @ApiOperation({
    summary: 'The whole plan: tables, recommendations, activities with measures, costs, lead agencies and due dates',
    description: 'A service head sees only the activities their agencies lead or they own, and the tables and recommendations holding them.',
  })
  @ApiOkResponse({ type: PlanTreeResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The plan')
  async tree(@Param('id', uuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    // Sent as the JSON it was kept as: the same bytes Nest would write for the tree.
    const json = await this.plans.treeJson(id);
    response.type('application/json');
    return json;
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: "Change a plan's title, kind, status, source, columns or band offsets (admins)", description: 'A change that moves dates re-derives every due date in the plan.' })
  @ApiOkResponse({ type: PlanResponse })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The plan')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdatePlanDto) {
    return this.plans.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a plan with everything in it (admins)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The plan')
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.plans.remove(id, query.version);
  }
}
