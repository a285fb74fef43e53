import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { lockForChange } from '../common/optimistic-lock';
import { Page, pageOf } from '../common/pagination';
import { FieldValidationException } from '../common/validation';
import { recordCascadedDeletes } from './cascaded-deletes';
import { DueDateRefresher } from './due-date.refresher';
import { lockPlanOf } from './plan-lock';
import { CreateRecommendationDto, RecommendationListQuery, UpdateRecommendationDto } from './dto/recommendation.dto';
import { Activity } from './entities/activity.entity';
import { Recommendation } from './entities/recommendation.entity';
import { Section } from './entities/section.entity';
import { loadActivityViews } from './plan-tree.reader';
import { PlanTreeWriter, assertReferencesExist, referencesOfActivities } from './plan-tree.writer';
import { recommendationView } from './views';

type RecommendationView = ReturnType<typeof recommendationView>;

@Injectable()
export class RecommendationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly dueDates: DueDateRefresher,
  ) {}

  async list(query: RecommendationListQuery): Promise<Page<RecommendationView>> {
    const section = await this.dataSource.manager.findOne(Section, { where: { id: query.sectionId } });
    if (!section) throw new NotFoundException(`No section with id ${query.sectionId}`);
    await this.access.assertCanReadPlan(section.planId, this.dataSource.manager, `No section with id ${query.sectionId}`);
    const builder = this.dataSource
      .getRepository(Recommendation)
      .createQueryBuilder('recommendation')
      .where('recommendation.sectionId = :sectionId', { sectionId: query.sectionId });
    if (!(await this.access.readsWholePlan(section.planId))) {
      const holdingOwnWork = builder.subQuery().select('1').from('activities', 'activity').where('activity.recommendation_id = recommendation.id');
      await this.access.scopeActivities(holdingOwnWork, 'activity');
      builder.andWhere(`EXISTS ${holdingOwnWork.getQuery()}`);
    }
    const [recommendations, total] = await builder
      .orderBy('recommendation.number', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(recommendations.map(recommendationView), total, query);
  }

  /** A recommendation with its activities (those the person may read), as the plan lists them. */
  async get(id: string, manager: EntityManager = this.dataSource.manager) {
    const recommendation = await manager.findOne(Recommendation, { where: { id }, relations: { section: true } });
    if (!recommendation) throw new NotFoundException(`No recommendation with id ${id}`);
    const planId = recommendation.section!.planId;
    await this.access.assertCanReadPlan(planId, manager, `No recommendation with id ${id}`);
    let activities = await manager.find(Activity, { where: { recommendationId: id }, order: { position: 'ASC', createdAt: 'ASC' } });
    if (!(await this.access.readsWholePlan(planId, manager))) {
      const readable = await this.access.readableActivityIds(activities.map((a) => a.id), manager);
      activities = activities.filter((activity) => readable.has(activity.id));
      if (activities.length === 0) throw new NotFoundException(`No recommendation with id ${id}`);
    }
    return { ...recommendationView(recommendation), activities: await loadActivityViews(manager, activities) };
  }

  /** Creates the recommendation and its activities together, or nothing. */
  async create(dto: CreateRecommendationDto) {
    return this.dataSource.transaction(async (manager) => {
      const section = await manager.findOne(Section, { where: { id: dto.sectionId } });
      if (!section) throw new FieldValidationException({ sectionId: `no section with id ${dto.sectionId}` });
      await lockPlanOf(manager, { planId: section.planId });
      await assertReferencesExist(manager, referencesOfActivities(dto.activities));
      if (await manager.exists(Recommendation, { where: { sectionId: section.id, number: dto.number } })) {
        throw new FieldValidationException({ number: `section "${section.title}" already has a recommendation ${dto.number}` });
      }
      const recommendation = await new PlanTreeWriter(manager, this.audit, section.planId).insertRecommendation(section.id, dto, section.sourceReference);
      await this.dueDates.refreshPlan(manager, section.planId);
      return this.get(recommendation.id, manager);
    });
  }

  async update(id: string, dto: UpdateRecommendationDto): Promise<RecommendationView> {
    return this.dataSource.transaction(async (manager) => {
      await lockPlanOf(manager, { recommendationId: id });
      const recommendation = await lockForChange(manager, Recommendation, id, dto.version, 'recommendation', recommendationView);
      const before = recommendationView(recommendation);
      if (dto.number !== undefined && dto.number !== recommendation.number) {
        const taken = await manager.exists(Recommendation, { where: { sectionId: recommendation.sectionId, number: dto.number } });
        if (taken) throw new FieldValidationException({ number: `this section already has a recommendation ${dto.number}` });
        recommendation.number = dto.number;
      }
      if (dto.text !== undefined) recommendation.text = dto.text;
      if (dto.sourceReference !== undefined) recommendation.sourceReference = dto.sourceReference ?? null;
      if (dto.band !== undefined) recommendation.band = dto.band;
      if (dto.targetDate !== undefined) recommendation.targetDate = dto.targetDate ?? null;
      if (dto.dueDateOverride !== undefined) recommendation.dueDateOverride = dto.dueDateOverride ?? null;
      if (recommendation.band === 'by_date' && !recommendation.targetDate) {
        throw new FieldValidationException({ targetDate: 'is required when band is by_date' });
      }
      recommendation.version += 1;
      await manager.save(recommendation);
      const section = await manager.findOneOrFail(Section, { where: { id: recommendation.sectionId } });
      await this.dueDates.refreshPlan(manager, section.planId);
      const saved = await manager.findOneOrFail(Recommendation, { where: { id } });
      await this.audit.record(manager, {
        action: 'update',
        entityType: 'recommendation',
        entityId: id,
        planId: section.planId,
        before,
        after: recommendationView(saved),
      });
      return recommendationView(saved);
    });
  }

  async remove(id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockPlanOf(manager, { recommendationId: id });
      const recommendation = await lockForChange(manager, Recommendation, id, version, 'recommendation', recommendationView);
      const section = await manager.findOneOrFail(Section, { where: { id: recommendation.sectionId } });
      await recordCascadedDeletes(manager, this.audit, section.planId, { recommendationId: id });
      await manager.delete(Recommendation, { id });
      await this.audit.record(manager, {
        action: 'delete',
        entityType: 'recommendation',
        entityId: id,
        planId: section.planId,
        before: recommendationView(recommendation),
      });
    });
  }
}
