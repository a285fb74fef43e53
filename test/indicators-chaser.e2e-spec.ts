import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { runDay } from './support/reminders';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

interface Person {
  id: string;
  email: string;
}

/**
 * Issue 13's monthly chaser: the owner of an indicator with no value for last
 * month, N working days after the month ends, hears in their reminder digest
 * (the lead agency's contacts when it has no owner); overdue returns reach
 * the chair's exception report. June 2022's returns are due on Thursday 14
 * July (10 working days after Thursday 30 June).
 */
describe('The monthly chaser and overdue returns', () => {
  let t: TestApp;
  let smtp: SmtpListener;
  let owner: Person;
  let contact: Person;
  let chair: Person;
  let planId: string;
  const indicator: Record<'owned' | 'unowned' | 'quarterly' | 'closed', string> = {} as never;

  const mailTo = (person: Person) => smtp.messages.filter((mail) => mail.to.includes(person.email));

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({ demo: false, redis: true, config: { smtpUrl: smtp.url, publicUrl: 'https://plans.example.gov.uk' } });
    const agency = (await t.http.post('/api/lead-agencies').send({ name: 'Performance and Intelligence' }).expect(201)).body;
    const person = async (email: string, extra: Record<string, unknown>): Promise<Person> => {
      const body = (await t.http.post('/api/users').send({ name: email.split('@')[0], email, password: TEST_PASSWORD, ...extra }).expect(201)).body;
      return { id: body.id, email };
    };
    owner = await person('owner@council.gov.uk', { roles: ['service_head'] });
    contact = await person('contact@council.gov.uk', { roles: ['service_head'], contactForLeadAgencyIds: [agency.id] });
    t.clock.set('2022-04-01');
    const plan = (await t.http.post('/api/plans').send({ title: 'Children’s Services Improvement Plan', kind: 'other', sections: [{ title: 'Front door' }] }).expect(201)).body;
    planId = plan.id;
    chair = await person('chair@council.gov.uk', { roles: ['board_chair'], planRoles: [{ planId, role: 'chair' }] });
    const create = async (title: string, extra: Record<string, unknown>) =>
      (await t.http.post('/api/indicators').send({ planId, title, unit: 'percentage', polarity: 'lower_is_better', sectionIds: [plan.sections[0].id], ...extra }).expect(201)).body.id as string;
    indicator.owned = await create('Percentage of re-referrals within 12 months', { ownerId: owner.id });
    indicator.unowned = await create('Percentage of contacts progressing to referral', { leadAgencyIds: [agency.id] });
    indicator.quarterly = await create('Percentage of care leavers in suitable accommodation', { ownerId: owner.id, frequency: 'quarterly' });
    const other = (await t.http.post('/api/plans').send({ title: 'A closed plan', kind: 'other', sections: [{ title: 'Old' }] }).expect(201)).body;
    indicator.closed = await create('Re-referrals on the closed plan', { ownerId: owner.id, planId: other.id, sectionIds: [other.sections[0].id] });
    await t.http.patch(`/api/plans/${other.id}`).send({ status: 'closed', version: other.version }).expect(200);
    // May's figures were returned in June.
    t.clock.set('2022-06-10');
    for (const id of [indicator.owned, indicator.unowned, indicator.closed]) await t.http.put(`/api/indicators/${id}/values/2022-05`).send({ value: 22 }).expect(200);
    await t.http.put(`/api/indicators/${indicator.quarterly}/values/2022-03`).send({ value: 91 }).expect(200);
  });

  afterAll(async () => {
    t?.clock.reset();
    await t?.close();
    await smtp?.stop();
  });

  it('asks nobody on the day the returns are due', async () => {
    const result = await runDay(t, '2022-07-14');
    expect(result.remindersPlanned).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it('on the first day overdue, the owner hears of their returns and the lead agency’s contact of the return with no owner, each in one digest', async () => {
    const result = await runDay(t, '2022-07-15');
    expect(result).toMatchObject({ remindersPlanned: 3, digestsQueued: 2 });
    const [toOwner] = mailTo(owner);
    expect(mailTo(owner)).toHaveLength(1);
    expect(toOwner.subject).toBe('Improvement plan reminders for 15 July 2022: 2 indicator returns overdue');
    expect(toOwner.text).toContain('Children’s Services Improvement Plan');
    expect(toOwner.text).toContain('- Percentage of re-referrals within 12 months: the June 2022 figure\n  Due 14 July 2022 - 1 working day overdue');
    expect(toOwner.text).toContain('- Percentage of care leavers in suitable accommodation: the June 2022 figure');
    expect(toOwner.text).toContain(`https://plans.example.gov.uk/plans/${planId}/indicators/${indicator.owned}`);
    // A closed plan's indicators are not chased.
    expect(toOwner.text).not.toContain('closed plan');
    const [toContact] = mailTo(contact);
    expect(toContact.text).toContain('Percentage of contacts progressing to referral: the June 2022 figure');
    expect(toContact.text).not.toContain('re-referrals');
    const notifications = (await (await t.as(owner.email)).get('/api/me/notifications').expect(200)).body;
    expect(notifications.items.map((n: { kind: string; indicatorId: string; activityId: string | null }) => [n.kind, n.indicatorId, n.activityId]).sort()).toEqual(
      [
        ['indicator_return', indicator.owned, null],
        ['indicator_return', indicator.quarterly, null],
      ].sort(),
    );
    expect(notifications.items.map((n: { title: string }) => n.title)).toContain('Return overdue: Percentage of re-referrals within 12 months, June 2022 (due 14 Jul 2022, 1 working day ago)');
  });

  it('never chases twice for the same day', async () => {
    const before = smtp.messages.length;
    const again = await runDay(t, '2022-07-15');
    expect(again.remindersPlanned).toBe(0);
    expect(smtp.messages.length).toBe(before);
  });

  it('chases again every five working days while the return is missing, and stops once it is in', async () => {
    t.clock.set('2022-07-19T09:00:00+01:00');
    await (await t.as(owner.email)).put(`/api/indicators/${indicator.owned}/values/2022-06`).send({ value: 24, status: 'provisional' }).expect(200);
    smtp.clear();
    // Monday 18 to Thursday 21 July: not a chasing day.
    expect((await runDay(t, '2022-07-21')).remindersPlanned).toBe(0);
    const result = await runDay(t, '2022-07-22');
    expect(result.remindersPlanned).toBe(2);
    const [toOwner] = mailTo(owner);
    expect(toOwner.text).not.toContain('re-referrals');
    expect(toOwner.text).toContain('Percentage of care leavers in suitable accommodation: the June 2022 figure\n  Due 14 July 2022 - 6 working days overdue');
    expect(mailTo(contact)[0].text).toContain('Percentage of contacts progressing to referral');
  });

  it('lists the overdue returns on the chair’s exception report, as the record stood on the day', async () => {
    const client = await t.as(chair.email);
    const onThe15th = (await client.get(`/api/reviews/exceptions?asOf=2022-07-15&planId=${planId}`).expect(200)).text;
    expect(onThe15th).toContain('Overdue indicator returns: three indicators');
    // The re-referrals return came in on the 19th: overdue on the 15th as recorded then, not on the 20th.
    expect(onThe15th).toContain('Percentage of re-referrals within 12 months');
    const onThe20th = (await client.get(`/api/reviews/exceptions?asOf=2022-07-20&planId=${planId}`).expect(200)).text;
    expect(onThe20th).toContain('Overdue indicator returns: two indicators');
    expect(onThe20th).not.toContain('Percentage of re-referrals within 12 months');
    expect(onThe20th).toContain('Percentage of contacts progressing to referral');
    expect(onThe20th).toContain('June 2022');
    // The day they fell due, nothing was overdue yet.
    expect((await client.get(`/api/reviews/exceptions?asOf=2022-07-14&planId=${planId}`).expect(200)).text).not.toContain('Overdue indicator returns');
  });
});
