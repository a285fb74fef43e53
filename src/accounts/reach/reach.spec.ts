import type { Role } from '../roles';
import {
  ActivityInReach,
  IndicatorInReach,
  BoardSeatOf,
  PlanMembershipOf,
  REACH_OF_SYSTEM,
  chairsBoard,
  chairsPlan,
  closesAction,
  managesBoards,
  readsBoard,
  entersIndicatorValues,
  judgesPriority,
  managesIndicators,
  readsActivity,
  readsIndicator,
  readsWholePlan,
  reachOf,
  reportsOnActivity,
} from './reach';

const AGENCIES = [
  { id: 'scc-csl', parentId: null },
  { id: 'csl-safeguarding', parentId: 'scc-csl' },
  { id: 'csl-commissioning', parentId: 'scc-csl' },
  { id: 'nhs', parentId: null },
];

interface Person {
  roles: Role[];
  memberships?: PlanMembershipOf[];
  agencyIds?: string[];
}

const PEOPLE: Record<string, Person> = {
  admin: { roles: ['admin'] },
  'chair of A viewing B': {
    roles: ['board_chair', 'viewer'],
    memberships: [
      { planId: 'A', role: 'chair' },
      { planId: 'B', role: 'viewer' },
    ],
  },
  viewer: { roles: ['viewer'], memberships: [{ planId: 'A', role: 'viewer' }] },
  'viewer given a chair seat without the role': { roles: ['viewer'], memberships: [{ planId: 'A', role: 'chair' }] },
  'council head (directorate)': { roles: ['service_head'], agencyIds: ['scc-csl'] },
  'council head (division)': { roles: ['service_head'], agencyIds: ['csl-safeguarding'] },
  'partner head (NHS)': { roles: ['service_head'], agencyIds: ['nhs'] },
  owner: { roles: ['service_head'] },
  'no roles': { roles: [], memberships: [{ planId: 'A', role: 'viewer' }], agencyIds: ['scc-csl'] },
};

const reachOfPerson = (name: string) => {
  const person = PEOPLE[name];
  return reachOf({ personId: name, roles: person.roles, memberships: person.memberships ?? [], agencyIds: person.agencyIds ?? [], agencies: AGENCIES });
};

const ACTIVITIES: Record<string, ActivityInReach> = {
  'A: led by Safeguarding': { planId: 'A', ownerId: null, leadAgencyIds: ['csl-safeguarding'] },
  'A: led by NHS': { planId: 'A', ownerId: null, leadAgencyIds: ['nhs'] },
  'B: led by Commissioning': { planId: 'B', ownerId: null, leadAgencyIds: ['csl-commissioning'] },
  'C: owned by owner, led by NHS': { planId: 'C', ownerId: 'owner', leadAgencyIds: ['nhs'] },
  'C: no lead, no owner': { planId: 'C', ownerId: null, leadAgencyIds: [] },
};

describe('reachOf: plans read whole and chaired', () => {
  it.each<[string, string[], string[]]>([
    ['admin', ['A', 'B', 'C'], ['A', 'B', 'C']],
    ['chair of A viewing B', ['A', 'B'], ['A']],
    ['viewer', ['A'], []],
    ['viewer given a chair seat without the role', ['A'], []],
    ['council head (directorate)', [], []],
    ['partner head (NHS)', [], []],
    ['owner', [], []],
    ['no roles', [], []],
  ])('%s reads %j whole and chairs %j', (name, reads, chairs) => {
    const reach = reachOfPerson(name);
    expect(['A', 'B', 'C'].filter((plan) => readsWholePlan(reach, plan))).toEqual(reads);
    expect(['A', 'B', 'C'].filter((plan) => chairsPlan(reach, plan))).toEqual(chairs);
  });
});

