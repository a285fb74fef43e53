/**
 * The reads a board chair and a page lean on, through HTTP as an
 * administrator, each beside hand-written SQL (or a hello-world) timed in the
 * same script, run by run:
 *   - the overdue review grouped by lead agency, today and at a past date;
 *   - the activities list filtered to overdue work, a page of 50;
 *   - the whole-plan tree (58 activities) under 10 connections, against a
 *     Nest hello-world returning the same JSON (and, for information, the
 *     tree made afresh on every read, keeping nothing between reads).
 * Then PostgreSQL's plans for the statements the app really ran.
 */
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { spawn } from 'child_process';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { Pool } from 'pg';
import { todayInLondon } from '../src/deadlines';
import { DemoPlanLoader } from '../src/plans/demo/demo-plan.loader';
import { ACTIVITIES, RUNS, SCALE, captureQueries, explain, recordAbsolute, recordRatio, recordThroughput, startApi, startDatabase, timePair } from './lib';
import { ROOT } from './processes';
import { SEED_AS_OF, seedActivities } from './seed';


const PAST = '2012-09-14';

/** The overdue review as one would write it by hand: group counts, the total and the first page with its details. */
function handWrittenOverdue(pool: Pool, asOf: string, past: boolean, pageSize: number) {
  const cutoff = `(($1::date + 1)::timestamp AT TIME ZONE 'Europe/London')`;
  const standing = past
    ? `FROM activities a LEFT JOIN LATERAL (SELECT h.status, h.due_date FROM activity_standing_history h
              WHERE h.activity_id = a.id AND a.standing_recorded_at >= ${cutoff} AND h.valid_to >= ${cutoff} ORDER BY h.valid_to, h.id LIMIT 1) was ON TRUE
        WHERE COALESCE(was.status, a.status) NOT IN ('complete', 'cancelled') AND COALESCE(was.due_date, a.due_date) < $1`
    : `FROM activities a WHERE a.status NOT IN ('complete', 'cancelled') AND a.due_date < $1`;
  return Promise.all([
    pool.query(`SELECT count(*) ${standing}`, [asOf]),
    pool.query(
      `SELECT COALESCE(agency.id::text, 'none') AS key, MIN(COALESCE(agency.name, 'No lead agency')) AS label, count(*)
         FROM (SELECT a.id ${standing}) o
         LEFT JOIN activity_lead_agencies l ON l.activity_id = o.id LEFT JOIN lead_agencies agency ON agency.id = l.lead_agency_id GROUP BY 1`,
      [asOf],
    ),
    pool.query(
      `SELECT o.*, p.title, s.title, r.number, r.band, u.name,
              (SELECT json_agg(json_build_object('id', agency.id, 'name', agency.name)) FROM activity_lead_agencies l JOIN lead_agencies agency ON agency.id = l.lead_agency_id WHERE l.activity_id = o.id),
              (SELECT note FROM progress_updates pu WHERE pu.activity_id = o.id ORDER BY pu.seq DESC LIMIT 1)
         FROM (SELECT a.* ${standing}) o
         JOIN recommendations r ON r.id = o.recommendation_id JOIN sections s ON s.id = r.section_id JOIN plans p ON p.id = o.plan_id
         LEFT JOIN users u ON u.id = o.owner_id
        ORDER BY o.due_date, p.created_at, p.id, s.position, r.number, o.position, o.id LIMIT ${pageSize}`,
      [asOf],
    ),
  ]);
}

