/**
 * What every bench shares: the profile (quick by default, BENCH_SCALE=1m for
 * the million-row figures), timing, a database and an API to time, and the
 * table of results npm run bench prints, each figure beside the baseline run
 * in the same script, the ratio and the goal.
 */
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import * as path from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { ensureBuilt, freePort, startProcess, waitForHttp } from './processes';

export type Scale = 'quick' | '1m';
export const SCALE: Scale = process.env.BENCH_SCALE === '1m' ? '1m' : 'quick';
/** Activities seeded for the list and review figures. */
export const ACTIVITIES = Number(process.env.ACTIVITIES ?? (SCALE === '1m' ? 1_000_000 : 100_000));
export const RUNS = Number(process.env.RUNS ?? (SCALE === '1m' ? 10 : 20));
export const ADMIN = { email: 'bench@example.test', password: 'bench password for the figures' };

export interface Result {
  measure: string;
  now: string;
  baseline: string;
  /** now / baseline for times (lower is better), or baseline-relative throughput; null for absolute goals. */
  ratio: number | null;
  goal: string;
  pass: boolean;
}

export const results: Result[] = [];

/** A time (ms) against a baseline time: passes when now <= limit x baseline (null: printed for information, no goal). */
export function recordRatio(measure: string, now: Timing, baseline: Timing, limit: number | null, note = ''): void {
  const ratio = now.p95 / baseline.p95;
  results.push({ measure, now: describe(now) + note, baseline: describe(baseline), ratio, goal: limit === null ? 'none (information)' : `p95 <= ${limit}x`, pass: limit === null || ratio <= limit });
}

/** A throughput against a baseline throughput: passes when now >= limit x baseline. */
export function recordThroughput(measure: string, now: number, baseline: number, limit: number, unit: string): void {
  const ratio = now / baseline;
  results.push({ measure, now: `${now.toFixed(0)} ${unit}`, baseline: `${baseline.toFixed(0)} ${unit}`, ratio, goal: `>= ${limit}x`, pass: ratio >= limit });
}

/** An absolute goal. */
export function recordAbsolute(measure: string, now: string, goal: string, pass: boolean, baseline = '–'): void {
  results.push({ measure, now, baseline, ratio: null, goal, pass });
}

export interface Timing {
  median: number;
  p95: number;
  runs: number;
}

export function describe(t: Timing): string {
  return `median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`;
}

export function stats(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)],
    p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)],
    runs: sorted.length,
  };
}

/** Times fn `runs` times after one warm-up run. */
export async function time(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return stats(samples);
}

/**
 * Times two things alternately, run by run, so a load that comes and goes on
 * the shared machine falls on both alike (ratios from back-to-back runs),
 * after `warmUps` untimed runs of each.
 */
export async function timePair(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>, warmUps = 1): Promise<[Timing, Timing]> {
  for (let i = 0; i < warmUps; i++) {
    await a();
    await b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, samples] of [
      [a, sa],
      [b, sb],
    ] as const) {
      const start = process.hrtime.bigint();
      await fn();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return [stats(sa), stats(sb)];
}

export interface BenchDatabase {
  /** The application's role: owns nothing (as in production). */
  url: string;
  /** The owner: migrations and ANALYZE. */
  ownerUrl: string;
  stop(): Promise<void>;
}

export async function startDatabase(label: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `ipm-bench-${label}-`));
  const database = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  return {
    url: database.url,
    ownerUrl: database.ownerUrl,
    stop: async () => {
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BenchApi {
  app: INestApplication;
  dataSource: DataSource;
  /** GET as the bench administrator, through HTTP (authentication included). */
  get(url: string): Promise<{ status: number; body: Buffer }>;
  /** Where the API listens: http://127.0.0.1:port. */
  baseUrl: string;
  token: string;
  close(): Promise<void>;
}

/** The real application on the given database, with the bench administrator signed in. */
export async function startApi(database: BenchDatabase, overrides: Partial<AppConfig> = {}): Promise<BenchApi> {
  const config: AppConfig = {
    ...loadConfig({ LOG_LEVEL: 'error' }),
    demoMode: false,
    initialAdmin: ADMIN,
    reminderCron: 'off',
    migrationDatabaseUrl: database.ownerUrl,
    ...overrides,
  };
  const app = await createApp(config, database.url);
  await app.init();
  const server = app.getHttpServer();
  const signIn = await request(server).post('/api/auth/sign-in').send(ADMIN);
  if (signIn.status !== 200) throw new Error(`Could not sign in: ${signIn.status}`);
  const token: string = signIn.body.accessToken;
  // Listening once, as a server does, and asked over kept-alive connections, as browsers and HTTP clients ask:
  // supertest would open a listener and a connection for each request, which no council's server does.
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { get, agent } = keptAliveGet(baseUrl, token);
  return {
    app,
    dataSource: app.get(DataSource),
    baseUrl,
    token,
    get,
    close: async () => {
      agent.destroy();
      await app.close();
    },
  };
}

/** GET as the bench administrator over kept-alive connections (a server listening once, asked as browsers ask). */
function keptAliveGet(baseUrl: string, token: string): { get: BenchApi['get']; agent: http.Agent } {
  const agent = new http.Agent({ keepAlive: true });
  const get = (url: string) =>
    new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      http
        .get(`${baseUrl}${url}`, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const body = Buffer.concat(chunks);
            if (response.statusCode !== 200) reject(new Error(`${url}: ${response.statusCode} ${body.toString().slice(0, 300)}`));
            else resolve({ status: response.statusCode, body });
          });
        })
        .on('error', reject);
    });
  return { get, agent };
}

