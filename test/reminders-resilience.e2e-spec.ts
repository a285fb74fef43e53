import { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Client as PgClient } from 'pg';
import { createWorker } from '../src/worker.module';
import { RunningRedis, startRedisServer } from '../src/queue/redis-server';
import {
  WorkerProcess,
  drainReminders,
  duplicateDeliveries,
  reminderLedgerSummary,
  reminderQueue,
  runDay,
  seedReminderLoad,
  startWorkerProcess,
} from './support/reminders';
import { ReceivedMail, SmtpListener, startSmtpListener } from './support/smtp-listener';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

/**
 * Exactly one digest per person per day when things go wrong: a worker killed
 * mid-send, Redis stopped and restarted (or coming back empty), and the scan
 * run twice at once. Real Redis, real SMTP on 127.0.0.1, real worker processes.
 *
 * The plan's three activities are due Tuesday 28 August 2012, the day after the
 * Summer bank holiday, so each owner hears 10 working days before (Mon 13 Aug),
 * 5 before (Mon 20 Aug), 1 before (Fri 24 Aug) and on the day (Tue 28 Aug).
 */

interface Owner {
  id: string;
  email: string;
}

async function createOwners(t: TestApp, prefix: string, count: number): Promise<Owner[]> {
  const owners: Owner[] = [];
  for (let i = 1; i <= count; i++) {
    const email = `${prefix}-owner${i}@council.gov.uk`;
    const body = (await t.http.post('/api/users').send({ name: `Owner ${i}`, email, password: TEST_PASSWORD, roles: ['service_head'] }).expect(201)).body;
    owners.push({ id: body.id, email });
  }
  await t.http
    .post('/api/plans')
    .send({
      title: `${prefix} plan`,
      kind: 'ofsted_inspection',
      source: { publishedOn: '2012-06-13' },
      sections: [
        {
          title: 'Safeguarding',
          recommendations: [
            {
              number: 1,
              band: 'by_date',
              targetDate: '2012-08-28',
              text: 'Core groups are held regularly.',
              activities: owners.map((owner, index) => ({ text: `Activity ${index + 1} of ${owner.email}`, ownerId: owner.id })),
            },
          ],
        },
      ],
    })
    .expect(201);
  return owners;
}

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const onDay = (messages: ReceivedMail[], longDate: string) => messages.filter((mail) => mail.subject.includes(` for ${longDate}:`));

/** Each owner got exactly one digest for the day, and nobody else got one. */
function expectOneDigestEach(messages: ReceivedMail[], owners: Owner[], longDate: string): void {
  const sent = onDay(messages, longDate);
  expect(sent.map((mail) => mail.to.join(',')).sort()).toEqual(owners.map((owner) => owner.email).sort());
  expect(duplicateDeliveries(messages)).toEqual([]);
}

