import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { checkRfc5545, ParsedEvent } from '../src/calendar/testing/rfc5545';
import { expectAccessible, follow, launchBrowser, press, problemsOn, screenshot, signIn, TestBrowser, WebApp, startWebApp } from './support/browser';
import { agencyNamed, allActivities, demoPlan, PlanTreeBody } from './support/plans-fixtures';
import { TEST_PASSWORD } from './support/test-app';

/**
 * Calendar feeds (issue 16): private iCalendar addresses of a person's own
 * deadlines, or a plan's, read by a calendar with no cookie or header.
 */
jest.setTimeout(120_000);

let t: WebApp;
let plan: PlanTreeBody;
const a = {} as Record<'audit' | 'review' | 'cancelled' | 'complete' | 'nhs' | 'month' | 'blocked', string>;
let users: Record<string, { id: string; version: number }>;
const HOSTILE_RECOMMENDATION = 'Ensure, that; all "children" in need\nhave a plan \\ now 🚸';

const feedPath = (url: string) => new URL(url).pathname;
const read = async (url: string) => {
  const response = await t.anon.get(feedPath(url));
  return { response, ...(response.status === 200 ? checkRfc5545(response.text) : { problems: [], events: [] as ParsedEvent[], calendar: [], components: [] }) };
};
const uids = (events: ParsedEvent[]) => events.map((event) => event.get('UID')!.value).sort();
const uidOf = (activityId: string) => `activity-${activityId}@localhost`;
const eventOf = (events: ParsedEvent[], activityId: string) => events.find((event) => event.get('UID')?.value === uidOf(activityId));
const turnOn = async (email: string, planId?: string) => {
  const client = await t.as(email);
  const response = await client.post(planId ? `/api/plans/${planId}/calendar-feed` : '/api/me/calendar-feed').expect(201);
  return response.body as { url: string; webcalUrl: string; tokenPrefix: string; planId: string | null };
};

beforeAll(async () => {
  // A plain local address, as a council's PUBLIC_URL would be: links and UIDs are made from it.
  t = await startWebApp({ demo: true, config: { publicUrl: 'http://localhost' } });
  const csl = await agencyNamed(t, 'SCC – CSL Directorate – Safeguarding');
  const nhs = await agencyNamed(t, 'NHS Southampton');
  const list = (await t.http.get('/api/users?pageSize=200').expect(200)).body.items as Array<{ id: string; email: string; version: number }>;
  users = Object.fromEntries(list.map((user) => [user.email, user]));
  const created = await t.http
    .post('/api/plans')
    .send({
      title: 'Anytown calendar plan',
      kind: 'other',
      source: { publishedOn: '2025-06-13' },
      sections: [
        {
          title: 'Safeguarding; front door, and more',
          recommendations: [
            {
              number: 1,
              band: 'within_six_months',
              text: HOSTILE_RECOMMENDATION,
              activities: [
                { text: 'Audit children in need plans', dueDate: '2026-03-31', leadAgencyIds: [csl.id] },
                { text: 'Review thresholds', dueDate: '2026-10-27', ownerId: users['head.csl@demo.test'].id },
                { text: 'Work called off', dueDate: '2026-05-01', leadAgencyIds: [csl.id], status: 'cancelled' },
                { text: 'Work already done', dueDate: '2026-05-02', leadAgencyIds: [csl.id], status: 'complete' },
                { text: 'Health assessments', dueDate: '2026-06-30', leadAgencyIds: [nhs.id] },
                { text: 'Termly report', dueDate: '2026-09', leadAgencyIds: [csl.id] },
                { text: 'Blocked, and still due', dueDate: '2026-07-15', leadAgencyIds: [csl.id], status: 'blocked' },
              ],
            },
          ],
        },
      ],
    })
    .expect(201);
  plan = created.body;
  const [audit, review, cancelled, complete, nhsWork, month, blocked] = allActivities(plan).map((activity) => activity.id);
  Object.assign(a, { audit, review, cancelled, complete, nhs: nhsWork, month, blocked });
});
afterAll(() => t?.close());

