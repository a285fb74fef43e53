import { allActivities, demoPlan } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

describe('probe', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ demo: true }); });
  afterAll(() => t.close());
  it('dumps', async () => {
    const plan = await demoPlan(t);
    const acts = allActivities(plan) as any[];
    const out: any = { acts: acts.map((a) => ({ id: a.id, band: a.band, due: a.dueDate, st: a.status, la: a.leadAgencies.map((l: any) => l.name), owner: a.owner, text: a.text.slice(0, 40) })) };
    const csl = await t.as('head.csl@demo.test');
    out.cslList = (await csl.get(`/api/activities?pageSize=100`)).body.total;
    out.rag = (await t.http.get(`/api/activities/${acts[0].id}/rag?asOf=2012-09-14`)).body;
    out.act = (await t.http.get(`/api/activities/${acts[0].id}`)).body;
    out.overdue = (await t.http.get(`/api/reviews/overdue?asOf=2012-09-14&planId=${plan.id}&groupBy=section`)).body;
    out.overdue.items = out.overdue.items.slice(0, 2);
    out.summary = (await t.http.get(`/api/plans/${plan.id}/summary?asOf=2012-09-14`)).body;
    out.audit = (await t.http.get(`/api/audit?pageSize=3`)).body;
    require('fs').writeFileSync('/tmp/probe/out.json', JSON.stringify(out, null, 1));
  });
});
