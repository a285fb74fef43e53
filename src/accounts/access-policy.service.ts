import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Acting, acting } from '../common/request-context';
import { PlanMember } from './entities/plan-member.entity';

/**
 * Who may see and change what, in the council's terms:
 * - admins see and change everything;
 * - a board chair reads the plans they chair (plan_members) and verifies and
 *   overrides ratings there;
 * - a viewer reads the plans they are given (plan_members);
 * - a service head reads and updates the activities led by their agencies
 *   (a directorate's people cover its divisions) or owned by them, and sees
 *   those activities' plans only as far as those activities. A partner lead
 *   (NHS, police) therefore sees nothing of council-only work.
 *
 * Reads of anything outside a person's reach answer 404, so ids cannot be
 * probed; the SQL fragments here are used inside the services' own queries.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly dataSource: DataSource) {}

  who(): Acting {
    return acting();
  }

  /** True when the person sees a plan's whole tree rather than their own activities in it. */
  async readsWholePlan(planId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await this.plansReadWhole([planId], manager)).has(planId);
  }

  /** Of the given plans, those whose whole tree the person sees, in one query. */
  async plansReadWhole(planIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const who = acting();
    if (who.kind === 'system' || who.actor.roles.includes('admin')) return new Set(planIds);
    if (planIds.length === 0 || !who.actor.roles.some((role) => role === 'board_chair' || role === 'viewer')) return new Set();
    const members = await manager.find(PlanMember, { select: { planId: true }, where: { planId: In(planIds), userId: who.actor.id } });
    return new Set(members.map((member) => member.planId));
  }

  async chairs(planId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const who = acting();
    if (who.kind === 'system' || who.actor.roles.includes('admin')) return true;
    if (!who.actor.roles.includes('board_chair')) return false;
    const [row] = await manager.query('SELECT 1 FROM plan_members WHERE plan_id = $1 AND user_id = $2', [planId, who.actor.id]);
    return !!row;
  }

  /**
   * A WHERE fragment limiting activities (aliased `alias`) to those the person
   * may read, or null when they may read all. Parameters are named to avoid
   * clashing with the caller's.
   */
  activityScope(alias: string): { sql: string; params: Record<string, unknown> } | null {
    const who = acting();
    if (who.kind === 'system' || who.actor.roles.includes('admin')) return null;
    const { id, roles } = who.actor;
    const parts: string[] = [];
    if (roles.includes('board_chair') || roles.includes('viewer')) {
      parts.push(`EXISTS (SELECT 1 FROM recommendations scope_r JOIN sections scope_s ON scope_s.id = scope_r.section_id
                    JOIN plan_members scope_m ON scope_m.plan_id = scope_s.plan_id
                   WHERE scope_r.id = ${alias}.recommendation_id AND scope_m.user_id = :scopeActorId)`);
    }
    if (roles.includes('service_head')) parts.push(this.ledOrOwnedSql(alias));
    return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params: { scopeActorId: id } };
  }

  /** Activities a service head leads through their agencies (and those agencies' divisions) or owns. */
  private ledOrOwnedSql(alias: string): string {
    return `(${alias}.owner_id = :scopeActorId OR EXISTS (
              SELECT 1 FROM activity_lead_agencies scope_l
               WHERE scope_l.activity_id = ${alias}.id
                 AND scope_l.lead_agency_id IN (
                   WITH RECURSIVE scope_agencies(id) AS (
                     SELECT lead_agency_id FROM user_lead_agencies WHERE user_id = :scopeActorId
                     UNION
                     SELECT child.id FROM lead_agencies child JOIN scope_agencies ON child.parent_id = scope_agencies.id
                   ) SELECT id FROM scope_agencies)))`;
  }

  /** A WHERE fragment limiting plans (aliased `alias`) to those the person may open at all. */
  planScope(alias: string): { sql: string; params: Record<string, unknown> } | null {
    const who = acting();
    if (who.kind === 'system' || who.actor.roles.includes('admin')) return null;
    const { id, roles } = who.actor;
    const parts: string[] = [];
    if (roles.includes('board_chair') || roles.includes('viewer')) {
      parts.push(`EXISTS (SELECT 1 FROM plan_members scope_m WHERE scope_m.plan_id = ${alias}.id AND scope_m.user_id = :scopeActorId)`);
    }
    if (roles.includes('service_head')) {
      parts.push(`EXISTS (SELECT 1 FROM activities scope_a JOIN recommendations scope_ar ON scope_ar.id = scope_a.recommendation_id
                    JOIN sections scope_as ON scope_as.id = scope_ar.section_id
                   WHERE scope_as.plan_id = ${alias}.id AND ${this.ledOrOwnedSql('scope_a')})`);
    }
    return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params: { scopeActorId: id } };
  }

  /** The ids, among those given, of activities the person may read. */
  async readableActivityIds(activityIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const scope = this.activityScope('activity');
    if (!scope || activityIds.length === 0) return new Set(activityIds);
    const rows: Array<{ id: string }> = await manager
      .createQueryBuilder()
      .select('activity.id', 'id')
      .from('activities', 'activity')
      .where('activity.id IN (:...activityIds)', { activityIds })
      .andWhere(scope.sql, scope.params)
      .getRawMany();
    return new Set(rows.map((row) => row.id));
  }

  /** `notFound` names what was asked for, so a refusal says nothing about the plan it sits in. */
  async assertCanReadPlan(planId: string, manager: EntityManager = this.dataSource.manager, notFound = `No plan with id ${planId}`): Promise<void> {
    const scope = this.planScope('plan');
    if (!scope) return;
    const found = await manager
      .createQueryBuilder()
      .select('plan.id')
      .from('plans', 'plan')
      .where('plan.id = :planId', { planId })
      .andWhere(scope.sql, scope.params)
      .getRawOne();
    if (!found) throw new NotFoundException(notFound);
  }

  async assertCanReadActivity(activityId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (!(await this.readableActivityIds([activityId], manager)).has(activityId)) {
      throw new NotFoundException(`No activity with id ${activityId}`);
    }
  }

  /** Service heads update what they lead or own; admins anything. Chairs review, they do not report progress. */
  async canUpdateActivity(activityId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const who = acting();
    if (who.kind === 'system' || who.actor.roles.includes('admin')) return true;
    if (!who.actor.roles.includes('service_head')) return false;
    const rows: Array<{ id: string }> = await manager
      .createQueryBuilder()
      .select('activity.id', 'id')
      .from('activities', 'activity')
      .where('activity.id = :activityId', { activityId })
      .andWhere(this.ledOrOwnedSql('activity'), { scopeActorId: who.actor.id })
      .getRawMany();
    return rows.length > 0;
  }
}
