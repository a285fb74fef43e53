import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { DomainEvents } from '../common/domain-events';
import { lockForChange } from '../common/optimistic-lock';
import { Page, pageOf } from '../common/pagination';
import { FieldValidationException } from '../common/validation';
import { bandOffsetProblems, withDefaultOffsets } from './domain/due-dates';
import { recordCascadedDeletes } from './cascaded-deletes';
import { DueDateRefresher } from './due-date.refresher';
import { CreatePlanDto, PlanListQuery, UpdatePlanDto } from './dto/plan.dto';
import { Plan } from './entities/plan.entity';
import { PlanAbbreviation, defaultColumnLabels } from './plan-vocabulary';
import { PlanReadCache, stringBytes } from './plan-read-cache';
import { PlanTreeView, loadPlanTree } from './plan-tree.reader';
import { PlanTreeWriter, assertDistinctNumbers, assertReferencesExist, insertPlan, referencesOfSections } from './plan-tree.writer';
import { PlanView, planView } from './views';

export interface PlanSummary extends PlanView {
  counts: { sections: number; recommendations: number; activities: number };
}

@Injectable()
export class PlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly dueDates: DueDateRefresher,
    private readonly events: DomainEvents,
    private readonly kept: PlanReadCache,
  ) {}

  /** The plans the person may open. */
  async list(query: PlanListQuery): Promise<Page<PlanSummary>> {
    const builder = await this.access.scopePlans(this.dataSource.getRepository(Plan).createQueryBuilder('plan'), 'plan');
    if (query.status) builder.andWhere('plan.status = :status', { status: query.status });
    if (query.kind) builder.andWhere('plan.kind = :kind', { kind: query.kind });
    const [plans, total] = await builder
      .orderBy('plan.createdAt', 'DESC')
      .addOrderBy('plan.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const planIds = plans.map((plan) => plan.id);
    const whole = await this.access.plansReadWhole(planIds);
    // People who see part of a plan see it counted as far as they can see it.
    const counts = new Map([
      ...(await this.countsFor(planIds.filter((id) => whole.has(id)))),
      ...(await this.scopedCountsFor(planIds.filter((id) => !whole.has(id)))),
    ]);
    return pageOf(
      plans.map((plan) => ({ ...planView(plan), counts: counts.get(plan.id) ?? { sections: 0, recommendations: 0, activities: 0 } })),
      total,
      query,
    );
  }

  async create(dto: CreatePlanDto): Promise<PlanTreeView> {
    this.assertSourceDates(dto.source);
    assertPeriod(dto.startsOn, dto.endsOn);
    const offsets = withDefaultOffsets(dto.bandOffsets);
    this.assertOffsets(offsets);
    const planId = await this.dataSource.transaction(async (manager) => {
      (dto.sections ?? []).forEach((section, index) => assertDistinctNumbers(section.recommendations, `sections[${index}].`));
      const references = referencesOfSections(dto.sections);
      if (dto.leadOfficerId) references.owners.push({ path: 'leadOfficerId', id: dto.leadOfficerId });
      await assertReferencesExist(manager, references);
      const plan = await insertPlan(manager, this.audit, {
        title: dto.title,
        kind: dto.kind,
        status: dto.status ?? 'draft',
        sourceReportTitle: dto.source?.reportTitle ?? null,
        inspectionStartDate: dto.source?.inspectionStartDate ?? null,
        inspectionEndDate: dto.source?.inspectionEndDate ?? null,
        publishedOn: dto.source?.publishedOn ?? null,
        startsOn: dto.startsOn ?? null,
        endsOn: dto.endsOn ?? null,
        abbreviations: plainAbbreviations(dto.abbreviations),
        columnLabels: dto.columnLabels ?? defaultColumnLabels(dto.kind),
        bandOffsets: offsets,
        leadOfficerId: dto.leadOfficerId ?? undefined,
      });
      await new PlanTreeWriter(manager, this.audit, plan.id).insertSections(plan.id, dto.sections ?? [], 1);
      await this.dueDates.refreshPlan(manager, plan.id);
      return plan.id;
    });
    return this.tree(planId);
  }

  /**
   * The whole plan for admins, its chair and its viewers; a service head sees
   * the plan only as far as the activities they lead or own.
   */
  async tree(id: string, manager: EntityManager = this.dataSource.manager): Promise<PlanTreeView> {
    await this.access.assertCanReadPlan(id, manager);
    const tree = await loadPlanTree(manager, id);
    if (!tree) throw new NotFoundException(`No plan with id ${id}`);
    if (await this.access.readsWholePlan(id, manager)) return tree;
    const allIds = tree.sections.flatMap((section) => section.recommendations.flatMap((r) => r.activities.map((a) => a.id)));
    const readable = await this.access.readableActivityIds(allIds, manager);
    return narrowTree(tree, readable);
  }

  /**
   * The tree as the API sends it (JSON). The whole tree is the same for
   * everyone who reads the whole plan, so it is kept between reads while the
   * plan is unchanged (PlanReadCache); a tree narrowed to a person's reach is
   * made for them each time.
   */
  async treeJson(id: string): Promise<string> {
    await this.access.assertCanReadPlan(id);
    if (!(await this.access.readsWholePlan(id))) return JSON.stringify(await this.tree(id));
    const json = await this.kept.read(
      id,
      'tree',
      async () => {
        const tree = await loadPlanTree(this.dataSource.manager, id);
        return tree && JSON.stringify(tree);
      },
      stringBytes,
    );
    if (json === null) throw new NotFoundException(`No plan with id ${id}`);
    return json;
  }

  async update(id: string, dto: UpdatePlanDto): Promise<PlanView> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await lockForChange(manager, Plan, id, dto.version, 'plan', planView);
      const before = planView(plan);
      const source = {
        inspectionStartDate: plan.inspectionStartDate,
        inspectionEndDate: plan.inspectionEndDate,
        publishedOn: plan.publishedOn,
        ...stripUndefined(dto.source ?? {}),
      };
      this.assertSourceDates(source);
      if (dto.title !== undefined) plan.title = dto.title;
      if (dto.kind !== undefined) plan.kind = dto.kind;
      if (dto.status !== undefined) plan.status = dto.status;
      if (dto.columnLabels !== undefined) plan.columnLabels = dto.columnLabels;
      if (dto.startsOn !== undefined) plan.startsOn = dto.startsOn ?? null;
      if (dto.endsOn !== undefined) plan.endsOn = dto.endsOn ?? null;
      assertPeriod(plan.startsOn, plan.endsOn);
      if (dto.abbreviations !== undefined) plan.abbreviations = plainAbbreviations(dto.abbreviations);
      if (dto.leadOfficerId !== undefined) {
        if (dto.leadOfficerId) await assertReferencesExist(manager, { leadAgencies: [], owners: [{ path: 'leadOfficerId', id: dto.leadOfficerId }] });
        plan.leadOfficerId = dto.leadOfficerId;
      }
      if (dto.source) {
        if (dto.source.reportTitle !== undefined) plan.sourceReportTitle = dto.source.reportTitle ?? null;
        if (dto.source.inspectionStartDate !== undefined) plan.inspectionStartDate = dto.source.inspectionStartDate ?? null;
        if (dto.source.inspectionEndDate !== undefined) plan.inspectionEndDate = dto.source.inspectionEndDate ?? null;
        if (dto.source.publishedOn !== undefined) plan.publishedOn = dto.source.publishedOn ?? null;
      }
      if (dto.bandOffsets !== undefined) {
        plan.bandOffsets = { ...withDefaultOffsets(plan.bandOffsets), ...stripUndefined(dto.bandOffsets) };
        this.assertOffsets(plan.bandOffsets);
      }
      plan.version += 1;
      await manager.save(plan);
      await this.dueDates.refreshPlan(manager, plan.id);
      await this.audit.record(manager, { action: 'update', entityType: 'plan', entityId: plan.id, planId: plan.id, before, after: planView(plan) });
      return planView(plan);
    });
  }

  async remove(id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const plan = await lockForChange(manager, Plan, id, version, 'plan', planView);
      await recordCascadedDeletes(manager, this.audit, id, { planId: id });
      await this.events.emit(manager, 'plan-rows-deleting', { planId: id });
      await manager.delete(Plan, { id });
      await this.audit.record(manager, { action: 'delete', entityType: 'plan', entityId: id, planId: id, before: planView(plan) });
    });
  }

  /** Ofsted inspects, then publishes: dates the other way round are a typing slip worth catching. */
  private assertSourceDates(
    source: { inspectionStartDate?: string | null; inspectionEndDate?: string | null; publishedOn?: string | null } | undefined,
  ): void {
    const errors: Record<string, string> = {};
    if (source?.inspectionStartDate && source.inspectionEndDate && source.inspectionEndDate < source.inspectionStartDate) {
      errors['source.inspectionEndDate'] = 'must not be before source.inspectionStartDate';
    }
    const lastInspectionDay = source?.inspectionEndDate ?? source?.inspectionStartDate;
    if (source?.publishedOn && lastInspectionDay && source.publishedOn < lastInspectionDay) {
      errors['source.publishedOn'] = 'must not be before the inspection';
    }
    if (Object.keys(errors).length) throw new FieldValidationException(errors);
  }

  private assertOffsets(offsets: Plan['bandOffsets']): void {
    const problems = bandOffsetProblems(offsets);
    if (Object.keys(problems).length) throw new FieldValidationException(problems);
  }

  /** Counts of only the activities the person may read, and the tables and recommendations holding them. */
  private async scopedCountsFor(planIds: string[]) {
    const counts = new Map<string, { sections: number; recommendations: number; activities: number }>();
    if (planIds.length === 0) return counts;
    const query = this.dataSource
      .createQueryBuilder()
      .select('activity.plan_id', 'plan_id')
      .addSelect('COUNT(DISTINCT recommendation.section_id)', 'sections')
      .addSelect('COUNT(DISTINCT activity.recommendation_id)', 'recommendations')
      .addSelect('COUNT(*)', 'activities')
      .from('activities', 'activity')
      .innerJoin('recommendations', 'recommendation', 'recommendation.id = activity.recommendation_id')
      .where('activity.plan_id = ANY(CAST(:planIds AS uuid[]))', { planIds })
      .groupBy('activity.plan_id');
    const rows = await (await this.access.scopeActivities(query, 'activity')).getRawMany<{ plan_id: string; sections: string; recommendations: string; activities: string }>();
    for (const row of rows) {
      counts.set(row.plan_id, { sections: Number(row.sections), recommendations: Number(row.recommendations), activities: Number(row.activities) });
    }
    return counts;
  }

  private async countsFor(planIds: string[]) {
    const counts = new Map<string, { sections: number; recommendations: number; activities: number }>();
    if (planIds.length === 0) return counts;
    const rows: Array<{ plan_id: string; sections: string; recommendations: string; activities: string }> = await this.dataSource.query(
      `SELECT s.plan_id,
              COUNT(DISTINCT s.id) AS sections,
              COUNT(DISTINCT r.id) AS recommendations,
              COUNT(DISTINCT a.id) AS activities
         FROM sections s
         LEFT JOIN recommendations r ON r.section_id = s.id
         LEFT JOIN activities a ON a.recommendation_id = r.id
        WHERE s.plan_id = ANY($1::uuid[])
        GROUP BY s.plan_id`,
      [planIds],
    );
    for (const row of rows) {
      counts.set(row.plan_id, {
        sections: Number(row.sections),
        recommendations: Number(row.recommendations),
        activities: Number(row.activities),
      });
    }
    return counts;
  }
}

