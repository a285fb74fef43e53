import { AccessPolicy } from '../src/accounts/access-policy.service';
import { ActivityInReach, IndicatorInReach, Reach, entersIndicatorValues, readsActivity, readsIndicator, readsWholePlan } from '../src/accounts/reach/reach';
import type { Role } from '../src/accounts/roles';
import { requestContext } from '../src/common/request-context';
import { IndicatorValuesService } from '../src/indicators/indicator-values.service';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

/**
 * The reach model's query helpers against a real PostgreSQL: for each kind of
 * person, the activities and plans the SQL lets through are exactly those the
 * pure rules (reach.ts) say they reach.
 */
describe('Reach: the query helpers agree with the rules', () => {
  let t: TestApp;
  let access: AccessPolicy;
  const ids: Record<string, string> = {};
  const activities: Record<string, ActivityInReach & { id: string }> = {};
  const indicators: Record<string, IndicatorInReach & { id: string }> = {};
  const people: Record<string, { id: string; roles: Role[] }> = {};

  const PEOPLE: Record<string, { roles: Role[]; agencies?: string[]; planRoles?: Array<[plan: string, role: 'chair' | 'viewer']> }> = {
    admin: { roles: ['admin'] },
    'chair of A viewing B': { roles: ['board_chair', 'viewer'], planRoles: [['A', 'chair'], ['B', 'viewer']] },
    viewer: { roles: ['viewer'], planRoles: [['A', 'viewer']] },
    'council head (directorate)': { roles: ['service_head'], agencies: ['Directorate'] },
    'partner head': { roles: ['service_head'], agencies: ['Partner Trust'] },
    owner: { roles: ['service_head'] },
  };

  beforeAll(async () => {
    t = await startTestApp({ demo: false });
    access = t.app.get(AccessPolicy);
    const agency = async (name: string, parentId?: string) => (await t.http.post('/api/lead-agencies').send({ name, parentId }).expect(201)).body.id as string;
    ids.Directorate = await agency('Directorate');
    ids.Division = await agency('Directorate – Division', ids.Directorate);
    ids['Partner Trust'] = await agency('Partner Trust');

    for (const [name, person] of Object.entries(PEOPLE)) {
      if (name === 'admin') continue;
      const created = (
        await t.http
          .post('/api/users')
          .send({ name, email: `${name.replace(/\W+/g, '.').replace(/\.$/, '')}@reach.test`, roles: person.roles, password: TEST_PASSWORD, leadAgencyIds: (person.agencies ?? []).map((a) => ids[a]) })
          .expect(201)
      ).body;
      people[name] = { id: created.id, roles: person.roles };
    }
    people.admin = { id: (await t.http.get('/api/me').expect(200)).body.id, roles: ['admin'] };

    const plan = async (title: string, rows: Array<{ text: string; leads: string[]; owner?: string }>) =>
      (
        await t.http
          .post('/api/plans')
          .send({
            title,
            kind: 'other',
            sections: [
              {
                title: 'Table',
                recommendations: [
                  {
                    number: 1,
                    band: 'by_date',
                    targetDate: '2012-12-31',
                    text: 'R',
                    activities: rows.map((row) => ({ text: row.text, leadAgencyIds: row.leads.map((lead) => ids[lead]), ownerId: row.owner ? people[row.owner].id : undefined })),
                  },
                ],
              },
            ],
          })
          .expect(201)
      ).body;
    const a = await plan('A', [
      { text: 'A: led by the division', leads: ['Division'] },
      { text: 'A: led by the partner', leads: ['Partner Trust'] },
    ]);
    const b = await plan('B', [{ text: 'B: led by the directorate', leads: ['Directorate'] }]);
    const c = await plan('C', [
      { text: 'C: owned, led by the partner', leads: ['Partner Trust'], owner: 'owner' },
      { text: 'C: nobody’s', leads: [] },
    ]);
    ids.A = a.id;
    ids.B = b.id;
    ids.C = c.id;
    for (const tree of [a, b, c]) {
      for (const activity of tree.sections[0].recommendations[0].activities) {
        activities[activity.text] = { id: activity.id, planId: tree.id, ownerId: activity.ownerId, leadAgencyIds: activity.leadAgencies.map((l: { id: string }) => l.id) };
      }
    }
    // Indicators alongside: led by the division, by the partner, owned, and nobody's.
    const indicator = async (title: string, plan: string, leads: string[], owner?: string) => {
      const leadAgencyIds = leads.map((lead) => ids[lead]);
      const ownerId = owner ? people[owner].id : null;
      const body = (await t.http.post('/api/indicators').send({ planId: ids[plan], title, unit: 'number', leadAgencyIds, ownerId }).expect(201)).body;
      indicators[title] = { id: body.id, planId: ids[plan], ownerId, leadAgencyIds };
    };
    await indicator('A: indicator led by the division', 'A', ['Division']);
    await indicator('A: indicator led by the partner', 'A', ['Partner Trust']);
    await indicator('B: indicator led by the directorate', 'B', ['Directorate']);
    await indicator('C: indicator owned', 'C', [], 'owner');
    await indicator('C: nobody’s indicator', 'C', []);
    for (const [name, person] of Object.entries(PEOPLE)) {
      if (!person.planRoles) continue;
      const current = (await t.http.get(`/api/users/${people[name].id}`).expect(200)).body;
      await t.http
        .patch(`/api/users/${people[name].id}`)
        .send({ version: current.version, planRoles: person.planRoles.map(([planKey, role]) => ({ planId: ids[planKey], role })) })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  /** Runs as the person, the way a request does. */
  const as = <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const user = people[name];
    return requestContext.run({ requestId: `reach-${name}`, ipAddress: '127.0.0.1', actor: { id: user.id, name, email: `${name}@reach.test`, roles: user.roles, sessionId: null } }, work);
  };

  it.each(Object.keys(PEOPLE))('%s: the SQL lets through exactly the activities and plans the rules reach', async (name) => {
    const { reach, readable, plans } = await as(name, async () => {
      const reach: Reach = await access.reach();
      const readable = await access.readableActivityIds(Object.values(activities).map((activity) => activity.id));
      const query = t.dataSource.createQueryBuilder().select('plan.id', 'id').from('plans', 'plan');
      const plans = (await (await access.scopePlans(query, 'plan')).getRawMany<{ id: string }>()).map((row) => row.id);
      return { reach, readable, plans };
    });
    const expected = Object.entries(activities)
      .filter(([, activity]) => readsActivity(reach, activity))
      .map(([text]) => text)
      .sort();
    const got = Object.entries(activities)
      .filter(([, activity]) => readable.has(activity.id))
      .map(([text]) => text)
      .sort();
    expect(got).toEqual(expected);
    // A plan opens when it is read whole or holds the person's own work.
    const expectedPlans = ['A', 'B', 'C'].filter(
      (key) => readsWholePlan(reach, ids[key]) || Object.values(activities).some((activity) => activity.planId === ids[key] && readsActivity(reach, activity)),
    );
    expect(['A', 'B', 'C'].filter((key) => plans.includes(ids[key]))).toEqual(expectedPlans);
  });

  it.each(Object.keys(PEOPLE))('%s: the indicator query helper lets through exactly the indicators the rules reach, and the access check agrees on entering values', async (name) => {
    const { reach, listed, enters } = await as(name, async () => {
      const reach: Reach = await access.reach();
      const query = t.dataSource.createQueryBuilder().select('indicator.id', 'id').from('indicators', 'indicator');
      const listed = new Set((await (await access.scopeIndicators(query, 'indicator')).getRawMany<{ id: string }>()).map((row) => row.id));
      const enters = new Set<string>();
      for (const indicator of Object.values(indicators)) {
        if (listed.has(indicator.id) && (await access.indicatorAccess(indicator.id)).entersValues) enters.add(indicator.id);
      }
      return { reach, listed, enters };
    });
    const titles = Object.keys(indicators);
    expect(titles.filter((title) => listed.has(indicators[title].id))).toEqual(titles.filter((title) => readsIndicator(reach, indicators[title])));
    expect(titles.filter((title) => enters.has(indicators[title].id))).toEqual(titles.filter((title) => entersIndicatorValues(reach, indicators[title])));
  });

  it.each(Object.keys(PEOPLE))('%s: the values of several indicators at once (a plan’s indicator page) are read only when every one is in reach', async (name) => {
    const values = t.app.get(IndicatorValuesService);
    const reach: Reach = await as(name, () => access.reach());
    const inReach = Object.values(indicators).filter((indicator) => readsIndicator(reach, indicator));
    const outOfReach = Object.values(indicators).filter((indicator) => !readsIndicator(reach, indicator));
    const read = await as(name, () => values.listMany(inReach.map((indicator) => indicator.id)));
    expect([...read.keys()].sort()).toEqual(inReach.map((indicator) => indicator.id).sort());
    // One deleted since it was listed (an id nobody has) is left out rather than refusing the page.
    const gone = '6f0c1d2e-0000-4000-8000-00000000d00d';
    expect([...(await as(name, () => values.listMany([...inReach.map((indicator) => indicator.id), gone]))).keys()].sort()).toEqual(inReach.map((indicator) => indicator.id).sort());
    for (const other of outOfReach) {
      await expect(as(name, () => values.listMany([...inReach.map((indicator) => indicator.id), other.id]))).rejects.toThrow(`No indicator with id ${other.id}`);
    }
  });

  it('gives the table the issue names: who reads which activity', async () => {
    const table: Record<string, string[]> = {};
    for (const name of Object.keys(PEOPLE)) {
      const readable = await as(name, () => access.readableActivityIds(Object.values(activities).map((activity) => activity.id)));
      table[name] = Object.keys(activities).filter((text) => readable.has(activities[text].id));
    }
    expect(table).toEqual({
      admin: Object.keys(activities),
      'chair of A viewing B': ['A: led by the division', 'A: led by the partner', 'B: led by the directorate'],
      viewer: ['A: led by the division', 'A: led by the partner'],
      'council head (directorate)': ['A: led by the division', 'B: led by the directorate'],
      'partner head': ['A: led by the partner', 'C: owned, led by the partner'],
      owner: ['C: owned, led by the partner'],
    });
  });

  it('escalates to the chairs of each plan, by their per-plan role', async () => {
    const chairs = await access.chairsOfPlans([ids.A, ids.B, ids.C]);
    expect(chairs.get(ids.A)).toEqual([people['chair of A viewing B'].id]);
    expect(chairs.get(ids.B)).toBeUndefined();
    expect(chairs.get(ids.C)).toBeUndefined();
  });
});
