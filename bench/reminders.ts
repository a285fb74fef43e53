/**
 * The reminder scan and digest delivery at council scale. Seeds plans, people
 * and activities with set-based SQL into an embedded PostgreSQL, runs one scan
 * for a day against a real Redis, delivers the digests to a local SMTP
 * listener, and prints the scan time, the jobs it queued, emails delivered per
 * second, the duplicates (must be 0) and PostgreSQL's plan for the scan query.
 *
 *   npx ts-node --transpile-only bench/reminders.ts        (100,000 activities, 1,000 plans, 5,000 people)
 *   ACTIVITIES=10000 npx ts-node --transpile-only bench/reminders.ts
 *
 * Also: PLANS, PEOPLE (default ACTIVITIES/100 and ACTIVITIES/20), AS_OF (a
 * working day, default 2012-09-13), REDIS_URL (else Debian's redis-server is
 * started in a temporary folder).
 */
import 'reflect-metadata';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/app-config';
import { analyzeAsOwner, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { CalendarDate, addCalendarDays } from '../src/deadlines';
import { RunningRedis, startRedisServer } from '../src/queue/redis-server';
import { RemindersService } from '../src/reminders/reminders.service';
import { duplicateDeliveries, reminderLedgerSummary, seedReminderLoad } from '../test/support/reminders';
import { startSmtpListener } from '../test/support/smtp-listener';
import { countQueries } from '../test/support/test-app';

const ACTIVITIES = Number(process.env.ACTIVITIES ?? 100_000);
const PLANS = Number(process.env.PLANS ?? Math.max(1, Math.round(ACTIVITIES / 100)));
const PEOPLE = Number(process.env.PEOPLE ?? Math.max(10, Math.round(ACTIVITIES / 20)));
const AS_OF = (process.env.AS_OF ?? '2012-09-13') as CalendarDate;

/** The scan's query, as ReminderPlanner.planDay runs it for each page (src/reminders/reminder-planner.service.ts). */
const SCAN_QUERY = `SELECT a.id, a.text, a.due_date::text AS due_date, a.status, (a.verified_at IS NOT NULL) AS verified, a.owner_id,
                p.id AS plan_id, p.title AS plan_title, p.reminder_policy, s.title AS section_title, r.number AS recommendation_number
           FROM activities a
           JOIN recommendations r ON r.id = a.recommendation_id
           JOIN sections s ON s.id = r.section_id
           JOIN plans p ON p.id = s.plan_id
          WHERE a.status NOT IN ('complete', 'cancelled')
            AND a.due_date <= $1
            AND a.id > $2
            AND p.status <> 'closed'
          ORDER BY a.id
          LIMIT 2000`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = (label: string, value: string | number) => console.log(`${label.padEnd(44)} ${value}`);

async function drain(queue: Queue, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await queue.getJobCounts();
    if (counts.waiting + counts.active + counts.delayed === 0) return;
    if (Date.now() > deadline) throw new Error(`The queue did not drain: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  if (PLANS * 5 > ACTIVITIES) throw new Error('Give at least 5 activities per plan (one per recommendation)');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ipm-bench-reminders-'));
  const database = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  let redis: RunningRedis | null = null;
  const smtp = await startSmtpListener();
  try {
    if (!process.env.REDIS_URL) {
      redis = await startRedisServer({ dataDir: path.join(dataDir, 'redis') });
      if (!redis) throw new Error('Needs redis-server on PATH (apt-get install redis-server) or REDIS_URL');
    }
    const config = {
      ...loadConfig({ LOG_LEVEL: 'error' }),
      demoMode: false,
      dataDir,
      redisUrl: process.env.REDIS_URL ?? redis!.url,
      smtpUrl: smtp.url,
      reminderWorker: 'inline' as const,
      reminderCron: 'off',
      queuePrefix: `ipm-bench-${randomBytes(4).toString('hex')}`,
      migrationDatabaseUrl: database.ownerUrl,
    };
    const app = await createApp(config, database.url);
    await app.init();
    const dataSource = app.get(DataSource);
    const queue = app.get<Queue>(getQueueToken('reminders'));
    const reminders = app.get(RemindersService);
    const query = (sql: string, params?: unknown[]) => dataSource.query(sql, params);

    const activitiesPerPlan = Math.floor(ACTIVITIES / PLANS);
    let started = Date.now();
    await seedReminderLoad(query, { plans: PLANS, activitiesPerPlan, people: PEOPLE, asOf: AS_OF });
    // Statistics are the owner's to gather; the app's own role may not ANALYZE tables it does not own.
    await analyzeAsOwner(database.ownerUrl);
    const [seeded] = await dataSource.query(
      `SELECT (SELECT COUNT(*)::int FROM activities) AS activities, (SELECT COUNT(*)::int FROM plans) AS plans, (SELECT COUNT(*)::int FROM users) AS people,
              (SELECT COUNT(*)::int FROM activities WHERE status NOT IN ('complete', 'cancelled') AND due_date <= $1) AS scanned`,
      [addCalendarDays(AS_OF, 31)],
    );
    console.log(`Reminder bench for ${AS_OF}\n`);
    line('Seeded', `${seeded.activities} activities, ${seeded.plans} plans, ${seeded.people} people in ${seconds(Date.now() - started)}`);
    line('Open activities the scan reads', seeded.scanned);

    // The scan alone: this process's worker is paused so the digests wait in Redis.
    await queue.pause(true);
    const counter = countQueries(dataSource);
    started = Date.now();
    const scan = await reminders.runScan(AS_OF);
    const scanMs = Date.now() - started;
    counter.stop();
    const queued = await queue.getJobCounts();
    line('Scan time', seconds(scanMs));
    line('Reminders planned (ledger rows)', scan.remindersPlanned);
    line('SQL statements in the scan', `${counter.count()} (${Math.ceil(seeded.scanned / 2000)} pages of 2,000 activities)`);
    line('Digest jobs enqueued', `${scan.digestsQueued} (waiting in Redis: ${queued.waiting})`);

    // Delivery: the worker sends every digest to the local SMTP listener.
    started = Date.now();
    queue.resume(true);
    await drain(queue, 30 * 60_000);
    const deliveryMs = Date.now() - started;
    const delivered = smtp.messages.length;
    line('Emails delivered', `${delivered} in ${seconds(deliveryMs)}`);
    line('Emails delivered per second', (delivered / (deliveryMs / 1000)).toFixed(1));

    // The same day again: nothing new may be planned or sent.
    const again = await reminders.runScan(AS_OF);
    await drain(queue, 60_000);
    const summary = await reminderLedgerSummary(query);
    const failed = (await queue.getJobCounts()).failed;
    const duplicateEmails = duplicateDeliveries(smtp.messages).reduce((sum, duplicate) => sum + duplicate.count - 1, 0);
    const duplicates = duplicateEmails + summary.duplicates + Math.max(0, smtp.messages.length - summary.sent);
    line('Second scan of the same day', `${again.remindersPlanned} planned, ${smtp.messages.length - delivered} more emails`);
    line('Digests in PostgreSQL', `${summary.digests} (${summary.sent} sent, ${summary.sending} sending), ${failed} failed jobs, ${summary.pending} reminders pending`);
    line('Duplicates (must be 0)', duplicates);

    const [{ id: lastOfFirstPage }] = await dataSource.query(`SELECT id FROM (${SCAN_QUERY}) page ORDER BY id DESC LIMIT 1`, [
      addCalendarDays(AS_OF, 31),
      '00000000-0000-0000-0000-000000000000',
    ]);
    for (const [label, after] of [
      ['first page', '00000000-0000-0000-0000-000000000000'],
      ['second page', lastOfFirstPage],
    ]) {
      const plan: Array<{ 'QUERY PLAN': string }> = await dataSource.query(`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF) ${SCAN_QUERY}`, [
        addCalendarDays(AS_OF, 31),
        after,
      ]);
      console.log(`\nPostgreSQL plan for the scan query, ${label}:`);
      for (const row of plan) console.log(`  ${row['QUERY PLAN']}`);
    }
    await app.close();
    if (duplicates > 0) process.exitCode = 1;
  } finally {
    await smtp.stop();
    await redis?.stop();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
