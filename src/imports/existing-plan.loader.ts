import { EntityManager, In } from 'typeorm';
import { ActivityLeadAgency } from '../plans/entities/activity-lead-agency.entity';
import { Activity } from '../plans/entities/activity.entity';
import { OutcomeMeasure } from '../plans/entities/outcome-measure.entity';
import { Plan } from '../plans/entities/plan.entity';
import { Recommendation } from '../plans/entities/recommendation.entity';
import { Section } from '../plans/entities/section.entity';
import { loadTimescales } from '../plans/plan-tree.reader';
import { ExistingPlan } from './import-diff';

/** The plan an import goes into, as the diff needs it, in a fixed number of queries whatever its size. */
export async function loadExistingPlan(manager: EntityManager, plan: Plan): Promise<ExistingPlan> {
  const planId = plan.id;
  const sections = await manager.find(Section, { where: { planId }, order: { position: 'ASC', createdAt: 'ASC' } });
  const recommendations = sections.length
    ? await manager.find(Recommendation, { where: { sectionId: In(sections.map((s) => s.id)) }, order: { number: 'ASC' } })
    : [];
  const activities = recommendations.length
    ? await manager.find(Activity, { where: { recommendationId: In(recommendations.map((r) => r.id)) }, order: { position: 'ASC', createdAt: 'ASC' } })
    : [];
  const activityIds = activities.map((a) => a.id);
  const [measures, links] = activityIds.length
    ? await Promise.all([
        manager.find(OutcomeMeasure, { where: { activityId: In(activityIds) }, order: { position: 'ASC' } }),
        manager.find(ActivityLeadAgency, { where: { activityId: In(activityIds) }, relations: { leadAgency: true }, order: { position: 'ASC' } }),
      ])
    : [[], []];
  const timescaleOf = await loadTimescales(manager, activityIds);
  const group = <T extends { activityId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.activityId, [...(map.get(row.activityId) ?? []), row]);
    return map;
  };
  const measuresOf = group(measures);
  const linksOf = group(links);

  return {
    id: plan.id,
    title: plan.title,
    version: plan.version,
    publishedOn: plan.publishedOn,
    inspectionStartDate: plan.inspectionStartDate,
    inspectionEndDate: plan.inspectionEndDate,
    sourceReportTitle: plan.sourceReportTitle,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    abbreviations: plan.abbreviations ?? [],
    sections: sections.map((section) => ({
      id: section.id,
      title: section.title,
      sourceReference: section.sourceReference,
      position: section.position,
      version: section.version,
      recommendations: recommendations
        .filter((r) => r.sectionId === section.id)
        .map((recommendation) => ({
          id: recommendation.id,
          number: recommendation.number,
          text: recommendation.text,
          band: recommendation.band,
          targetDate: recommendation.targetDate,
          sourceReference: recommendation.sourceReference,
          version: recommendation.version,
          activities: activities
            .filter((a) => a.recommendationId === recommendation.id)
            .map((activity) => {
              const timescale = timescaleOf.get(activity.id);
              return {
                id: activity.id,
                text: activity.text,
                position: activity.position,
                version: activity.version,
                outcomeMeasures: (measuresOf.get(activity.id) ?? []).map((m) => m.text),
                costText: activity.costText,
                leadAgencyText: activity.leadAgencyText,
                leadAgencyIds: (linksOf.get(activity.id) ?? []).map((l) => l.leadAgencyId),
                leadAgencyNames: (linksOf.get(activity.id) ?? []).map((l) => l.leadAgency?.name ?? l.leadAgencyId),
                ownerId: activity.ownerId,
                dueDateOverride: activity.dueDateOverride,
                dueDatePrecision: activity.dueDatePrecision,
                timescale: timescale ? { text: timescale.text, cadence: timescale.cadence } : null,
                milestones: (timescale?.milestones ?? []).map((m) => ({ date: m.dueDate as never, precision: m.precision, label: m.label })),
              };
            }),
        })),
    })),
  };
}
