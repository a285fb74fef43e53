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
import { nextPosition, placeAt } from './positions';
import { CreateSectionDto, SectionListQuery, UpdateSectionDto } from './dto/section.dto';
import { Plan } from './entities/plan.entity';
import { Section } from './entities/section.entity';
import { PlanTreeWriter, assertDistinctNumbers, assertReferencesExist, referencesOfRecommendations } from './plan-tree.writer';
import { sectionView } from './views';

type SectionView = ReturnType<typeof sectionView>;

@Injectable()
export class SectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly dueDates: DueDateRefresher,
  ) {}

  async list(query: SectionListQuery): Promise<Page<SectionView>> {
    if (!(await this.dataSource.manager.exists(Plan, { where: { id: query.planId } }))) {
      throw new NotFoundException(`No plan with id ${query.planId}`);
    }
    await this.access.assertCanReadPlan(query.planId);
    const [sections, total] = await (await this.visibleSections(query.planId))
      .orderBy('section.position', 'ASC')
      .addOrderBy('section.createdAt', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(sections.map(sectionView), total, query);
  }

  async get(id: string): Promise<SectionView> {
    const section = await this.dataSource.manager.findOne(Section, { where: { id } });
    if (!section) throw new NotFoundException(`No section with id ${id}`);
    await this.access.assertCanReadPlan(section.planId, this.dataSource.manager, `No section with id ${id}`);
    const visible = await (await this.visibleSections(section.planId)).andWhere('section.id = :id', { id }).getExists();
    if (!visible) throw new NotFoundException(`No section with id ${id}`);
    return sectionView(section);
  }

  /** A plan's tables as the person sees them: a service head only those holding their activities. */
  private async visibleSections(planId: string) {
    const builder = this.dataSource.getRepository(Section).createQueryBuilder('section').where('section.planId = :planId', { planId });
    if (!(await this.access.readsWholePlan(planId))) {
      const holdingOwnWork = builder
        .subQuery()
        .select('1')
        .from('activities', 'activity')
        .innerJoin('recommendations', 'rec', 'rec.id = activity.recommendation_id')
        .where('rec.section_id = section.id');
      await this.access.scopeActivities(holdingOwnWork, 'activity');
      builder.andWhere(`EXISTS ${holdingOwnWork.getQuery()}`);
    }
    return builder;
  }

  async create(dto: CreateSectionDto): Promise<SectionView> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await manager.findOne(Plan, { where: { id: dto.planId }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw new FieldValidationException({ planId: `no plan with id ${dto.planId}` });
      assertDistinctNumbers(dto.recommendations, '');
      await assertReferencesExist(manager, referencesOfRecommendations(dto.recommendations));
      const section = await new PlanTreeWriter(manager, this.audit, plan.id).insertSection(plan.id, dto, await nextPosition(manager, 'sections', plan.id));
      if (dto.position !== undefined) await placeAt(manager, 'sections', plan.id, section.id, dto.position);
      await this.dueDates.refreshPlan(manager, plan.id);
      return sectionView(section);
    });
  }

  async update(id: string, dto: UpdateSectionDto): Promise<SectionView> {
    return this.dataSource.transaction(async (manager) => {
      await lockPlanOf(manager, { sectionId: id });
      const section = await lockForChange(manager, Section, id, dto.version, 'section', sectionView);
      const before = sectionView(section);
      if (dto.title !== undefined) section.title = dto.title;
      if (dto.sourceReference !== undefined) section.sourceReference = dto.sourceReference ?? null;
      section.version += 1;
      await manager.save(section);
      if (dto.position !== undefined && dto.position !== section.position) {
        await placeAt(manager, 'sections', section.planId, section.id, dto.position);
        section.position = (await manager.findOneByOrFail(Section, { id })).position;
      }
      await this.audit.record(manager, { action: 'update', entityType: 'section', entityId: id, planId: section.planId, before, after: sectionView(section) });
      return sectionView(section);
    });
  }

  async remove(id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockPlanOf(manager, { sectionId: id });
      const section = await lockForChange(manager, Section, id, version, 'section', sectionView);
      await recordCascadedDeletes(manager, this.audit, section.planId, { sectionId: id });
      await manager.delete(Section, { id });
      await placeAt(manager, 'sections', section.planId, id, Number.MAX_SAFE_INTEGER);
      await this.audit.record(manager, { action: 'delete', entityType: 'section', entityId: id, planId: section.planId, before: sectionView(section) });
    });
  }


}
