import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Reach } from './reach';

/**
 * Applies a reach to a query, with named parameters: the one way lists,
 * reviews, reports and the audit trail are limited to what a person may see.
 * `activity` is the alias of a row with the activities table's id, plan_id
 * and owner_id columns (the table itself or the activity read model).
 */
export function whereActivityInReach<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, reach: Reach, activity: string): SelectQueryBuilder<T> {
  if (reach.everything) return query;
  return query.andWhere(
    new Brackets((where) => {
      where.where('FALSE');
      if (reach.readsPlans.size) where.orWhere(`${activity}.plan_id = ANY(CAST(:reachPlans AS uuid[]))`, { reachPlans: [...reach.readsPlans] });
      if (reach.reportsOnOwnWork) where.orWhere(ownWork(query, reach, activity));
    }),
  );
}

/** Plans the person may open: read whole, or holding any of their own work. */
export function wherePlanInReach<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, reach: Reach, plan: string): SelectQueryBuilder<T> {
  if (reach.everything) return query;
  return query.andWhere(
    new Brackets((where) => {
      where.where('FALSE');
      if (reach.readsPlans.size) where.orWhere(`${plan}.id = ANY(CAST(:reachPlans AS uuid[]))`, { reachPlans: [...reach.readsPlans] });
      if (reach.reportsOnOwnWork) {
        const holdsOwnWork = query
          .subQuery()
          .select('1')
          .from('activities', 'reach_activity')
          .where(`reach_activity.plan_id = ${plan}.id`)
          .andWhere(ownWork(query, reach, 'reach_activity'));
        where.orWhere(`EXISTS ${holdsOwnWork.getQuery()}`);
      }
    }),
  );
}

/** Rows of plans the person chairs (the audit trail, for a chair), by the alias's plan id column. */
export function wherePlanChaired<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, reach: Reach, planIdColumn: string): SelectQueryBuilder<T> {
  if (reach.everything) return query;
  return query.andWhere(`${planIdColumn} = ANY(CAST(:reachChairs AS uuid[]))`, { reachChairs: [...reach.chairsPlans] });
}

/**
 * Performance indicators the person may read: those of plans they read whole,
 * and (service heads) those they own or their agencies lead. `indicator` is
 * the alias of a row with the indicators table's id, plan_id and owner_id.
 */
export function whereIndicatorInReach<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, reach: Reach, indicator: string): SelectQueryBuilder<T> {
  if (reach.everything) return query;
  return query.andWhere(
    new Brackets((where) => {
      where.where('FALSE');
      if (reach.readsPlans.size) where.orWhere(`${indicator}.plan_id = ANY(CAST(:reachPlans AS uuid[]))`, { reachPlans: [...reach.readsPlans] });
      if (reach.reportsOnOwnWork) where.orWhere(ownWork(query, reach, indicator, INDICATOR_LEADS));
    }),
  );
}

/** Where a kind of row keeps its lead agencies. */
interface LeadLinks {
  table: string;
  column: string;
}
const ACTIVITY_LEADS: LeadLinks = { table: 'activity_lead_agencies', column: 'activity_id' };
const INDICATOR_LEADS: LeadLinks = { table: 'indicator_lead_agencies', column: 'indicator_id' };

/** Owned by the person, or led by one of their agencies (divisions included). */
function ownWork<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, reach: Reach, row: string, links: LeadLinks = ACTIVITY_LEADS): Brackets {
  return new Brackets((where) => {
    where.where(`${row}.owner_id = :reachPerson`, { reachPerson: reach.personId });
    if (reach.leadsAgencies.size) {
      const led = query
        .subQuery()
        .select('1')
        .from(links.table, 'reach_link')
        .where(`reach_link.${links.column} = ${row}.id`)
        .andWhere('reach_link.lead_agency_id = ANY(CAST(:reachAgencies AS uuid[]))', { reachAgencies: [...reach.leadsAgencies] });
      where.orWhere(`EXISTS ${led.getQuery()}`);
    }
  });
}