/** The tree with only the given activities, and the recommendations and tables that hold them. */
function narrowTree(tree: PlanTreeView, readable: Set<string>): PlanTreeView {
  const sections = tree.sections
    .map((section) => ({
      ...section,
      recommendations: section.recommendations
        .map((recommendation) => ({ ...recommendation, activities: recommendation.activities.filter((a) => readable.has(a.id)) }))
        .filter((recommendation) => recommendation.activities.length > 0),
    }))
    .filter((section) => section.recommendations.length > 0)
    .map((section) => ({
      ...section,
      counts: {
        recommendations: section.recommendations.length,
        activities: section.recommendations.reduce((sum, r) => sum + r.activities.length, 0),
      },
    }));
  const recommendations = sections.flatMap((section) => section.recommendations);
  const byBand = Object.fromEntries(
    Object.keys(tree.counts.byBand).map((band) => {
      const inBand = recommendations.filter((r) => r.band === band);
      return [band, { recommendations: inBand.length, activities: inBand.reduce((sum, r) => sum + r.activities.length, 0) }];
    }),
  ) as PlanTreeView['counts']['byBand'];
  return {
    ...tree,
    counts: {
      sections: sections.length,
      recommendations: recommendations.length,
      activities: recommendations.reduce((sum, r) => sum + r.activities.length, 0),
      byBand,
    },
    sections,
  };
}

/** A period that ends before it starts is a typing slip: refused naming endsOn. */
export function assertPeriod(startsOn: string | null | undefined, endsOn: string | null | undefined): void {
  if (startsOn && endsOn && endsOn < startsOn) throw new FieldValidationException({ endsOn: 'must not be before startsOn' });
}

function plainAbbreviations(entries: Array<{ abbreviation: string; meaning: string }> | undefined): PlanAbbreviation[] {
  return (entries ?? []).map(({ abbreviation, meaning }) => ({ abbreviation: abbreviation.trim(), meaning: meaning.trim() }));
}

export function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
