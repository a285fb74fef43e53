import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { ChildProcess, spawn } from 'child_process';
import { tmpdir } from 'os';
import * as path from 'path';
import type { ReceivedMail } from './smtp-listener';
import type { TestApp } from './test-app';

export function reminderQueue(t: TestApp): Queue {
  return t.app.get<Queue>(getQueueToken('reminders'));
}

/**
 * Waits until the reminder queue has nothing waiting, running or retrying.
 * The next run of a repeatable job (the daily scan a worker with a cron
 * registers) waits as a delayed job too; that one does not count.
 */
export async function drainReminders(t: TestApp, timeoutMs = 20000): Promise<void> {
  const queue = reminderQueue(t);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counts = await queue.getJobCounts();
    const repeatable = counts.delayed > 0 ? (await queue.getRepeatableJobs()).length : 0;
    if (counts.waiting + counts.active + counts.delayed - repeatable === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The reminder queue did not drain: ${JSON.stringify(await queue.getJobCounts())}`);
}

/** Runs the scan for a day as the admin would, and waits for the digests to go. */
export async function runDay(t: TestApp, asOf: string): Promise<{ remindersPlanned: number; digestsQueued: number }> {
  const response = await t.http.post(`/api/admin/reminders/run?asOf=${asOf}`).expect(200);
  await drainReminders(t);
  return response.body;
}

/** One worker process (`src/worker.ts` through ts-node), as `npm run worker` runs it on another machine. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it has printed so far (the last 64 kB), for a failure message. */
  output(): string;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** SIGKILL: no clean shutdown, its job stays active in Redis with a lock that runs out. */
  kill(): Promise<void>;
  /** SIGTERM: the worker's own clean shutdown. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/**
 * Starts `src/worker.ts` in a process of its own with only environment
 * variables, as an operator would, and resolves once it says it is running.
 * The daily cron is pushed to 1 January (REMINDER_CRON=off is not accepted
 * from the environment) so only the scans a test asks for run.
 */
export async function startWorkerProcess(options: {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  smtpUrl: string;
  lockMs: number;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', 'src/worker.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      TMPDIR: tmpdir(),
      NODE_ENV: 'test',
      LOG_LEVEL: 'log',
      DATA_DIR: path.join(tmpdir(), 'ipm-worker-data'),
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: options.queuePrefix,
      QUEUE_LOCK_MS: String(options.lockMs),
      SMTP_URL: options.smtpUrl,
      RUN_MIGRATIONS: 'false',
      REMINDER_RETRY_DELAY_MS: '200',
      REMINDER_CRON: '0 0 1 1 *',
      ...options.env,
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-65536);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const worker: WorkerProcess = {
    child,
    output: () => output,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 45000);
  while (!/Reminder worker running/.test(output)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The worker exited before it was running:\n${output}`);
    if (Date.now() > deadline) {
      await worker.kill();
      throw new Error(`The worker did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return worker;
}

/** Digests delivered more than once: the same recipient and subject (the subject names the day). */
export function duplicateDeliveries(messages: ReceivedMail[]): Array<{ to: string; subject: string; count: number }> {
  const counts = new Map<string, number>();
  for (const mail of messages) {
    for (const to of mail.to) counts.set(`${to}\n${mail.subject}`, (counts.get(`${to}\n${mail.subject}`) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([key, count]) => ({ to: key.split('\n')[0], subject: key.split('\n')[1], count }));
}

/**
 * What PostgreSQL says was sent: digests per state, and anything that would be
 * a duplicate (two digests for one person and day, two ledger rows for one
 * reminder, two notifications for one ledger row).
 */
export async function reminderLedgerSummary(query: (sql: string) => Promise<any[]>) {
  const [row] = await query(
    `SELECT (SELECT COUNT(*)::int FROM reminder_digests) AS digests,
            (SELECT COUNT(*)::int FROM reminder_digests WHERE status = 'sent') AS sent,
            (SELECT COUNT(*)::int FROM reminder_digests WHERE status = 'sending') AS sending,
            (SELECT COUNT(*)::int FROM reminder_ledger) AS ledger,
            (SELECT COUNT(*)::int FROM reminder_ledger WHERE status = 'pending') AS pending,
            (SELECT COUNT(*)::int FROM notifications) AS notifications,
            (SELECT COUNT(*)::int FROM (SELECT 1 FROM reminder_digests GROUP BY recipient_id, digest_date HAVING COUNT(*) > 1) d)
          + (SELECT COUNT(*)::int FROM (SELECT 1 FROM reminder_ledger GROUP BY recipient_id, activity_id, kind, reminder_date HAVING COUNT(*) > 1) l)
          + (SELECT COUNT(*)::int FROM (SELECT 1 FROM notifications GROUP BY ledger_entry_id HAVING COUNT(*) > 1) n) AS duplicates`,
  );
  return row as { digests: number; sent: number; sending: number; ledger: number; pending: number; notifications: number; duplicates: number };
}

export interface ReminderLoad {
  plans: number;
  activitiesPerPlan: number;
  people: number;
  /** The day the scan will run for: due dates spread from 120 days before it to 240 after. */
  asOf: string;
  /** Makes ids and emails unique when one database is seeded twice. */
  tag?: string;
}

/**
 * Plans, people and activities in a few set-based statements (INSERT ...
 * SELECT generate_series), for load tests and the bench. Ids are md5 of a tag
 * and a number, so rows can refer to each other without a round trip:
 *   - 1 in 50 people chairs the improvement board of every 50th plan or so;
 *     the others own activities, and 2 per lead agency are its contacts;
 *   - each plan has 1 section of 5 recommendations holding its activities;
 *   - 1 activity in 10 has no owner and reaches its lead agency's contacts;
 *     1 in 5 is complete; due dates are spread over the year around asOf.
 */
export async function seedReminderLoad(query: (sql: string, params?: unknown[]) => Promise<unknown>, load: ReminderLoad): Promise<void> {
  const tag = load.tag ?? 'seed';
  const chairs = Math.max(1, Math.floor(load.people / 50));
  const owners = load.people - chairs;
  const agencies = Math.max(1, Math.floor(load.plans / 20));
  if (owners < agencies * 2) throw new Error('Too few people for the lead agencies’ contacts');
  const recommendations = 5;
  const activities = load.plans * load.activitiesPerPlan;
  const id = (kind: string, n: string) => `md5('${tag}:${kind}:' || ${n})::uuid`;
  await query(
    `INSERT INTO users (id, name, email, roles, contact_preferences)
     SELECT ${id('person', 'g')}, 'Person ' || g, '${tag}.person' || g || '@bench.example.gov.uk',
            CASE WHEN g <= $1 THEN ARRAY['board_chair'] ELSE ARRAY['service_head'] END, '{}'::jsonb
       FROM generate_series(1, $2::int) g`,
    [chairs, load.people],
  );
  await query(
    `INSERT INTO lead_agencies (id, name) SELECT ${id('agency', 'g')}, '${tag} agency ' || g FROM generate_series(1, $1::int) g`,
    [agencies],
  );
  // The first two owners after the chairs for agency 1, the next two for agency 2, ...
  await query(
    `INSERT INTO user_lead_agencies (user_id, lead_agency_id, is_contact)
     SELECT ${id('person', `(${chairs} + g)`)}, ${id('agency', '((g - 1) / 2 + 1)')}, true FROM generate_series(1, $1::int) g`,
    [agencies * 2],
  );
  await query(
    `INSERT INTO plans (id, title, kind, status, published_on, column_labels, band_offsets)
     SELECT ${id('plan', 'g')}, 'Improvement plan ' || g, 'ofsted_inspection', 'approved', DATE '2012-06-13', '[]'::jsonb, '{}'::jsonb
       FROM generate_series(1, $1::int) g`,
    [load.plans],
  );
  await query(
    `INSERT INTO plan_members (plan_id, user_id, role) SELECT ${id('plan', 'g')}, ${id('person', `((g - 1) % ${chairs} + 1)`)}, 'chair' FROM generate_series(1, $1::int) g`,
    [load.plans],
  );
  await query(`INSERT INTO sections (id, plan_id, title, position) SELECT ${id('section', 'g')}, ${id('plan', 'g')}, 'Safeguarding', 1 FROM generate_series(1, $1::int) g`, [
    load.plans,
  ]);
  await query(
    `INSERT INTO recommendations (id, section_id, number, text, band)
     SELECT ${id('recommendation', 'g')}, ${id('section', `((g - 1) / ${recommendations} + 1)`)}, (g - 1) % ${recommendations} + 1,
            'Recommendation ' || g, 'immediately'
       FROM generate_series(1, $1::int) g`,
    [load.plans * recommendations],
  );
  // Activity g of plan (g-1)/activitiesPerPlan+1; owner spread over the owners by a prime stride.
  await query(
    `INSERT INTO activities (id, plan_id, recommendation_id, position, text, owner_id, due_date, due_date_precision, status)
     SELECT ${id('activity', 'g')},
            ${id('plan', '((g - 1) / $2::int + 1)')},
            ${id('recommendation', `(((g - 1) / $2::int) * ${recommendations} + ((g - 1) % $2::int) % ${recommendations} + 1)`)},
            (g - 1) % $2::int,
            'Activity ' || g || ': audit a sample of case files & report <findings>',
            CASE WHEN g % 10 = 0 THEN NULL ELSE ${id('person', `(${chairs} + 1 + (g::bigint * 7919) % ${owners})`)} END,
            DATE '${load.asOf}' + ((g * 37) % 361 - 120),
            'day',
            CASE WHEN g % 5 = 0 THEN 'complete' WHEN g % 3 = 0 THEN 'in_progress' ELSE 'not_started' END
       FROM generate_series(1, $1::int) g`,
    [activities, load.activitiesPerPlan],
  );
  await query(
    `INSERT INTO activity_lead_agencies (activity_id, lead_agency_id, position)
     SELECT ${id('activity', 'g')}, ${id('agency', `(g % ${agencies} + 1)`)}, 0 FROM generate_series(10, $1::int, 10) g`,
    [activities],
  );
  await query('ANALYZE');
}
