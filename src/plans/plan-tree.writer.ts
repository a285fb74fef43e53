import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { acting } from '../common/request-context';
import { FieldValidationException } from '../common/validation';
import { parseCost } from './domain/cost';
import { parseDueDateInput } from './domain/due-dates';
import { CreateActivityInRecommendationDto } from './dto/activity.dto';
import { CreateRecommendationInSectionDto } from './dto/recommendation.dto';
import { CreateSectionInPlanDto } from './dto/section.dto';
import { ActivityLeadAgency } from './entities/activity-lead-agency.entity';
import { Activity } from './entities/activity.entity';
import { OutcomeMeasure } from './entities/outcome-measure.entity';
import { Recommendation } from './entities/recommendation.entity';
import { Section } from './entities/section.entity';
import { ActivityMilestone } from './entities/activity-milestone.entity';
import { ActivityTimescale } from './entities/activity-timescale.entity';
import { LeadAgency } from './entities/lead-agency.entity';
import { Plan } from './entities/plan.entity';
import type { Cadence, DueDatePrecision } from './plan-vocabulary';
import { activityView, leadAgencyView, planView, recommendationView, sectionView } from './views';

/** A reference to another row in a request, with the field path to name when it is missing. */
export interface Reference {
  path: string;
  id: string;
}

export interface ActivityReferences {
  leadAgencies: Reference[];
  owners: Reference[];
}

type ActivityReferenceFields = Pick<CreateActivityInRecommendationDto, 'leadAgencyIds' | 'ownerId'>;

function referencesOfActivity(activity: ActivityReferenceFields, prefix: string): ActivityReferences {
  return {
    leadAgencies: (activity.leadAgencyIds ?? []).map((id, i) => ({ path: `${prefix}leadAgencyIds[${i}]`, id })),
    owners: activity.ownerId ? [{ path: `${prefix}ownerId`, id: activity.ownerId }] : [],
  };
}

function merge(all: ActivityReferences[]): ActivityReferences {
  return { leadAgencies: all.flatMap((r) => r.leadAgencies), owners: all.flatMap((r) => r.owners) };
}

export function referencesOfActivities(activities: CreateActivityInRecommendationDto[] | undefined, prefix = ''): ActivityReferences {
  return merge((activities ?? []).map((activity, a) => referencesOfActivity(activity, `${prefix}activities[${a}].`)));
}

export function referencesOfRecommendations(recommendations: CreateRecommendationInSectionDto[] | undefined, prefix = ''): ActivityReferences {
  return merge((recommendations ?? []).map((r, i) => referencesOfActivities(r.activities, `${prefix}recommendations[${i}].`)));
}

export function referencesOfSections(sections: CreateSectionInPlanDto[] | undefined): ActivityReferences {
  return merge((sections ?? []).map((section, s) => referencesOfRecommendations(section.recommendations, `sections[${s}].`)));
}

export function referencesOfSingleActivity(activity: ActivityReferenceFields): ActivityReferences {
  return referencesOfActivity(activity, '');
}

/**
 * Refuses the whole write, naming each field, when it refers to lead agencies
 * or owners that do not exist (owners must also be active).
 */
export async function assertReferencesExist(manager: EntityManager, references: ActivityReferences): Promise<void> {
  const errors: Record<string, string> = {};
  const check = async (refs: Reference[], sql: string, label: string) => {
    if (refs.length === 0) return;
    const rows: Array<{ id: string }> = await manager.query(sql, [[...new Set(refs.map((r) => r.id))]]);
    const known = new Set(rows.map((row) => row.id));
    for (const ref of refs) if (!known.has(ref.id)) errors[ref.path] = `no ${label} with id ${ref.id}`;
  };
  await check(references.leadAgencies, 'SELECT id FROM lead_agencies WHERE id = ANY($1::uuid[])', 'lead agency');
  await check(references.owners, 'SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active', 'active user');
  if (Object.keys(errors).length) throw new FieldValidationException(errors, 'Some references do not exist');
}

