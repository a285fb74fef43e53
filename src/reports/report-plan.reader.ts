import { EntityManager } from 'typeorm';
import { together } from '../common/together';
import type { TimescaleBand } from '../deadlines';
import type { ActivityStatus, DueDatePrecision, PlanAbbreviation, PlanKind, PlanStatus } from '../plans/plan-vocabulary';
import type { AgencyRecord } from './abbreviations';
import type { ReportPlan } from './appendix.view-model';
import type { TableActivity } from './plan-table';

/** What a paper prints of an activity, and its standing as the row has it now (the board's reports read it as of a date instead). */
export interface ReportActivity extends TableActivity {
  status: ActivityStatus;
  percentComplete: number | null;
  verified: boolean;
}

export interface ReportPlanRead {
  plan: ReportPlan<ReportActivity>;
  /** Every lead agency, for the key to abbreviations: a short list. */
  agencies: AgencyRecord[];
}

interface PlanRow {
  title: string;
  kind: PlanKind;
  status: PlanStatus;
  column_labels: string[];
  abbreviations: PlanAbbreviation[] | null;
  published_on: string | null;
  starts_on: string | null;
  ends_on: string | null;
  agencies: Array<{ id: string; name: string; shortName: string | null; aliases: string[] | null; parentId: string | null }>;
}

interface RecommendationRow {
  id: string;
  section_id: string;
  section_title: string;
  number: number;
  text: string;
  band: TimescaleBand;
  target_date: string | null;
  due_date: string | null;
}

interface ActivityRow {
  id: string;
  recommendation_id: string;
  text: string;
  cost_text: string;
  lead_agency_text: string | null;
  due_date: string | null;
  due_date_precision: DueDatePrecision;
  status: ActivityStatus;
  percent_complete: number | null;
  verified: boolean;
  outcome_measures: string[] | null;
  /** Ids, in the plan's order: named from the agencies read with the plan. */
  lead_agencies: string[] | null;
  by_when: string | null;
}

/**
 * A plan as the papers print it, in three statements however large it is,
 * run side by side: the plan (with every lead agency, for the key and to
 * name each activity's leads), its recommendations in table order, and its
 * activities with their outcome measures, lead agencies and "By when"
 * gathered by PostgreSQL in one pass (aggregates over the plan's rows, not a
 * sub-query per activity).
 * Only the columns a paper shows, read as raw rows into plain objects: no
 * entities, no timestamps to parse. Tables without recommendations are left
 * out here, as every paper leaves them out.
 */
export async function readReportPlan(manager: EntityManager, planId: string): Promise<ReportPlanRead | null> {
  const [[plan], recommendations, activities] = await together<[PlanRow[], RecommendationRow[], ActivityRow[]]>(manager, [
    () =>
      manager.query(
        `SELECT p.title, p.kind, p.status, p.column_labels, p.abbreviations,
                p.published_on::text AS published_on, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on,
                (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'name', a.name, 'shortName', a.short_name, 'aliases', a.aliases, 'parentId', a.parent_id)), '[]')
                   FROM lead_agencies a) AS agencies
           FROM plans p WHERE p.id = $1`,
        [planId],
      ),
    () =>
      manager.query(
        `SELECT r.id, r.section_id, s.title AS section_title, r.number, r.text, r.band,
                r.target_date::text AS target_date, r.due_date::text AS due_date
           FROM recommendations r JOIN sections s ON s.id = r.section_id
          WHERE s.plan_id = $1
          ORDER BY s.position, s.created_at, s.id, r.number, r.created_at, r.id`,
        [planId],
      ),
    () =>
      manager.query(
        `SELECT a.id, a.recommendation_id, a.text, a.cost_text, a.lead_agency_text,
                a.due_date::text AS due_date, a.due_date_precision, a.status, a.percent_complete, a.verified_at IS NOT NULL AS verified,
                measures.list AS outcome_measures, leads.list AS lead_agencies, timescale.text AS by_when
           FROM activities a
           LEFT JOIN (SELECT m.activity_id, json_agg(m.text ORDER BY m.position) AS list
                        FROM outcome_measures m JOIN activities ma ON ma.id = m.activity_id
                       WHERE ma.plan_id = $1 GROUP BY m.activity_id) measures ON measures.activity_id = a.id
           LEFT JOIN (SELECT link.activity_id, json_agg(link.lead_agency_id ORDER BY link.position) AS list
                        FROM activity_lead_agencies link JOIN activities la ON la.id = link.activity_id
                       WHERE la.plan_id = $1 GROUP BY link.activity_id) leads ON leads.activity_id = a.id
           LEFT JOIN activity_timescales timescale ON timescale.activity_id = a.id
          WHERE a.plan_id = $1
          ORDER BY a.position, a.created_at, a.id`,
        [planId],
      ),
  ]);
  if (!plan) return null;

  const agencies: AgencyRecord[] = plan.agencies.map((agency) => ({
    id: agency.id,
    name: agency.name,
    shortName: agency.shortName,
    aliases: agency.aliases ?? [],
    parentId: agency.parentId,
  }));
  // An agency created and linked between the statements (they run side by side, not in one snapshot) is read on its own.
  const known = new Set(agencies.map((agency) => agency.id));
  const missing = [...new Set(activities.flatMap((row) => row.lead_agencies ?? []))].filter((id) => !known.has(id));
  if (missing.length) {
    const rows: Array<{ id: string; name: string; short_name: string | null; aliases: string[] | null; parent_id: string | null }> = await manager.query(
      'SELECT id, name, short_name, aliases, parent_id FROM lead_agencies WHERE id = ANY($1::uuid[])',
      [missing],
    );
    for (const row of rows) agencies.push({ id: row.id, name: row.name, shortName: row.short_name, aliases: row.aliases ?? [], parentId: row.parent_id });
  }
  const named = new Map(agencies.map((agency) => [agency.id, { id: agency.id, name: agency.name, shortName: agency.shortName }]));
  const activitiesOf = new Map<string, ReportActivity[]>();
  for (const row of activities) {
    const activity: ReportActivity = {
      id: row.id,
      text: row.text,
      outcomeMeasures: row.outcome_measures ?? [],
      cost: { text: row.cost_text },
      leadAgencyText: row.lead_agency_text,
      leadAgencies: (row.lead_agencies ?? []).map((id) => named.get(id)!),
      dueDate: row.due_date,
      dueDatePrecision: row.due_date_precision,
      byWhen: row.by_when,
      status: row.status,
      percentComplete: row.percent_complete,
      verified: row.verified,
    };
    const list = activitiesOf.get(row.recommendation_id);
    if (list) list.push(activity);
    else activitiesOf.set(row.recommendation_id, [activity]);
  }
  const sections: ReportPlan<ReportActivity>['sections'] = [];
  let section: ReportPlan<ReportActivity>['sections'][number] | null = null;
  let sectionId: string | null = null;
  for (const row of recommendations) {
    if (row.section_id !== sectionId) {
      sectionId = row.section_id;
      section = { title: row.section_title, recommendations: [] };
      sections.push(section);
    }
    section!.recommendations.push({
      number: row.number,
      text: row.text,
      band: row.band,
      targetDate: row.target_date,
      dueDate: row.due_date,
      activities: activitiesOf.get(row.id) ?? [],
    });
  }
  return {
    plan: {
      title: plan.title,
      kind: plan.kind,
      status: plan.status,
      columnLabels: plan.column_labels,
      abbreviations: plan.abbreviations ?? [],
      source: { publishedOn: plan.published_on },
      startsOn: plan.starts_on,
      endsOn: plan.ends_on,
      sections,
    },
    agencies,
  };
}
