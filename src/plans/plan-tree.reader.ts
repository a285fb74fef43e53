import { EntityManager, In } from 'typeorm';
import { together } from '../common/together';
import { TimescaleBand } from '../deadlines';
import { ActivityMilestone } from './entities/activity-milestone.entity';
import { ActivityTimescale } from './entities/activity-timescale.entity';
import { Activity } from './entities/activity.entity';
import { Plan } from './entities/plan.entity';
import { Recommendation } from './entities/recommendation.entity';
import { Section } from './entities/section.entity';
import type { Cadence, DueDatePrecision } from './plan-vocabulary';
import { CLOSED_ACTIVITY_STATUSES_SQL } from './plan-vocabulary';
import { ActivityDetails, LeadAgencyRef, activityView, planView, recommendationView, sectionView } from './views';

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

/** The milestones of the given activities, in their order, in one raw read (the digests read them for each person's reminders). */
export async function loadMilestones(manager: EntityManager, activityIds: string[]): Promise<Map<string, ActivityTimescaleView['milestones']>> {
  const result = new Map<string, ActivityTimescaleView['milestones']>();
  if (activityIds.length === 0) return result;
  const rows: Array<{ activity_id: string; due_date: string; due_date_precision: DueDatePrecision; label: string }> = await manager.query(
    `SELECT activity_id, due_date::text AS due_date, due_date_precision, label FROM activity_milestones
      WHERE activity_id = ANY($1::uuid[]) ORDER BY activity_id, position`,
    [activityIds],
  );
  for (const row of rows) {
    const milestone = { dueDate: row.due_date, precision: row.due_date_precision, label: row.label };
    const list = result.get(row.activity_id);
    if (list) list.push(milestone);
    else result.set(row.activity_id, [milestone]);
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
 * whatever the number of activities: never one query per row. Read as raw
 * rows: the tree is a read path, and hydrating entities cost more than the
 * queries themselves.
 */
export async function loadActivityDetails(manager: EntityManager, activityIds: string[]): Promise<Map<string, ActivityDetails>> {
  const details = new Map<string, ActivityDetails>(activityIds.map((id) => [id, { outcomeMeasures: [], leadAgencies: [] }]));
  if (activityIds.length === 0) return details;
  const [measures, links] = (await together(manager, [
    () => manager.query('SELECT activity_id, text FROM outcome_measures WHERE activity_id = ANY($1::uuid[]) ORDER BY activity_id, position', [activityIds]),
    () => manager.query(
      `SELECT link.activity_id, agency.id, agency.name, agency.short_name
         FROM activity_lead_agencies link JOIN lead_agencies agency ON agency.id = link.lead_agency_id
        WHERE link.activity_id = ANY($1::uuid[]) ORDER BY link.activity_id, link.position`,
      [activityIds],
    ),
  ])) as [Array<{ activity_id: string; text: string }>, Array<{ activity_id: string; id: string; name: string; short_name: string | null }>];
  for (const measure of measures) details.get(measure.activity_id)?.outcomeMeasures.push(measure.text);
  for (const link of links) details.get(link.activity_id)?.leadAgencies.push({ id: link.id, name: link.name, shortName: link.short_name });
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
 * The whole plan, sections -> recommendations -> activities, in four queries
 * however large the plan is, read as raw rows into the same views the
 * entities give (views.ts).
 */
export async function loadPlanTree(manager: EntityManager, planId: string) {
  const [[planRow], sectionRows, recommendationRows, activityRows] = (await together(manager, [
    () => manager.query('SELECT * FROM plans WHERE id = $1', [planId]),
    () => manager.query('SELECT * FROM sections WHERE plan_id = $1 ORDER BY position, created_at', [planId]),
    () => manager.query(
      'SELECT r.* FROM recommendations r JOIN sections s ON s.id = r.section_id WHERE s.plan_id = $1 ORDER BY r.number',
      [planId],
    ),
    () => manager.query(
      `SELECT a.*,
              (SELECT COALESCE(json_agg(m.text ORDER BY m.position), '[]') FROM outcome_measures m WHERE m.activity_id = a.id) AS outcome_measures,
              (SELECT COALESCE(json_agg(json_build_object('id', agency.id, 'name', agency.name, 'shortName', agency.short_name) ORDER BY link.position), '[]')
                 FROM activity_lead_agencies link JOIN lead_agencies agency ON agency.id = link.lead_agency_id
                WHERE link.activity_id = a.id) AS lead_agencies
         FROM activities a WHERE a.plan_id = $1 ORDER BY a.position, a.created_at`,
      [planId],
    ),
  ])) as [RawRecord[], RawRecord[], RawRecord[], RawRecord[]];
  if (!planRow) return null;
  const plan = fromRaw<Plan>(planRow);
  const sections = sectionRows.map((row) => fromRaw<Section>(row));
  const recommendations = recommendationRows.map((row) => fromRaw<Recommendation>(row));
  const activityViews = activityRows.map((row) => {
    const activity = fromRaw<Activity>(row);
    activity.costAmountPence = bigint(row.cost_amount_pence);
    activity.costAnnualPence = bigint(row.cost_annual_pence);
    return activityView(activity, { outcomeMeasures: row.outcome_measures as string[], leadAgencies: row.lead_agencies as LeadAgencyRef[] });
  });

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
      activities: activityViews.length,
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

type RawRecord = Record<string, unknown>;



const camelCase = new Map<string, string>();

/** A raw row's snake_case columns as the entity's camelCase properties (the views read only those). */
function fromRaw<T>(row: RawRecord): T {
  const record: RawRecord = {};
  for (const column in row) {
    let property = camelCase.get(column);
    if (property === undefined) {
      property = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
      camelCase.set(column, property);
    }
    record[property] = row[column];
  }
  return record as T;
}

/** PostgreSQL bigint arrives as a string; pence amounts are far inside Number's safe range. */
function bigint(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

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
