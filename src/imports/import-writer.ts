import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { withDefaultOffsets } from '../plans/domain/due-dates';
import { CreateActivityInRecommendationDto } from '../plans/dto/activity.dto';
import { Plan } from '../plans/entities/plan.entity';
import { Section } from '../plans/entities/section.entity';
import { defaultColumnLabels } from '../plans/plan-vocabulary';
import { nextPosition } from '../plans/positions';
import { PlanTreeWriter, TimescaleInput, insertLeadAgency, insertPlan } from '../plans/plan-tree.writer';
import { AgencyRef, NewAgency, agencyRefKey } from './agency-matching';
import { ActivityWork, ExistingActivity, ImportWork, linkedAgencies } from './import-diff';
import { ResolvedActivity, ResolvedImport } from './import-resolver';

/**
 * Carries out an import's work inside the caller's transaction, through the
 * plans module's writer (the only writer of the plan tree): new lead
 * agencies, the plan (new, or the existing one with gaps filled), new rows,
 * updates to matched rows with their versions raised, timescales and
 * milestones. Every row created or changed is on the record, in the same
 * transaction.
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
      const saved = await insertLeadAgency(this.manager, this.audit, {
        name: agency.name,
        shortName: agency.shortName && agency.shortName.length <= 50 ? agency.shortName : null,
        aliases: [...new Set(agency.aliases.filter((alias) => alias.trim() && alias.length <= 200))].slice(0, 100),
        parentId: agency.parent ? this.idOf(agency.parent) : null,
      });
      this.agencyIds.set(agencyRefKey({ kind: 'new', key: agency.key }), saved.id);
    }
  }

  async createPlan(resolved: ResolvedImport): Promise<string> {
    const plan = await insertPlan(this.manager, this.audit, {
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
    });
    return plan.id;
  }

  async updatePlan(planId: string, work: ImportWork): Promise<void> {
    const after = (field: string) => work.planChanges[field]?.after as string | undefined;
    const changes: Parameters<PlanTreeWriter['updatePlan']>[0] = {};
    if (after('source.reportTitle') !== undefined) changes.sourceReportTitle = after('source.reportTitle')!.slice(0, 500);
    if (after('source.inspectionStartDate') !== undefined) changes.inspectionStartDate = after('source.inspectionStartDate')!;
    if (after('source.inspectionEndDate') !== undefined) changes.inspectionEndDate = after('source.inspectionEndDate')!;
    if (after('source.publishedOn') !== undefined) changes.publishedOn = after('source.publishedOn')!;
    if (after('startsOn') !== undefined) changes.startsOn = after('startsOn')!;
    if (after('endsOn') !== undefined) changes.endsOn = after('endsOn')!;
    if (work.planChanges.abbreviations) changes.abbreviations = work.planChanges.abbreviations.after as Plan['abbreviations'];
    await new PlanTreeWriter(this.manager, this.audit, planId).updatePlan(changes);
  }

  async write(planId: string, work: ImportWork): Promise<void> {
    const tree = new PlanTreeWriter(this.manager, this.audit, planId);
    let sectionPosition = await this.manager.count(Section, { where: { planId } });
    for (const section of work.sections) {
      let sectionId: string;
      if (section.existing) {
        sectionId = section.existing.id;
        if (section.changes.sourceReference) await tree.updateSection(sectionId, { sourceReference: section.resolved.sourceReference });
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
          const { changes } = recommendation;
          if (Object.keys(changes).length) {
            await tree.updateRecommendation(recommendationId, {
              ...(changes.text ? { text: resolved.text } : {}),
              ...(changes.band ? { band: resolved.band } : {}),
              ...(changes.band || changes.targetDate ? { targetDate: resolved.band === 'by_date' ? resolved.targetDate : null } : {}),
              ...(changes.sourceReference ? { sourceReference: resolved.sourceReference } : {}),
            });
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
          if (activity.existing) await this.updateActivity(tree, activity);
          else {
            const created = await tree.insertActivity(recommendationId, this.activityDto(activity.resolved), position);
            position += 1;
            if (activity.resolved.timescale) await tree.writeTimescale(created.id, timescaleInput(activity.resolved.timescale));
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

  private async updateActivity(tree: PlanTreeWriter, work: ActivityWork): Promise<void> {
    const existing = work.existing!;
    const { changes, resolved } = work;
    if (Object.keys(changes).length === 0) return;
    const before = snapshot(existing);
    const dto = this.activityDto(resolved);
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
    await tree.updateActivity(
      existing.id,
      existing.version,
      {
        ...(changes.text ? { text: dto.text } : {}),
        ...(changes.costText ? { costText: dto.costText } : {}),
        ...(changes.leadAgencyText ? { leadAgencyText: dto.leadAgencyText } : {}),
        ...(changes.dueDate ? { dueDate: dto.dueDate } : {}),
        ...(changes.outcomeMeasures ? { outcomeMeasures: resolved.outcomeMeasures } : {}),
        ...(changes.leadAgencies ? { leadAgencyIds: dto.leadAgencyIds ?? [] } : {}),
      },
      { before, after },
    );
    if ((changes.timescale || changes.milestones) && resolved.timescale) await tree.writeTimescale(existing.id, timescaleInput(resolved.timescale));
  }
}

function timescaleInput(timescale: NonNullable<ResolvedActivity['timescale']>): TimescaleInput {
  return { text: timescale.text, cadence: timescale.cadence, milestones: timescale.milestones.map((m) => ({ date: m.date, precision: m.precision, label: m.label })) };
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
