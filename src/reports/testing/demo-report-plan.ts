import southampton from '../../plans/demo/southampton-2012.plan.json';
import type { TimescaleBand } from '../../deadlines';
import type { PlanKind, PlanStatus } from '../../plans/plan-vocabulary';
import type { AgencyRecord } from '../abbreviations';
import type { ReportPlan } from '../appendix.view-model';
import type { TableActivity } from '../plan-table';

/** For unit tests of the report view models and renderers: the demo plan without a database. */

const DUE: Record<string, string> = { immediately: '2012-06-27', within_three_months: '2012-09-13', within_six_months: '2012-12-13' };

/** The demo plan as the plans module would return it: due dates derived, agencies linked by name. */
export function demoReportPlan(): { plan: ReportPlan; agencies: AgencyRecord[] } {
  const agencies: AgencyRecord[] = southampton.leadAgencies.map((agency) => ({
    id: agency.name,
    name: agency.name,
    shortName: agency.shortName,
    aliases: agency.aliases,
    parentId: agency.parent,
  }));
  const byName = new Map(agencies.map((agency) => [agency.name, agency]));
  let id = 0;
  const plan: ReportPlan = {
    title: southampton.plan.title,
    kind: southampton.plan.kind as PlanKind,
    status: southampton.plan.status as PlanStatus,
    columnLabels: southampton.plan.columnLabels,
    source: { publishedOn: southampton.plan.publishedOn },
    sections: southampton.sections.map((section) => ({
      title: section.title,
      recommendations: section.recommendations.map((recommendation) => ({
        number: recommendation.number,
        text: recommendation.text,
        band: recommendation.band as TimescaleBand,
        targetDate: null,
        dueDate: DUE[recommendation.band],
        activities: recommendation.activities.map(
          (activity): TableActivity => ({
            id: `activity-${++id}`,
            text: activity.text,
            outcomeMeasures: activity.outcomeMeasures,
            cost: { text: activity.costText },
            leadAgencyText: activity.leadAgencyText,
            leadAgencies: activity.leadAgencies.map((name) => ({ id: name, name, shortName: byName.get(name)?.shortName ?? null })),
            dueDate: 'dueDate' in activity && activity.dueDate ? activity.dueDate : DUE[recommendation.band],
            dueDatePrecision: 'day',
          }),
        ),
      })),
    })),
  };
  return { plan, agencies };
}
