import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { withDefaultOffsets } from '../plans/domain/due-dates';
import { CreateActivityInRecommendationDto } from '../plans/dto/activity.dto';
import { Activity } from '../plans/entities/activity.entity';
import { LeadAgency } from '../plans/entities/lead-agency.entity';
import { Plan } from '../plans/entities/plan.entity';
import { Recommendation } from '../plans/entities/recommendation.entity';
import { Section } from '../plans/entities/section.entity';
import { defaultColumnLabels } from '../plans/plan-vocabulary';
import { nextPosition } from '../plans/positions';
import { PlanTreeWriter, activityColumns } from '../plans/plan-tree.writer';
import { leadAgencyView, planView, recommendationView, sectionView } from '../plans/views';
import { AgencyRef, NewAgency, agencyRefKey } from './agency-matching';
import { ActivityMilestone } from './entities/activity-milestone.entity';
import { ActivityTimescale } from './entities/activity-timescale.entity';
import { ActivityWork, ExistingActivity, ImportWork, linkedAgencies } from './import-diff';
import { ResolvedActivity, ResolvedImport } from './import-resolver';

/**
 * Carries out an import's work inside the caller's transaction: new lead
 * agencies, the plan (new, or the existing one with gaps filled), new rows
 * through the plans module's own tree writer, updates to matched rows with
 * their versions raised, timescales and milestones. Every row created or
 * changed is on the audit record, in the same transaction.
 */
export class ImportWriter {
  private readonly agencyIds = new Map<string, string>();

  constructor(
    private readonly manager: EntityManager,
    private readonly audit: AuditService,
  ) {}

  idOf(ref: AgencyRef): string | null {
    return ref.kind === 'existing' ? ref.id : (this.agencyIds.get(agencyRefKey(ref)) ?? null);
  }

  /** Parents before their divisions, so each new division can point at its new directorate. */
  async createAgencies(agencies: NewAgency[]): Promise<void> {
    const pending = [...agencies];
    const waiting = (agency: NewAgency) =>
      agency.parent?.kind === 'new' && !this.agencyIds.has(agencyRefKey(agency.parent)) && pending.some((other) => agencyRefKey({ kind: 'new', key: other.key }) === agencyRefKey(agency.parent!));
    while (pending.length) {
      const ready = pending.findIndex((agency) => !waiting(agency));
      const [agency] = pending.splice(Math.max(ready, 0), 1);
      const saved = await this.manager.save(
        this.manager.create(LeadAgency, {
          name: agency.name,
          shortName: agency.shortName && agency.shortName.length <= 50 ? agency.shortName : null,
          aliases: [...new Set(agency.aliases.filter((alias) => alias.trim() && alias.length <= 200))].slice(0, 100),
          parentId: agency.parent ? this.idOf(agency.parent) : null,
        }),
      );
      this.agencyIds.set(agencyRefKey({ kind: 'new', key: agency.key }), saved.id);
      await this.audit.record(this.manager, { action: 'create', entityType: 'lead_agency', entityId: saved.id, after: leadAgencyView(saved) });
    }
  }

  async createPlan(resolved: ResolvedImport): Promise<string> {
    const plan = await this.manager.save(
      this.manager.create(Plan, {
        title: resolved.plan.title,
        kind: resolved.plan.kind,
        status: 'draft',
        sourceReportTitle: resolved.plan.source.reportTitle?.slice(0, 500) ?? null,
        inspectionStartDate: resolved.plan.source.inspectionStartDate,
        inspectionEndDate: resolved.plan.source.inspectionEndDate,
        publishedOn: resolved.plan.source.publishedOn,
        startsOn: resolved.plan.startsOn,
        endsOn: resolved.plan.endsOn,
        abbreviations: resolved.plan.abbreviations,
        columnLabels: resolved.plan.columnLabels.length ? resolved.plan.columnLabels : defaultColumnLabels(resolved.plan.kind),
        bandOffsets: withDefaultOffsets(null),
      }),
    );
    await this.audit.record(this.manager, { action: 'create', entityType: 'plan', entityId: plan.id, planId: plan.id, after: planView(plan) });
    return plan.id;
  }