describe('reachOf: activities read and reported on', () => {
  const everyActivity = Object.keys(ACTIVITIES);
  it.each<[string, string[], string[]]>([
    ['admin', everyActivity, everyActivity],
    ['chair of A viewing B', ['A: led by Safeguarding', 'A: led by NHS', 'B: led by Commissioning'], []],
    ['viewer', ['A: led by Safeguarding', 'A: led by NHS'], []],
    // A directorate's people answer for its divisions.
    ['council head (directorate)', ['A: led by Safeguarding', 'B: led by Commissioning'], ['A: led by Safeguarding', 'B: led by Commissioning']],
    // A division's people do not answer for the directorate's other divisions.
    ['council head (division)', ['A: led by Safeguarding'], ['A: led by Safeguarding']],
    ['partner head (NHS)', ['A: led by NHS', 'C: owned by owner, led by NHS'], ['A: led by NHS', 'C: owned by owner, led by NHS']],
    ['owner', ['C: owned by owner, led by NHS'], ['C: owned by owner, led by NHS']],
    ['no roles', [], []],
  ])('%s reads %j and reports on %j', (name, reads, reports) => {
    const reach = reachOfPerson(name);
    expect(everyActivity.filter((key) => readsActivity(reach, ACTIVITIES[key]))).toEqual(reads);
    expect(everyActivity.filter((key) => reportsOnActivity(reach, ACTIVITIES[key]))).toEqual(reports);
  });
});

const INDICATORS: Record<string, IndicatorInReach> = {
  'A: led by Safeguarding': { planId: 'A', ownerId: null, leadAgencyIds: ['csl-safeguarding'] },
  'A: led by NHS': { planId: 'A', ownerId: null, leadAgencyIds: ['nhs'] },
  'A: led by the directorate': { planId: 'A', ownerId: null, leadAgencyIds: ['scc-csl'] },
  'B: owned by owner, no lead': { planId: 'B', ownerId: 'owner', leadAgencyIds: [] },
  'C: no lead, no owner': { planId: 'C', ownerId: null, leadAgencyIds: [] },
};

describe('performance indicators: read, values entered, priorities judged, indicators set up', () => {
  const every = Object.keys(INDICATORS);
  it.each<[string, string[], string[]]>([
    ['admin', every, every],
    // Chairs and viewers read the indicators of the plans they read whole; they make no returns.
    ['chair of A viewing B', ['A: led by Safeguarding', 'A: led by NHS', 'A: led by the directorate', 'B: owned by owner, no lead'], []],
    ['viewer', ['A: led by Safeguarding', 'A: led by NHS', 'A: led by the directorate'], []],
    // A directorate's head answers for its divisions' indicators; a division's head not for the directorate's.
    ['council head (directorate)', ['A: led by Safeguarding', 'A: led by the directorate'], ['A: led by Safeguarding', 'A: led by the directorate']],
    ['council head (division)', ['A: led by Safeguarding'], ['A: led by Safeguarding']],
    // A partner lead sees only what their agency leads.
    ['partner head (NHS)', ['A: led by NHS'], ['A: led by NHS']],
    ['owner', ['B: owned by owner, no lead'], ['B: owned by owner, no lead']],
    ['no roles', [], []],
  ])('%s reads %j and enters values for %j', (name, reads, enters) => {
    const reach = reachOfPerson(name);
    expect(every.filter((key) => readsIndicator(reach, INDICATORS[key]))).toEqual(reads);
    expect(every.filter((key) => entersIndicatorValues(reach, INDICATORS[key]))).toEqual(enters);
  });

  it.each<[string, string[], boolean]>([
    ['admin', ['A', 'B', 'C'], true],
    ['chair of A viewing B', ['A'], false],
    ['viewer', [], false],
    ['viewer given a chair seat without the role', [], false],
    ['council head (directorate)', [], false],
    ['partner head (NHS)', [], false],
  ])('%s writes the narratives and rating of the priorities of %j; sets indicators up: %s', (name, plans, manages) => {
    const reach = reachOfPerson(name);
    expect(['A', 'B', 'C'].filter((plan) => judgesPriority(reach, plan))).toEqual(plans);
    expect(managesIndicators(reach)).toBe(manages);
  });
});

