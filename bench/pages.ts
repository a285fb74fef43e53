/**
 * The web pages' timings (issue 12): the plan page and the chair's review,
 * through HTTP with a browser's session cookie, each beside the same data as
 * JSON from the API (bearer token), run by run in the same script:
 *   - the plan page (tree, RAG and status per activity as of a date, roll-ups)
 *     against GET /api/plans/:id and GET /api/plans/:id/summary: the demo
 *     plan alone, a generated plan of 5,000 activities, and the demo plan in
 *     a database of 100,000 activities;
 *   - the review (overdue by lead agency as of a date, a page of 50, with the
 *     plan choices) against GET /api/reviews/overdue?pageSize=50 and
 *     GET /api/plans: the demo plan alone, and 100,000 activities.
 * The goal: no page's p95 above 1.5x its JSON's. Run alone with
 * `BENCHES=pages npm run bench`.
 */
import request from 'supertest';
import { DemoPlanLoader } from '../src/plans/demo/demo-plan.loader';
import { ACTIVITIES, ADMIN, RUNS, recordRatio, startApi, startDatabase, timePair } from './lib';
import { generatedPlan } from './reports';
import { seedActivities } from './seed';

const AS_OF = '2012-09-14';
const BIG_PLAN = Number(process.env.BIG_PLAN ?? 5000);
const LIMIT = 1.5;
const WARM_UP = 5;

type Agent = ReturnType<typeof request.agent>;

/** A browser's session: signed in through the sign-in page, cookies kept. */
async function signedIn(server: unknown): Promise<Agent> {
  const agent = request.agent(server as Parameters<typeof request.agent>[0]);
  const form = await agent.get('/sign-in').expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
  if (!csrf) throw new Error('No CSRF token on the sign-in page');
  await agent.post('/sign-in').type('form').send({ _csrf: csrf, email: ADMIN.email, password: ADMIN.password }).expect(303);
  return agent;
}

export async function benchPages(): Promise<void> {
  const database = await startDatabase('pages');
  const api = await startApi(database);
  try {
    const browser = await signedIn(api.app.getHttpServer());
    const page = async (url: string) => {
      const response = await browser.get(url);
      if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
      return response.text.length;
    };
    const loader = api.app.get(DemoPlanLoader);
    const demoId = await loader.load();
    const bigId = await loader.load(generatedPlan(BIG_PLAN));

    // A few rounds before timing, so the figures are the steady state (compiled templates, warm JIT and caches) on both sides.
    const warm = async (fn: () => Promise<unknown>) => {
      for (let i = 0; i < WARM_UP; i++) await fn();
    };
    const planRow = async (label: string, planId: string) => {
      const html = () => page(`/plans/${planId}?asOf=${AS_OF}`);
      const json = async () => {
        await api.get(`/api/plans/${planId}`);
        await api.get(`/api/plans/${planId}/summary?asOf=${AS_OF}`);
      };
      await warm(html);
      await warm(json);
      const [pageTime, jsonTime] = await timePair(RUNS, html, json);
      const size = await html();
      recordRatio(`plan page, ${label} (vs the tree and summary as JSON)`, pageTime, jsonTime, LIMIT, `; ${(size / 1024).toFixed(0)} KB of HTML`);
    };
    const reviewRow = async (label: string) => {
      const html = () => page(`/review?asOf=${AS_OF}`);
      const json = async () => {
        await api.get(`/api/reviews/overdue?asOf=${AS_OF}&groupBy=leadAgency&pageSize=50`);
        await api.get('/api/plans?pageSize=51');
      };
      await warm(html);
      await warm(json);
      const [pageTime, jsonTime] = await timePair(RUNS, html, json);
      const body = JSON.parse((await api.get(`/api/reviews/overdue?asOf=${AS_OF}&groupBy=leadAgency&pageSize=50`)).body.toString());
      recordRatio(`chair's review, ${label} (vs the overdue review and plans as JSON)`, pageTime, jsonTime, LIMIT, `; ${body.total.toLocaleString('en-GB')} overdue, a page of ${body.items.length}`);
    };

    await planRow('demo plan (58 activities)', demoId);
    await planRow(`generated plan of ${BIG_PLAN.toLocaleString('en-GB')} activities`, bigId);
    await reviewRow(`demo plan and the ${BIG_PLAN.toLocaleString('en-GB')}-activity plan`);

    const started = Date.now();
    await seedActivities((sql, params) => api.dataSource.query(sql, params), ACTIVITIES, database.ownerUrl);
    const [{ count }] = await api.dataSource.query('SELECT count(*)::int AS count FROM activities');
    console.log(`pages: seeded ${count.toLocaleString('en-GB')} activities in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await planRow(`demo plan among ${count.toLocaleString('en-GB')} activities`, demoId);
    await reviewRow(`${count.toLocaleString('en-GB')} activities`);
  } finally {
    await api.close();
    await database.stop();
  }
}

// Run on its own (ts-node bench/pages.ts), printing the table as npm run bench does.
if (require.main === module) {
  void import('./lib').then(async ({ printResults }) => {
    await benchPages();
    process.exit(printResults() ? 0 : 1);
  });
}
