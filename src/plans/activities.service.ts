import { Injectable, NotFoundException } from '@nestjs/common';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { lockForChange } from '../common/optimistic-lock';
import { Page, pageOf } from '../common/pagination';
import { FieldValidationException } from '../common/validation';
import { refreshPlanDueDates } from './due-date.refresher';
import { lockPlanOf } from './plan-lock';
import { nextPosition, placeAt } from './positions';
import { ActivityListQuery, CreateActivityDto, UpdateActivityDto } from './dto/activity.dto';
import { Activity } from './entities/activity.entity';
import { LeadAgency } from './entities/lead-agency.entity';
import { Plan } from './entities/plan.entity';
import { Recommendation } from './entities/recommendation.entity';
import { CLOSED_ACTIVITY_STATUSES } from './plan-vocabulary';
import { loadActivityDetails } from './plan-tree.reader';
import { PlanTreeWriter, activityColumns, assertReferencesExist, referencesOfSingleActivity } from './plan-tree.writer';
import { ActivityView, activityView } from './views';

// Written out literally (not as a parameter) so PostgreSQL can match the partial index.
const CLOSED_STATUS_LIST = CLOSED_ACTIVITY_STATUSES.map((status) => `'${status}'`).join(', ');

/** An activity with where it sits in its plan, for lists that cut across plans. */
export interface ActivityInPlanView extends ActivityView {
  planId: string;
  planTitle: string;
  sectionId: string;
  sectionTitle: string;
  recommendationNumber: number;
  band: Recommendation['band'];
}

@Injectable()
export class ActivitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  async list(query: ActivityListQuery): Promise<Page<ActivityInPlanView>> {
    const builder = this.dataSource
      .getRepository(Activity)
      .createQueryBuilder('activity')
      .innerJoin('activity.recommendation', 'recommendation')
      .innerJoin('recommendation.section', 'section')
      .innerJoin('section.plan', 'plan')
      .select('activity')
      .addSelect(['recommendation.number', 'recommendation.band', 'section.id', 'section.title', 'section.position', 'plan.id', 'plan.title']);

    const scope = this.access.activityScope('activity');
    if (scope) builder.andWhere(scope.sql, scope.params);
    if (query.planId) builder.andWhere('plan.id = :planId', { planId: query.planId });
    if (query.status?.length) builder.andWhere('activity.status IN (:...statuses)', { statuses: query.status });
    if (query.band?.length) builder.andWhere('recommendation.band IN (:...bands)', { bands: query.band });
    if (query.dueBefore) builder.andWhere('activity.dueDate < :dueBefore', { dueBefore: query.dueBefore });
    if (query.dueAfter) builder.andWhere('activity.dueDate > :dueAfter', { dueAfter: query.dueAfter });
    if (query.overdueAsOf) {
      // Matches the partial index activities_open_due_date_idx.
      builder
        .andWhere('activity.dueDate < :overdueAsOf', { overdueAsOf: query.overdueAsOf })
        .andWhere(`activity.status NOT IN (${CLOSED_STATUS_LIST})`);
    }
    if (query.leadAgencyId) {
      if (!(await this.dataSource.manager.exists(LeadAgency, { where: { id: query.leadAgencyId } }))) {
        throw new FieldValidationException({ leadAgencyId: `no lead agency with id ${query.leadAgencyId}` });
      }
      // A directorate answers for its divisions' activities too.
      builder.andWhere(
        new Brackets((where) =>
          where.where(
            `activity.id IN (
              SELECT link.activity_id FROM activity_lead_agencies link
               WHERE link.lead_agency_id IN (
                 WITH RECURSIVE agency_tree(id) AS (
                   SELECT CAST(:leadAgencyId AS uuid)
                   UNION
                   SELECT child.id FROM lead_agencies child JOIN agency_tree ON child.parent_id = agency_tree.id
                 ) SELECT id FROM agency_tree))`,
            { leadAgencyId: query.leadAgencyId },
          ),
        ),
      );
    }