export interface BuiltApi {
  get: BenchApi['get'];
  baseUrl: string;
  /** The API process's resident memory now, in bytes (Linux). */
  rss(): number;
  stop(): Promise<void>;
}

/**
 * The built app (dist/, as `npm run start:prod` and the Dockerfile run it) in
 * a process of its own on the bench's database, signed in as the bench
 * administrator (whom startApi created). A figure with an absolute goal is
 * the product's own: timed inside the bench's process, every full garbage
 * collection of the API also marked the TypeScript compiler ts-node keeps
 * there (about 100 MB of heap a council's server does not have).
 */
export async function startBuiltApi(database: BenchDatabase): Promise<BuiltApi> {
  ensureBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ipm-bench-api-'));
  const port = await freePort();
  const running = startProcess(process.execPath, ['dist/src/main.js'], {
    DATABASE_URL: database.url,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    RUN_MIGRATIONS: 'false',
    REMINDER_CRON: 'off',
    DATA_DIR: dataDir,
  });
  const stop = async () => {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${baseUrl}/health`, Date.now(), running);
    const signIn = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    if (signIn.status !== 200) throw new Error(`Could not sign in to the built API: ${signIn.status}`);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const { get, agent } = keptAliveGet(baseUrl, accessToken);
    return {
      get,
      baseUrl,
      rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${running.child.pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024,
      stop: async () => {
        agent.destroy();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Prints PostgreSQL's plan for a statement the app runs (with its parameters). */
export async function explain(dataSource: DataSource, label: string, sql: string, parameters: unknown[]): Promise<void> {
  const plan: Array<{ 'QUERY PLAN': string }> = await dataSource.query(`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF) ${sql}`, parameters);
  console.log(`\nPostgreSQL plan, ${label}:`);
  for (const row of plan) console.log(`  ${row['QUERY PLAN']}`);
}

/** Catches the SQL the app runs (through TypeORM), to explain the real statements rather than copies. */
export function captureQueries(dataSource: DataSource): { queries: Array<{ sql: string; parameters: unknown[] }>; stop(): void } {
  const logger = dataSource.logger;
  const original = logger.logQuery.bind(logger);
  const queries: Array<{ sql: string; parameters: unknown[] }> = [];
  logger.logQuery = (query, parameters, runner) => {
    // String(): a prepared statement (src/database/prepared-statement.ts) reaches the logger as its name and text.
    queries.push({ sql: String(query), parameters: (parameters as unknown[] | undefined) ?? [] });
    return original(query, parameters, runner);
  };
  return { queries, stop: () => (logger.logQuery = original) };
}

export function printResults(): boolean {
  const header = ['measure', 'now', 'baseline', 'ratio', 'goal', ''];
  const rows = results.map((r) => [r.measure, r.now, r.baseline, r.ratio === null ? '–' : `${r.ratio.toFixed(2)}x`, r.goal, r.pass ? 'ok' : 'MISSED']);
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\nBench results (profile ${SCALE}, ${ACTIVITIES.toLocaleString('en-GB')} activities for the list and review rows)\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  const missed = results.filter((r) => !r.pass);
  if (missed.length) console.log(`\n${missed.length} of ${results.length} goals MISSED: ${missed.map((r) => r.measure).join('; ')}`);
  else console.log(`\nEvery goal met (${results.length}).`);
  return missed.length === 0;
}
