/**
 * The reminder scan and digest delivery at council scale (npm run bench runs
 * it; npm run bench:reminders alone). The scan's time is set beside the time
 * its own SQL statements took (the rest is the scan's JavaScript), and
 * delivery beside pooled nodemailer sending the very same mails, 4 in flight,
 * to the same listener. Seeds plans, people and activities with set-based SQL
 * into an embedded PostgreSQL, runs one scan for a day against a real Redis
 * (digests queued REMINDER_DIGESTS_PER_JOB to a job), delivers the digests to
 * a local SMTP listener, and prints the scan time, the jobs it queued, emails
 * delivered per second and this process's CPU per email beside the baseline's
 * for each round (delivery and baseline run back to back, which goes first
 * alternating round by round; the day's digests are put back between rounds;
 * after an untimed warm-up round, the round with the median ratio is reported), the
 * duplicates (must be 0) and PostgreSQL's plan for the scan query.
 *
 *   npx ts-node --transpile-only bench/reminders.ts        (20,000 activities, 200 plans, 1,000 people)
 *   REMINDER_ACTIVITIES=5000 npx ts-node --transpile-only bench/reminders.ts
 *
 * Also: PLANS, PEOPLE (default REMINDER_ACTIVITIES/100 and /20), AS_OF (a
 * working day, default 2012-09-13), REMINDER_ROUNDS (3), REMINDER_DIGESTS_PER_JOB
 * (the app's default), REMINDER_PROFILE=file.cpuprofile (CPU profiles of the last
 * round's delivery and baseline), REDIS_URL (else Debian's redis-server is
 * started in a temporary folder).
 */
import 'reflect-metadata';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { Session } from 'inspector';
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
/** Delivery and its baseline, alternating. */
const ROUNDS = Math.max(1, Number(process.env.REMINDER_ROUNDS ?? 3));
/**
 * Untimed rounds first, as the other benches warm up before timing: the first
 * delivery compiles the claim, the render and the marking (which the baseline
 * lacks) while the baseline after it finds nodemailer and the listener warm,
 * and a worker sending every morning is long warm.
 */
const WARM_UP_ROUNDS = 1;
const REMINDER_DIGESTS_PER_JOB = process.env.REMINDER_DIGESTS_PER_JOB ? Number(process.env.REMINDER_DIGESTS_PER_JOB) : loadConfig({}).reminderDigestsPerJob;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = (label: string, value: string | number) => console.log(`${label.padEnd(44)} ${value}`);

