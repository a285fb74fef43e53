import { TestApp, startTestApp, statementsDuring } from './support/test-app';

describe('Demo plan: the 2012 Southampton plan loaded at start', () => {
  let t: TestApp;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    const list = await t.http.get('/api/plans').expect(200);
    expect(list.body.total).toBe(1);
    planId = list.body.items[0].id;
  });
  afterAll(() => t.close());

  it('lists the plan with its counts', async () => {
    const list = await t.http.get('/api/plans').expect(200);
    expect(list.body.items[0]).toMatchObject({
      title: 'Quality Improvement Plan in response to OfSTED Announced Inspection 2012',
      kind: 'ofsted_inspection',
      status: 'draft',
      counts: { sections: 2, recommendations: 17, activities: 58 },
    });
  });

  it('returns the whole tree with the ground-truth counts of the paper', async () => {
    const { body: plan } = await t.http.get(`/api/plans/${planId}`).expect(200);
    expect(plan.source).toEqual({
      reportTitle: 'Inspection of safeguarding and looked after children services: Southampton',
      inspectionStartDate: '2012-04-23',
      inspectionEndDate: '2012-05-04',
      publishedOn: '2012-06-13',
    });
    expect(plan.columnLabels).toEqual([
      'Area for development - Ofsted report',
      'Activity to be delivered',
      'Outcome measure',
      'Cost (if app.)',
      'Lead agency',
    ]);
    expect(plan.sections.map((s: { title: string }) => s.title)).toEqual(['Safeguarding', 'Children looked after']);
    expect(plan.sections.map((s: { recommendations: unknown[] }) => s.recommendations.length)).toEqual([7, 10]);
    const activitiesPerSection = plan.sections.map((s: { recommendations: Array<{ activities: unknown[] }> }) =>
      s.recommendations.reduce((n, r) => n + r.activities.length, 0),
    );
    expect(activitiesPerSection).toEqual([24, 34]);
    expect(plan.counts).toMatchObject({
      sections: 2,
      recommendations: 17,
      activities: 58,
      byBand: {
        immediately: { recommendations: 3, activities: 16 },
        within_three_months: { recommendations: 10, activities: 32 },
        within_six_months: { recommendations: 4, activities: 10 },
      },
    });
    const numbers = plan.sections.map((s: { recommendations: Array<{ number: number }> }) => s.recommendations.map((r) => r.number));
    expect(numbers).toEqual([
      [1, 2, 3, 4, 5, 6, 7],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ]);
  });

  it('derives the band deadlines from the publication date of 13 June 2012', async () => {
    const { body: plan } = await t.http.get(`/api/plans/${planId}`).expect(200);
    const recommendations = plan.sections.flatMap((s: { recommendations: unknown[] }) => s.recommendations) as Array<{
      band: string;
      dueDate: string;
    }>;
    const dueByBand = (band: string) => [...new Set(recommendations.filter((r) => r.band === band).map((r) => r.dueDate))];
    expect(dueByBand('immediately')).toEqual(['2012-06-27']);
    expect(dueByBand('within_three_months')).toEqual(['2012-09-13']);
    expect(dueByBand('within_six_months')).toEqual(['2012-12-13']);
  });

  it('parses costs while keeping the text verbatim', async () => {
    const { body: plan } = await t.http.get(`/api/plans/${planId}`).expect(200);
    const activities = allActivities(plan);
    const hr = activities.find((a) => a.text.startsWith('Secure specialist HR support'))!;
    expect(hr.cost).toEqual({ text: '£3k per month', kind: 'amount', amountPence: 300000, period: 'monthly', annualPence: 3600000 });
    const psw = activities.find((a) => a.text.startsWith('Appoint/designate the Principal Social Worker'))!;
    expect(psw.cost).toMatchObject({ text: '£53k pa', amountPence: 5300000, period: 'annual' });
    expect(activities.filter((a) => a.cost.kind === 'unparsed')).toEqual([]);
  });

  it('normalises lead agencies: one canonical CSL Directorate with its divisions, not one per spelling', async () => {
    const { body: agencies } = await t.http.get('/api/lead-agencies?pageSize=200').expect(200);
    const names = agencies.items.map((a: { name: string }) => a.name);
    expect(names.filter((n: string) => /CSL Directorate$/.test(n))).toEqual(['SCC – CSL Directorate']);
    const csl = agencies.items.find((a: { name: string }) => a.name === 'SCC – CSL Directorate');
    const divisions = agencies.items.filter((a: { parentId: string }) => a.parentId === csl.id).map((a: { name: string }) => a.name);
    expect(divisions).toEqual(expect.arrayContaining(['SCC – CSL Directorate – Safeguarding', 'SCC – CSL Directorate – Commissioning']));
    expect(csl.aliases).toEqual(expect.arrayContaining(['SCC - CSL Directorate', 'SCC -CSL Directorate']));
    expect(agencies.total).toBeLessThan(29);

    const { body: plan } = await t.http.get(`/api/plans/${planId}`).expect(200);
    const core = allActivities(plan).find((a) => a.text.startsWith('Improve the regularity and multi agency attendance'))!;
    expect(core.leadAgencyText).toBe('LSCB, SCC - CSL Directorate, Health Providers, Police and Voluntary Sector');
    expect(core.leadAgencies).toHaveLength(5);
  });

  it('keeps the paper’s activity for the shifted row with the lead agency the fixture records', async () => {
    const { body: plan } = await t.http.get(`/api/plans/${planId}`).expect(200);
    const cla3 = plan.sections[1].recommendations[2];
    expect(cla3.text).toMatch(/^Pathway plans are in place for all care leavers, that they are comprehensive and specific/);
    expect(cla3.activities[0].leadAgencies.map((a: { name: string }) => a.name)).toEqual(['SCC – CSL Directorate – Safeguarding']);
  });

  it('reads the whole tree in a bounded number of queries, whatever the size of the plan', async () => {
    // Each counted read follows a change to the plan, so the tree is made afresh, not given as kept.
    const { body: plan } = await t.http.get(`/api/plans/${planId}`).expect(200);
    const rec = plan.sections[0].recommendations[0];
    const readAfterAdding = async (text: string) => {
      await t.http.post('/api/activities').send({ recommendationId: rec.id, text, outcomeMeasures: ['A', 'B'], costText: 'To be confirmed' }).expect(201);
      return (await statementsDuring(t.dataSource, () => t.http.get(`/api/plans/${planId}`).expect(200))).length;
    };
    const forDemo = await readAfterAdding('Extra activity');
    expect(forDemo).toBeLessThanOrEqual(8);
    // Grow the plan and the count must not move.
    expect(await readAfterAdding('Another extra activity')).toBe(forDemo);
  });

  it('does not load the demo plan twice on a database that already has plans', async () => {
    const { DemoPlanLoader } = await import('../src/plans/demo/demo-plan.loader');
    expect(await t.app.get(DemoPlanLoader).loadIfEmpty()).toBeNull();
    const list = await t.http.get('/api/plans').expect(200);
    expect(list.body.total).toBe(1);
  });
});

interface ActivityBody {
  text: string;
  cost: { text: string; kind: string; amountPence: number | null; period: string | null; annualPence: number | null };
  leadAgencyText: string;
  leadAgencies: Array<{ name: string }>;
}

function allActivities(plan: { sections: Array<{ recommendations: Array<{ activities: ActivityBody[] }> }> }): ActivityBody[] {
  return plan.sections.flatMap((s) => s.recommendations.flatMap((r) => r.activities));
}