describe('turning a feed on and off', () => {
  it('shows the address once and keeps only its hash; the status never shows it again', async () => {
    const feed = await turnOn('head.csl@demo.test');
    expect(feed.url).toMatch(/^http:\/\/localhost\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.url.replace('http://', 'webcal://'));
    const token = /calendar\/(.+)\.ics$/.exec(feed.url)![1];
    const rows = await t.dataSource.query(`SELECT token_hash, token_prefix, scope_key, plan_id, revoked_at FROM calendar_feeds WHERE user_id = $1`, [users['head.csl@demo.test'].id]);
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex'), token_prefix: token.slice(0, 8), scope_key: 'mine', plan_id: null, revoked_at: null }]);
    const status = await (await t.as('head.csl@demo.test')).get('/api/me/calendar-feed').expect(200);
    expect(status.body).toMatchObject({ planId: null, planTitle: null, active: true, tokenPrefix: token.slice(0, 8), lastReadAt: null });
    expect(JSON.stringify(status.body)).not.toContain(token);
    const [event] = await t.dataSource.query(`SELECT action, after FROM audit_events WHERE entity_type = 'calendar_feed' ORDER BY id DESC LIMIT 1`);
    expect(event).toEqual({ action: 'create', after: { planId: null, tokenPrefix: token.slice(0, 8) } });
    expect(JSON.stringify(await t.dataSource.query(`SELECT * FROM audit_events WHERE entity_type = 'calendar_feed'`))).not.toContain(token);
  });

  it('a new address revokes the old at once (404), and turning off revokes the last', async () => {
    const first = await turnOn('viewer@demo.test');
    expect((await read(first.url)).response.status).toBe(200);
    const second = await turnOn('viewer@demo.test');
    expect((await read(first.url)).response.status).toBe(404);
    expect((await read(second.url)).response.status).toBe(200);
    const viewer = await t.as('viewer@demo.test');
    await viewer.delete('/api/me/calendar-feed').expect(204);
    expect((await read(second.url)).response.status).toBe(404);
    expect((await viewer.get('/api/me/calendar-feed').expect(200)).body).toMatchObject({ active: false, tokenPrefix: null });
    await viewer.delete('/api/me/calendar-feed').expect(404);
  });

  it('a password change revokes every feed address the person made, on the record, and says so', async () => {
    const email = 'feeds.owner@demo.test';
    const password = TEST_PASSWORD;
    await t.http.post('/api/users').send({ name: 'Fay Feeds', email, roles: ['viewer'], planIds: [plan.id], password }).expect(201);
    const own = await turnOn(email);
    const whole = await turnOn(email, plan.id);
    expect((await read(own.url)).response.status).toBe(200);
    expect((await read(whole.url)).response.status).toBe(200);
    const me = await t.as(email);
    const changed = await me.post('/api/me/password').send({ currentPassword: password, newPassword: 'a different horse entirely' }).expect(200);
    expect(changed.body.message).toBe('Your password has been changed. 2 calendar feed addresses have been revoked: turn the feed on again for a new address.');
    expect((await read(own.url)).response.status).toBe(404);
    expect((await read(whole.url)).response.status).toBe(404);
    const events = await t.dataSource.query(
      `SELECT e.action, e.before FROM audit_events e JOIN calendar_feeds f ON f.id::text = e.entity_id WHERE e.entity_type = 'calendar_feed' AND f.user_id = (SELECT id FROM users WHERE email = $1) AND e.action = 'delete'`,
      [email],
    );
    expect(events).toHaveLength(2);
  });

  it('is made only by someone signed in: a personal API token may read and switch off, not make an address', async () => {
    const made = (await (await t.as('head.nhs@demo.test')).post('/api/me/api-tokens').send({ name: 'Script' }).expect(201)).body.token;
    await t.withToken(made).post('/api/me/calendar-feed').expect(403);
    await t.withToken(made).get('/api/me/calendar-feed').expect(200);
    await t.withToken(made).delete('/api/me/calendar-feed').expect(404);
  });

  it('answers 404 for an address that never existed, or is not one', async () => {
    for (const address of ['/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics', '/calendar/short.ics', '/calendar/no-extension', '/calendar/.ics']) {
      expect({ address, status: (await t.anon.get(address)).status }).toEqual({ address, status: 404 });
    }
  });
});

