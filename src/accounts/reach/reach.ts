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
 * - performance indicators follow the same lines: whoever reads a plan whole
 *   reads its indicators; a service head reads and enters the values of the
 *   indicators they own or their agencies lead; the plan's chair writes each
 *   priority's narratives and rates it; admins set indicators up.
 *
 * - boards (issue 14): a board's chair chairs the plans it oversees (with the
 *   board_chair role, as for a plan's chair seat; without it, reads them), and
 *   its members read them whole, whatever their role: partner agencies at the
 *   table see the papers the board sees. Whoever sits at a board reads its
 *   meetings, packs, action log and monitoring list; its chairs (and admins)
 *   run its meetings and issue its packs.
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
  /** Boards the person sits at (chairs included): their meetings, packs, actions and monitoring lists. */
  readsBoards: ReadonlySet<string>;
  /** Boards the person chairs. */
  chairsBoards: ReadonlySet<string>;
}

/** A seat at a board, with the plans the board oversees. */
export interface BoardSeatOf {
  boardId: string;
  seat: 'chair' | 'member';
  planIds: readonly string[];
}

export interface PlanMembershipOf {
  planId: string;
  role: PlanRole;
}

export interface ReachInput {
  personId: string;
  roles: readonly Role[];
  /** The plans the person was given, each with its role. */
  memberships: readonly PlanMembershipOf[];
  /** The boards the person sits at, each with the plans it oversees. */
  boardSeats?: readonly BoardSeatOf[];
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
  readsBoards: NOTHING,
  chairsBoards: NOTHING,
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
  const readsBoards = new Set<string>();
  const chairsBoards = new Set<string>();
  for (const seat of input.boardSeats ?? []) {
    readsBoards.add(seat.boardId);
    const chairs = seat.seat === 'chair' && roles.has('board_chair');
    if (chairs) chairsBoards.add(seat.boardId);
    for (const planId of seat.planIds) {
      readsPlans.add(planId);
      if (chairs) chairsPlans.add(planId);
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
    readsBoards,
    chairsBoards,
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

/**
 * What the reach rules need to know of one performance indicator: like an
 * activity, its plan, its owner and the agencies that lead it.
 */
export type IndicatorInReach = ActivityInReach;

/** Those who read the plan whole read its indicators; service heads those they own or their agencies (with divisions) lead. */
export function readsIndicator(reach: Reach, indicator: IndicatorInReach): boolean {
  return readsWholePlan(reach, indicator.planId) || isOwnWork(reach, indicator);
}

/** Who enters and corrects a month's value: admins, the owner, service heads of the leading agencies. Chairs judge, they do not make returns. */
export function entersIndicatorValues(reach: Reach, indicator: IndicatorInReach): boolean {
  return reach.everything || isOwnWork(reach, indicator);
}

/** The plan's chair (and admins) write a priority's "What the data tells us" and "Actions / next steps", and rate it for the month. */
export function judgesPriority(reach: Reach, planId: string): boolean {
  return chairsPlan(reach, planId);
}

/** Setting indicators up (definitions, targets, comparators, tolerances, imports) is for admins, as plans are. */
export function managesIndicators(reach: Reach): boolean {
  return reach.everything;
}

/** Whoever sits at a board (and admins) reads its meetings, packs, action log and monitoring list. */
export function readsBoard(reach: Reach, boardId: string): boolean {
  return reach.everything || reach.readsBoards.has(boardId);
}

/** A board's chairs (and admins) run its meetings: agendas, actions, decisions, and building and issuing packs. */
export function chairsBoard(reach: Reach, boardId: string): boolean {
  return reach.everything || reach.chairsBoards.has(boardId);
}

/** Boards themselves (name, kind, seats, the plans they oversee) are set up by admins, as plans are. */
export function managesBoards(reach: Reach): boolean {
  return reach.everything;
}

/** An action agreed at a meeting is closed by the board's chair, one of its owners, or an admin. */
export function closesAction(reach: Reach, boardId: string, ownerIds: readonly string[]): boolean {
  return chairsBoard(reach, boardId) || (reach.personId !== null && ownerIds.includes(reach.personId));
}
