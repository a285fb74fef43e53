import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { lockForChange } from '../common/optimistic-lock';
import { Page, pageOf } from '../common/pagination';
import { FieldValidationException } from '../common/validation';
import { recordCascadedDeletes } from './cascaded-deletes';
import { DueDateRefresher } from './due-date.refresher';
import { loadAgencyTree } from './agency-tree.loader';
import { lockPlanOf } from './plan-lock';
import { nextPosition, placeAt } from './positions';
import { ActivityListQuery, CreateActivityDto, UpdateActivityDto } from './dto/activity.dto';
import { Activity } from './entities/activity.entity';
import { LeadAgency } from './entities/lead-agency.entity';
import { Plan } from './entities/plan.entity';
import { Recommendation } from './entities/recommendation.entity';
import { CLOSED_ACTIVITY_STATUSES_SQL } from './plan-vocabulary';
import { loadActivityDetails } from './plan-tree.reader';
import { PlanTreeWriter, activityColumns, assertReferencesExist, referencesOfSingleActivity } from './plan-tree.writer';
import { ActivityView, activityView } from './views';


/** What progress reporting, verification and the chair may change on an activity. */
export type StandingChange = Partial<
  Pick<Activity, 'status' | 'percentComplete' | 'lastReportedAt' | 'verifiedAt' | 'verifiedById' | 'verificationNote'>