  async updatePlan(planId: string, work: ImportWork): Promise<void> {
    if (Object.keys(work.planChanges).length === 0) return;
    const plan = await this.manager.findOneOrFail(Plan, { where: { id: planId } });
    const before = planView(plan);
    const after = (field: string) => work.planChanges[field]?.after as string | undefined;
    plan.sourceReportTitle = after('source.reportTitle')?.slice(0, 500) ?? plan.sourceReportTitle;
    plan.inspectionStartDate = after('source.inspectionStartDate') ?? plan.inspectionStartDate;
    plan.inspectionEndDate = after('source.inspectionEndDate') ?? plan.inspectionEndDate;
    plan.publishedOn = after('source.publishedOn') ?? plan.publishedOn;
    plan.startsOn = after('startsOn') ?? plan.startsOn;
    plan.endsOn = after('endsOn') ?? plan.endsOn;
    if (work.planChanges.abbreviations) plan.abbreviations = work.planChanges.abbreviations.after as Plan['abbreviations'];
    plan.version += 1;
    await this.manager.save(plan);
    await this.audit.record(this.manager, { action: 'update', entityType: 'plan', entityId: plan.id, planId, before, after: planView(plan) });
  }

  async write(planId: string, work: ImportWork): Promise<void> {
    const tree = new PlanTreeWriter(this.manager, this.audit, planId);
    let sectionPosition = await this.manager.count(Section, { where: { planId } });
    for (const section of work.sections) {
      let sectionId: string;
      if (section.existing) {
        sectionId = section.existing.id;
        if (section.changes.sourceReference) {
          const row = await this.manager.findOneOrFail(Section, { where: { id: sectionId } });
          const before = sectionView(row);
          row.sourceReference = section.resolved.sourceReference;
          row.version += 1;
          await this.manager.save(row);
          await this.audit.record(this.manager, { action: 'update', entityType: 'section', entityId: row.id, planId, before, after: sectionView(row) });
        }
      } else {
        sectionPosition += 1;
        const created = await tree.insertSection(planId, { title: section.resolved.title, sourceReference: section.resolved.sourceReference, recommendations: [] }, sectionPosition);
        sectionId = created.id;
      }
      for (const recommendation of section.recommendations) {
        const resolved = recommendation.resolved;
        let recommendationId: string;
        if (recommendation.existing) {
          recommendationId = recommendation.existing.id;
          if (Object.keys(recommendation.changes).length) {
            const row = await this.manager.findOneOrFail(Recommendation, { where: { id: recommendationId } });
            const before = recommendationView(row);
            if (recommendation.changes.text) row.text = resolved.text;
            if (recommendation.changes.band) row.band = resolved.band;
            if (recommendation.changes.band || recommendation.changes.targetDate) row.targetDate = resolved.band === 'by_date' ? resolved.targetDate : null;
            if (recommendation.changes.sourceReference) row.sourceReference = resolved.sourceReference;
            row.version += 1;
            await this.manager.save(row);
            await this.audit.record(this.manager, { action: 'update', entityType: 'recommendation', entityId: row.id, planId, before, after: recommendationView(row) });
          }
        } else {
          const created = await tree.insertRecommendation(
            sectionId,
            {
              number: resolved.number,
              text: resolved.text,
              band: resolved.band,
              targetDate: resolved.band === 'by_date' ? resolved.targetDate : null,
              sourceReference: resolved.sourceReference,
              activities: [],
            },
            section.resolved.sourceReference,
          );
          recommendationId = created.id;
        }
        let position = recommendation.existing ? await nextPosition(this.manager, 'activities', recommendationId) : 1;
        for (const activity of recommendation.activities) {
          if (activity.existing) await this.updateActivity(planId, tree, activity);
          else {
            const created = await tree.insertActivity(recommendationId, this.activityDto(activity.resolved), position);
            position += 1;
            await this.writeTimescale(planId, created.id, activity.resolved, null);
          }
        }
      }
    }
  }

  private activityDto(activity: ResolvedActivity): CreateActivityInRecommendationDto {
    return {
      text: activity.text,
      outcomeMeasures: activity.outcomeMeasures,
      costText: activity.cost.text,
      leadAgencyText: activity.leadAgencyText,
      leadAgencyIds: [...new Set(linkedAgencies(activity).map((ref) => this.idOf(ref)).filter((id): id is string => !!id))],
      ...(activity.dueDate ? { dueDate: activity.dueDate.precision === 'month' ? activity.dueDate.date.slice(0, 7) : activity.dueDate.date } : {}),
    };
  }