describe('A worker killed mid-send', () => {
  const LOCK_MS = 2000;
  let smtp: SmtpListener;
  let t: TestApp;
  let owners: Owner[];
  const workers: WorkerProcess[] = [];
  const summary = () => reminderLedgerSummary((sql) => t.dataSource.query(sql));

  /** A separate worker process on the test's database, Redis and queue prefix, configured only through its environment. */
  const startWorker = async () => {
    const worker = await startWorkerProcess({
      databaseUrl: t.databaseUrl,
      redisUrl: process.env.IPM_TEST_REDIS_URL!,
      queuePrefix: t.config.queuePrefix,
      smtpUrl: smtp.url,
      lockMs: LOCK_MS,
    });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    smtp = await startSmtpListener();
    // The API side only: it scans and queues, the worker processes send.
    t = await startTestApp({ demo: false, redis: true, config: { smtpUrl: smtp.url, reminderWorker: 'off' } });
    owners = await createOwners(t, 'killed', 3);
  });
  afterAll(async () => {
    // SHOW_WORKER_OUTPUT=1 prints what each worker process said.
    if (process.env.SHOW_WORKER_OUTPUT) for (const worker of workers) console.log(worker.output());
    await Promise.all(workers.map((worker) => worker.stop()));
    await t?.close();
    await smtp?.stop();
  });
  it('sends each digest exactly once when the worker is killed while the mail server holds a message', async () => {
    const first = await startWorker();
    smtp.holdNext(1);
    const scan = (await t.http.post('/api/admin/reminders/run?asOf=2012-08-13').expect(200)).body;
    expect(scan.digestsQueued).toBe(3);

    // One digest waits for the server's 250; the other two go through and are marked sent (one job carries all three).
    const [held] = await smtp.waitForHeld(1);
    await waitUntil('the other two digests are marked sent', async () => (await summary()).sent === 2);
    const [claimed] = await t.dataSource.query(
      `SELECT d.status, d.message_id FROM reminder_digests d JOIN users u ON u.id = d.recipient_id WHERE u.email = $1 AND d.digest_date = '2012-08-13'`,
      [held.to[0]],
    );
    expect(claimed).toEqual({ status: 'sending', message_id: held.headers['message-id'] });

    await first.kill();
    expect(await first.exited).toBe('SIGKILL');
    await waitUntil('the held message is dropped with its connection', () => smtp.abandoned.length === 1);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages.some((mail) => mail.to.includes(held.to[0]))).toBe(false);
    // Their job is still active in Redis, locked by a worker that no longer exists; the two it sent stay sent.
    expect(await reminderQueue(t).getJobCounts()).toMatchObject({ active: 1, completed: 0, failed: 0 });
    expect(await summary()).toMatchObject({ sent: 2, sending: 1 });

    // A new worker takes the stalled job over once its lock runs out and sends it.
    await startWorker();
    await drainReminders(t, 30000);
    expectOneDigestEach(smtp.messages, owners, '13 August 2012');
    const resent = smtp.messages.find((mail) => mail.to.includes(held.to[0]))!;
    expect(resent.headers['message-id']).toBe(held.headers['message-id']);
    expect(await summary()).toMatchObject({ digests: 3, sent: 3, sending: 0, pending: 0, ledger: 3, notifications: 3, duplicates: 0 });
    expect((await t.http.get('/api/admin/queues/failed').expect(200)).body).toEqual([]);
  }, 120000);

  it('sends nothing more when the scan runs again for that day', async () => {
    const again = await runDay(t, '2012-08-13');
    expect(again.remindersPlanned).toBe(0);
    expect(smtp.messages).toHaveLength(3);
    expect(await summary()).toMatchObject({ digests: 3, sent: 3, ledger: 3, duplicates: 0 });
  });

  it('at worst resends the very same message (same Message-ID), never a second digest, when killed after the server accepted it but before recording that', async () => {
    // No protocol can close this window (the server has the message, our database does not know yet);
    // what the ledger guarantees is that the retry is the same message, which a mail system can drop.
    const [running] = workers.filter((worker) => worker.child.exitCode === null && worker.child.signalCode === null);
    smtp.clear();
    smtp.holdNext(3);
    await t.http.post('/api/admin/reminders/run?asOf=2012-08-20').expect(200);
    await smtp.waitForHeld(3);
    // Hold the digest rows so the worker cannot mark them sent.
    const locker = new PgClient({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      const locked = await locker.query(`SELECT id FROM reminder_digests WHERE digest_date = '2012-08-20' AND status = 'sending' FOR UPDATE`);
      expect(locked.rowCount).toBe(3);
      smtp.release();
      // The three are accepted together and marked sent in one statement, which waits for the rows.
      await waitUntil('the worker waits to mark the three sent', async () => {
        const [{ waiting }] = await t.dataSource.query(
          `SELECT COUNT(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE reminder_digests%'`,
        );
        return waiting >= 1;
      });
      expect(smtp.messages).toHaveLength(3);
      await running.kill();
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    await waitUntil('the killed worker’s database sessions are gone', async () => {
      const [{ left }] = await t.dataSource.query(`SELECT COUNT(*)::int AS left FROM pg_stat_activity WHERE query LIKE '%UPDATE reminder_digests%' AND pid <> pg_backend_pid()`);
      return left === 0;
    });
    const firstCopies = [...smtp.messages];
    expect(await t.dataSource.query(`SELECT status FROM reminder_digests WHERE digest_date = '2012-08-20'`)).toEqual([
      { status: 'sending' },
      { status: 'sending' },
      { status: 'sending' },
    ]);

    await startWorker();
    await drainReminders(t, 30000);
    expect(smtp.messages).toHaveLength(6);
    for (const owner of owners) {
      const copies = smtp.messages.filter((mail) => mail.to.includes(owner.email));
      expect(copies).toHaveLength(2);
      expect(copies[1].headers['message-id']).toBe(copies[0].headers['message-id']);
      expect(copies[1].text).toBe(copies[0].text);
    }
    expect(firstCopies.map((mail) => mail.headers['message-id']).sort()).toEqual(
      (await t.dataSource.query(`SELECT message_id FROM reminder_digests WHERE digest_date = '2012-08-20'`)).map((row: { message_id: string }) => row.message_id).sort(),
    );
    expect(await summary()).toMatchObject({ digests: 6, sent: 6, sending: 0, pending: 0, ledger: 6, duplicates: 0 });
  }, 120000);
});