describe('what a person’s own feed holds', () => {
  let url: string;
  beforeAll(async () => {
    url = (await turnOn('head.csl@demo.test')).url;
  });

  it('is valid iCalendar, served as text/calendar with no cookie or header, private to caches', async () => {
    const { response, problems } = await read(url);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('holds the open deadlines of what the person owns or their agencies lead, and nothing else', async () => {
    const { events } = await read(url);
    const csl = await agencyNamed(t, 'SCC – CSL Directorate – Safeguarding');
    const led = (await t.http.get(`/api/activities?leadAgencyId=${csl.id}&pageSize=200`).expect(200)).body.items as Array<{ id: string; status: string; dueDate: string | null }>;
    const expected = [...led.filter((row) => !['complete', 'cancelled'].includes(row.status) && row.dueDate).map((row) => row.id), a.review];
    expect(uids(events)).toEqual([...new Set(expected)].map(uidOf).sort());
    for (const gone of [a.cancelled, a.complete, a.nhs]) expect(eventOf(events, gone)).toBeUndefined();
    // Blocked work is still due: the board wants to see it.
    expect(eventOf(events, a.blocked)).toBeDefined();
  });

  it('writes each as an all-day event on its London date, with the plan, recommendation, activity and a link to it', async () => {
    const { events } = await read(url);
    const audit = eventOf(events, a.audit)!;
    expect([audit.get('DTSTART')!.params.VALUE, audit.get('DTSTART')!.raw, audit.get('DTEND')!.raw]).toEqual(['DATE', '20260331', '20260401']);
    expect(audit.get('SUMMARY')!.value).toBe('Deadline: Audit children in need plans');
    expect(audit.get('URL')!.value).toBe(`http://localhost/plans/${plan.id}/activities/${a.audit}`);
    const description = audit.get('DESCRIPTION')!.value;
    expect(description).toContain('Plan: Anytown calendar plan\nTable: Safeguarding; front door, and more\n');
    expect(description).toContain(`Recommendation 1: ${HOSTILE_RECOMMENDATION}\nActivity: Audit children in need plans\nDue 31 March 2026\n`);
    expect(eventOf(events, a.review)!.get('DTSTART')!.raw).toBe('20261027');
    const month = eventOf(events, a.month)!;
    expect(month.get('DTSTART')!.raw).toBe('20260930');
    expect(month.get('DESCRIPTION')!.value).toContain('Due by the end of September 2026');
  });

  it('gives the same dates whatever the server’s time zone', async () => {
    const before = process.env.TZ;
    try {
      for (const zone of ['Pacific/Auckland', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        const { events } = await read(url);
        expect({ zone, dates: [a.audit, a.review].map((id) => eventOf(events, id)!.get('DTSTART')!.raw) }).toEqual({ zone, dates: ['20260331', '20261027'] });
      }
    } finally {
      process.env.TZ = before;
    }
  });

  it('moves an event when its due date moves (the same UID), and drops it once the work is complete', async () => {
    const activity = (await t.http.get(`/api/activities/${a.audit}`).expect(200)).body;
    await t.http.patch(`/api/activities/${a.audit}`).send({ dueDate: '2026-04-15', version: activity.version }).expect(200);
    let { events } = await read(url);
    expect(events.filter((event) => event.get('UID')!.value === uidOf(a.audit)).map((event) => event.get('DTSTART')!.raw)).toEqual(['20260415']);

    const blocked = (await t.http.get(`/api/activities/${a.blocked}`).expect(200)).body;
    await (await t.as('head.csl@demo.test')).post(`/api/activities/${a.blocked}/updates`).send({ status: 'complete', percentComplete: 100, note: 'Unblocked and done', version: blocked.version }).expect(201);
    ({ events } = await read(url));
    expect(eventOf(events, a.blocked)).toBeUndefined();
    const [{ last_read_at: lastRead }] = await t.dataSource.query(`SELECT last_read_at FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL AND plan_id IS NULL`, [users['head.csl@demo.test'].id]);
    expect(lastRead).not.toBeNull();
  });

  it('another person’s address gives nothing of this person’s, and each runs as its owner today', async () => {
    const nhs = await turnOn('head.nhs@demo.test');
    const theirs = (await read(nhs.url)).events;
    expect(eventOf(theirs, a.nhs)).toBeDefined();
    for (const id of [a.audit, a.review, a.month]) expect(eventOf(theirs, id)).toBeUndefined();
    expect(eventOf((await read(url)).events, a.nhs)).toBeUndefined();

    // Head of Safeguarding leaves the agency: only what they own is still theirs.
    const person = (await t.http.get(`/api/users/${users['head.csl@demo.test'].id}`).expect(200)).body;
    await t.http.patch(`/api/users/${person.id}`).send({ leadAgencyIds: [], contactForLeadAgencyIds: [], version: person.version }).expect(200);
    expect(uids((await read(url)).events)).toEqual([uidOf(a.review)]);
    const now = (await t.http.get(`/api/users/${person.id}`).expect(200)).body;
    const agencies = person.leadAgencies as Array<{ id: string; isContact: boolean }>;
    await t.http
      .patch(`/api/users/${person.id}`)
      .send({ leadAgencyIds: agencies.map((agency) => agency.id), contactForLeadAgencyIds: agencies.filter((agency) => agency.isContact).map((agency) => agency.id), version: now.version })
      .expect(200);
    // Someone switched off: their address opens nothing.
    const health = (await t.http.get(`/api/users/${users['head.nhs@demo.test'].id}`).expect(200)).body;
    await t.http.patch(`/api/users/${health.id}`).send({ active: false, version: health.version }).expect(200);
    expect((await read(nhs.url)).response.status).toBe(404);
  });
});

describe('a plan’s feed', () => {
  it('holds every open deadline in the plan, for someone who reads the whole plan', async () => {
    const demo = (await demoPlan(t)) as PlanTreeBody & { title: string };
    const feed = await turnOn('viewer@demo.test', demo.id);
    expect(feed.planId).toBe(demo.id);
    const { events, problems, calendar } = await read(feed.url);
    expect(problems).toEqual([]);
    const open = allActivities(await demoPlan(t)).filter((activity) => !['complete', 'cancelled'].includes(activity.status) && activity.dueDate);
    expect(uids(events)).toEqual(open.map((activity) => uidOf(activity.id)).sort());
    expect(calendar.find((property) => property.name === 'X-WR-CALNAME')?.value).toBe(`Improvement plan: ${demo.title}`);
    const status = await (await t.as('viewer@demo.test')).get(`/api/plans/${demo.id}/calendar-feed`).expect(200);
    expect(status.body).toMatchObject({ planId: demo.id, planTitle: demo.title, active: true });
  });

  it('is refused to a service head who sees part of a plan (403), and to anyone beyond their reach (404)', async () => {
    const demo = (await demoPlan(t)) as PlanTreeBody & { title: string };
    const csl = await t.as('head.csl@demo.test');
    await csl.post(`/api/plans/${demo.id}/calendar-feed`).expect(403);
    await csl.get(`/api/plans/${demo.id}/calendar-feed`).expect(403);
    const viewer = await t.as('viewer@demo.test');
    await viewer.post(`/api/plans/${plan.id}/calendar-feed`).expect(404);
    await viewer.get(`/api/plans/${plan.id}/calendar-feed`).expect(404);
    await viewer.post(`/api/plans/00000000-0000-4000-8000-000000000000/calendar-feed`).expect(404);
    await viewer.post('/api/plans/not-a-uuid/calendar-feed').expect(400);
  });

  it('stops answering when its owner no longer reads the plan', async () => {
    await t.http.post('/api/users').send({ name: 'Vic Viewer', email: 'vic.viewer@demo.test', roles: ['viewer'], planIds: [plan.id], password: 'correct horse battery staple' }).expect(201);
    const feed = await turnOn('vic.viewer@demo.test', plan.id);
    expect((await read(feed.url)).response.status).toBe(200);
    const vic = (await t.http.get('/api/users?pageSize=200').expect(200)).body.items.find((user: { email: string }) => user.email === 'vic.viewer@demo.test');
    await t.http.patch(`/api/users/${vic.id}`).send({ planIds: [], version: vic.version }).expect(200);
    expect((await read(feed.url)).response.status).toBe(404);
    // They may still switch it off.
    await (await t.as('vic.viewer@demo.test')).delete(`/api/plans/${plan.id}/calendar-feed`).expect(204);
  });

  it('carries the milestones of recurring commitments, each on its own date, and goes when the plan is deleted', async () => {
    const businessPlan = fs.readFileSync(path.join(__dirname, 'fixtures', 'imports', 'outcome-first-business-plan.txt'), 'utf8');
    const imported = (await t.http.post('/api/imports').send({ text: businessPlan, kind: 'business_plan', startsOn: '2015-04-01' }).expect(201)).body;
    const feed = await turnOn('admin@test.local', imported.planId);
    const { events, problems } = await read(feed.url);
    expect(problems).toEqual([]);
    const { items } = (await t.http.get(`/api/plans/${imported.planId}/milestones`).expect(200)).body as { items: Array<{ activityId: string; milestones: Array<{ dueDate: string }> }> };
    const tree = (await t.http.get(`/api/plans/${imported.planId}`).expect(200)).body as PlanTreeBody;
    const due = new Map(allActivities(tree).map((activity) => [activity.id, activity.dueDate]));
    const expected = items.flatMap((item) => item.milestones.filter((milestone) => milestone.dueDate !== due.get(item.activityId)).map((milestone) => `milestone-${item.activityId}-${milestone.dueDate}@localhost`));
    expect(expected.length).toBeGreaterThan(0);
    const milestones = events.filter((event) => event.get('CATEGORIES')!.value === 'Milestone');
    expect(uids(milestones)).toEqual(expected.sort());

    const current = (await t.http.get(`/api/plans/${imported.planId}`).expect(200)).body;
    await t.http.delete(`/api/plans/${imported.planId}?version=${current.version}`).expect(204);
    expect((await read(feed.url)).response.status).toBe(404);
    const [event] = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_type = 'calendar_feed' AND plan_id = $1 ORDER BY id DESC LIMIT 1`, [imported.planId]);
    expect(event).toEqual({ action: 'delete' });
  });
});

describe('from the account page, in a browser', () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('turns a feed on (the address shown once), gives it a new address and turns it off', async () => {
    const page = await browser.newPage();
    t.config.publicUrl = t.baseUrl;
    try {
      await signIn(page, t.baseUrl, 'chair@demo.test');
      await page.goto(`${t.baseUrl}/account`);
      await follow(page, 'Manage calendar feeds');
      await page.waitForURL(`${t.baseUrl}/account/calendar`);
      await expectAccessible(page);
      await press(page, 'Turn on for Your deadlines');
      await page.getByRole('heading', { name: 'Your calendar feed address' }).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'calendar-feed-created');
      const first = (await page.locator('#calendar-url').textContent())!.trim();
      expect((await t.anon.get(feedPath(first))).status).toBe(200);

      const demo = (await demoPlan(t)) as PlanTreeBody & { title: string };
      await follow(page, 'Back to your calendar feeds');
      await press(page, `Turn on for ${demo.title}`);
      const planFeed = (await page.locator('#calendar-url').textContent())!.trim();
      expect((await read(planFeed)).events.length).toBeGreaterThan(0);

      await follow(page, 'Back to your calendar feeds');
      await press(page, 'Get a new address for Your deadlines');
      const second = (await page.locator('#calendar-url').textContent())!.trim();
      expect(second).not.toBe(first);
      expect((await t.anon.get(feedPath(first))).status).toBe(404);

      await follow(page, 'Back to your calendar feeds');
      await press(page, 'Turn off Your deadlines');
      await page.getByText('The calendar feed has been turned off.').waitFor();
      await expectAccessible(page);
      expect((await t.anon.get(feedPath(second))).status).toBe(404);
      expect(problemsOn(page)).toEqual([]);
    } finally {
      t.config.publicUrl = 'http://localhost';
    }
  });
});
