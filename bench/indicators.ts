/**
 * The board's performance report at size: a plan of 10 priorities x 40
 * indicators with 36 months of values each (14,400 values, brought in through
 * the indicator import), rendered through HTTP as an administrator in HTML and
 * PDF, with the SQL statements each request runs. The same report for one
 * priority of four indicators is the baseline in the same run, so the ratios
 * hold on any machine; the charts (one per indicator, drawn by Vega in a
 * worker thread) are timed apart from reading the record.
 *
 *   npm run bench:indicators
 *   RUNS=3 PDF_RUNS=1 PRIORITIES=10 INDICATORS=40 MONTHS=36 npm run bench:indicators
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { todayInLondon } from '../src/deadlines';
import { ChartRenderer } from '../src/indicators/charts';
import { Month, addMonths, formatMonthShort, lastMonths, monthOfDate } from '../src/indicators/domain';
import { PerformanceReportService } from '../src/indicators/performance-report.service';
import { performanceChartInputs } from '../src/indicators/report/performance-report.view-model';

const RUNS = Number(process.env.RUNS ?? 3);
const PDF_RUNS = Number(process.env.PDF_RUNS ?? 2);
const PRIORITIES = Number(process.env.PRIORITIES ?? 10);
const INDICATORS = Number(process.env.INDICATORS ?? 40);
const MONTHS = Number(process.env.MONTHS ?? 36);
const ADMIN = { email: 'bench@example.test', password: 'bench password for indicators' };
const UNITS = ['PERCENTAGE', 'NUMBER', 'RATE', 'DAYS'] as const;

/** A wide board-report sheet: heading rows per priority, one column a month, a target and two comparators. */
function boardSheet(priorities: number, perPriority: number, months: Month[]): string {
  const header = ['Indicator', 'Outturn type', ...months.map(formatMonthShort), 'Target', 'Statistical Neighbours', 'England', 'Good is'];
  const lines = [header.join(',')];
  for (let p = 0; p < priorities; p++) {
    lines.push(`"Priority ${p + 1}: Priority ${p + 1} of the plan — RAG: Amber, Medium Risk"`);
    for (let i = 0; i < perPriority; i++) {
      const unit = UNITS[i % UNITS.length];
      const base = unit === 'PERCENTAGE' ? 60 + (i % 30) : unit === 'NUMBER' ? 100 + i * 7 : unit === 'RATE' ? 300 + i : 400 + i * 3;
      const values = months.map((_, m) => {
        const value = base * (1 + Math.sin((m + i + p) / 3) * 0.08);
        return unit === 'PERCENTAGE' ? `${value.toFixed(1)}%` : value.toFixed(1);
      });
      const target = unit === 'PERCENTAGE' ? `${base}%` : String(base);
      lines.push([`Indicator ${p + 1}.${i + 1} of the bench`, unit, ...values, target, target, 'N/A', i % 2 ? 'Higher' : 'Lower'].join(','));
    }
  }
  return lines.join('\n');
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ipm-bench-indicators-'));
  const database = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  try {
    const config = { ...loadConfig({ LOG_LEVEL: 'error' }), demoMode: false, initialAdmin: ADMIN };
    const app = await createApp(config, database.url);
    await app.init();
    const dataSource = app.get(DataSource);
    const http = request(app.getHttpServer());
    const token: string = (await http.post('/api/auth/sign-in').send(ADMIN).expect(200)).body.accessToken;
    const auth = (test: request.Test) => test.set('Authorization', `Bearer ${token}`);

    const asOf = addMonths(monthOfDate(todayInLondon()), -1);
    const months = lastMonths(asOf, MONTHS);
    const plan = async (title: string, priorities: number) =>
      (
        await auth(http.post('/api/plans'))
          .send({
            title,
            kind: 'other',
            sections: Array.from({ length: priorities }, (_, p) => ({
              title: `Priority ${p + 1} of the plan`,
              recommendations: [{ number: 1, band: 'by_date', targetDate: `${months[months.length - 3]}-15`, text: 'Improve', activities: Array.from({ length: 5 }, (__, a) => ({ text: `Action ${a + 1}` })) }],
            })),
          })
          .expect(201)
      ).body.id as string;
    const seedStart = Date.now();
    const big = await plan('Bench plan', PRIORITIES);
    const small = await plan('Baseline plan', 1);
    const importStart = Date.now();
    const imported = await auth(http.post('/api/indicators/imports')).field('planId', big).attach('file', Buffer.from(boardSheet(PRIORITIES, INDICATORS, months)), 'bench.csv').expect(201);
    const importMs = Date.now() - importStart;
    await auth(http.post('/api/indicators/imports')).field('planId', small).attach('file', Buffer.from(boardSheet(1, 4, months)), 'baseline.csv').expect(201);
    await dataSource.query('ANALYZE');
    const [{ values }] = await dataSource.query('SELECT count(*)::int AS values FROM indicator_values');
    console.log(
      `Seeded ${PRIORITIES} priorities x ${INDICATORS} indicators x ${MONTHS} months (${values} values, ${imported.body.summary.indicatorsCreated} indicators imported in ${(importMs / 1000).toFixed(1)} s) ` +
        `and a baseline of 1 x 4 x ${MONTHS}, in ${((Date.now() - seedStart) / 1000).toFixed(1)} s; report month ${asOf}\n`,
    );

    let queries = 0;
    const logger = dataSource.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      queries += 1;
      return logQuery(query, parameters, runner);
    };

    const get = async (url: string): Promise<{ ms: number; bytes: number; queries: number }> => {
      const before = queries;
      const start = process.hrtime.bigint();
      const response = await auth(http.get(url))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      if (response.status !== 200) throw new Error(`${url}: ${response.status} ${String(response.body)}`);
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, bytes: (response.body as Buffer).length, queries: queries - before };
    };
    const plans = [[`baseline (1 x 4)`, small], [`${PRIORITIES} x ${INDICATORS} x ${MONTHS} months`, big]] as const;

    // The first request draws every chart; the app keeps the drawings, so the next (or the PDF) does not.
    const first: Record<string, number> = {};
    for (const [label, id] of plans) {
      const cold = await get(`/api/plans/${id}/performance-report?asOf=${asOf}&format=html`);
      first[label] = cold.ms;
      console.log(`${label.padEnd(26)}first request, every chart drawn: ${cold.ms.toFixed(0).padStart(7)} ms, ${cold.queries} queries`);
    }
    console.log(`ratio    ${(first[plans[1][0]] / first[plans[0][0]]).toFixed(1)}x\n`);

    // Reading the record and drawing the charts, apart: the service as the endpoint calls it, charts on a renderer of its own with no cache.
    const service = app.get(PerformanceReportService);
    const charts = new ChartRenderer({ workers: 1, cacheSize: 0 });
    const parts: Record<string, { read: number; readQueries: number; charts: number; count: number }> = {};
    for (const [label, id] of [['baseline', small], ['bench', big]] as const) {
      const before = queries;
      const start = process.hrtime.bigint();
      const input = await service.input(id, { asOf });
      const read = Number(process.hrtime.bigint() - start) / 1e6;
      const readQueries = queries - before;
      const chartInputs = performanceChartInputs(input);
      const chartStart = process.hrtime.bigint();
      for (const { key, input: chart } of chartInputs) await charts.renderIndicator(chart, `${key}-`);
      parts[label] = { read, readQueries, charts: Number(process.hrtime.bigint() - chartStart) / 1e6, count: chartInputs.length };
    }
    for (const [label, part] of Object.entries(parts)) {
      console.log(`${label.padEnd(9)} reading the record ${part.read.toFixed(0).padStart(6)} ms in ${part.readQueries} queries; ${part.count} charts ${part.charts.toFixed(0).padStart(7)} ms (${(part.charts / part.count).toFixed(0)} ms a chart)`);
    }
    console.log(`ratio    reading ${(parts.bench.read / parts.baseline.read).toFixed(1)}x, charts ${(parts.bench.charts / parts.baseline.charts).toFixed(1)}x for ${parts.bench.count / parts.baseline.count}x the indicators\n`);
    await charts.close();

    console.log('Later requests, the drawings kept:');
    console.log(`${'report'.padEnd(26)}${'format'.padEnd(8)}${'runs'.padStart(5)}${'median ms'.padStart(11)}${'p95 ms'.padStart(10)}${'size KB'.padStart(10)}${'queries'.padStart(9)}${'vs baseline'.padStart(13)}`);
    for (const format of ['html', 'pdf'] as const) {
      const medians: Record<string, number> = {};
      for (const [label, id] of plans) {
        const url = `/api/plans/${id}/performance-report?asOf=${asOf}&format=${format}`;
        const warm = await get(url);
        const runs = format === 'pdf' ? PDF_RUNS : RUNS;
        const samples: number[] = [];
        for (let i = 0; i < runs; i++) samples.push((await get(url)).ms);
        const { median, p95 } = stats(samples);
        medians[label] = median;
        const ratio = Object.values(medians).length > 1 ? `${(median / Object.values(medians)[0]).toFixed(1)}x` : '1.0x';
        console.log(
          `${label.padEnd(26)}${format.padEnd(8)}${String(runs).padStart(5)}${median.toFixed(0).padStart(11)}${p95.toFixed(0).padStart(10)}${(warm.bytes / 1024).toFixed(0).padStart(10)}${String(warm.queries).padStart(9)}${ratio.padStart(13)}`,
        );
      }
    }
    const me = await get('/api/me');
    console.log(`\nQueries include signing the request in: /api/me alone runs ${me.queries}. The charts dominate; the record is read in a fixed number of queries whatever the plan's size.`);
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