export async function benchReads(): Promise<void> {
  const database = await startDatabase('reads');
  const api = await startApi(database);
  const pool = new Pool({ connectionString: database.url, max: 4 });
  try {
    let started = Date.now();
    await seedActivities((sql, params) => api.dataSource.query(sql, params), ACTIVITIES, database.ownerUrl);
    const demoId = await api.app.get(DemoPlanLoader).load();
    const [{ count }] = await api.dataSource.query('SELECT count(*)::int AS count FROM activities');
    console.log(`reads: seeded ${count.toLocaleString('en-GB')} activities in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const today = todayInLondon();
    for (const [label, asOf, past] of [
      [`today (${today})`, today, false],
      [`past date (${PAST})`, PAST, true],
    ] as const) {
      const url = `/api/reviews/overdue?groupBy=leadAgency&asOf=${asOf}`;
      const before = process.memoryUsage().rss;
      const [app, hand] = await timePair(RUNS, () => api.get(url), () => handWrittenOverdue(pool, asOf, past, 100));
      const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
      const body = JSON.parse((await api.get(url)).body.toString());
      recordRatio(`overdue review by lead agency, ${label}`, app, hand, 1.5, `; total ${body.total}, ${body.items.length} items, ${(JSON.stringify(body).length / 1024).toFixed(0)} KB`);
      recordAbsolute(`  memory while serving it (${RUNS + 1} runs)`, `RSS +${grown.toFixed(0)} MB`, 'flat (< 100 MB growth)', grown < 100);
    }

    const listUrl = `/api/activities?overdueAsOf=${SEED_AS_OF}&pageSize=50`;
    const [list, listHand] = await timePair(
      RUNS,
      () => api.get(listUrl),
      () =>
        Promise.all([
          pool.query(`SELECT count(*) FROM activities WHERE due_date < $1 AND status NOT IN ('complete', 'cancelled')`, [SEED_AS_OF]),
          pool.query(
            `SELECT a.*, p.title, s.title, r.number, r.band FROM activities a JOIN recommendations r ON r.id = a.recommendation_id JOIN sections s ON s.id = r.section_id JOIN plans p ON p.id = a.plan_id
              WHERE a.due_date < $1 AND a.status NOT IN ('complete', 'cancelled') ORDER BY p.created_at, p.id, s.position, r.number, a.position, a.id LIMIT 50`,
            [SEED_AS_OF],
          ),
        ]),
    );
    recordRatio('GET /api/activities?overdueAsOf=…&pageSize=50', list, listHand, 1.5);

    // The tree under load, against a hello-world answering the same JSON.
    const treeBody = JSON.parse((await api.get(`/api/plans/${demoId}`)).body.toString());
    @Controller()
    class HelloController {
      @Get('tree')
      tree() {
        return treeBody;
      }
    }
    @Module({ controllers: [HelloController] })
    class HelloModule {}
    const hello = await NestFactory.create(HelloModule, { logger: false });
    await hello.listen(0, '127.0.0.1');
    const duration = SCALE === '1m' ? 10 : 5;
    // autocannon in a process of its own, so the load it makes takes no time from the server it measures.
    const load = async (url: string, headers: Record<string, string> = {}) => {
      const args = ['-c', '10', '-d', String(duration), '-j', ...Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]), url];
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn(path.join(ROOT, 'node_modules/.bin/autocannon'), args, { stdio: ['ignore', 'pipe', 'ignore'] });
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.on('error', reject);
        child.on('exit', () => resolve(text));
      });
      const result = JSON.parse(output);
      if (result.errors || result.non2xx) throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx`);
      return result as { requests: { average: number }; latency: { p50: number } };
    };
    const treeLoad = await load(`${api.baseUrl}/api/plans/${demoId}`, { authorization: `Bearer ${api.token}` });
    const helloLoad = await load(`http://127.0.0.1:${(hello.getHttpServer().address() as AddressInfo).port}/tree`);
    // The same tree made afresh on every read (a second API on the same database, keeping nothing), for what a
    // read after each change costs: informative, no goal.
    const keepingNothing = await startApi(database, { planCacheBytes: 0 });
    const freshLoad = await load(`${keepingNothing.baseUrl}/api/plans/${demoId}`, { authorization: `Bearer ${keepingNothing.token}` });
    await keepingNothing.close();
    await hello.close();
    recordThroughput(
      `GET /api/plans/:id (58 activities, ${(JSON.stringify(treeBody).length / 1024).toFixed(0)} KB), 10 connections; p50 ${treeLoad.latency.p50} ms`,
      treeLoad.requests.average,
      helloLoad.requests.average,
      0.5,
      'req/s',
    );
    recordThroughput(`  the same made afresh every read (PLAN_CACHE_MB=0); p50 ${freshLoad.latency.p50} ms`, freshLoad.requests.average, helloLoad.requests.average, 0, 'req/s');

    // PostgreSQL's plans for the statements the app ran for the review and the list.
    for (const [label, url] of [
      ['overdue review today', `/api/reviews/overdue?groupBy=leadAgency&asOf=${today}`],
      [`overdue review as of ${PAST}`, `/api/reviews/overdue?groupBy=leadAgency&asOf=${PAST}`],
      ['activities list', listUrl],
    ]) {
      const capture = captureQueries(api.dataSource);
      await api.get(url);
      capture.stop();
      for (const [index, query] of capture.queries.entries()) {
        if (!/activities|activity_rows/.test(query.sql)) continue;
        await explain(api.dataSource, `${label}, statement ${index + 1}`, query.sql, query.parameters);
      }
    }
  } finally {
    await pool.end();
    await api.close();
    await database.stop();
  }
}