describe('Redis stopped and restarted', () => {
  let redisDir: string;
  let redis: RunningRedis;
  let smtp: SmtpListener;
  let t: TestApp;
  let owners: Owner[];
  let worker: INestApplicationContext | undefined;
  const summary = () => reminderLedgerSummary((sql) => t.dataSource.query(sql));

  /** The worker: a second Nest context on the same database and Redis, as `npm run worker` builds it. */
  const startWorker = async (extra: Partial<TestApp['config']> = {}) => {
    worker = await createWorker({ ...t.config, reminderWorker: 'inline', runMigrations: false, initialAdmin: undefined, demoMode: false, ...extra }, t.databaseUrl);
  };
  const stopWorker = async () => {
    await worker?.close();
    worker = undefined;
  };
  let redisUp = false;
  const stopRedis = async () => {
    await redis.stop();
    redisUp = false;
  };
  const startRedis = async () => {
    redis = (await startRedisServer({ dataDir: redisDir, port: redis.port }))!;
    redisUp = true;
    await waitUntil('the API sees the queue up again', async () => (await t.anon.get('/health')).body.details?.queue?.state === 'up', 30000);
  };

  beforeAll(async () => {
    redisDir = mkdtempSync(path.join(tmpdir(), 'ipm-test-redis-'));
    const started = await startRedisServer({ dataDir: redisDir });
    if (!started) throw new Error('These tests need redis-server on PATH');
    redis = started;
    redisUp = true;
    smtp = await startSmtpListener();
    t = await startTestApp({ demo: false, config: { redisUrl: redis.url, smtpUrl: smtp.url, reminderWorker: 'off' } });
    owners = await createOwners(t, 'restart', 3);
  });
  afterAll(async () => {
    // A test that failed while Redis was down: the apps need it back to close.
    if (redis && !redisUp) await startRedis().catch(() => undefined);
    await stopWorker();
    await t?.close();
    await smtp?.stop();
    await redis?.stop();
    rmSync(redisDir, { recursive: true, force: true });
  });

  it('keeps digests queued before the restart (append-only file) and sends each once after it', async () => {
    await startWorker();
    await runDay(t, '2012-08-13');
    expectOneDigestEach(smtp.messages, owners, '13 August 2012');
    await stopWorker();

    // Three digests, in one job.
    expect((await t.http.post('/api/admin/reminders/run?asOf=2012-08-20').expect(200)).body.digestsQueued).toBe(3);
    expect(await reminderQueue(t).getJobCounts()).toMatchObject({ waiting: 1 });
    await stopRedis();
    await startRedis();
    expect(await reminderQueue(t).getJobCounts()).toMatchObject({ waiting: 1 });

    await startWorker();
    await drainReminders(t, 30000);
    expectOneDigestEach(smtp.messages, owners, '20 August 2012');
    expect(smtp.messages).toHaveLength(6);
  }, 90000);

  it('sends no second email and writes no second row when the scan runs again after the restart', async () => {
    for (const day of ['2012-08-13', '2012-08-20']) expect((await runDay(t, day)).remindersPlanned).toBe(0);
    expect(smtp.messages).toHaveLength(6);
    expect(await summary()).toMatchObject({ digests: 6, sent: 6, ledger: 6, notifications: 6, pending: 0, duplicates: 0 });
  });

  it('sends a digest that was in flight when Redis went down exactly once', async () => {
    smtp.holdNext(3);
    await t.http.post('/api/admin/reminders/run?asOf=2012-08-24').expect(200);
    await smtp.waitForHeld(3);
    await stopRedis();
    // The mail server accepts while Redis is down: the worker records the send in PostgreSQL but cannot complete the jobs.
    smtp.release();
    await waitUntil('the three digests are marked sent', async () => (await summary()).sent === 9);
    await startRedis();
    await drainReminders(t, 40000);
    expectOneDigestEach(smtp.messages, owners, '24 August 2012');
    expect(smtp.messages).toHaveLength(9);
    expect(await summary()).toMatchObject({ digests: 9, sent: 9, pending: 0, duplicates: 0 });
  }, 90000);

  it('sends a reminder that fell due while Redis was down once it is back (catch-up)', async () => {
    await stopRedis();
    // The scan for Tuesday 28 August is asked for while Redis is down.
    const started = Date.now();
    const during = t.http.post('/api/admin/reminders/run?asOf=2012-08-28').then(
      (response) => ({ status: response.status, ms: Date.now() - started }),
      (error: Error) => ({ status: error.message, ms: Date.now() - started }),
    );
    const answered = await Promise.race([during, new Promise<null>((resolve) => setTimeout(() => resolve(null), 8000))]);
    expect(smtp.messages).toHaveLength(9);
    await startRedis();
    // Whatever the outage did to that request, the scan for the day delivers each reminder once.
    const eventually = await during;
    await runDay(t, '2012-08-28');
    await drainReminders(t, 30000);
    expectOneDigestEach(smtp.messages, owners, '28 August 2012');
    expect(smtp.messages).toHaveLength(12);
    expect(await summary()).toMatchObject({ digests: 12, sent: 12, pending: 0, duplicates: 0 });
    // And an admin asking for a scan while Redis is down gets a prompt, plain refusal, not a request that hangs
    // until Redis is back (or fails minutes later).
    const seen = answered ?? { status: `no answer within 8 s (${eventually.status} after ${eventually.ms} ms, once Redis was back)`, ms: eventually.ms };
    expect(seen.status).toBe(503);
    expect(seen.ms).toBeLessThan(5000);
  }, 120000);

  it('sends nothing again when Redis comes back empty and replays jobs for digests already sent', async () => {
    await stopRedis();
    rmSync(redisDir, { recursive: true, force: true });
    await startRedis();
    expect(await reminderQueue(t).getJobCounts()).toMatchObject({ waiting: 0, completed: 0 });
    // A Redis restored from an older copy (or that lost its last second of writes) can hand out
    // digest jobs that were already done; the digest rows in PostgreSQL keep them from sending again.
    const sent: Array<{ recipient_id: string; digest_date: string }> = await t.dataSource.query(
      `SELECT recipient_id, digest_date::text AS digest_date FROM reminder_digests`,
    );
    for (const { recipient_id: recipientId, digest_date: digestDate } of sent) {
      await reminderQueue(t).add('digest', { recipientId, digestDate }, { jobId: `digest:${recipientId}:${digestDate}`, attempts: 2 });
    }
    for (const day of ['2012-08-13', '2012-08-20', '2012-08-24', '2012-08-28']) {
      expect((await t.http.post(`/api/admin/reminders/run?asOf=${day}`).expect(200)).body.remindersPlanned).toBe(0);
    }
    await drainReminders(t, 30000);
    expect(await reminderQueue(t).getJobCounts()).toMatchObject({ completed: 12, failed: 0 });
    expect(smtp.messages).toHaveLength(12);
    expect(await summary()).toMatchObject({ digests: 12, sent: 12, ledger: 12, duplicates: 0 });
  }, 90000);

  it('registers the daily scan again when Redis comes back without it', async () => {
    // A worker with the daily cron on registers it at start-up...
    await stopWorker();
    await startWorker({ reminderCron: '30 7 * * 1-5' });
    await waitUntil('the daily scan is registered', async () => (await reminderQueue(t).getRepeatableJobs()).length === 1);
    // ...and Redis loses it (data lost, failed over, flushed): without it no reminders would ever go out again.
    await stopRedis();
    rmSync(redisDir, { recursive: true, force: true });
    await startRedis();
    await waitUntil('the daily scan is registered again', async () => (await reminderQueue(t).getRepeatableJobs()).length === 1, 30000);
  }, 90000);
});

