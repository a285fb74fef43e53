/**
 * Render times for the committee-paper appendix and the board's reports, in
 * HTML, PDF and Word, for the demo plan (58 activities) and a generated plan of
 * 5,000 activities, through HTTP as an administrator; with the number of SQL
 * statements each report runs (authentication included).
 *
 *   npm run bench:reports
 *   RUNS=20 PDF_RUNS=5 BIG_PDF_RUNS=3 ACTIVITIES=5000 npm run bench:reports
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
import southampton from '../src/plans/demo/southampton-2012.plan.json';

const RUNS = Number(process.env.RUNS ?? 20);
const PDF_RUNS = Number(process.env.PDF_RUNS ?? 5);
const BIG_PDF_RUNS = Number(process.env.BIG_PDF_RUNS ?? 3);
const ACTIVITIES = Number(process.env.ACTIVITIES ?? 5000);
const AS_OF = '2012-09-14';
const ADMIN = { email: 'bench@example.test', password: 'bench password for reports' };

type Fixture = Parameters<DemoPlanLoader['load']>[0];

/**
 * A plan of `total` activities shaped like the demo: four tables of 25
 * recommendations across the three bands, each activity copied (text,
 * measures, cost, lead agencies) from the demo's 58 in turn.
 */
function generatedPlan(total: number): Fixture {
  const source = southampton.sections.flatMap((section) => section.recommendations.flatMap((r) => r.activities));
  const sectionCount = 4;
  const recommendationsPerSection = 25;
  const perRecommendation = Math.ceil(total / (sectionCount * recommendationsPerSection));
  const bands = ['immediately', 'within_three_months', 'within_six_months'];
  let made = 0;
  return {
    ...(southampton as unknown as Fixture),
    plan: { ...southampton.plan, title: `Generated plan of ${total} activities` },
    sections: Array.from({ length: sectionCount }, (_, s) => ({
      title: ['Help and protection', 'Children looked after', 'Care leavers', 'Leadership and management'][s],
      sourceReference: String(20 + s),
      recommendations: Array.from({ length: recommendationsPerSection }, (_, r) => ({
        number: r + 1,
        band: bands[Math.floor((r * bands.length) / recommendationsPerSection)],
        text: southampton.sections[s % 2].recommendations[r % southampton.sections[s % 2].recommendations.length].text,
        activities: Array.from({ length: Math.max(0, Math.min(perRecommendation, total - made)) }, () => {
          const copy = source[made++ % source.length];
          return { text: copy.text, outcomeMeasures: copy.outcomeMeasures, costText: copy.costText, leadAgencyText: copy.leadAgencyText, leadAgencies: copy.leadAgencies };
        }),
      })),
    })),
  } as Fixture;
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ipm-bench-reports-'));
  const database = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  try {
    const config = { ...loadConfig({ LOG_LEVEL: 'error' }), demoMode: false, initialAdmin: ADMIN, migrationDatabaseUrl: database.ownerUrl };
    const app = await createApp(config, database.url);
    await app.init();
    const dataSource = app.get(DataSource);
    const loader = app.get(DemoPlanLoader);

    const seedStart = Date.now();
    const demoId = await loader.load();
    const bigId = await loader.load(generatedPlan(ACTIVITIES));
    // Progress on a fifth of the activities, so the reports read notes and ratings as a board's would.
    await dataSource.query(
      `INSERT INTO progress_updates (activity_id, status, percent_complete, note)
       SELECT id, 'in_progress', 40, 'Work under way; next report to the board in October.'
         FROM activities WHERE position % 5 = 0`,
    );
    await dataSource.query(`UPDATE activities SET status = 'in_progress', percent_complete = 40, last_reported_at = now() WHERE position % 5 = 0`);
    // Statistics are the owner's to gather; the app's own role may not ANALYZE tables it does not own.
    await analyzeAsOwner(database.ownerUrl);
    const [{ count }] = await dataSource.query('SELECT COUNT(*)::int AS count FROM activities');
    console.log(`Seeded the demo plan and a generated plan: ${count} activities in ${((Date.now() - seedStart) / 1000).toFixed(1)} s\n`);

    const http = request(app.getHttpServer());
    const signIn = await http.post('/api/auth/sign-in').send(ADMIN).expect(200);
    const token: string = signIn.body.accessToken;

    let queries = 0;
    const logger = dataSource.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      queries += 1;
      return logQuery(query, parameters, runner);
    };

    const get = async (url: string): Promise<{ bytes: number; queries: number }> => {
      const before = queries;
      const response = await http
        .get(url)
        .set('Authorization', `Bearer ${token}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      if (response.status !== 200) throw new Error(`${url}: ${response.status} ${response.body}`);
      return { bytes: (response.body as Buffer).length, queries: queries - before };
    };

    const plans = [
      { label: 'demo (58)', id: demoId },
      { label: `generated (${ACTIVITIES})`, id: bigId },
    ];
    const reports = [
      { name: 'appendix', url: (id: string) => `/api/plans/${id}/appendix?appendix=2` },
      { name: 'progress report', url: (id: string) => `/api/plans/${id}/progress-report?asOf=${AS_OF}` },
      { name: 'exception report', url: (id: string) => `/api/reviews/exceptions?asOf=${AS_OF}&planId=${id}` },
    ];
    const formats = ['html', 'pdf', 'docx'] as const;

    console.log(`${'report'.padEnd(18)}${'plan'.padEnd(18)}${'format'.padEnd(8)}${'runs'.padStart(5)}${'median ms'.padStart(11)}${'p95 ms'.padStart(10)}${'size KB'.padStart(10)}${'queries'.padStart(9)}`);
    for (const report of reports) {
      for (const plan of plans) {
        for (const format of formats) {
          const url = `${report.url(plan.id)}&format=${format}`;
          const runs = format === 'pdf' ? (plan.id === bigId ? BIG_PDF_RUNS : PDF_RUNS) : RUNS;
          const warm = await get(url); // first run: templates warm, browser launched
          const samples: number[] = [];
          for (let i = 0; i < runs; i++) {
            const start = process.hrtime.bigint();
            await get(url);
            samples.push(Number(process.hrtime.bigint() - start) / 1e6);
          }
          const { median, p95 } = stats(samples);
          console.log(
            `${report.name.padEnd(18)}${plan.label.padEnd(18)}${format.padEnd(8)}${String(runs).padStart(5)}${median.toFixed(1).padStart(11)}${p95.toFixed(1).padStart(10)}${(warm.bytes / 1024).toFixed(0).padStart(10)}${String(warm.queries).padStart(9)}`,
          );
        }
      }
    }
    const me = await get('/api/me');
    console.log(`\nQueries include signing the request in: /api/me alone runs ${me.queries}.`);
    logger.logQuery = logQuery;
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