async function drain(queue: Queue, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await queue.getJobCounts();
    if (counts.waiting + counts.active + counts.delayed === 0) return;
    if (Date.now() > deadline) throw new Error(`The queue did not drain: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Waits for the jobs waiting now to finish, told by this process's worker
 * (its completed and failed events) rather than by asking Redis every 20 ms,
 * which cost the timed delivery about 3% of this process's CPU; then drains
 * whatever they queued (a digest retried alone).
 */
async function finishWaiting(queue: Queue, timeoutMs: number): Promise<void> {
  const { waiting } = await queue.getJobCounts();
  let finished = 0;
  await new Promise<void>((resolve) => {
    if (waiting === 0) {
      void queue.resume(true);
      return resolve();
    }
    const onFinished = () => {
      if (++finished < waiting) return;
      queue.off('completed', onFinished).off('failed', onFinished);
      resolve();
    };
    queue.on('completed', onFinished).on('failed', onFinished);
    void queue.resume(true);
  });
  await drain(queue, timeoutMs);
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
      reminderDigestsPerJob: REMINDER_DIGESTS_PER_JOB,
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
    line('Digests queued', `${scan.digestsQueued} in ${queued.waiting} jobs of up to ${REMINDER_DIGESTS_PER_JOB}`);

    // Delivery against the baseline, alternating round by round so the shared machine's load falls on both.
    // The baseline: pooled nodemailer, 4 in flight, sending the very mails the worker delivered (same recipients,
    // subjects, text and HTML) to the same listener. Each later round puts the day's digests back as the scan left
    // them (no digest rows, the reminders pending, the finished jobs cleared) and queues the day again.
    const rounds: Array<{ delivered: number; deliveryMs: number; deliveryCpuMs: number; baselineMs: number; baselineCpuMs: number }> = [];
    let delivered = 0;
    let lastSent: typeof smtp.messages = [];
    const lastRound = WARM_UP_ROUNDS + ROUNDS - 1;
    for (let round = 0; round <= lastRound; round++) {
      if (round > 0) {
        await queue.pause(true);
        await queue.clean(0, 'completed');
        await dataSource.query(`DELETE FROM reminder_digests WHERE digest_date = $1`, [AS_OF]);
        await dataSource.query(`UPDATE reminder_ledger SET status = 'pending' WHERE status = 'sent' AND reminder_date <= $1`, [AS_OF]);
        smtp.clear();
        await reminders.runScan(AS_OF);
      }
      const deliver = async () => {
        const profiler = round === lastRound ? await startProfile() : null;
        const cpu = process.cpuUsage();
        const began = Date.now();
        await finishWaiting(queue, 30 * 60_000);
        const ms = Date.now() - began;
        const used = process.cpuUsage(cpu);
        await profiler?.stop();
        return { ms, cpu: used };
      };
      const sendBaseline = async (mails: typeof smtp.messages) => {
        const transport = createTransport({ url: smtp.url, pool: true, maxConnections: 4 });
        const baselineProfiler = round === lastRound ? await startProfile('baseline') : null;
        const cpu = process.cpuUsage();
        const began = Date.now();
        let next = 0;
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            while (next < mails.length) {
              const mail = mails[next++];
              await transport.sendMail({ from: 'bench@example.test', to: mail.to[0], subject: mail.subject, text: mail.text ?? '', html: mail.html || undefined });
            }
          }),
        );
        const ms = Date.now() - began;
        const used = process.cpuUsage(cpu);
        await baselineProfiler?.stop();
        transport.close();
        return { ms, cpu: used };
      };
      // Whichever goes first warms code both use (nodemailer, the listener's parser) for the other, so the order
      // alternates: odd rounds send the baseline first, with the mails the previous round delivered (the same
      // digests, delivered again).
      let delivery: { ms: number; cpu: NodeJS.CpuUsage };
      let baseline: { ms: number; cpu: NodeJS.CpuUsage };
      if (round % 2 === 1 && lastSent.length) {
        baseline = await sendBaseline(lastSent);
        smtp.clear();
        delivery = await deliver();
        delivered = smtp.messages.length;
      } else {
        delivery = await deliver();
        delivered = smtp.messages.length;
        const sent = [...smtp.messages];
        baseline = await sendBaseline(sent);
        smtp.messages.splice(delivered);
      }
      lastSent = smtp.messages.slice(0, delivered);
      const [deliveryMs, deliveryCpu, baselineMs, baselineCpu] = [delivery.ms, delivery.cpu, baseline.ms, baseline.cpu];
      const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
      if (round >= WARM_UP_ROUNDS) rounds.push({ delivered, deliveryMs, deliveryCpuMs: cpuMs(deliveryCpu), baselineMs, baselineCpuMs: cpuMs(baselineCpu) });
      line(
        round < WARM_UP_ROUNDS ? `Warm-up round ${round + 1} (not counted)` : `Round ${round + 1 - WARM_UP_ROUNDS}: emails delivered`,
        `${delivered} in ${seconds(deliveryMs)}, ${(delivered / (deliveryMs / 1000)).toFixed(1)}/s (baseline ${(delivered / (baselineMs / 1000)).toFixed(1)}/s); ` +
          `this process's CPU per email ${(cpuMs(deliveryCpu) / delivered).toFixed(2)} ms (baseline ${(cpuMs(baselineCpu) / delivered).toFixed(2)} ms)`,
      );
    }
    // The round with the median ratio stands for the run.
    const byRatio = [...rounds].sort((a, b) => a.baselineMs / a.deliveryMs - b.baselineMs / b.deliveryMs);
    const median = byRatio[Math.floor(byRatio.length / 2)];
    line('Emails delivered per second (median round)', (median.delivered / (median.deliveryMs / 1000)).toFixed(1));
    recordThroughput(
      `digest delivery to a local SMTP listener (${delivered} digests, ${REMINDER_DIGESTS_PER_JOB} a job; median of ${rounds.length} rounds)`,
      median.delivered / (median.deliveryMs / 1000),
      median.delivered / (median.baselineMs / 1000),
      0.8,
      'mails/s',
    );

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

/** REMINDER_PROFILE=file.cpuprofile: CPU profiles of this process during delivery, and of the baseline (file-baseline.cpuprofile), to open in Chrome's DevTools. */
async function startProfile(phase = 'delivery'): Promise<{ stop(): Promise<void> } | null> {
  if (!process.env.REMINDER_PROFILE) return null;
  const file = phase === 'delivery' ? process.env.REMINDER_PROFILE : process.env.REMINDER_PROFILE.replace(/(\.cpuprofile)?$/, `-${phase}$1`);
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      console.log(`CPU profile of the ${phase} written to ${file}`);
    },
  };
}

if (require.main === module) {
  benchReminders()
    .then(() => process.exit(printResults() ? 0 : 1))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
