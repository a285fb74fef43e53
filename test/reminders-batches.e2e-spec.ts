import type { Job } from 'bull';
import { CalendarDate } from '../src/deadlines';
import { DigestSender } from '../src/reminders/digest-sender.service';
import { ReminderPlanner } from '../src/reminders/reminder-planner.service';
import { drainReminders, duplicateDeliveries, reminderLedgerSummary, reminderQueue, runDay } from './support/reminders';
import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { TEST_PASSWORD, TestApp, countQueries, startTestApp } from './support/test-app';

/**
 * Digests go out several to a job (REMINDER_DIGESTS_PER_JOB, two here): one
 * claim for the job's people, their emails sent together through the mail
 * pool, each marked sent as the server takes it. Five owners of activities
 * due Tuesday 28 August 2012 hear 10 working days before (Mon 13 Aug), 5
 * before (Mon 20 Aug), 1 before (Fri 24 Aug) and on the day.
 */
describe('Digests delivered several to a job', () => {
  let smtp: SmtpListener;
  let t: TestApp;
  let owners: Array<{ id: string; email: string }>;
  const summary = () => reminderLedgerSummary((sql) => t.dataSource.query(sql));
  const digestRows = async (day: string): Promise<Array<{ email: string; status: string; message_id: string }>> =>
    t.dataSource.query(
      `SELECT u.email, d.status, d.message_id FROM reminder_digests d JOIN users u ON u.id = d.recipient_id WHERE d.digest_date = $1 ORDER BY u.email`,
      [day],
    );
  const jobsDone = async (name: string): Promise<Job[]> => (await reminderQueue(t).getCompleted()).filter((job) => job.name === name);
  /** Plans the day's reminders without queuing anything, so a test can hand the digests to the sender itself. */
  const planOnly = async (day: CalendarDate) => {
    const planner = t.app.get(ReminderPlanner);
    await planner.planDay(day, await planner.calendar());
  };

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({ demo: false, redis: true, config: { smtpUrl: smtp.url, reminderDigestsPerJob: 2 } });
    owners = [];
    for (let i = 1; i <= 5; i++) {
      const email = `batch-owner${i}@council.gov.uk`;
      const body = (await t.http.post('/api/users').send({ name: `Owner ${i}`, email, password: TEST_PASSWORD, roles: ['service_head'] }).expect(201)).body;
      owners.push({ id: body.id, email });
    }
    await t.http
      .post('/api/plans')
      .send({
        title: 'Batched digests plan',
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
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('queues the day in jobs of two people and sends each person exactly one digest, with the Message-ID fixed at the claim', async () => {
    const scan = await runDay(t, '2012-08-13');
    expect(scan.digestsQueued).toBe(5);
    const batches = await jobsDone('digests');
    expect(batches.map((job) => job.data.recipientIds.length).sort()).toEqual([1, 2, 2]);
    expect(batches.flatMap((job) => job.data.recipientIds).sort()).toEqual(owners.map((owner) => owner.id).sort());
    expect(await jobsDone('digest')).toEqual([]);

    expect(smtp.messages.map((mail) => mail.to.join(',')).sort()).toEqual(owners.map((owner) => owner.email).sort());
    expect(duplicateDeliveries(smtp.messages)).toEqual([]);
    const rows = await digestRows('2012-08-13');
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    for (const row of rows) expect(smtp.messages.find((mail) => mail.to.includes(row.email))!.headers['message-id']).toBe(row.message_id);
    expect(await summary()).toMatchObject({ digests: 5, sent: 5, sending: 0, pending: 0, duplicates: 0 });
  });

  it('leaves the others sent when the server refuses one person’s email, and retries only that one, in a job of its own', async () => {
    smtp.clear();
    smtp.rejectNext(1);
    await runDay(t, '2012-08-20');
    await drainReminders(t);

    // Five emails in all: the refused one went again once, nobody else's did.
    expect(smtp.messages.map((mail) => mail.to.join(',')).sort()).toEqual(owners.map((owner) => owner.email).sort());
    expect(duplicateDeliveries(smtp.messages)).toEqual([]);
    const retried = await jobsDone('digest');
    expect(retried).toHaveLength(1);
    const refused = owners.find((owner) => owner.id === retried[0].data.recipientId)!;
    expect(retried[0].id).toBe(`digest:${refused.id}:2012-08-20`);
    expect(retried[0].returnvalue).toBe('sent');
    const batch = (await jobsDone('digests')).find((job) => job.data.digestDate === '2012-08-20' && job.data.recipientIds.includes(refused.id))!;
    expect(batch.returnvalue).toMatchObject({ sent: batch.data.recipientIds.length - 1, retryingAlone: [{ recipientId: refused.id }] });
    // The retry is the message claimed before the refusal, not a new one.
    const rows = await digestRows('2012-08-20');
    expect(smtp.messages.find((mail) => mail.to.includes(refused.email))!.headers['message-id']).toBe(rows.find((row) => row.email === refused.email)!.message_id);
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect((await t.http.get('/api/admin/queues/failed').expect(200)).body).toEqual([]);
    expect(await summary()).toMatchObject({ digests: 10, sent: 10, pending: 0, duplicates: 0 });
  });

  it('lets only the job holding a person send their digest when two jobs name them at once', async () => {
    await planOnly('2012-08-24');
    smtp.clear();
    const sender = t.app.get(DigestSender);
    const [first, second, third] = [...owners].sort((a, b) => a.id.localeCompare(b.id));
    // The first job's two emails wait at the server, so it still holds both people.
    smtp.holdNext(2);
    const firstJob = sender.sendMany([first.id, second.id], '2012-08-24');
    await smtp.waitForHeld(2);
    const secondJob = await sender.sendMany([first.id, second.id, third.id], '2012-08-24');
    expect(secondJob).toMatchObject({ sent: [third.id], inFlightElsewhere: [first.id, second.id], failed: [] });
    // A person's own job finds the digest in flight and asks the queue to try it later.
    await expect(sender.send(first.id, '2012-08-24')).rejects.toThrow(`The 2012-08-24 digest of user ${first.id} is being sent by another job; trying again later`);
    smtp.release();
    expect((await firstJob).sent.sort()).toEqual([first.id, second.id]);

    const rest = await sender.sendMany(
      owners.map((owner) => owner.id),
      '2012-08-24',
    );
    expect(rest.alreadySent.sort()).toEqual([first.id, second.id, third.id]);
    expect(rest.sent).toHaveLength(2);
    expect(smtp.messages).toHaveLength(5);
    expect(duplicateDeliveries(smtp.messages)).toEqual([]);
    expect(await summary()).toMatchObject({ digests: 15, sent: 15, pending: 0, duplicates: 0 });
  });

  it('claims, sends and marks five digests in under twenty statements, not a dozen each', async () => {
    await planOnly('2012-08-28');
    smtp.clear();
    const counter = countQueries(t.dataSource);
    let result;
    try {
      result = await t.app.get(DigestSender).sendMany(
        owners.map((owner) => owner.id),
        '2012-08-28',
      );
    } finally {
      counter.stop();
    }
    expect(result.sent).toHaveLength(5);
    expect(smtp.messages).toHaveLength(5);
    // Lock; claim (begin, people, calendar, reminders, activities, milestones, digests written, commit); the marks
    // (begin, one statement, commit for those the server took together: once, or on a loaded machine two or three
    // times); unlock: 13 to 19. One digest at a time took 13 statements each, 65 for these five.
    expect(counter.count()).toBeLessThanOrEqual(19);
  });
});
