/**
 * A board week under load (issue 11): 50 concurrent clients for 60 s against
 * the real app on the demo data, service heads posting progress updates
 * while the chair reads reviews and others render papers. Prints requests/s,
 * p50/p95/p99 by kind and overall, and the error count, which must be 0
 * (a 5xx, a refused connection, or any answer a correct request should not get).
 * The baseline, run in the same script with the same clients: GET /health,
 * what the server does with no work at all.
 *
 *   BENCHES=load npm run bench
 *   LOAD_CLIENTS=50 LOAD_SECONDS=60 BENCHES=load npm run bench   (the defaults)
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import type { LoadOptions, Sample } from './load-clients';
import { recordAbsolute, recordThroughput, startApi, startDatabase } from './lib';
import { ROOT } from './processes';

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const BASELINE_SECONDS = Math.min(SECONDS, 15);
const PASSWORD = 'bench demo password for the load';

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] : NaN;
}

function summarise(samples: Sample[], seconds: number): { perSecond: number; p50: number; p95: number; p99: number; errors: number } {
  const times = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  // Every request here is one a person is allowed to make, so anything but a 2xx is an error.
  const errors = samples.filter((sample) => sample.status < 200 || sample.status >= 300).length;
  if (samples.length === 0) throw new Error('The clients made no requests');
  return { perSecond: samples.length / seconds, p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99), errors };
}

async function runClients(options: LoadOptions): Promise<Sample[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'load-clients.ts'), JSON.stringify(options)], {
    cwd: ROOT,
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  return JSON.parse(stdout) as Sample[];
}

export async function benchLoad(): Promise<void> {
  const database = await startDatabase('load');
  const api = await startApi(database, { demoMode: true, demoPassword: PASSWORD });
  try {
    const baseUrl = api.baseUrl;
    // Demo mode has loaded the demo plan and its people (a service head per agency, the chair, a viewer).
    const [{ id: planId }] = await api.dataSource.query(`SELECT id FROM plans ORDER BY created_at LIMIT 1`);
    const common = { baseUrl, clients: CLIENTS, password: PASSWORD, planId };

    const baseline = summarise(await runClients({ ...common, seconds: BASELINE_SECONDS, mix: 'health' }), BASELINE_SECONDS);
    const samples = await runClients({ ...common, seconds: SECONDS, mix: 'mixed' });
    const mixed = summarise(samples, SECONDS);

    console.log(`\nload: ${CLIENTS} clients for ${SECONDS} s against the demo data (baseline GET /health for ${BASELINE_SECONDS} s)`);
    const kinds = [...new Set(samples.map((sample) => sample.kind))].sort();
    const rows = kinds.map((kind) => {
      const of = summarise(
        samples.filter((sample) => sample.kind === kind),
        SECONDS,
      );
      return [kind, of.perSecond.toFixed(1), of.p50.toFixed(0), of.p95.toFixed(0), of.p99.toFixed(0), String(of.errors)];
    });
    const header = ['kind', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'];
    const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
    for (const row of [header, ...rows]) console.log(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`);
    const statuses = new Map<number, number>();
    for (const sample of samples) statuses.set(sample.status, (statuses.get(sample.status) ?? 0) + 1);
    console.log(`  statuses: ${[...statuses].map(([status, n]) => `${status}: ${n}`).join(', ')}`);

    const figures = (s: ReturnType<typeof summarise>) => `${s.perSecond.toFixed(0)} req/s, p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms`;
    recordAbsolute(`mixed load, ${CLIENTS} clients x ${SECONDS} s: ${figures(mixed)}`, `${mixed.errors} errors of ${samples.length}`, '0 errors', mixed.errors === 0, `/health: ${figures(baseline)}`);
    // Informative, not a goal: how much of the server's bare capacity a board week's mix leaves.
    recordThroughput('  mixed load beside the bare server (req/s)', mixed.perSecond, baseline.perSecond, 0, 'req/s');
  } finally {
    await api.close();
    await database.stop();
  }
}
