import { spawnSync } from 'child_process';
import { createServer } from 'net';
import * as path from 'path';
import { WorkerProcess, drainReminders, startWorkerProcess } from './support/reminders';
import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { socketsOf } from './support/sockets';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

/**
 * `npm run worker` as an operator runs it: its own process, configured only
 * through the environment, on the API's database and Redis. It serves no HTTP
 * (it listens on no port at all) and still sends the reminders the API queues.
 */
const PROBE = path.join(__dirname, 'support/report-servers.js');

describe('The reminder worker process', () => {
  let smtp: SmtpListener;
  let t: TestApp;
  let worker: WorkerProcess;
  let ownerEmail: string;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    // The API only queues (REMINDER_WORKER=off): whatever is sent, the worker process sent.
    t = await startTestApp({ demo: false, redis: true, config: { smtpUrl: smtp.url, reminderWorker: 'off' } });
    ownerEmail = 'worker-owner@council.gov.uk';
    const owner = (await t.http.post('/api/users').send({ name: 'Owner', email: ownerEmail, password: TEST_PASSWORD, roles: ['service_head'] }).expect(201)).body;
    await t.http
      .post('/api/plans')
      .send({
        title: 'Worker plan',
        kind: 'ofsted_inspection',
        source: { publishedOn: '2012-06-13' },
        sections: [
          {
            title: 'Safeguarding',
            recommendations: [
              { number: 1, band: 'by_date', targetDate: '2012-08-28', text: 'Core groups are held regularly.', activities: [{ text: 'Audit core groups', ownerId: owner.id }] },
            ],
          },
        ],
      })
      .expect(201);
    worker = await startWorkerProcess({
      databaseUrl: t.databaseUrl,
      redisUrl: process.env.IPM_TEST_REDIS_URL!,
      queuePrefix: t.config.queuePrefix,
      smtpUrl: smtp.url,
      lockMs: 3000,
      // Reports any HTTP or TCP server the process creates, listening or not.
      env: { NODE_OPTIONS: `--require ${PROBE}` },
    });
  }, 90000);
  afterAll(async () => {
    if (process.env.SHOW_WORKER_OUTPUT) console.log(worker?.output());
    await worker?.stop();
    await t?.close();
    await smtp?.stop();
  });

  it('reports a server created from CommonJS or an ES module (the probe the worker must pass)', () => {
    const stderrOf = (...args: string[]) => spawnSync(process.execPath, ['--require', PROBE, ...args], { encoding: 'utf8' }).stderr;
    expect(stderrOf('-e', "require('http').createServer()")).toContain('[report-servers] http.createServer called');
    expect(stderrOf('--input-type=module', '-e', "import * as http from 'http'; http.createServer();")).toContain('[report-servers] http.createServer called');
    expect(stderrOf('-e', "require('http')")).toBe('');
  });

  it('finds the ports a process listens on (the check the worker must pass)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      expect((await socketsOf(process.pid)).open).toContainEqual({ protocol: 'tcp', port });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('delivers a reminder digest queued by the API', async () => {
    const scan = (await t.http.post('/api/admin/reminders/run?asOf=2012-08-13').expect(200)).body;
    expect(scan.digestsQueued).toBe(1);
    const mail = await smtp.waitFor((message) => message.to.includes(ownerEmail), 30000);
    expect(mail.subject).toContain('13 August 2012');
    expect(mail.text).toContain('Audit core groups');
    await drainReminders(t, 30000);
    const [digest] = await t.dataSource.query(`SELECT status FROM reminder_digests WHERE digest_date = '2012-08-13'`);
    expect(digest).toEqual({ status: 'sent' });
  }, 60000);

  it('opens no listening port, while holding its connections to PostgreSQL, Redis and SMTP', async () => {
    const sockets = await socketsOf(worker.child.pid!);
    // It is the worker itself we are looking at (ts-node runs it in this very process), and it is connected.
    expect(sockets.connected).toBeGreaterThanOrEqual(2);
    expect(sockets.open).toEqual([]);
    // Nor does it build an HTTP server it does not listen on, or map any route.
    expect(worker.output()).not.toMatch(/\[report-servers\]|Nest application successfully started|Mapped \{/);
  });
});