  private async updateActivity(planId: string, tree: PlanTreeWriter, work: ActivityWork): Promise<void> {
    const existing = work.existing!;
    const { changes, resolved } = work;
    if (Object.keys(changes).length === 0) return;
    const before = snapshot(existing);
    const dto = this.activityDto(resolved);
    const columns = activityColumns({
      ...(changes.text ? { text: dto.text } : {}),
      ...(changes.costText ? { costText: dto.costText } : {}),
      ...(changes.leadAgencyText ? { leadAgencyText: dto.leadAgencyText } : {}),
      ...(changes.dueDate ? { dueDate: dto.dueDate } : {}),
    });
    await this.manager.update(Activity, { id: existing.id }, { ...columns, version: existing.version + 1 });
    if (changes.outcomeMeasures) await tree.replaceOutcomeMeasures(existing.id, resolved.outcomeMeasures);
    if (changes.leadAgencies) await tree.replaceLeadAgencies(existing.id, dto.leadAgencyIds ?? []);
    if (changes.timescale || changes.milestones) await this.writeTimescale(planId, existing.id, resolved, existing);
    const after = {
      ...before,
      ...(changes.text ? { text: resolved.text } : {}),
      ...(changes.outcomeMeasures ? { outcomeMeasures: resolved.outcomeMeasures } : {}),
      ...(changes.costText ? { costText: resolved.cost.text } : {}),
      ...(changes.leadAgencyText ? { leadAgencyText: resolved.leadAgencyText } : {}),
      ...(changes.leadAgencies ? { leadAgencyIds: dto.leadAgencyIds ?? [] } : {}),
      ...(changes.dueDate ? { dueDateOverride: resolved.dueDate?.date ?? null } : {}),
      ...(changes.timescale ? { timescale: resolved.timescale?.text ?? null } : {}),
      ...(changes.milestones ? { milestones: resolved.timescale?.milestones.map((m) => m.date) ?? [] } : {}),
      version: existing.version + 1,
    };
    await this.audit.record(this.manager, { action: 'update', entityType: 'activity', entityId: existing.id, planId, before, after });
  }

  private async writeTimescale(planId: string, activityId: string, activity: ResolvedActivity, existing: ExistingActivity | null): Promise<void> {
    const timescale = activity.timescale;
    if (!timescale) return;
    const current = existing?.timescale ? await this.manager.findOne(ActivityTimescale, { where: { activityId } }) : null;
    if (current) {
      if (current.text !== timescale.text || current.cadence !== timescale.cadence) {
        const before = { text: current.text, cadence: current.cadence };
        current.text = timescale.text;
        current.cadence = timescale.cadence;
        current.version += 1;
        await this.manager.save(current);
        await this.audit.record(this.manager, { action: 'update', entityType: 'activity_timescale', entityId: activityId, planId, before, after: { text: current.text, cadence: current.cadence } });
      }
    } else {
      await this.manager.insert(ActivityTimescale, { activityId, text: timescale.text, cadence: timescale.cadence });
      await this.audit.record(this.manager, { action: 'create', entityType: 'activity_timescale', entityId: activityId, planId, after: { activityId, text: timescale.text, cadence: timescale.cadence } });
    }
    const old = existing ? await this.manager.find(ActivityMilestone, { where: { activityId } }) : [];
    const key = (m: { dueDate?: string; date?: string; precision?: string; dueDatePrecision?: string }) => `${m.dueDate ?? m.date}/${m.dueDatePrecision ?? m.precision}`;
    if (old.length && old.map(key).join() === timescale.milestones.map(key).join()) return;
    for (const milestone of old) {
      await this.manager.delete(ActivityMilestone, { id: milestone.id });
      await this.audit.record(this.manager, { action: 'delete', entityType: 'activity_milestone', entityId: milestone.id, planId, before: { activityId, dueDate: milestone.dueDate, label: milestone.label } });
    }
    for (const [index, milestone] of timescale.milestones.entries()) {
      const saved = await this.manager.save(
        this.manager.create(ActivityMilestone, { activityId, position: index + 1, dueDate: milestone.date, dueDatePrecision: milestone.precision, label: milestone.label }),
      );
      await this.audit.record(this.manager, {
        action: 'create',
        entityType: 'activity_milestone',
        entityId: saved.id,
        planId,
        after: { activityId, position: saved.position, dueDate: saved.dueDate, dueDatePrecision: saved.dueDatePrecision, label: saved.label },
      });
    }
  }
}

function snapshot(activity: ExistingActivity) {
  return {
    text: activity.text,
    outcomeMeasures: activity.outcomeMeasures,
    costText: activity.costText,
    leadAgencyText: activity.leadAgencyText,
    leadAgencyIds: activity.leadAgencyIds,
    dueDateOverride: activity.dueDateOverride,
    timescale: activity.timescale?.text ?? null,
    milestones: activity.milestones.map((m) => m.date),
    version: activity.version,
  };
}