describe('The queue while Redis is down or not answering', () => {
  const TIMEOUT_MS = 3000;
  let redisDir: string;
  let redis: RunningRedis;
  let smtp: SmtpListener;
  let t: TestApp;
  let owners: Owner[];
  let redisUp = false;
  let frozen = false;

  const stopRedis = async () => {
    await redis.stop();
    redisUp = false;
  };
  const startRedis = async () => {
    redis = (await startRedisServer({ dataDir: redisDir, port: redis.port }))!;
    redisUp = true;
  };
  const thaw = () => {
    if (frozen) process.kill(redis.pid, 'SIGCONT');
    frozen = false;
  };
  const queueState = async () => (await t.anon.get('/health')).body.details?.queue?.state;

  /** Every request that touches Redis, asked at once, each with how long it took to answer. */
  const askEverythingThatTouchesRedis = () =>
    Promise.all(
      [
        ['GET /api/admin/queues/failed', () => t.http.get('/api/admin/queues/failed')],
        ['POST /api/admin/queues/failed/:jobId/retry', () => t.http.post(`/api/admin/queues/failed/${encodeURIComponent(`digest:${owners[0].id}:2012-08-13`)}/retry`)],
        ['POST /api/admin/reminders/run', () => t.http.post('/api/admin/reminders/run?asOf=2012-08-20')],
        ['GET /admin/queues (bull-board)', () => t.http.get('/admin/queues')],
        ['GET /admin/queues/api/queues (bull-board)', () => t.http.get('/admin/queues/api/queues')],
        ['GET /health', () => t.anon.get('/health')],
      ].map(async ([call, ask]) => {
        const started = Date.now();
        const response = await (ask as () => Promise<{ status: number; body: any }>)();
        return { call: call as string, status: response.status, body: response.body, ms: Date.now() - started };
      }),
    );

  beforeAll(async () => {
    redisDir = mkdtempSync(path.join(tmpdir(), 'ipm-test-redis-down-'));
    redis = (await startRedisServer({ dataDir: redisDir }))!;
    redisUp = true;
    smtp = await startSmtpListener();
    t = await startTestApp({ demo: false, config: { redisUrl: redis.url, smtpUrl: smtp.url, queueTimeoutMs: TIMEOUT_MS } });
    owners = await createOwners(t, 'down', 1);
    await waitUntil('the queue is up', async () => (await queueState()) === 'up');
  });
  afterAll(async () => {
    thaw();
    if (!redisUp) await startRedis().catch(() => undefined);
    await t?.close();
    await smtp?.stop();
    await redis?.stop();
    rmSync(redisDir, { recursive: true, force: true });
  });

  it('answers 503 "The reminder queue is down" at once while Redis is stopped, and /health says so without waiting', async () => {
    await stopRedis();
    await waitUntil('the API has noticed Redis is gone', async () => (await queueState()) === 'down');
    const answers = await askEverythingThatTouchesRedis().finally(startRedis);
    for (const answer of answers.filter(({ call }) => call !== 'GET /health')) {
      expect({ call: answer.call, status: answer.status, body: answer.body }).toEqual({
        call: answer.call,
        status: 503,
        body: { statusCode: 503, message: 'The reminder queue is down: Redis is not answering (the connection is lost and being retried)' },
      });
    }
    const health = answers.find(({ call }) => call === 'GET /health')!;
    // The database is up, so the API is healthy; the queue is reported down.
    expect(health.status).toBe(200);
    expect(health.body.details.queue).toEqual({
      status: 'down',
      state: 'down',
      message: 'The reminder queue is down: Redis is not answering (the connection is lost and being retried). Queued work waits until Redis is back.',
    });
    // Nobody waited out the deadline: the client already knows Redis is gone.
    for (const answer of answers) expect({ call: answer.call, fast: answer.ms < TIMEOUT_MS }).toEqual({ call: answer.call, fast: true });
    // The refused scan planned nothing.
    expect(await t.dataSource.query(`SELECT COUNT(*)::int AS planned FROM reminder_ledger WHERE reminder_date = '2012-08-20'`)).toEqual([{ planned: 0 }]);
  }, 90000);

  it('answers 503 within QUEUE_TIMEOUT_MS when Redis is connected but does not answer (a frozen server)', async () => {
    await waitUntil('the queue is up again', async () => (await queueState()) === 'up', 30000);
    // SIGSTOP: the connections stay open and the kernel takes the commands, but no reply ever comes.
    process.kill(redis.pid, 'SIGSTOP');
    frozen = true;
    const answers = await askEverythingThatTouchesRedis().finally(thaw);
    for (const answer of answers.filter(({ call }) => call !== 'GET /health')) {
      expect({ call: answer.call, status: answer.status, body: answer.body }).toEqual({
        call: answer.call,
        status: 503,
        body: { statusCode: 503, message: 'The reminder queue is down: Redis did not answer within 3 s' },
      });
    }
    const health = answers.find(({ call }) => call === 'GET /health')!;
    expect(health.status).toBe(200);
    expect(health.body.details.queue).toMatchObject({ status: 'down', state: 'down', message: expect.stringContaining('Redis did not answer within 3 s') });
    // Bounded: each waited out the deadline and no more than a loaded machine's slack beyond it.
    for (const answer of answers) {
      expect({ call: answer.call, bounded: answer.ms >= TIMEOUT_MS - 50 && answer.ms < TIMEOUT_MS + 5000 }).toEqual({ call: answer.call, bounded: true });
    }
  }, 60000);

  it('serves the queue again once Redis answers, and the scan it refused then sends the reminder once', async () => {
    await waitUntil('the queue is up again', async () => (await queueState()) === 'up', 30000);
    expect((await t.http.get('/api/admin/queues/failed').expect(200)).body).toEqual([]);
    await t.http.get('/admin/queues/api/queues').expect(200);
    const scan = await runDay(t, '2012-08-20');
    expect(scan.digestsQueued).toBe(1);
    expectOneDigestEach(smtp.messages, owners, '20 August 2012');
    expect(smtp.messages).toHaveLength(1);
  }, 60000);
});