    const total = await builder.getCount();
    const rows = await builder
      .orderBy('plan.createdAt', 'ASC')
      .addOrderBy('plan.id', 'ASC')
      .addOrderBy('section.position', 'ASC')
      .addOrderBy('recommendation.number', 'ASC')
      .addOrderBy('activity.position', 'ASC')
      .addOrderBy('activity.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawAndEntities();
    const details = await loadActivityDetails(
      this.dataSource.manager,
      rows.entities.map((activity) => activity.id),
    );
    const items = rows.entities.map((activity, index) => {
      const raw = rows.raw[index] as Record<string, unknown>;
      return {
        ...activityView(activity, details.get(activity.id)),
        planId: String(raw.plan_id),
        planTitle: String(raw.plan_title),
        sectionId: String(raw.section_id),
        sectionTitle: String(raw.section_title),
        recommendationNumber: Number(raw.recommendation_number),
        band: raw.recommendation_band as Recommendation['band'],
      };
    });
    return pageOf(items, total, query);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<ActivityView> {
    const activity = await manager.findOne(Activity, { where: { id } });
    if (!activity) throw new NotFoundException(`No activity with id ${id}`);
    await this.access.assertCanReadActivity(id, manager);
    const details = await loadActivityDetails(manager, [id]);
    return activityView(activity, details.get(id));
  }

  async create(dto: CreateActivityDto): Promise<ActivityView> {
    return this.dataSource.transaction(async (manager) => {
      const recommendation = await manager.findOne(Recommendation, { where: { id: dto.recommendationId }, relations: { section: true } });
      if (!recommendation) throw new FieldValidationException({ recommendationId: `no recommendation with id ${dto.recommendationId}` });
      await lockPlanOf(manager, { planId: recommendation.section!.planId });
      await assertReferencesExist(manager, referencesOfSingleActivity(dto));
      const activity = await new PlanTreeWriter(manager, this.audit, recommendation.section!.planId).insertActivity(
        recommendation.id,
        dto,
        await nextPosition(manager, 'activities', recommendation.id),
      );
      if (dto.position !== undefined) await placeAt(manager, 'activities', recommendation.id, activity.id, dto.position);
      await refreshPlanDueDates(manager, recommendation.section!.planId);
      return this.get(activity.id, manager);
    });
  }

  async update(id: string, dto: UpdateActivityDto): Promise<ActivityView> {
    return this.dataSource.transaction(async (manager) => {
      await lockPlanOf(manager, { activityId: id });
      const current = await lockForChange(manager, Activity, id, dto.version, 'activity', (row) => activityView(row, undefined));
      await assertReferencesExist(manager, referencesOfSingleActivity(dto));
      const planId = await this.planIdOf(manager, current.recommendationId);
      const before = await this.get(id, manager);
      const writer = new PlanTreeWriter(manager, this.audit, planId);
      await manager.update(Activity, { id }, { ...activityColumns(dto), version: current.version + 1 });
      if (dto.position !== undefined && dto.position !== current.position) {
        await placeAt(manager, 'activities', current.recommendationId, id, dto.position);
      }
      if (dto.outcomeMeasures !== undefined) await writer.replaceOutcomeMeasures(id, dto.outcomeMeasures);
      if (dto.leadAgencyIds !== undefined) await writer.replaceLeadAgencies(id, dto.leadAgencyIds);
      if (dto.dueDate !== undefined) await refreshPlanDueDates(manager, planId);
      const after = await this.get(id, manager);
      await this.audit.record(manager, { action: 'update', entityType: 'activity', entityId: id, planId, before, after });
      return after;
    });
  }

  async remove(id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockPlanOf(manager, { activityId: id });
      const activity = await lockForChange(manager, Activity, id, version, 'activity', (row) => activityView(row, undefined));
      const planId = await this.planIdOf(manager, activity.recommendationId);
      await manager.delete(Activity, { id });
      await placeAt(manager, 'activities', activity.recommendationId, id, Number.MAX_SAFE_INTEGER);
      await this.audit.record(manager, { action: 'delete', entityType: 'activity', entityId: id, planId, before: activityView(activity, undefined) });
    });
  }

  private async planIdOf(manager: EntityManager, recommendationId: string): Promise<string> {
    const plan = await manager
      .getRepository(Plan)
      .createQueryBuilder('plan')
      .innerJoin('plan.sections', 'section')
      .innerJoin('section.recommendations', 'recommendation')
      .where('recommendation.id = :recommendationId', { recommendationId })
      .getOneOrFail();
    return plan.id;
  }


}
