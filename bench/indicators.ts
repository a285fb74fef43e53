/**
 * The board's performance report at size (issue 13): a plan of 10 priorities
 * x 40 indicators with 36 months of values each (14,400 values, brought in
 * through the indicator import), rendered through HTTP as an administrator
 * (authentication included) in HTML and PDF, with the SQL statements each
 * request runs. The same report for one priority of four indicators is the
 * baseline, timed in the same run; the charts (one per indicator, drawn by
 * Vega in a worker thread, then kept by their specification) are timed apart
 * from reading the record.
 *
 *   npm run bench:indicators       (this part alone)
 *   BENCHES=indicators npm run bench
 *   PRIORITIES=10 INDICATORS=40 MONTHS=36 npm run bench:indicators
 */
import request from 'supertest';
import { analyzeAsOwner } from '../src/database/embedded-postgres';
import { todayInLondon } from '../src/deadlines';
import { ChartRenderer } from '../src/indicators/charts';
import { Month, addMonths, formatMonthShort, lastMonths, monthOfDate } from '../src/indicators/domain';
import { PerformanceReportService } from '../src/indicators/performance-report.service';
import { performanceChartInputs } from '../src/indicators/report/performance-report.view-model';
import { SCALE, Timing, captureQueries, describe, printResults, recordAbsolute, recordRatio, startApi, startDatabase, stats, timePair } from './lib';

const PRIORITIES = Number(process.env.PRIORITIES ?? 10);
const INDICATORS = Number(process.env.INDICATORS ?? 40);
const MONTHS = Number(process.env.MONTHS ?? 36);
const UNITS = ['PERCENTAGE', 'NUMBER', 'RATE', 'DAYS'] as const;

/** A wide board-report sheet: a heading row per priority, one column a month, a target and two comparators. */
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

export async function benchIndicators(): Promise<void> {
  const database = await startDatabase('indicators');
  const api = await startApi(database);
  const server = api.app.getHttpServer();
  try {
    const asOf = addMonths(monthOfDate(todayInLondon()), -1);
    const months = lastMonths(asOf, MONTHS);
    const plan = async (title: string, priorities: number) =>
      (
        await request(server)
          .post('/api/plans')
          .set('Authorization', `Bearer ${api.token}`)
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
    const importSheet = async (planId: string, sheet: string) =>
      request(server).post('/api/indicators/imports').set('Authorization', `Bearer ${api.token}`).field('planId', planId).attach('file', Buffer.from(sheet), 'board.csv').expect(201);
    const seeded = Date.now();
    const big = await plan('Bench plan', PRIORITIES);
    const small = await plan('Baseline plan', 1);
    const importStart = Date.now();
    await importSheet(big, boardSheet(PRIORITIES, INDICATORS, months));
    const importMs = Date.now() - importStart;
    await importSheet(small, boardSheet(1, 4, months));
    await analyzeAsOwner(database.ownerUrl);
    const [{ values }] = await api.dataSource.query('SELECT count(*)::int AS values FROM indicator_values');
    console.log(`Seeded ${PRIORITIES} x ${INDICATORS} x ${MONTHS} months (${values} values; the import took ${(importMs / 1000).toFixed(1)} s) and a baseline of 1 x 4, in ${((Date.now() - seeded) / 1000).toFixed(1)} s; report month ${asOf}`);
    const label = `${PRIORITIES} x ${INDICATORS} x ${MONTHS} months`;
    const url = (planId: string, format: 'html' | 'pdf') => `/api/plans/${planId}/performance-report?asOf=${asOf}&format=${format}`;

    const timedOnce = async (path: string): Promise<{ ms: number; queries: number; bytes: number }> => {
      const capture = captureQueries(api.dataSource);
      const start = process.hrtime.bigint();
      try {
        const { body } = await api.get(path);
        return { ms: Number(process.hrtime.bigint() - start) / 1e6, queries: capture.queries.length, bytes: body.length };
      } finally {
        capture.stop();
      }
    };

    // The first request for each draws every chart; the app keeps the drawings for the next (and the PDF).
    const firstSmall = await timedOnce(url(small, 'html'));
    const firstBig = await timedOnce(url(big, 'html'));
    console.log(`first request, every chart drawn: baseline ${firstSmall.ms.toFixed(0)} ms, ${label} ${firstBig.ms.toFixed(0)} ms`);
    recordAbsolute(`performance report HTML, ${label}, first request (${PRIORITIES * INDICATORS} charts drawn)`, `${(firstBig.ms / 1000).toFixed(1)} s`, '<= 60 s', firstBig.ms <= 60_000);
    recordAbsolute(
      'performance report: statements per request, whatever the size',
      `${firstBig.queries} for ${label}, ${firstSmall.queries} for 1 x 4`,
      'the same',
      firstBig.queries === firstSmall.queries,
    );

    // Reading the record and drawing the charts, apart: the service as the endpoint calls it, the charts on a renderer with no cache.
    const service = api.app.get(PerformanceReportService);
    const renderer = new ChartRenderer({ workers: 1, cacheSize: 0 });
    try {
      for (const [name, id] of [['baseline', small], [label, big]] as const) {
        const start = process.hrtime.bigint();
        const input = await service.input(id, { asOf });
        const read = Number(process.hrtime.bigint() - start) / 1e6;
        const charts = performanceChartInputs(input);
        const drawStart = process.hrtime.bigint();
        for (const { key, input: chart } of charts) await renderer.renderIndicator(chart, `${key}-`);
        const drawn = Number(process.hrtime.bigint() - drawStart) / 1e6;
        console.log(`${name.padEnd(26)} reading the record ${read.toFixed(0).padStart(6)} ms; ${String(charts.length).padStart(3)} charts ${drawn.toFixed(0).padStart(7)} ms (${(drawn / charts.length).toFixed(0)} ms a chart)`);
      }
    } finally {
      await renderer.close();
    }

    const runs = SCALE === '1m' ? 10 : 5;
    const [bigHtml, smallHtml] = await timePair(runs, () => api.get(url(big, 'html')), () => api.get(url(small, 'html')));
    console.log(`HTML, drawings kept: ${label} ${describe(bigHtml)} (${(firstBig.bytes / 1024).toFixed(0)} KB); baseline ${describe(smallHtml)} (${(firstSmall.bytes / 1024).toFixed(0)} KB)`);
    // The baseline is 1 x 4 indicators; say how many times that the report at size holds, whatever PRIORITIES and INDICATORS are.
    recordRatio(`performance report HTML, ${label} (${(PRIORITIES * INDICATORS) / 4}x the indicators), drawings kept`, bigHtml, smallHtml, 60);
    const pdfSamples: number[] = [];
    let pdfBytes = 0;
    for (let i = 0; i < (SCALE === '1m' ? 3 : 1) + 1; i++) {
      const start = process.hrtime.bigint();
      pdfBytes = (await api.get(url(big, 'pdf'))).body.length;
      if (i > 0) pdfSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const pdf: Timing = stats(pdfSamples);
    recordAbsolute(`performance report PDF, ${label}`, `${describe(pdf)}, ${(pdfBytes / 1024 / 1024).toFixed(1)} MB`, 'p95 <= 45 s', pdf.p95 <= 45_000);
  } finally {
    await api.close();
    await database.stop();
  }
}

if (require.main === module) {
  benchIndicators()
    .then(() => process.exit(printResults() ? 0 : 1))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