describe('The scan run twice at once for the same day', () => {
  let smtp: SmtpListener;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({ demo: false, redis: true, config: { smtpUrl: smtp.url } });
    // 6 plans of 50 activities, 40 people: owners, lead agency contacts and board chairs.
    await seedReminderLoad((sql, params) => t.dataSource.query(sql, params), { plans: 6, activitiesPerPlan: 50, people: 40, asOf: '2012-09-13' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('sends one digest per person', async () => {
    const [first, second] = await Promise.all([
      t.http.post('/api/admin/reminders/run?asOf=2012-09-13').expect(200),
      t.http.post('/api/admin/reminders/run?asOf=2012-09-13').expect(200),
    ]);
    await drainReminders(t, 30000);
    const ledger = await reminderLedgerSummary((sql) => t.dataSource.query(sql));
    // Between them the two scans planned each reminder once.
    expect(first.body.remindersPlanned + second.body.remindersPlanned).toBe(ledger.ledger);
    expect(ledger.ledger).toBeGreaterThan(20);
    const recipients: Array<{ email: string }> = await t.dataSource.query(
      `SELECT DISTINCT u.email FROM reminder_ledger l JOIN users u ON u.id = l.recipient_id ORDER BY u.email`,
    );
    expect(recipients.length).toBeGreaterThan(5);
    expect(smtp.messages.map((mail) => mail.to.join(',')).sort()).toEqual(recipients.map((row) => row.email).sort());
    expect(duplicateDeliveries(smtp.messages)).toEqual([]);
    expect(ledger).toMatchObject({ digests: recipients.length, sent: recipients.length, pending: 0, notifications: ledger.ledger, duplicates: 0 });
  });

  it('still sends one digest per person when four scans race on the next day', async () => {
    smtp.clear();
    const results = await Promise.all([1, 2, 3, 4].map(() => t.http.post('/api/admin/reminders/run?asOf=2012-09-14').expect(200)));
    await drainReminders(t, 30000);
    const [{ planned }] = await t.dataSource.query(`SELECT COUNT(*)::int AS planned FROM reminder_ledger WHERE reminder_date = '2012-09-14'`);
    expect(results.reduce((sum, result) => sum + result.body.remindersPlanned, 0)).toBe(planned);
    expect(smtp.messages.length).toBeGreaterThan(0);
    expect(duplicateDeliveries(smtp.messages)).toEqual([]);
    const [{ digests }] = await t.dataSource.query(`SELECT COUNT(*)::int AS digests FROM reminder_digests WHERE digest_date = '2012-09-14'`);
    expect(smtp.messages).toHaveLength(digests);
    expect((await reminderLedgerSummary((sql) => t.dataSource.query(sql))).duplicates).toBe(0);
  });
});