/** Recommendation numbers must be unique within a table; say which ones clash before the database does. */
export function assertDistinctNumbers(recommendations: CreateRecommendationInSectionDto[] | undefined, prefix: string): void {
  const seen = new Map<number, number>();
  const errors: Record<string, string> = {};
  (recommendations ?? []).forEach((recommendation, index) => {
    const first = seen.get(recommendation.number);
    if (first !== undefined) {
      errors[`${prefix}recommendations[${index}].number`] = `repeats number ${recommendation.number} of ${prefix}recommendations[${first}]`;
    } else seen.set(recommendation.number, index);
  });
  if (Object.keys(errors).length) throw new FieldValidationException(errors);
}

/** The columns of an activity row that come from its create/update fields. */
export function activityColumns(dto: Partial<CreateActivityInRecommendationDto>): Partial<Activity> {
  const columns: Partial<Activity> = {};
  if (dto.text !== undefined) columns.text = dto.text;
  if (dto.costText !== undefined) {
    const cost = parseCost(dto.costText);
    columns.costText = cost.text;
    columns.costKind = cost.kind;
    columns.costAmountPence = cost.amountPence;
    columns.costPeriod = cost.period;
    columns.costAnnualPence = cost.annualPence;
  }
  if (dto.leadAgencyText !== undefined) columns.leadAgencyText = dto.leadAgencyText ?? null;
  if (dto.owner !== undefined) {
    columns.ownerName = dto.owner?.name ?? null;
    columns.ownerEmail = dto.owner?.email ?? null;
  }
  if (dto.ownerId !== undefined) columns.ownerId = dto.ownerId ?? null;
  if (dto.dueDate !== undefined) {
    if (dto.dueDate === null) {
      columns.dueDateOverride = null;
      columns.dueDatePrecision = 'day';
    } else {
      const due = parseDueDateInput(dto.dueDate);
      columns.dueDateOverride = due.date;
      columns.dueDatePrecision = due.precision;
    }
  }
  if (dto.status !== undefined) columns.status = dto.status;
  return columns;
}

/**
 * Writes new sections, recommendations and activities beneath a parent. Runs
 * inside the caller's transaction, so a failure anywhere leaves nothing behind.
 * Due dates are filled in afterwards by refreshPlanDueDates.
 */
export class PlanTreeWriter {
  /** @param audit records each row the writer creates, in the same transaction */
  constructor(
    private readonly manager: EntityManager,
    private readonly audit: AuditService,
    private readonly planId: string,
  ) {}

  async insertSections(planId: string, sections: CreateSectionInPlanDto[], firstPosition: number): Promise<void> {
    for (const [index, dto] of sections.entries()) {
      await this.insertSection(planId, dto, firstPosition + index);
    }
  }

  async insertSection(planId: string, dto: CreateSectionInPlanDto, position: number): Promise<Section> {
    const section = await this.manager.save(
      this.manager.create(Section, { planId, title: dto.title, position, sourceReference: dto.sourceReference ?? null }),
    );
    await this.audit.record(this.manager, { action: 'create', entityType: 'section', entityId: section.id, planId: this.planId, after: sectionView(section) });
    for (const recommendation of dto.recommendations ?? []) {
      await this.insertRecommendation(section.id, recommendation, section.sourceReference);
    }
    return section;
  }

  async insertRecommendation(
    sectionId: string,
    dto: CreateRecommendationInSectionDto,
    sectionSourceReference: string | null = null,
  ): Promise<Recommendation> {
    const recommendation = await this.manager.save(
      this.manager.create(Recommendation, {
        sectionId,
        number: dto.number,
        text: dto.text,
        sourceReference: dto.sourceReference ?? sectionSourceReference,
        band: dto.band,
        targetDate: dto.targetDate ?? null,
        dueDateOverride: dto.dueDateOverride ?? null,
      }),
    );
    await this.audit.record(this.manager, {
      action: 'create',
      entityType: 'recommendation',
      entityId: recommendation.id,
      planId: this.planId,
      after: recommendationView(recommendation),
    });
    await this.insertActivities(recommendation.id, dto.activities ?? [], 1);
    return recommendation;
  }

