import { ReceivedMail, SmtpListener, startSmtpListener } from './support/smtp-listener';
import { drainReminders, reminderQueue, runDay } from './support/reminders';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

interface Person {
  id: string;
  email: string;
}

/**
 * A plan published 13 June 2012 whose deadlines sit around the Summer bank
 * holiday (Monday 27 August 2012). Ten working days before Tuesday 28 August
 * is Monday 13 August, because the holiday does not count.
 */
describe('Deadline reminders and escalations through the queue', () => {
  let t: TestApp;
  let smtp: SmtpListener;
  let contact: Person;
  let owner: Person;
  let chair: Person;
  let weekly: Person;
  let planId: string;
  const activity: Record<string, { id: string; version: number }> = {};

  const mailTo = (person: Person) => smtp.messages.filter((mail) => mail.to.includes(person.email));

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({ demo: false, redis: true, config: { smtpUrl: smtp.url, publicUrl: 'https://plans.example.gov.uk' } });
    const agency = (await t.http.post('/api/lead-agencies').send({ name: 'Children’s Safeguarding' }).expect(201)).body;
    const weeklyAgency = (await t.http.post('/api/lead-agencies').send({ name: 'Virtual School' }).expect(201)).body;
    const person = async (email: string, extra: Record<string, unknown>): Promise<Person> => {
      const body = (await t.http.post('/api/users').send({ name: email.split('@')[0], email, password: TEST_PASSWORD, ...extra }).expect(201)).body;
      return { id: body.id, email };
    };
    contact = await person('contact@council.gov.uk', { roles: ['service_head'], contactForLeadAgencyIds: [agency.id] });
    owner = await person('owner@council.gov.uk', { roles: ['service_head'] });
    weekly = await person('weekly@council.gov.uk', { roles: ['service_head'], contactForLeadAgencyIds: [weeklyAgency.id], contactPreferences: { digest: 'weekly' } });
    const plan = (
      await t.http
        .post('/api/plans')
        .send({
          title: 'Reminder test plan <2012>',
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
                  activities: [
                    { text: 'Contact’s activity with <b>markup</b> & "quotes"', leadAgencyIds: [agency.id] },
                    { text: 'Owner’s activity', leadAgencyIds: [agency.id], ownerId: owner.id },
                    { text: 'Finished activity', leadAgencyIds: [agency.id], status: 'complete' },
                    { text: 'Moving activity', leadAgencyIds: [agency.id] },
                    { text: 'Weekly person’s activity', leadAgencyIds: [weeklyAgency.id], dueDate: '2012-08-29' },
                  ],
                },
              ],
            },
          ],
        })
        .expect(201)
    ).body;
    planId = plan.id;
    for (const a of plan.sections[0].recommendations[0].activities) activity[a.text.split(' ')[0]] = { id: a.id, version: a.version };
    chair = await person('chair@council.gov.uk', { roles: ['board_chair'], planIds: [planId] });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('reminds contacts (no owner) and owners 10 working days ahead, counting the bank holiday, in one digest each', async () => {
    const result = await runDay(t, '2012-08-13');
    expect(result.digestsQueued).toBe(2);
    const [toContact] = mailTo(contact);
    expect(mailTo(contact)).toHaveLength(1);
    expect(mailTo(owner)).toHaveLength(1);
    // The contact hears of the activities without an owner, not of the owner's.
    expect(toContact.text).toContain('Contact’s activity');
    expect(toContact.text).toContain('Moving activity');
    expect(toContact.text).not.toContain('Owner’s activity');
    expect(toContact.text).not.toContain('Finished activity');
    expect(mailTo(owner)[0].text).toContain('Owner’s activity');
    expect(toContact.subject).toBe('Improvement plan reminders for 13 August 2012: 2 due soon');
  });

  it('names the plan, recommendation, activity and due date, links to it, and escapes text in HTML', async () => {
    const [mail] = mailTo(contact);
    expect(mail.text).toContain('Reminder test plan <2012>');
    expect(mail.text).toContain('- Safeguarding recommendation 1: Contact’s activity with <b>markup</b> & "quotes"');
    expect(mail.text).toContain('Due 28 August 2012');
    expect(mail.text).toContain(`https://plans.example.gov.uk/plans/${planId}/activities/${activity['Contact’s'].id}`);
    expect(mail.html).toContain('Contact’s activity with &lt;b&gt;markup&lt;/b&gt; &amp; &quot;quotes&quot;');
    expect(mail.html).not.toContain('<b>markup</b>');
  });

  it('never sends the same reminder twice when the scan runs again the same day', async () => {
    const before = smtp.messages.length;
    const again = await runDay(t, '2012-08-13');
    expect(again.remindersPlanned).toBe(0);
    expect(smtp.messages.length).toBe(before);
    const [{ count }] = await t.dataSource.query(`SELECT COUNT(*)::int AS count FROM reminder_digests WHERE digest_date = '2012-08-13'`);
    expect(count).toBe(2);
  });

  it('sends no empty digests on days with nothing to send', async () => {
    const before = smtp.messages.length;
    // Only the weekly person has a reminder on Tuesday 14 August, held for their weekly digest.
    const quiet = await runDay(t, '2012-08-14');
    expect(quiet).toMatchObject({ remindersPlanned: 1, digestsQueued: 0 });
    expect(smtp.messages.length).toBe(before);
    const [{ count }] = await t.dataSource.query(`SELECT COUNT(*)::int AS count FROM reminder_digests WHERE digest_date = '2012-08-14'`);
    expect(count).toBe(0);
  });

  it('re-plans when a due date changes, and never reminds about completed work', async () => {
    const moving = activity['Moving'];
    const response = await t.http.patch(`/api/activities/${moving.id}`).send({ version: moving.version, dueDate: '2012-09-28' }).expect(200);
    moving.version = response.body.version;
    smtp.clear();
    await runDay(t, '2012-08-20');
    const [mail] = mailTo(contact);
    expect(mail.text).toContain('Contact’s activity');
    expect(mail.text).not.toContain('Moving activity');
    expect(mail.text).not.toContain('Finished activity');
    expect(mail.text).toContain('Due 28 August 2012');
  });

  let sentOn28August: ReceivedMail[] = [];

  it('holds a weekly digest until the first working day of the week', async () => {
    // The weekly person's activity is due Wed 29 Aug: due in 5 working days on Tue 21 Aug, sent on Tue 28 Aug (Monday is the holiday).
    smtp.clear();
    await runDay(t, '2012-08-21');
    expect(mailTo(weekly)).toHaveLength(0);
    smtp.clear();
    await runDay(t, '2012-08-28');
    sentOn28August = [...smtp.messages];
    const mails = mailTo(weekly);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Improvement plan reminders for 28 August 2012: 1 due soon');
    expect(mails[0].text).toContain('Weekly person’s activity');
  });

  it('reminds owners on the day, then when overdue, and escalates to the chair at 5 working days overdue', async () => {
    const onTheDay = sentOn28August.filter((mail) => mail.to.includes(owner.email));
    expect(onTheDay).toHaveLength(1);
    expect(onTheDay[0].text).toMatch(/Due today[\s\S]*Owner’s activity/);
    smtp.clear();
    await runDay(t, '2012-08-29');
    expect(mailTo(owner)[0].text).toContain('Due 28 August 2012 - 1 working day overdue');
    expect(mailTo(chair)).toHaveLength(0);
    smtp.clear();
    for (const day of ['2012-08-30', '2012-08-31', '2012-09-03']) await runDay(t, day);
    expect(mailTo(chair)).toHaveLength(0);
    await runDay(t, '2012-09-04');
    const [escalation] = mailTo(chair);
    expect(escalation.text).toContain('5 working days overdue (escalated to the improvement board chair)');
    expect(escalation.text).toContain('Owner’s activity');
    expect(escalation.text).toContain('Contact’s activity');
  });

  it('keeps every reminder as an in-app notification, unread first, and lets people mark them read', async () => {
    const client = await t.as(owner.email);
    const list = (await client.get('/api/me/notifications?pageSize=50').expect(200)).body;
    expect(list.unread).toBe(list.total);
    expect(list.items.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['due_in_10', 'due_in_5', 'due_today', 'overdue']));
    await client.post(`/api/me/notifications/${list.items[0].id}/read`).expect(204);
    const after = (await client.get('/api/me/notifications?pageSize=50').expect(200)).body;
    expect(after.unread).toBe(list.total - 1);
    expect(after.items[after.items.length - 1].id).toBe(list.items[0].id);
    // Someone else's notification cannot be touched.
    await (await t.as(contact.email)).post(`/api/me/notifications/${list.items[1].id}/read`).expect(404);
  });

  it('retries when the mail server is down and delivers exactly once when it is back', async () => {
    smtp.clear();
    smtp.rejectNext(3);
    await runDay(t, '2012-09-05');
    const toOwner = mailTo(owner);
    expect(toOwner).toHaveLength(1);
    const [{ count }] = await t.dataSource.query(
      `SELECT COUNT(*)::int AS count FROM reminder_digests WHERE digest_date = '2012-09-05' AND status = 'sent'`,
    );
    expect(count).toBe(smtp.messages.length);
  });

  it('keeps a digest that failed every retry for an admin, who can retry it', async () => {
    smtp.clear();
    smtp.rejectNext(1000);
    // 12 September: 11 working days overdue, an overdue reminder for the owner and the contact.
    await t.http.post('/api/admin/reminders/run?asOf=2012-09-12').expect(200);
    await drainReminders(t);
    const failed = (await t.http.get('/api/admin/queues/failed').expect(200)).body as Array<{ id: string; data: { recipientId: string }; attemptsMade: number }>;
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].id).toMatch(/^digest:/);
    expect(failed[0].attemptsMade).toBe(t.config.reminderAttempts);
    expect(smtp.messages).toHaveLength(0);
    await (await t.as(contact.email)).get('/api/admin/queues/failed').expect(403);

    smtp.rejectNext(0);
    for (const job of failed) await t.http.post(`/api/admin/queues/failed/${encodeURIComponent(job.id)}/retry`).expect(202);
    await drainReminders(t);
    expect(smtp.messages).toHaveLength(failed.length);
    expect((await t.http.get('/api/admin/queues/failed').expect(200)).body).toEqual([]);
  });

  it('catches up on days the worker missed instead of losing their reminders', async () => {
    // Nothing ran on 13 and 14 September; the 17 September scan covers them.
    smtp.clear();
    const result = await runDay(t, '2012-09-17');
    expect(result).toMatchObject({ digestsQueued: expect.any(Number) });
    const [row] = await t.dataSource.query(
      `SELECT COUNT(*)::int AS count FROM reminder_ledger WHERE reminder_date BETWEEN '2012-09-13' AND '2012-09-14'`,
    );
    expect(row.count).toBeGreaterThan(0);
  });

  it('shows the queue board to admins only', async () => {
    await t.anon.get('/admin/queues').expect(401);
    await (await t.as(contact.email)).get('/admin/queues').expect(403);
    const page = await t.http.get('/admin/queues').expect(200);
    expect(page.text).toContain('<div id="root">');
    const queues = await t.http.get('/admin/queues/api/queues').expect(200);
    expect(JSON.stringify(queues.body)).toContain('reminders');

    // An admin's read-only API token may look, not act.
    const readOnly = (await t.http.post('/api/me/api-tokens').send({ name: 'Queue watcher', scope: 'read_only' }).expect(201)).body.token;
    await t.withToken(readOnly).get('/admin/queues/api/queues').expect(200);
    const refused = await t.withToken(readOnly).put('/admin/queues/api/queues/reminders/retry/failed').expect(403);
    expect(refused.body.message).toBe('This API token has the read_only scope: it may only read (GET and HEAD requests)');
  });

  it('reports the queue on /health', async () => {
    const health = await t.anon.get('/health').expect(200);
    expect(health.body.details.queue).toMatchObject({ status: 'up', state: 'up' });
    expect(await reminderQueue(t).isReady()).toBeTruthy();
  });
});

describe('Without Redis', () => {
  it('still serves the API, shows the queue off on /health and refuses to run reminders', async () => {
    const t = await startTestApp({ demo: false });
    try {
      const health = await t.anon.get('/health').expect(200);
      expect(health.body.details.queue).toMatchObject({ status: 'down', state: 'off', message: 'reminders are off: set REDIS_URL to turn them on' });
      const run = await t.http.post('/api/admin/reminders/run?asOf=2012-09-13').expect(503);
      expect(run.body.message).toContain('REDIS_URL');
      await t.http.get('/api/plans').expect(200);
    } finally {
      await t.close();
    }
  });
});