>;

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
    private readonly dueDates: DueDateRefresher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(query: ActivityListQuery): Promise<Page<ActivityInPlanView>> {
    // Filters on the activities table itself (and its recommendation, a
    // many-to-one join), so the count is a plain count the indexes can serve.
    const filtered = this.dataSource.createQueryBuilder().from('activities', 'activity');
    if (query.band?.length) {
      filtered
        .innerJoin('recommendations', 'band_recommendation', 'band_recommendation.id = activity.recommendation_id')
        .andWhere('band_recommendation.band IN (:...bands)', { bands: query.band });
    }
    await this.access.scopeActivities(filtered, 'activity');
    if (query.planId) filtered.andWhere('activity.plan_id = :planId', { planId: query.planId });
    if (query.status?.length) filtered.andWhere('activity.status IN (:...statuses)', { statuses: query.status });
    if (query.dueBefore) filtered.andWhere('activity.due_date < :dueBefore', { dueBefore: query.dueBefore });
    if (query.dueAfter) filtered.andWhere('activity.due_date > :dueAfter', { dueAfter: query.dueAfter });
    if (query.overdueAsOf) {
      // Matches the partial index activities_open_due_date_idx.
      filtered.andWhere('activity.due_date < :overdueAsOf', { overdueAsOf: query.overdueAsOf }).andWhere(`activity.status NOT IN ${CLOSED_ACTIVITY_STATUSES_SQL}`);
    }
    if (query.leadAgencyId) {
      if (!(await this.dataSource.manager.exists(LeadAgency, { where: { id: query.leadAgencyId } }))) {
        throw new FieldValidationException({ leadAgencyId: `no lead agency with id ${query.leadAgencyId}` });
      }
      // A directorate answers for its divisions' activities too.
      const agencies = (await loadAgencyTree(this.dataSource.manager)).withDivisions([query.leadAgencyId]);
      const led = filtered
        .subQuery()
        .select('1')
        .from('activity_lead_agencies', 'link')
        .where('link.activity_id = activity.id')
        .andWhere('link.lead_agency_id = ANY(CAST(:leadAgencyIds AS uuid[]))', { leadAgencyIds: [...agencies] });
      filtered.andWhere(`EXISTS ${led.getQuery()}`);
    }

    const counted = await filtered.clone().select('COUNT(*)', 'total').getRawOne<{ total: string }>();
    const page = await filtered
      .clone()
      .select('activity.id', 'id')
      .innerJoin('recommendations', 'recommendation', 'recommendation.id = activity.recommendation_id')
      .innerJoin('sections', 'section', 'section.id = recommendation.section_id')
      .innerJoin('plans', 'plan', 'plan.id = activity.plan_id')
      .addSelect(['plan.id AS plan_id', 'plan.title AS plan_title', 'section.id AS section_id', 'section.title AS section_title'])
      .addSelect(['recommendation.number AS recommendation_number', 'recommendation.band AS recommendation_band'])
      .orderBy('plan.created_at', 'ASC')
      .addOrderBy('plan.id', 'ASC')
      .addOrderBy('section.position', 'ASC')
      .addOrderBy('recommendation.number', 'ASC')
      .addOrderBy('activity.position', 'ASC')
      .addOrderBy('activity.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany<{ id: string; plan_id: string; plan_title: string; section_id: string; section_title: string; recommendation_number: number; recommendation_band: Recommendation['band'] }>();
    const ids = page.map((row) => row.id);
    const [activities, details] = await Promise.all([
      ids.length ? this.dataSource.manager.find(Activity, { where: { id: In(ids) } }) : Promise.resolve([]),
      loadActivityDetails(this.dataSource.manager, ids),
    ]);
    const byId = new Map(activities.map((activity) => [activity.id, activity]));
    const items = page.map((row) => ({
      ...activityView(byId.get(row.id)!, details.get(row.id)),
      planId: row.plan_id,
      planTitle: row.plan_title,
      sectionId: row.section_id,
      sectionTitle: row.section_title,
      recommendationNumber: Number(row.recommendation_number),
      band: row.recommendation_band,
    }));
    return pageOf(items, Number(counted?.total ?? 0), query);
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
      await this.dueDates.refreshPlan(manager, recommendation.section!.planId);
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
      const stamp = this.clock.stamp();
      await manager.update(Activity, { id }, { ...activityColumns(dto), version: current.version + 1, ...(stamp ? { standingRecordedAt: stamp } : {}) });
      if (dto.position !== undefined && dto.position !== current.position) {
        await placeAt(manager, 'activities', current.recommendationId, id, dto.position);
      }
      if (dto.outcomeMeasures !== undefined) await writer.replaceOutcomeMeasures(id, dto.outcomeMeasures);
      if (dto.leadAgencyIds !== undefined) await writer.replaceLeadAgencies(id, dto.leadAgencyIds);
      if (dto.dueDate !== undefined) await this.dueDates.refreshPlan(manager, planId);
      const after = await this.get(id, manager);
      await this.audit.record(manager, { action: 'update', entityType: 'activity', entityId: id, planId, before, after });
      return after;
    });
  }

  async remove(id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockPlanOf(manager, { activityId: id });
      const activity = await lockForChange(manager, Activity, id, version, 'activity', (row) => activityView(row, undefined));
      const planId = activity.planId;
      const before = await this.get(id, manager);
      await recordCascadedDeletes(manager, this.audit, planId, { activityId: id });
      await manager.delete(Activity, { id });
      await placeAt(manager, 'activities', activity.recommendationId, id, Number.MAX_SAFE_INTEGER);
      await this.audit.record(manager, { action: 'delete', entityType: 'activity', entityId: id, planId, before });
    });
  }

  /**
   * Locks an activity for a change to its standing (a progress report, a
   * verification, the chair's override): the plan first, as every write in a
   * plan does, then the row, refusing a stale version with 409 when one is given.
   */
  async lockForStanding(manager: EntityManager, id: string, expectedVersion: number | undefined): Promise<Activity> {
    await lockPlanOf(manager, { activityId: id });
    if (expectedVersion !== undefined) return lockForChange(manager, Activity, id, expectedVersion, 'activity', (row) => activityView(row, undefined));
    const activity = await manager.findOne(Activity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!activity) throw new NotFoundException(`No activity with id ${id}`);
    return activity;
  }

  /**
   * Writes a new standing on an activity locked by lockForStanding, raising
   * its version, and puts the change on the record. `recordedAt` stamps the
   * standing's start (null: the database's time, see Clock).
   */
  async recordStanding(manager: EntityManager, activity: Activity, change: StandingChange, recordedAt: Date | null): Promise<ActivityView> {
    const before = activityView(activity, undefined);
    Object.assign(activity, change);
    activity.version += 1;
    if (recordedAt) activity.standingRecordedAt = recordedAt;
    await manager.save(activity);
    const after = activityView(activity, undefined);
    if (Object.keys(change).length) {
      await this.audit.record(manager, { action: 'update', entityType: 'activity', entityId: activity.id, planId: activity.planId, before, after });
    }
    return after;
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
