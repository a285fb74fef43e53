/**
 * The reminder scan and digest delivery at council scale (npm run bench runs
 * it; npm run bench:reminders alone). The scan's time is set beside the time
 * its own SQL statements took (the rest is the scan's JavaScript), and
 * delivery beside pooled nodemailer sending the same number of mails, 4 in
 * flight, to the same listener. Seeds plans, people
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
import { createTransport } from 'nodemailer';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { SCALE, captureQueries, explain, printResults, recordAbsolute, recordThroughput } from './lib';

const ACTIVITIES = Number(process.env.REMINDER_ACTIVITIES ?? (SCALE === '1m' ? 100_000 : 20_000));
const PLANS = Number(process.env.PLANS ?? Math.max(1, Math.round(ACTIVITIES / 100)));
const PEOPLE = Number(process.env.PEOPLE ?? Math.max(10, Math.round(ACTIVITIES / 20)));
const AS_OF = (process.env.AS_OF ?? '2012-09-13') as CalendarDate;

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

export async function benchReminders(): Promise<void> {
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
    const scanQueries = captureQueries(dataSource);
    // The time spent in the scan's own statements, as TypeORM's runner sees each (sent to answered).
    let sqlMs = 0;
    const runQuery = PostgresQueryRunner.prototype.query;
    PostgresQueryRunner.prototype.query = async function (this: PostgresQueryRunner, ...args: Parameters<typeof runQuery>) {
      const start = process.hrtime.bigint();
      try {
        return await runQuery.apply(this, args);
      } finally {
        sqlMs += Number(process.hrtime.bigint() - start) / 1e6;
      }
    } as typeof runQuery;
    started = Date.now();
    const scan = await reminders.runScan(AS_OF);
    const scanMs = Date.now() - started;
    PostgresQueryRunner.prototype.query = runQuery;
    scanQueries.stop();
    counter.stop();
    line('Time in its SQL statements', seconds(sqlMs));
    results.push(['scan', scanMs, sqlMs, counter.count()]);
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

    // The baseline: pooled nodemailer, 4 in flight, the same number of mails of the same size to the same listener.
    const sample = smtp.messages[0];
    const transport = createTransport({ url: smtp.url, pool: true, maxConnections: 4 });
    const before = smtp.messages.length;
    started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < delivered) {
          next += 1;
          await transport.sendMail({ from: 'bench@example.test', to: sample.to[0], subject: sample.subject, text: sample.text ?? '', html: sample.html || undefined });
        }
      }),
    );
    const baselineMs = Date.now() - started;
    transport.close();
    smtp.messages.splice(before);
    recordThroughput(`digest delivery to a local SMTP listener (${delivered} digests)`, delivered / (deliveryMs / 1000), delivered / (baselineMs / 1000), 0.8, 'mails/s');

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
    const [, scanMsTaken, scanSqlMs, statements] = results[0];
    recordAbsolute(
      `reminder scan, ${seeded.activities.toLocaleString('en-GB')} activities / ${seeded.people.toLocaleString('en-GB')} people (${statements} SQL)`,
      `${seconds(scanMsTaken)} (its SQL ${seconds(scanSqlMs)}, ${(scanMsTaken / scanSqlMs).toFixed(2)}x)`,
      '<= 3x its SQL time',
      scanMsTaken <= 3 * scanSqlMs,
      `its SQL ${seconds(scanSqlMs)}`,
    );
    recordAbsolute('reminders: duplicates after a second scan', String(duplicates), '0', duplicates === 0);

    // PostgreSQL's plans for the scan's page read, as the app ran it (first and second page).
    const pages = scanQueries.queries.filter((q) => q.sql.includes('activity_rows')).slice(0, 2);
    for (const [index, page] of pages.entries()) await explain(dataSource, `the scan's page read, page ${index + 1}`, page.sql, page.parameters);
    await app.close();
  } finally {
    await smtp.stop();
    await redis?.stop();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Array<[string, number, number, number]> = [];

if (require.main === module) {
  benchReminders()
    .then(() => process.exit(printResults() ? 0 : 1))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
