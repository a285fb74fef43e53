/**
 * Scale out: two API processes and two reminder workers (the built app,
 * started as an operator would) on one PostgreSQL and one Redis. The load is
 * spread over both APIs (a token signed by one is good on the other: they
 * share AUTH_SECRET and the sessions table) and must see no error; both
 * workers scan the same day at once and every reminder must go exactly once.
 */
import Bull from 'bull';
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Pool } from 'pg';
import { startRedisServer } from '../src/queue/redis-server';
import { REMINDER_QUEUE } from '../src/reminders/reminders.service';
import { duplicateDeliveries, reminderLedgerSummary } from '../test/support/reminders';
import { startSmtpListener } from '../test/support/smtp-listener';
import { ADMIN, SCALE, recordAbsolute, startDatabase } from './lib';
import { Running, ensureBuilt, freePort, startProcess, waitForHttp, waitForOutput } from './processes';
import { SEED_AS_OF, seedActivities } from './seed';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon');

export async function benchScaleOut(): Promise<void> {
  ensureBuilt();
  const database = await startDatabase('scale');
  const redisDir = mkdtempSync(path.join(tmpdir(), 'ipm-bench-redis-'));
  const redis = await startRedisServer({ dataDir: redisDir });
  if (!redis) throw new Error('The scale-out bench needs redis-server on PATH');
  const smtp = await startSmtpListener();
  const processes: Running[] = [];
  const pool = new Pool({ connectionString: database.url, max: 2 });
  try {
    const shared = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `ipm-scale-${randomBytes(4).toString('hex')}`,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      SMTP_URL: smtp.url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      REMINDER_CRON: '0 0 1 1 *',
      DATA_DIR: path.join(redisDir, 'data'),
    };
    const ports = [await freePort(), await freePort()];
    for (const [index, port] of ports.entries()) {
      // The first applies the migrations, creates the administrator and loads the demo plan; the second starts on the migrated database.
      const api = startProcess(process.execPath, ['dist/src/main.js'], {
        ...shared,
        PORT: String(port),
        REMINDER_WORKER: 'off',
        RUN_MIGRATIONS: index === 0 ? 'true' : 'false',
        MIGRATION_DATABASE_URL: database.ownerUrl,
        // The demo plan (loaded into the empty database) is the plan whose tree is read under load.
        ...(index === 0 ? { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_MODE: 'true', DEMO_PASSWORD: 'bench demo password' } : {}),
      });
      processes.push(api);
      await waitForHttp(`http://127.0.0.1:${port}/health`, Date.now(), api);
      if (index === 0) await seedActivities((sql, params) => pool.query(sql, params as unknown[]), SCALE === '1m' ? 100_000 : 20_000, database.ownerUrl);
    }
    for (let i = 0; i < 2; i++) {
      const worker = startProcess(process.execPath, ['dist/src/worker.js'], { ...shared, RUN_MIGRATIONS: 'false', LOG_LEVEL: 'log' });
      processes.push(worker);
      await waitForOutput(worker, /Reminder worker running/);
    }

    const signIn = await fetch(`http://127.0.0.1:${ports[0]}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const [{ id: planId }] = (await pool.query('SELECT id FROM plans ORDER BY created_at LIMIT 1')).rows;
    const headers = { authorization: `Bearer ${accessToken}` };
    const requests = [
      { path: `/api/plans/${planId}` },
      { path: `/api/reviews/overdue?asOf=${SEED_AS_OF}&pageSize=50` },
      { path: `/api/activities?overdueAsOf=${SEED_AS_OF}&pageSize=50` },
    ];
    const loads = await Promise.all(
      ports.map((port) => autocannon({ url: `http://127.0.0.1:${port}`, connections: 5, duration: 5, headers, requests })),
    );
    const total = loads.reduce((sum, load) => sum + load.requests.total, 0);
    const failures = loads.reduce((sum, load) => sum + load.errors + load.non2xx, 0);
    if (failures) {
      for (const load of loads) console.log(`scale-out load: ${load.errors} errors (${load.timeouts} timeouts), non-2xx ${load.non2xx}, status codes ${JSON.stringify(load.statusCodeStats)}`);
    }
    recordAbsolute(
      'scale out: load over 2 API processes (tree, overdue review, list)',
      `${total} requests, ${loads.map((load) => `${load.requests.average.toFixed(0)} req/s`).join(' + ')}, ${failures} errors`,
      '0 errors',
      failures === 0 && total > 0,
    );

    // Both workers scan the same day at once.
    const queue = new Bull(REMINDER_QUEUE, redis.url, { prefix: shared.QUEUE_PREFIX });
    const scans = await Promise.all([1, 2].map((n) => queue.add('scan', { asOf: '2012-09-13' }, { jobId: `bench-scan-${n}`, removeOnComplete: false })));
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      const counts = await queue.getJobCounts();
      const repeatable = counts.delayed > 0 ? (await queue.getRepeatableJobs()).length : 0;
      if (counts.waiting + counts.active + counts.delayed - repeatable === 0) break;
      if (Date.now() > deadline) throw new Error(`The queue did not drain: ${JSON.stringify(counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const finished = await Promise.all(scans.map((job) => queue.getJob(job.id)));
    const overlapped = finished.every((job) => job?.processedOn) && finished[0]!.processedOn! < finished[1]!.finishedOn! && finished[1]!.processedOn! < finished[0]!.finishedOn!;
    await queue.close();
    const summary = await reminderLedgerSummary((sql) => pool.query(sql).then((result) => result.rows));
    const duplicateMails = duplicateDeliveries(smtp.messages).length;
    const once = summary.duplicates === 0 && duplicateMails === 0 && smtp.messages.length === summary.sent && summary.pending === 0 && summary.ledger > 0;
    recordAbsolute(
      'scale out: the day scanned by 2 workers at once',
      `${summary.ledger} reminders, ${summary.sent} digests sent, ${smtp.messages.length} mails, ${summary.duplicates + duplicateMails} duplicates; scans ${overlapped ? 'overlapped' : 'ran one after the other'}`,
      'every reminder exactly once',
      once,
    );
  } finally {
    for (const running of processes.reverse()) await running.stop();
    await pool.end();
    await smtp.stop();
    await redis.stop();
    await database.stop();
    rmSync(redisDir, { recursive: true, force: true });
  }
}
