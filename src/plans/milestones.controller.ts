import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { PlanMilestonesResponse } from './dto/plan.responses';
import { Plan } from './entities/plan.entity';
import { loadTimescales } from './plan-tree.reader';

/**
 * The "By when" of each activity as its plan prints it, and the milestones of
 * recurring commitments, for anyone who may read the plan (a service head sees
 * those of the activities they may read).
 */
@ApiBearerAuth()
@ApiTags('plans')
@Controller('plans')
export class MilestonesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
  ) {}

  @Get(':id/milestones')
  @ApiOperation({ summary: 'Each activity\'s "By when" as the plan prints it, and the milestones of recurring commitments' })
  @ApiOkResponse({ type: PlanMilestonesResponse })
  @ApiErrors(400, 401, 404)
  @ApiUuidParam('The plan')
  async list(@Param('id', uuidParam) planId: string) {
    const manager = this.dataSource.manager;
    if (!(await manager.exists(Plan, { where: { id: planId } }))) throw new NotFoundException(`No plan with id ${planId}`);
    await this.access.assertCanReadPlan(planId, manager);
    const rows: Array<{ id: string }> = await (
      await this.access.scopeActivities(
        manager
          .createQueryBuilder()
          .select('activity.id', 'id')
          .from('activities', 'activity')
          .innerJoin('recommendations', 'recommendation', 'recommendation.id = activity.recommendation_id')
          .innerJoin('sections', 'section', 'section.id = recommendation.section_id')
          .where('activity.plan_id = :planId', { planId })
          .orderBy('section.position')
          .addOrderBy('recommendation.number')
          .addOrderBy('activity.position'),
        'activity',
        manager,
      )
    ).getRawMany();
    const timescales = await loadTimescales(manager, rows.map((row) => row.id));
    return {
      items: rows
        .filter((row) => timescales.has(row.id))
        .map((row) => {
          const timescale = timescales.get(row.id)!;
          return { activityId: row.id, timescale: { text: timescale.text, cadence: timescale.cadence }, milestones: timescale.milestones };
        }),
    };
  }
}