  async insertActivities(recommendationId: string, activities: CreateActivityInRecommendationDto[], firstPosition: number): Promise<Activity[]> {
    const saved: Activity[] = [];
    for (const [index, dto] of activities.entries()) {
      saved.push(await this.insertActivity(recommendationId, dto, firstPosition + index));
    }
    return saved;
  }

  async insertActivity(recommendationId: string, dto: CreateActivityInRecommendationDto, position: number): Promise<Activity> {
    const activity = await this.manager.save(
      this.manager.create(Activity, {
        recommendationId,
        planId: this.planId,
        position,
        costText: '',
        ...activityColumns({ ...dto, costText: dto.costText ?? '' }),
      }),
    );
    await this.replaceOutcomeMeasures(activity.id, dto.outcomeMeasures ?? []);
    await this.replaceLeadAgencies(activity.id, dto.leadAgencyIds ?? []);
    await this.audit.record(this.manager, {
      action: 'create',
      entityType: 'activity',
      entityId: activity.id,
      planId: this.planId,
      after: { ...activityView(activity, undefined), outcomeMeasures: dto.outcomeMeasures ?? [], leadAgencyIds: dto.leadAgencyIds ?? [] },
    });
    return activity;
  }

  async replaceOutcomeMeasures(activityId: string, measures: string[]): Promise<void> {
    await this.manager.delete(OutcomeMeasure, { activityId });
    if (measures.length === 0) return;
    await this.manager.insert(
      OutcomeMeasure,
      measures.map((text, index) => ({ activityId, text, position: index + 1 })),
    );
  }

  async replaceLeadAgencies(activityId: string, leadAgencyIds: string[]): Promise<void> {
    await this.manager.delete(ActivityLeadAgency, { activityId });
    const distinct = [...new Set(leadAgencyIds)];
    if (distinct.length === 0) return;
    await this.manager.insert(
      ActivityLeadAgency,
      distinct.map((leadAgencyId, index) => ({ activityId, leadAgencyId, position: index + 1 })),
    );
  }

