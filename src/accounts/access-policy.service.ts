import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Acting, acting, requestContext } from '../common/request-context';
import type { AgencyNode } from '../plans/domain/agency-tree';
import type { BoardSeatOf, PlanMembershipOf, Reach } from './reach/reach';
import { IndicatorInReach, REACH_OF_SYSTEM, chairsBoard, chairsPlan, closesAction, managesBoards, readsBoard, entersIndicatorValues, judgesPriority, managesIndicators, reachOf, readsIndicator, readsWholePlan, reportsOnActivity } from './reach/reach';
import { whereActivityInReach, whereIndicatorInReach, wherePlanChaired, wherePlanInReach } from './reach/reach-query';

/** What one person may do with one performance indicator they can read. */
export interface IndicatorAccess {
  planId: string;
  /** Enter and correct its monthly values: admins, its owner, service heads of its leading agencies. */
  entersValues: boolean;
  /** Change its definition, targets and comparators: admins. */
  manages: boolean;
  /** Write its plan's priority narratives and ratings: the plan's chair, admins. */
  judgesPriorities: boolean;
}

/**
 * Who may see and change what, for the API and the pages alike: the person's
 * reach (src/accounts/reach/reach.ts, the rules) worked out once per request
 * in one query, and applied to queries with reach-query.ts.
 *
 * Reads of anything outside a person's reach answer 404, so ids cannot be
 * probed; something they can see but may not change answers 403.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly dataSource: DataSource) {}

  who(): Acting {
    return acting();
  }

  /** The acting person's reach, loaded once per request. */
  async reach(manager: EntityManager = this.dataSource.manager): Promise<Reach> {
    const who = acting();
    if (who.kind === 'system') return REACH_OF_SYSTEM;
    const context = requestContext.current();
    if (context?.reach && context.reach.personId === who.actor.id) return context.reach;
    const { actor } = who;
    let reach: Reach;
    if (actor.roles.includes('admin')) {
      reach = reachOf({ personId: actor.id, roles: actor.roles, memberships: [], agencyIds: [], agencies: [] });
    } else {
      const [row] = (await manager.query(
        `SELECT (SELECT COALESCE(json_agg(json_build_object('planId', m.plan_id, 'role', m.role)), '[]') FROM plan_members m WHERE m.user_id = $1) AS memberships,
                (SELECT COALESCE(json_agg(json_build_object('boardId', b.board_id, 'seat', b.seat,
                          'planIds', (SELECT COALESCE(json_agg(p.plan_id), '[]') FROM board_plans p WHERE p.board_id = b.board_id))), '[]')
                   FROM board_members b WHERE b.user_id = $1) AS board_seats,
                (SELECT COALESCE(json_agg(l.lead_agency_id), '[]') FROM user_lead_agencies l WHERE l.user_id = $1) AS agency_ids,
                CASE WHEN $2 THEN (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'parentId', a.parent_id)), '[]') FROM lead_agencies a) ELSE '[]' END AS agencies`,
        [actor.id, actor.roles.includes('service_head')],
      )) as Array<{ memberships: PlanMembershipOf[]; board_seats: BoardSeatOf[]; agency_ids: string[]; agencies: AgencyNode[] }>;
      reach = reachOf({ personId: actor.id, roles: actor.roles, memberships: row.memberships, boardSeats: row.board_seats, agencyIds: row.agency_ids, agencies: row.agencies });
    }
    if (context) context.reach = reach;
    return reach;
  }

  /** True when the person sees a plan's whole tree rather than their own activities in it. */
  async readsWholePlan(planId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return readsWholePlan(await this.reach(manager), planId);
  }

  /** Of the given plans, those whose whole tree the person sees. */
  async plansReadWhole(planIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const reach = await this.reach(manager);
    return new Set(planIds.filter((planId) => readsWholePlan(reach, planId)));
  }

  async chairs(planId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return chairsPlan(await this.reach(manager), planId);
  }

  /** Limits activities (a row with id, plan_id and owner_id, aliased `alias`) to those the person may read. */
  async scopeActivities<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, manager?: EntityManager): Promise<SelectQueryBuilder<T>> {
    return whereActivityInReach(query, await this.reach(manager), alias);
  }

  /** Limits plans (aliased `alias`) to those the person may open at all. */
  async scopePlans<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, manager?: EntityManager): Promise<SelectQueryBuilder<T>> {
    return wherePlanInReach(query, await this.reach(manager), alias);
  }

  /** Limits rows carrying a plan id to the plans the person chairs (admins: all). */
  async scopeToChairedPlans<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, planIdColumn: string): Promise<SelectQueryBuilder<T>> {
    return wherePlanChaired(query, await this.reach(), planIdColumn);
  }

  /** The ids, among those given, of activities the person may read. */
  async readableActivityIds(activityIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const reach = await this.reach(manager);
    if (reach.everything || activityIds.length === 0) return new Set(activityIds);
    const query = manager.createQueryBuilder().select('activity.id', 'id').from('activities', 'activity').where('activity.id = ANY(CAST(:activityIds AS uuid[]))', { activityIds });
    const rows = await whereActivityInReach(query, reach, 'activity').getRawMany<{ id: string }>();
    return new Set(rows.map((row) => row.id));
  }

  /** `notFound` names what was asked for, so a refusal says nothing about the plan it sits in. */
  async assertCanReadPlan(planId: string, manager: EntityManager = this.dataSource.manager, notFound = `No plan with id ${planId}`): Promise<void> {
    const reach = await this.reach(manager);
    if (readsWholePlan(reach, planId)) return;
    const query = manager.createQueryBuilder().select('plan.id').from('plans', 'plan').where('plan.id = :planId', { planId });
    if (!(await wherePlanInReach(query, reach, 'plan').getRawOne())) throw new NotFoundException(notFound);
  }

  async assertCanReadActivity(activityId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (!(await this.readableActivityIds([activityId], manager)).has(activityId)) {
      throw new NotFoundException(`No activity with id ${activityId}`);
    }
  }

  /** Service heads update what they lead or own; admins anything. Chairs review, they do not report progress. */
  async canUpdateActivity(activityId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const reach = await this.reach(manager);
    if (reach.everything) return true;
    if (!reach.reportsOnOwnWork) return false;
    const [row] = (await manager.query(
      `SELECT a.plan_id, a.owner_id, COALESCE(json_agg(l.lead_agency_id) FILTER (WHERE l.lead_agency_id IS NOT NULL), '[]') AS lead_agency_ids
         FROM activities a LEFT JOIN activity_lead_agencies l ON l.activity_id = a.id
        WHERE a.id = $1 GROUP BY a.id`,
      [activityId],
    )) as Array<{ plan_id: string; owner_id: string | null; lead_agency_ids: string[] }>;
    return !!row && reportsOnActivity(reach, { planId: row.plan_id, ownerId: row.owner_id, leadAgencyIds: row.lead_agency_ids });
  }

  /** Limits performance indicators (a row with id, plan_id and owner_id, aliased `alias`) to those the person may read. */
  async scopeIndicators<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, manager?: EntityManager): Promise<SelectQueryBuilder<T>> {
    return whereIndicatorInReach(query, await this.reach(manager), alias);
  }

  /**
   * What the person may do with one performance indicator, in one query; 404
   * (naming only the indicator) when it does not exist or is outside their reach.
   */
  async indicatorAccess(indicatorId: string, manager: EntityManager = this.dataSource.manager): Promise<IndicatorAccess> {
    const reach = await this.reach(manager);
    const [row] = (await manager.query(
      `SELECT i.plan_id, i.owner_id, COALESCE(json_agg(l.lead_agency_id) FILTER (WHERE l.lead_agency_id IS NOT NULL), '[]') AS lead_agency_ids
         FROM indicators i LEFT JOIN indicator_lead_agencies l ON l.indicator_id = i.id
        WHERE i.id = $1 GROUP BY i.id`,
      [indicatorId],
    )) as Array<{ plan_id: string; owner_id: string | null; lead_agency_ids: string[] }>;
    const indicator: IndicatorInReach | null = row ? { planId: row.plan_id, ownerId: row.owner_id, leadAgencyIds: row.lead_agency_ids } : null;
    if (!indicator || !readsIndicator(reach, indicator)) throw new NotFoundException(`No indicator with id ${indicatorId}`);
    return {
      planId: indicator.planId,
      entersValues: entersIndicatorValues(reach, indicator),
      manages: managesIndicators(reach),
      judgesPriorities: judgesPriority(reach, indicator.planId),
    };
  }

  /** Whether the person writes a plan's priority narratives and rates its priorities (its chair, admins). */
  async judgesPriorities(planId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return judgesPriority(await this.reach(manager), planId);
  }

  /** Whether the person sets indicators up: definitions, targets, comparators, tolerances, imports. */
  async managesIndicators(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return managesIndicators(await this.reach(manager));
  }

  /** 404 (naming only what was asked for) unless the person sits at the board or is an admin. */
  async assertReadsBoard(boardId: string, notFound: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (!readsBoard(await this.reach(manager), boardId)) throw new NotFoundException(notFound);
  }

  /** Whether the person chairs the board (or is an admin): runs its meetings, issues its packs. */
  async chairsBoard(boardId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return chairsBoard(await this.reach(manager), boardId);
  }

  /** Whether the person sets boards up (admins). */
  async managesBoards(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return managesBoards(await this.reach(manager));
  }

  /** The boards, among those given, the person reads (every one for admins). */
  async readableBoards(manager: EntityManager = this.dataSource.manager): Promise<{ everything: boolean; boardIds: string[] }> {
    const reach = await this.reach(manager);
    return { everything: reach.everything, boardIds: [...reach.readsBoards] };
  }

  /** Whether the person may close an action of the board with these owners: its chair, an owner, an admin. */
  async closesAction(boardId: string, ownerIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return closesAction(await this.reach(manager), boardId, ownerIds);
  }

  /**
   * Who chairs each plan: those the reminders escalate to. The same
   * membership rows as reach, read the other way round: a plan's chair seat,
   * or the chair's seat at a board that oversees the plan.
   */
  async chairsOfPlans(planIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string[]>> {
    const chairs = new Map<string, string[]>();
    if (planIds.length === 0) return chairs;
    const seats = `(SELECT plan_id, user_id FROM plan_members WHERE role = 'chair'
                    UNION SELECT bp.plan_id, bm.user_id FROM board_members bm JOIN board_plans bp ON bp.board_id = bm.board_id WHERE bm.seat = 'chair')`;
    const rows: Array<{ plan_id: string; user_id: string }> = await manager
      .createQueryBuilder()
      .select('member.plan_id', 'plan_id')
      .addSelect('member.user_id', 'user_id')
      .from(seats, 'member')
      .innerJoin('users', 'person', 'person.id = member.user_id')
      .where('member.plan_id = ANY(CAST(:planIds AS uuid[]))', { planIds })
      .andWhere('person.active')
      .andWhere("'board_chair' = ANY(person.roles)")
      .orderBy('member.user_id')
      .getRawMany();
    for (const row of rows) chairs.set(row.plan_id, [...(chairs.get(row.plan_id) ?? []), row.user_id]);
    return chairs;
  }
}
