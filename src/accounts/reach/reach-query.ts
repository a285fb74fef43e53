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

/** Owned by the person, or led by one of their agencies (divisions included). */
function ownWork<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, reach: Reach, activity: string): Brackets {
  return new Brackets((where) => {
    where.where(`${activity}.owner_id = :reachPerson`, { reachPerson: reach.personId });
    if (reach.leadsAgencies.size) {
      const led = query
        .subQuery()
        .select('1')
        .from('activity_lead_agencies', 'reach_link')
        .where(`reach_link.activity_id = ${activity}.id`)
        .andWhere('reach_link.lead_agency_id = ANY(CAST(:reachAgencies AS uuid[]))', { reachAgencies: [...reach.leadsAgencies] });
      where.orWhere(`EXISTS ${led.getQuery()}`);
    }
  });
}
