/**
 * Performance figures for the reads a board chair and the reminder scan lean on.
 * Seeds many copies of the demo plan into an embedded PostgreSQL, then times the
 * overdue filter, a filtered page, and the whole-plan tree through HTTP, and
 * prints the plan PostgreSQL chose for the overdue query.
 *
 *   npm run bench            (PLANS=200 by default: about 11,600 activities)
 *   PLANS=1000 npm run bench
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/app-config';
import { analyzeAsOwner, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { DemoPlanLoader } from '../src/plans/demo/demo-plan.loader';

const PLANS = Number(process.env.PLANS ?? 200);
const RUNS = Number(process.env.RUNS ?? 20);

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  const p95 = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))];
  console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ipm-bench-'));
  const database = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  try {
    const config = { ...loadConfig({ LOG_LEVEL: 'error' }), demoMode: false, migrationDatabaseUrl: database.ownerUrl };
    const app = await createApp(config, database.url);
    await app.init();
    const loader = app.get(DemoPlanLoader);
    const seedStart = Date.now();
    let planId = '';
    for (let i = 0; i < PLANS; i++) planId = await loader.load();
    const dataSource = app.get(DataSource);
    // Statistics are the owner's to gather; the app's own role may not ANALYZE tables it does not own.
    await analyzeAsOwner(database.ownerUrl);
    const [{ count }] = await dataSource.query('SELECT COUNT(*)::int AS count FROM activities');
    console.log(`Seeded ${PLANS} plans, ${count} activities in ${((Date.now() - seedStart) / 1000).toFixed(1)} s\n`);

    const http = request(app.getHttpServer());
    await time('GET /api/activities?overdueAsOf=2012-09-14 (first page)', RUNS, () =>
      http.get('/api/activities?overdueAsOf=2012-09-14&pageSize=50').expect(200),
    );
    await time('GET /api/activities?overdueAsOf=2012-06-28&planId=… (one plan)', RUNS, () =>
      http.get(`/api/activities?overdueAsOf=2012-06-28&planId=${planId}&pageSize=200`).expect(200),
    );
    await time('GET /api/plans/:id (whole tree, 58 activities)', RUNS, () => http.get(`/api/plans/${planId}`).expect(200));

    const explain: Array<{ 'QUERY PLAN': string }> = await dataSource.query(
      `EXPLAIN SELECT id FROM activities WHERE due_date < '2012-06-28' AND status NOT IN ('complete', 'cancelled')`,
    );
    console.log('\nPostgreSQL plan for the overdue scan:');
    for (const row of explain) console.log(`  ${row['QUERY PLAN']}`);
    await app.close();
  } finally {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
