import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { TestApp } from './test-app';

/** Shapes of the API answers the e2e tests read. */
export interface ActivityBody {
  id: string;
  recommendationId: string;
  text: string;
  status: string;
  dueDate: string | null;
  dueDatePrecision: string;
  dueDateOverridden: boolean;
  version: number;
  leadAgencies: Array<{ id: string; name: string }>;
}

export interface RecommendationBody {
  id: string;
  number: number;
  band: string;
  dueDate: string | null;
  version: number;
  activities: ActivityBody[];
}

export interface PlanTreeBody {
  id: string;
  version: number;
  sections: Array<{ id: string; title: string; version: number; recommendations: RecommendationBody[] }>;
}

export interface LeadAgencyBody {
  id: string;
  name: string;
  parentId: string | null;
  aliases: string[];
  version: number;
}

/** A well-formed UUID that no row has. */
export const missingId = (): string => randomUUID();

export const BAND_DUE_2012 = { immediately: '2012-06-27', within_three_months: '2012-09-13', within_six_months: '2012-12-13' };

export function allRecommendations(plan: PlanTreeBody): RecommendationBody[] {
  return plan.sections.flatMap((section) => section.recommendations);
}

export function allActivities(plan: PlanTreeBody): Array<ActivityBody & { band: string }> {
  return allRecommendations(plan).flatMap((r) => r.activities.map((a) => ({ ...a, band: r.band })));
}

export const idsOf = (rows: Array<{ id: string }>): string[] => rows.map((row) => row.id).sort();

/** The only plan when the demo is loaded, as a whole tree. */
export async function demoPlan(t: TestApp): Promise<PlanTreeBody> {
  const list = await t.http.get('/api/plans').expect(200);
  const demo = list.body.items.find((p: { title: string }) => p.title.startsWith('Quality Improvement Plan'));
  return planTree(t, demo.id);
}

export async function planTree(t: TestApp, planId: string): Promise<PlanTreeBody> {
  return (await t.http.get(`/api/plans/${planId}`).expect(200)).body as PlanTreeBody;
}

export async function leadAgencies(t: TestApp): Promise<LeadAgencyBody[]> {
  return (await t.http.get('/api/lead-agencies?pageSize=200').expect(200)).body.items as LeadAgencyBody[];
}

export async function agencyNamed(t: TestApp, name: string): Promise<LeadAgencyBody> {
  const agency = (await leadAgencies(t)).find((a) => a.name === name);
  if (!agency) throw new Error(`No lead agency called ${name}`);
  return agency;
}

/** The agency and every agency beneath it, at any depth. */
export function agencyAndDescendants(agencies: LeadAgencyBody[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const agency of agencies) {
      if (agency.parentId && ids.has(agency.parentId) && !ids.has(agency.id)) {
        ids.add(agency.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Rows in each table of the plan tree, read straight from PostgreSQL. */
export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const [row] = await dataSource.query(
    `SELECT (SELECT COUNT(*) FROM plans) AS plans, (SELECT COUNT(*) FROM sections) AS sections,
            (SELECT COUNT(*) FROM recommendations) AS recommendations, (SELECT COUNT(*) FROM activities) AS activities,
            (SELECT COUNT(*) FROM outcome_measures) AS outcome_measures,
            (SELECT COUNT(*) FROM activity_lead_agencies) AS activity_lead_agencies`,
  );
  return Object.fromEntries(Object.entries(row).map(([table, count]) => [table, Number(count)]));
}

/** A small Ofsted plan published on 13 June 2012: one table, one recommendation per band. */
export function smallPlanBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Focused visit action plan 2012',
    kind: 'focused_visit',
    source: { reportTitle: 'Focused visit to children’s services', publishedOn: '2012-06-13' },
    sections: [
      {
        title: 'Front door',
        sourceReference: '12',
        recommendations: [
          {
            number: 1,
            band: 'immediately',
            text: 'Ensure that all contacts are screened within 24 hours.',
            activities: [
              { text: 'Daily MASH screening huddle', outcomeMeasures: ['All contacts screened within 24 hours'], costText: 'Existing resources' },
              { text: 'Audit of screening decisions', dueDate: '2012-10' },
            ],
          },
          { number: 2, band: 'within_three_months', text: 'Strengthen management oversight of assessments.', activities: [{ text: 'Monthly supervision audit' }] },
          { number: 3, band: 'within_six_months', text: 'Improve the quality of plans for children in need.', activities: [{ text: 'Plan quality training' }] },
          { number: 4, band: 'by_date', targetDate: '2012-11-30', text: 'Publish the threshold document.', activities: [{ text: 'Consult partners on thresholds' }] },
        ],
      },
    ],
    ...overrides,
  };
}

export async function createSmallPlan(t: TestApp, overrides: Record<string, unknown> = {}): Promise<PlanTreeBody> {
  const response = await t.http.post('/api/plans').send(smallPlanBody(overrides));
  if (response.status !== 201) throw new Error(`Creating the small plan failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as PlanTreeBody;
}