describe("boards: a board's chair chairs its plans, its members read them", () => {
  // The improvement board oversees plans A and B; the scrutiny panel oversees plan C.
  const BOARD = (seat: BoardSeatOf['seat']): BoardSeatOf => ({ boardId: 'improvement board', seat, planIds: ['A', 'B'] });
  const PANEL = (seat: BoardSeatOf['seat']): BoardSeatOf => ({ boardId: 'scrutiny panel', seat, planIds: ['C'] });
  const SEATED: Record<string, { roles: Role[]; seats: BoardSeatOf[]; memberships?: PlanMembershipOf[]; agencyIds?: string[] }> = {
    'independent chair of the board': { roles: ['board_chair'], seats: [BOARD('chair')] },
    'chair of the board, member of the panel': { roles: ['board_chair'], seats: [BOARD('chair'), PANEL('member')] },
    'chair seat without the board_chair role': { roles: ['viewer'], seats: [BOARD('chair')] },
    'partner lead (NHS) at the table': { roles: ['service_head'], seats: [BOARD('member')], agencyIds: ['nhs'] },
    'partner lead (NHS) not at the table': { roles: ['service_head'], seats: [], agencyIds: ['nhs'] },
    'viewer of C who sits on the board': { roles: ['viewer'], seats: [BOARD('member')], memberships: [{ planId: 'C', role: 'viewer' }] },
    'member with no roles': { roles: [], seats: [PANEL('member')] },
  };
  const reachOfSeated = (name: string) => {
    const person = SEATED[name];
    return reachOf({ personId: name, roles: person.roles, memberships: person.memberships ?? [], boardSeats: person.seats, agencyIds: person.agencyIds ?? [], agencies: AGENCIES });
  };
  const boards = ['improvement board', 'scrutiny panel'];

  it.each<[string, string[], string[], string[], string[]]>([
    ['independent chair of the board', ['A', 'B'], ['A', 'B'], ['improvement board'], ['improvement board']],
    ['chair of the board, member of the panel', ['A', 'B', 'C'], ['A', 'B'], boards, ['improvement board']],
    // A chair's seat needs the role, as a plan's does: without it the seat reads.
    ['chair seat without the board_chair role', ['A', 'B'], [], ['improvement board'], []],
    // Partners at the table read the papers the board reads; those not at the table do not.
    ['partner lead (NHS) at the table', ['A', 'B'], [], ['improvement board'], []],
    ['partner lead (NHS) not at the table', [], [], [], []],
    ['viewer of C who sits on the board', ['A', 'B', 'C'], [], ['improvement board'], []],
    ['member with no roles', ['C'], [], ['scrutiny panel'], []],
  ])('%s reads %j whole, chairs %j, reads boards %j and chairs boards %j', (name, reads, chairs, readsBoards, chairsBoards) => {
    const reach = reachOfSeated(name);
    expect(['A', 'B', 'C'].filter((plan) => readsWholePlan(reach, plan))).toEqual(reads);
    expect(['A', 'B', 'C'].filter((plan) => chairsPlan(reach, plan))).toEqual(chairs);
    expect(boards.filter((board) => readsBoard(reach, board))).toEqual(readsBoards);
    expect(boards.filter((board) => chairsBoard(reach, board))).toEqual(chairsBoards);
    expect(managesBoards(reach)).toBe(false);
  });

  it('keeps a partner lead at the table to their own work for reporting progress', () => {
    const reach = reachOfSeated('partner lead (NHS) at the table');
    expect(readsActivity(reach, ACTIVITIES['A: led by Safeguarding'])).toBe(true);
    expect(reportsOnActivity(reach, ACTIVITIES['A: led by Safeguarding'])).toBe(false);
    expect(reportsOnActivity(reach, ACTIVITIES['A: led by NHS'])).toBe(true);
  });

  it.each<[string, string[], boolean]>([
    ['independent chair of the board', [], true],
    ['partner lead (NHS) at the table', ['partner lead (NHS) at the table'], true],
    ['partner lead (NHS) at the table', ['someone else'], false],
    ['chair seat without the board_chair role', [], false],
  ])('%s closes an action of the board owned by %j: %s', (name, owners, closes) => {
    expect(closesAction(reachOfSeated(name), 'improvement board', owners)).toBe(closes);
  });

  it('admins read, chair and set up every board', () => {
    const reach = reachOfPerson('admin');
    expect(readsBoard(reach, 'any board')).toBe(true);
    expect(chairsBoard(reach, 'any board')).toBe(true);
    expect(managesBoards(reach)).toBe(true);
    expect(closesAction(reach, 'any board', [])).toBe(true);
  });
});

describe('the system', () => {
  it('reaches everything and reports on anything (start-up, demo loading, queue jobs)', () => {
    expect(readsWholePlan(REACH_OF_SYSTEM, 'A')).toBe(true);
    expect(chairsPlan(REACH_OF_SYSTEM, 'A')).toBe(true);
    expect(reportsOnActivity(REACH_OF_SYSTEM, ACTIVITIES['C: no lead, no owner'])).toBe(true);
  });
});
