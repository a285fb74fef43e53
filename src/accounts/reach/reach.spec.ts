import type { Role } from '../roles';
import { ActivityInReach, PlanMembershipOf, REACH_OF_SYSTEM, chairsPlan, readsActivity, readsWholePlan, reachOf, reportsOnActivity } from './reach';

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

describe('the system', () => {
  it('reaches everything and reports on anything (start-up, demo loading, queue jobs)', () => {
    expect(readsWholePlan(REACH_OF_SYSTEM, 'A')).toBe(true);
    expect(chairsPlan(REACH_OF_SYSTEM, 'A')).toBe(true);
    expect(reportsOnActivity(REACH_OF_SYSTEM, ACTIVITIES['C: no lead, no owner'])).toBe(true);
  });
});
