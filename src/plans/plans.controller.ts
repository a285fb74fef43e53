import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { uuidParam } from '../common/uuid-param.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { VersionQuery } from '../common/version-query';
import { CreatePlanDto, PlanListQuery, UpdatePlanDto } from './dto/plan.dto';
import { PlansService } from './plans.service';


@ApiBearerAuth()
@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  list(@Query() query: PlanListQuery) {
    return this.plans.list(query);
  }

  /** Creates a plan, optionally with its whole tree, in one transaction. */
  @Roles('admin')
  @Post()
  create(@Body() dto: CreatePlanDto) {
    return this.plans.create(dto);
  }

  /** The whole plan: sections, recommendations, activities with measures, costs, lead agencies and due dates. */
  @Get(':id')
  tree(@Param('id', uuidParam) id: string) {
    return this.plans.tree(id);
  }

  @Roles('admin')
  @Patch(':id')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdatePlanDto) {
    return this.plans.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.plans.remove(id, query.version);
  }
}
