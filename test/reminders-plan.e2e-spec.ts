import * as fs from 'fs';
import * as path from 'path';
import { SmtpListener, startSmtpListener } from './support/smtp-listener';
import { runDay } from './support/reminders';
import { TEST_ADMIN, TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

/**
 * Issue 15, reminders for what the plan says: each milestone of a recurring
 * commitment is reminded on its own date, and work nobody else hears about
 * (no owner, no contact at its agencies) goes to the plan's lead officer and
 * is listed for admins, in the API and in the import preview.
 */
const plan = fs.readFileSync(path.join(__dirname, 'fixtures/imports/lscb-business-plan-2015-18.txt'));
const BRIEFINGS = 'Publish a seven-minute briefing for each review';

describe('Reminders for what the plan says', () => {
  let t: TestApp;
  let smtp: SmtpListener;
  let planId: string;
  let adminId: string;

  const mailTo = (email: string) => smtp.messages.filter((mail) => mail.to.includes(email));

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({ demo: false, redis: true, config: { smtpUrl: smtp.url, publicUrl: 'https://plans.example.gov.uk' } });
    adminId = (await t.http.get('/api/me').expect(200)).body.id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('lists, in the import preview, the activities nobody but the lead officer would hear about', async () => {
    const preview = (await t.http.post('/api/imports/preview').attach('file', plan, 'lscb-business-plan-2015-18.txt').expect(200)).body;
    const texts = preview.unheardActivities.map((entry: { text: string }) => entry.text);
    expect(texts).toContain(BRIEFINGS);
    expect(preview.unheardActivities.every((entry: { heardBy: string; line: number }) => entry.heardBy === 'lead officer' && entry.line > 0)).toBe(true);
  });

  it('makes the person who imports a plan its lead officer', async () => {
    const imported = (await t.http.post('/api/imports').attach('file', plan, 'lscb-business-plan-2015-18.txt').expect(201)).body;
    planId = imported.planId;
    expect((await t.http.get(`/api/plans/${planId}`).expect(200)).body.leadOfficerId).toBe(adminId);
  });

  it('reminds each milestone of “September 2015 / 16 / 17” on its own date, to the lead officer when nobody else hears', async () => {
    const milestones = (await t.http.get(`/api/plans/${planId}/milestones`).expect(200)).body.items;
    const tree = (await t.http.get(`/api/plans/${planId}`).expect(200)).body;
    const briefings = tree.sections.flatMap((s: { recommendations: Array<{ activities: Array<{ id: string; text: string }> }> }) => s.recommendations.flatMap((r) => r.activities)).find((a: { text: string }) => a.text === BRIEFINGS);
    const entry = milestones.find((m: { activityId: string }) => m.activityId === briefings.id);
    expect(entry.milestones.map((m: { dueDate: string }) => m.dueDate)).toEqual(['2015-09-30', '2016-09-30', '2017-09-30']);
    // Friday 23 September 2016 is five working days before Friday 30 September 2016.
    await runDay(t, '2016-09-23');
    const mail = mailTo(TEST_ADMIN).find((m) => m.text.includes(BRIEFINGS));
    expect(mail).toBeDefined();
    expect(mail!.text).toContain('Milestone September 2016, due 30 September 2016');
    expect(mail!.text).toContain('Due soon');
    const notifications = (await t.http.get('/api/me/notifications?pageSize=200').expect(200)).body.items as Array<{ activityId: string; kind: string; title: string }>;
    expect(notifications.find((n) => n.activityId === briefings.id && n.kind === 'milestone_due_in_5')?.title).toContain('Milestone “September 2016”');
  });

  it('lists for admins the activities nobody hears about, and drops one once its agency has a contact', async () => {
    const unheard = (await t.http.get('/api/admin/reminders/unheard').query({ planId }).expect(200)).body.items as Array<{ activity: string; heardBy: string; leadOfficerId: string; leadAgencies: Array<{ id: string; name: string }> }>;
    const briefings = unheard.find((item) => item.activity === BRIEFINGS)!;
    expect(briefings).toMatchObject({ heardBy: 'lead officer', leadOfficerId: adminId });
    const agency = briefings.leadAgencies[0];
    await t.http.post('/api/users').send({ name: 'Lee Learning', email: 'lee@lscb.example', roles: ['service_head'], contactForLeadAgencyIds: [agency.id], password: TEST_PASSWORD }).expect(201);
    const after = (await t.http.get('/api/admin/reminders/unheard').query({ planId }).expect(200)).body.items as Array<{ activity: string }>;
    expect(after.map((item) => item.activity)).not.toContain(BRIEFINGS);
    expect((await (await t.as('lee@lscb.example')).get('/api/admin/reminders/unheard')).status).toBe(403);
  });

  it('says “nobody” when the plan has no lead officer', async () => {
    const current = (await t.http.get(`/api/plans/${planId}`).expect(200)).body;
    await t.http.patch(`/api/plans/${planId}`).send({ leadOfficerId: null, version: current.version }).expect(200);
    const unheard = (await t.http.get('/api/admin/reminders/unheard').query({ planId }).expect(200)).body.items as Array<{ heardBy: string }>;
    expect(unheard.length).toBeGreaterThan(0);
    expect(unheard.every((item) => item.heardBy === 'nobody')).toBe(true);
  });

  it('refuses a lead officer who is not an active user, naming the field', async () => {
    const current = (await t.http.get(`/api/plans/${planId}`).expect(200)).body;
    const refused = await t.http.patch(`/api/plans/${planId}`).send({ leadOfficerId: '00000000-0000-4000-8000-000000000000', version: current.version });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toHaveProperty('leadOfficerId');
  });
});
