import { AgencyNode, AgencyTree } from '../../plans/domain/agency-tree';
import type { PlanRole } from '../entities/plan-member.entity';
import type { Role } from '../roles';

/**
 * What one person reaches, in the council's terms:
 * - admins (and the system itself: start-up, queue jobs) reach everything;
 * - a plan's chair reads the whole plan, verifies its activities and overrides
 *   their ratings; a plan's viewer reads the whole plan. Both are per plan: the
 *   chair of plan A may only read plan B;
 * - a service head (council or partner: NHS, police) reads and reports on the
 *   activities led by their agencies, a directorate covering its divisions,
 *   and the ones they own; they see those activities' plans only as far as
 *   those activities. A partner lead therefore sees nothing of council-only work.
 *
 * Everything that decides who sees what (API and pages, lists, reviews,
 * reports, the audit trail, who is reminded) asks this, through the helpers
 * below and in reach-query.ts.
 */
export interface Reach {
  /** The person, or null for the system. */
  personId: string | null;
  everything: boolean;
  /** Plans whose whole tree the person reads (those they chair included). */
  readsPlans: ReadonlySet<string>;
  /** Plans the person chairs. */
  chairsPlans: ReadonlySet<string>;
  /** For service heads: their agencies with every division beneath them. */
  leadsAgencies: ReadonlySet<string>;
  /** For service heads: whether activities they own (and those their agencies lead) are theirs to read and report on. */
  reportsOnOwnWork: boolean;
}

export interface PlanMembershipOf {
  planId: string;
  role: PlanRole;
}

export interface ReachInput {
  personId: string;
  roles: readonly Role[];
  /** The plans the person was given, each with its role (and, later, what boards they sit on give them). */
  memberships: readonly PlanMembershipOf[];
  /** The agencies the person belongs to. */
  agencyIds: readonly string[];
  /** Every lead agency with its parent. */
  agencies: Iterable<AgencyNode>;
}

const NOTHING: ReadonlySet<string> = new Set();

export const REACH_OF_SYSTEM: Reach = {
  personId: null,
  everything: true,
  readsPlans: NOTHING,
  chairsPlans: NOTHING,
  leadsAgencies: NOTHING,
  reportsOnOwnWork: false,
};

export function reachOf(input: ReachInput): Reach {
  const roles = new Set(input.roles);
  if (roles.has('admin')) return { ...REACH_OF_SYSTEM, personId: input.personId };
  // A membership means only what the person's roles allow: a chair's seat
  // needs the board_chair role, and reading a whole plan needs chair or viewer.
  const readsPlans = new Set<string>();
  const chairsPlans = new Set<string>();
  for (const membership of input.memberships) {
    if (membership.role === 'chair' && roles.has('board_chair')) {
      chairsPlans.add(membership.planId);
      readsPlans.add(membership.planId);
    } else if (roles.has('board_chair') || roles.has('viewer')) {
      readsPlans.add(membership.planId);
    }
  }
  const serviceHead = roles.has('service_head');
  return {
    personId: input.personId,
    everything: false,
    readsPlans,
    chairsPlans,
    leadsAgencies: serviceHead ? new AgencyTree(input.agencies).withDivisions(input.agencyIds) : NOTHING,
    reportsOnOwnWork: serviceHead,
  };
}

/** What the reach rules need to know of one activity. */
export interface ActivityInReach {
  planId: string;
  ownerId: string | null;
  leadAgencyIds: readonly string[];
}

export function readsWholePlan(reach: Reach, planId: string): boolean {
  return reach.everything || reach.readsPlans.has(planId);
}

export function chairsPlan(reach: Reach, planId: string): boolean {
  return reach.everything || reach.chairsPlans.has(planId);
}

/** Led by one of the person's agencies (or a division of one), or owned by them. */
export function isOwnWork(reach: Reach, activity: ActivityInReach): boolean {
  if (!reach.reportsOnOwnWork || !reach.personId) return false;
  return activity.ownerId === reach.personId || activity.leadAgencyIds.some((id) => reach.leadsAgencies.has(id));
}

export function readsActivity(reach: Reach, activity: ActivityInReach): boolean {
  return readsWholePlan(reach, activity.planId) || isOwnWork(reach, activity);
}

/** Service heads report on their own work, admins on anything; chairs review, they do not report progress. */
export function reportsOnActivity(reach: Reach, activity: ActivityInReach): boolean {
  return reach.everything || isOwnWork(reach, activity);
}
