import { EntityManager, In } from 'typeorm';
import { TimescaleBand } from '../deadlines';
import { ActivityLeadAgency } from './entities/activity-lead-agency.entity';
import { ActivityMilestone } from './entities/activity-milestone.entity';
import { ActivityTimescale } from './entities/activity-timescale.entity';
import { Activity } from './entities/activity.entity';
import { OutcomeMeasure } from './entities/outcome-measure.entity';
import { Plan } from './entities/plan.entity';
import { Recommendation } from './entities/recommendation.entity';
import { Section } from './entities/section.entity';
import type { Cadence, DueDatePrecision } from './plan-vocabulary';
import { CLOSED_ACTIVITY_STATUSES_SQL } from './plan-vocabulary';
import { ActivityDetails, activityView, planView, recommendationView, sectionView } from './views';

export interface ActivityTimescaleView {
  /** "By when" as the plan prints it: "Quarterly review of action plans", "September 2015 / 16 / 17". */
  text: string;
  cadence: Cadence | null;
  milestones: Array<{ dueDate: string; precision: DueDatePrecision; label: string }>;
}

/**
 * Each activity's "By when" and the milestones of recurring commitments, for
 * many activities in two queries: the papers, the import diff, the reminders
 * and GET /api/plans/:id/milestones all read them here.
 */
export async function loadTimescales(manager: EntityManager, activityIds: string[]): Promise<Map<string, ActivityTimescaleView>> {
  const result = new Map<string, ActivityTimescaleView>();
  if (activityIds.length === 0) return result;
  // One after the other: a caller's transaction has one connection.
  const timescales = await manager.find(ActivityTimescale, { where: { activityId: In(activityIds) } });
  const milestones = await manager.find(ActivityMilestone, { where: { activityId: In(activityIds) }, order: { activityId: 'ASC', position: 'ASC' } });
  for (const timescale of timescales) result.set(timescale.activityId, { text: timescale.text, cadence: timescale.cadence, milestones: [] });
  for (const milestone of milestones) {
    result.get(milestone.activityId)?.milestones.push({ dueDate: milestone.dueDate, precision: milestone.dueDatePrecision, label: milestone.label });
  }
  return result;
}

/**
 * Milestones of open activities in live plans falling due between two dates
 * (inclusive): what the reminder scan reminds, each on its own date.
 */
export async function loadMilestonesFallingDue(
  manager: EntityManager,
  from: string,
  to: string,
): Promise<Array<{ activityId: string; dueDate: string; precision: DueDatePrecision; label: string }>> {
  const rows: Array<{ activity_id: string; due_date: string; due_date_precision: DueDatePrecision; label: string }> = await manager
    .createQueryBuilder()
    .select(['milestone.activity_id AS activity_id', 'milestone.due_date::text AS due_date', 'milestone.due_date_precision AS due_date_precision', 'milestone.label AS label'])
    .from('activity_milestones', 'milestone')
    .innerJoin('activities', 'activity', 'activity.id = milestone.activity_id')
    .innerJoin('plans', 'plan', 'plan.id = activity.plan_id')
    .where('milestone.due_date BETWEEN :from AND :to', { from, to })
    .andWhere(`activity.status NOT IN ${CLOSED_ACTIVITY_STATUSES_SQL}`)
    .andWhere(`plan.status <> 'closed'`)
    .orderBy('milestone.activity_id')
    .addOrderBy('milestone.due_date')
    .getRawMany();
  return rows.map((row) => ({ activityId: row.activity_id, dueDate: row.due_date, precision: row.due_date_precision, label: row.label }));
}

/**
 * Outcome measures and lead agencies for many activities in two queries,
 * whatever the number of activities: never one query per row.
 */
export async function loadActivityDetails(manager: EntityManager, activityIds: string[]): Promise<Map<string, ActivityDetails>> {
  const details = new Map<string, ActivityDetails>(activityIds.map((id) => [id, { outcomeMeasures: [], leadAgencies: [] }]));
  if (activityIds.length === 0) return details;
  // One after the other: a caller's transaction has one connection.
  const measures = await manager.find(OutcomeMeasure, { where: { activityId: In(activityIds) }, order: { activityId: 'ASC', position: 'ASC' } });
  const links = await manager.find(ActivityLeadAgency, {
    where: { activityId: In(activityIds) },
    relations: { leadAgency: true },
    order: { activityId: 'ASC', position: 'ASC' },
  });
  for (const measure of measures) details.get(measure.activityId)?.outcomeMeasures.push(measure.text);
  for (const link of links) {
    if (!link.leadAgency) continue;
    details.get(link.activityId)?.leadAgencies.push({
      id: link.leadAgency.id,
      name: link.leadAgency.name,
      shortName: link.leadAgency.shortName,
    });
  }
  return details;
}

export async function loadActivityViews(manager: EntityManager, activities: Activity[]) {
  const details = await loadActivityDetails(
    manager,
    activities.map((activity) => activity.id),
  );
  return activities.map((activity) => activityView(activity, details.get(activity.id)));
}

/**
 * The whole plan, sections -> recommendations -> activities, in six queries
 * however large the plan is.
 */
export async function loadPlanTree(manager: EntityManager, planId: string) {
  const plan = await manager.findOne(Plan, { where: { id: planId } });
  if (!plan) return null;
  const sections = await manager.find(Section, { where: { planId }, order: { position: 'ASC', createdAt: 'ASC' } });
  const recommendations = sections.length
    ? await manager.find(Recommendation, {
        where: { sectionId: In(sections.map((section) => section.id)) },
        order: { number: 'ASC' },
      })
    : [];
  const activities = recommendations.length
    ? await manager.find(Activity, {
        where: { recommendationId: In(recommendations.map((recommendation) => recommendation.id)) },
        order: { position: 'ASC', createdAt: 'ASC' },
      })
    : [];
  const activityViews = await loadActivityViews(manager, activities);

  const activitiesByRecommendation = groupBy(activityViews, (activity) => activity.recommendationId);
  const recommendationsBySection = groupBy(recommendations, (recommendation) => recommendation.sectionId);
  const byBand: Record<TimescaleBand, { recommendations: number; activities: number }> = {
    immediately: { recommendations: 0, activities: 0 },
    within_three_months: { recommendations: 0, activities: 0 },
    within_six_months: { recommendations: 0, activities: 0 },
    by_date: { recommendations: 0, activities: 0 },
  };
  for (const recommendation of recommendations) {
    byBand[recommendation.band].recommendations += 1;
    byBand[recommendation.band].activities += activitiesByRecommendation.get(recommendation.id)?.length ?? 0;
  }

  return {
    ...planView(plan),
    counts: {
      sections: sections.length,
      recommendations: recommendations.length,
      activities: activities.length,
      byBand,
    },
    sections: sections.map((section) => {
      const sectionRecommendations = recommendationsBySection.get(section.id) ?? [];
      return {
        ...sectionView(section),
        counts: {
          recommendations: sectionRecommendations.length,
          activities: sectionRecommendations.reduce(
            (sum, recommendation) => sum + (activitiesByRecommendation.get(recommendation.id)?.length ?? 0),
            0,
          ),
        },
        recommendations: sectionRecommendations.map((recommendation) => ({
          ...recommendationView(recommendation),
          activities: activitiesByRecommendation.get(recommendation.id) ?? [],
        })),
      };
    }),
  };
}

export type PlanTreeView = NonNullable<Awaited<ReturnType<typeof loadPlanTree>>>;

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