  /** A plan's own fields, changed by an import that fills in what the plan lacked. */
  async updatePlan(changes: Partial<Pick<Plan, 'sourceReportTitle' | 'inspectionStartDate' | 'inspectionEndDate' | 'publishedOn' | 'startsOn' | 'endsOn' | 'abbreviations'>>): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    const plan = await this.manager.findOneOrFail(Plan, { where: { id: this.planId } });
    const before = planView(plan);
    Object.assign(plan, changes);
    plan.version += 1;
    await this.manager.save(plan);
    await this.audit.record(this.manager, { action: 'update', entityType: 'plan', entityId: plan.id, planId: plan.id, before, after: planView(plan) });
  }

  async updateSection(sectionId: string, changes: Partial<Pick<Section, 'sourceReference'>>): Promise<void> {
    const row = await this.manager.findOneOrFail(Section, { where: { id: sectionId } });
    const before = sectionView(row);
    Object.assign(row, changes);
    row.version += 1;
    await this.manager.save(row);
    await this.audit.record(this.manager, { action: 'update', entityType: 'section', entityId: row.id, planId: this.planId, before, after: sectionView(row) });
  }

  async updateRecommendation(recommendationId: string, changes: Partial<Pick<Recommendation, 'text' | 'band' | 'targetDate' | 'sourceReference'>>): Promise<void> {
    const row = await this.manager.findOneOrFail(Recommendation, { where: { id: recommendationId } });
    const before = recommendationView(row);
    Object.assign(row, changes);
    row.version += 1;
    await this.manager.save(row);
    await this.audit.record(this.manager, { action: 'update', entityType: 'recommendation', entityId: row.id, planId: this.planId, before, after: recommendationView(row) });
  }

  /**
   * An activity's own fields from a re-import, at the version the import read;
   * `record` is the change as the import describes it (its fields, timescale
   * and milestones), put on the record in the same transaction.
   */
  async updateActivity(activityId: string, version: number, fields: Partial<CreateActivityInRecommendationDto>, record: { before: object; after: object }): Promise<void> {
    await this.manager.update(Activity, { id: activityId }, { ...activityColumns(fields), version: version + 1 });
    if (fields.outcomeMeasures !== undefined) await this.replaceOutcomeMeasures(activityId, fields.outcomeMeasures);
    if (fields.leadAgencyIds !== undefined) await this.replaceLeadAgencies(activityId, fields.leadAgencyIds);
    await this.audit.record(this.manager, { action: 'update', entityType: 'activity', entityId: activityId, planId: this.planId, ...record });
  }

  /**
   * An activity's "By when" as the plan prints it, and the milestones of a
   * recurring commitment: written when new, changed when the text or cadence
   * changes, and the milestones replaced only when their dates change.
   */
  async writeTimescale(activityId: string, timescale: TimescaleInput): Promise<void> {
    const current = await this.manager.findOne(ActivityTimescale, { where: { activityId } });
    if (current) {
      if (current.text !== timescale.text || current.cadence !== timescale.cadence) {
        const before = { text: current.text, cadence: current.cadence };
        current.text = timescale.text;
        current.cadence = timescale.cadence;
        current.version += 1;
        await this.manager.save(current);
        await this.audit.record(this.manager, { action: 'update', entityType: 'activity_timescale', entityId: activityId, planId: this.planId, before, after: { text: current.text, cadence: current.cadence } });
      }
    } else {
      await this.manager.insert(ActivityTimescale, { activityId, text: timescale.text, cadence: timescale.cadence });
      await this.audit.record(this.manager, { action: 'create', entityType: 'activity_timescale', entityId: activityId, planId: this.planId, after: { activityId, text: timescale.text, cadence: timescale.cadence } });
    }
    const old = await this.manager.find(ActivityMilestone, { where: { activityId }, order: { position: 'ASC' } });
    const key = (date: string, precision: string) => `${date}/${precision}`;
    if (old.map((m) => key(m.dueDate, m.dueDatePrecision)).join() === timescale.milestones.map((m) => key(m.date, m.precision)).join()) return;
    for (const milestone of old) {
      await this.manager.delete(ActivityMilestone, { id: milestone.id });
      await this.audit.record(this.manager, { action: 'delete', entityType: 'activity_milestone', entityId: milestone.id, planId: this.planId, before: { activityId, dueDate: milestone.dueDate, label: milestone.label } });
    }
    for (const [index, milestone] of timescale.milestones.entries()) {
      const saved = await this.manager.save(
        this.manager.create(ActivityMilestone, { activityId, position: index + 1, dueDate: milestone.date, dueDatePrecision: milestone.precision, label: milestone.label }),
      );
      await this.audit.record(this.manager, {
        action: 'create',
        entityType: 'activity_milestone',
        entityId: saved.id,
        planId: this.planId,
        after: { activityId, position: saved.position, dueDate: saved.dueDate, dueDatePrecision: saved.dueDatePrecision, label: saved.label },
      });
    }
  }
}

export interface TimescaleInput {
  text: string;
  cadence: Cadence | null;
  milestones: Array<{ date: string; precision: DueDatePrecision; label: string }>;
}

/**
 * A new plan with its own fields; its tables come after, through a
 * PlanTreeWriter. Its lead officer is the person creating it unless named.
 */
export async function insertPlan(manager: EntityManager, audit: AuditService, fields: Partial<Plan> & Pick<Plan, 'title' | 'kind'>): Promise<Plan> {
  const who = acting();
  const plan = await manager.save(manager.create(Plan, { status: 'draft', leadOfficerId: who.kind === 'person' ? who.actor.id : null, ...stripUndefinedFields(fields) }));
  await audit.record(manager, { action: 'create', entityType: 'plan', entityId: plan.id, planId: plan.id, after: planView(plan) });
  return plan;
}

/** A new lead agency (an import proposing one from a plan's key or lead column). */
export async function insertLeadAgency(manager: EntityManager, audit: AuditService, fields: Pick<LeadAgency, 'name' | 'shortName' | 'aliases' | 'parentId'>): Promise<LeadAgency> {
  const agency = await manager.save(manager.create(LeadAgency, fields));
  await audit.record(manager, { action: 'create', entityType: 'lead_agency', entityId: agency.id, after: leadAgencyView(agency) });
  return agency;
}

function stripUndefinedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
