import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, In } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { Plan } from '../plans/entities/plan.entity';
import { ActivityMilestone } from './entities/activity-milestone.entity';
import { ActivityTimescale } from './entities/activity-timescale.entity';
import { PlanMilestonesResponse } from './import.responses';

/**
 * The "By when" of each activity as its plan prints it, and the milestones of
 * recurring commitments, for anyone who may read the plan (a service head sees
 * those of the activities they may read).
 */
@ApiBearerAuth()
@ApiTags('imports')
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
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT a.id FROM activities a JOIN recommendations r ON r.id = a.recommendation_id JOIN sections s ON s.id = r.section_id
        WHERE s.plan_id = $1 ORDER BY s.position, r.number, a.position`,
      [planId],
    );
    const readable = await this.access.readableActivityIds(rows.map((row) => row.id), manager);
    const ids = rows.map((row) => row.id).filter((id) => readable.has(id));
    if (ids.length === 0) return { items: [] };
    const [timescales, milestones] = await Promise.all([
      manager.find(ActivityTimescale, { where: { activityId: In(ids) } }),
      manager.find(ActivityMilestone, { where: { activityId: In(ids) }, order: { position: 'ASC' } }),
    ]);
    const timescaleOf = new Map(timescales.map((t) => [t.activityId, t]));
    return {
      items: ids
        .filter((id) => timescaleOf.has(id))
        .map((id) => ({
          activityId: id,
          timescale: { text: timescaleOf.get(id)!.text, cadence: timescaleOf.get(id)!.cadence },
          milestones: milestones.filter((m) => m.activityId === id).map((m) => ({ dueDate: m.dueDate, precision: m.dueDatePrecision, label: m.label })),
        })),
    };
  }
}
