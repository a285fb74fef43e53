import { Client as PgClient } from 'pg';
import request from 'supertest';
import { drainReminders, reminderQueue } from './support/reminders';
import { Endpoint, Random, addBoardFixtures, percentEncode, tableChecksum, writeEndpoints } from './support/request-fuzzer';
import { TEST_ADMIN, TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

/**
 * Every web page's form post (the routes outside /api found in the running
 * app's router, so a new form is fuzzed without editing this file), sent the
 * way a signed-in browser sends it: a session cookie from the real /sign-in
 * form and a fresh CSRF token, so each post gets past the door and reaches
 * the page's own form handling. Each round picks a route and a caller (an
 * admin, a service head, the board chair), fills the path with real ids (most
 * of the time ids that belong together) or odd values, reads the form's fields
 * from the page that shows it, and posts them valid-looking or broken: empty,
 * huge, NUL, lone surrogates, wrong types, repeated keys, unknown keys,
 * bracketed and prototype keys.
 *
 * Every answer must be a redirect or a 201 (done), or a page: a 4xx is a GOV.UK page
 * with a heading, a form shown again with errors has an error summary whose
 * links point at fields on that page, and whatever did not end in a redirect
 * left every table exactly as it was (the checksum of the API fuzz).
 *
 * Deterministic choices from a fixed seed; a failure prints its round, route,
 * caller and body.
 */

const ROUNDS = 600;
const SEED = 20121015;
const HEAD = 'head.csl@demo.test';
const CHAIR = 'chair@demo.test';

type Caller = { name: string; email: string };
const CALLERS: ReadonlyArray<readonly [Caller, number]> = [
  [{ name: 'admin', email: TEST_ADMIN }, 4],
  [{ name: 'service head', email: HEAD }, 3],
  [{ name: 'board chair', email: CHAIR }, 2],
];

const POOL_TABLES = [
  'plans', 'sections', 'recommendations', 'activities', 'lead_agencies', 'users', 'api_tokens', 'notifications', 'indicators',
  'boards', 'meetings', 'meeting_actions', 'scrutiny_recommendations', 'import_drafts',
];

/** Which pool a path parameter is drawn from, by its name (and, for a bare :id, the segment before it). */
const PARAM_TABLES: Record<string, string> = {
  planId: 'plans', sectionId: 'sections', recommendationId: 'recommendations', activityId: 'activities', agencyId: 'lead_agencies',
  userId: 'users', indicatorId: 'indicators', boardId: 'boards', meetingId: 'meetings', actionId: 'meeting_actions', draftId: 'import_drafts',
};

const PATH_VALUES = ['not-a-uuid', '%ED%A0%80', '%00', '%F0%9F%98%80', 'a'.repeat(2000), '..%2F..%2Fetc', '00000000-0000-0000-0000-000000000000', '2012-02-30', '%', 'null', '-1'];
const ODD_TEXT = ['\u202eevil', '😀', '\ufeff', 'é'.repeat(300), '<script>alert(1)</script>', "'; DROP TABLE plans; --", '%00', '\\u0000', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\u2028\u2029', 'null', 'undefined', '[object Object]'];
const WRONG_TYPES = ['abc', '-1', '0', '1.5', '1e309', '99999999999999999999', 'NaN', '2012-02-30', '31', '13', 'true', '[]', '{}', '0x10'];
const WORDS = ['Audit', 'of', 'screening', 'decisions', 'Front', 'door', 'MASH', 'monthly', 'supervision', 'SCC – CSL', 'children', 'looked', 'after', 'plan'];

/** One field of a form as the page shows it. */
interface Field {
  name: string;
  /** input's type, or select / textarea. */
  kind: string;
  /** The value the page filled in (a hidden field's, an edit form's current one). */
  value: string;
  /** The choices a radio group, checkbox or select offers. */
  choices: string[];
}

interface Form {
  fields: Field[];
  multipart: boolean;
}

const decode = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attribute = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag) ?? new RegExp(`\\s${name}(?=[\\s>/])`, 'i').exec(tag);
  return match ? decode(match[1] ?? '') : undefined;
};

/** The post forms of a page, by their action (without its query). */
function formsOf(html: string, pagePath: string): Map<string, Form> {
  const forms = new Map<string, Form>();
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, tag, inner] = match;
    if ((attribute(tag, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const action = (attribute(tag, 'action') ?? pagePath).split('?')[0].split('#')[0] || pagePath;
    const form = forms.get(action) ?? { fields: [], multipart: false };
    form.multipart ||= (attribute(tag, 'enctype') ?? '').toLowerCase() === 'multipart/form-data';
    const byName = new Map(form.fields.map((f) => [f.name, f]));
    const add = (name: string, kind: string, value: string, choice?: string) => {
      const field = byName.get(name) ?? { name, kind, value, choices: [] };
      if (!byName.has(name)) {
        byName.set(name, field);
        form.fields.push(field);
      }
      if (choice !== undefined) field.choices.push(choice);
    };
    for (const control of inner.matchAll(/<input\b([^>]*)>|<(select|textarea)\b([^>]*)>([\s\S]*?)<\/\2>/gi)) {
      const element = control[2] ?? 'input';
      const attributes = control[1] ?? control[3];
      const rest = control[4];
      const name = attribute(attributes, 'name');
      if (!name) continue;
      const kind = element.toLowerCase() === 'input' ? (attribute(attributes, 'type') ?? 'text').toLowerCase() : element.toLowerCase();
      if (kind === 'submit' || kind === 'button') continue;
      if (kind === 'radio' || kind === 'checkbox') add(name, kind, '', attribute(attributes, 'value') ?? 'on');
      else if (kind === 'select') {
        add(name, kind, '');
        for (const option of (rest ?? '').matchAll(/<option\b([^>]*)>([^<]*)/gi)) add(name, kind, '', attribute(option[1], 'value') ?? decode(option[2]).trim());
      } else if (kind === 'textarea') add(name, kind, decode(rest ?? ''));
      else add(name, kind, attribute(attributes, 'value') ?? '');
    }
    forms.set(action, form);
  }
  return forms;
}

type Pair = [string, string];

describe('Web forms fuzz: a signed-in browser’s bad form post is a page, never a 500 or a half-written change', () => {
  let t: TestApp;
  let pg: PgClient;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, redis: true });
    await addBoardFixtures(t, { chair: CHAIR, member: HEAD });
    pg = new PgClient({ connectionString: t.databaseUrl });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it(`survives ${ROUNDS} generated form posts across every page form and caller`, async () => {
    const rand = new Random(SEED);
    const routes = writeEndpoints(t.app).filter(
      (e: Endpoint) => e.method === 'post' && !e.mounted && !/^\/(api|health)(\/|$)/.test(e.path) && !e.path.startsWith('/admin/queues'),
    );
    // Sanity: the discovery found the page forms (a broken discovery must not pass by fuzzing nothing).
    expect(routes.length).toBeGreaterThan(40);
    for (const must of ['/sign-in', '/admin/plans/new', '/plans/:planId/activities/:activityId/update', '/boards/:boardId/meetings/:meetingId/actions/new']) {
      expect(routes.map((e) => e.path)).toContain(must);
    }

    const { checksum, changed } = await tableChecksum(t, pg);
    const server = t.app.getHttpServer();

    // --- callers, signed in through the sign-in page as a browser is --------------------------
    const callerIds = new Map<string, string>();
    const passwordHashes = new Map<string, string>();
    for (const [caller] of CALLERS) {
      const [row] = await t.dataSource.query('SELECT id, password_hash FROM users WHERE email = $1', [caller.email]);
      callerIds.set(caller.email, row.id);
      passwordHashes.set(caller.email, row.password_hash);
    }
    const agents = new Map<string, ReturnType<typeof request.agent>>();
    const signIn = async (email: string) => {
      // A fuzzed round may have changed the caller's password or filled the sign-in throttle: put both back.
      await t.dataSource.query('UPDATE users SET password_hash = $2, active = true WHERE email = $1 AND password_hash IS DISTINCT FROM $2', [email, passwordHashes.get(email)]);
      await t.dataSource.query('DELETE FROM sign_in_attempts');
      const agent = request.agent(server);
      const form = await agent.get('/sign-in').expect(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
      await agent.post('/sign-in').type('form').send({ _csrf: csrf, email, password: TEST_PASSWORD }).expect(303);
      agents.set(email, agent);
    };
    for (const [caller] of CALLERS) await signIn(caller.email);

    // --- what paths may refer to ---------------------------------------------------------------
    // The demo has no performance indicators: one to aim at, so indicator pages are fuzzed past "not found".
    const [demo] = await t.dataSource.query(`SELECT p.id AS plan, (SELECT s.id FROM sections s WHERE s.plan_id = p.id ORDER BY s.created_at LIMIT 1) AS section FROM plans p ORDER BY p.created_at LIMIT 1`);
    await t.http.post('/api/indicators').send({ planId: demo.plan, title: 'Percentage of re-referrals within 12 months', unit: 'percentage', polarity: 'lower_is_better', sectionIds: [demo.section], leadAgencyIds: [] }).expect(201);

    // The demo plan and the fixture boards hold what the other pages are fuzzed on: they are never the ones
    // deleted. A spare is (and a new spare is made once it is gone).
    const chairId = (await t.dataSource.query('SELECT id FROM users WHERE email = $1', [CHAIR]))[0].id;
    const SPARES: Record<string, { param: string; make: () => Promise<string> }> = {
      '/admin/plans/:planId/delete': { param: ':planId', make: async () => (await t.http.post('/api/plans').send({ title: 'Spare plan', kind: 'other' }).expect(201)).body.id },
      '/admin/boards/:boardId/delete': {
        param: ':boardId',
        make: async () => (await t.http.post('/api/boards').send({ name: `Spare panel ${Date.now()}`, kind: 'scrutiny_panel', chairIds: [chairId] }).expect(201)).body.id,
      },
    };
    const spares = new Map<string, string>();
    for (const [route, spare] of Object.entries(SPARES)) spares.set(route, await spare.make());

    let pools: Record<string, string[]> = {};
    /** Ids that belong together (an activity with its plan, an action with its meeting and board), so a path reaches a real row. */
    let families: Array<Record<string, string>> = [];
    let closureDates: string[] = [];
    const refreshPools = async () => {
      const rows: Array<{ t: string; id: string }> = await t.dataSource.query(
        POOL_TABLES.map((table) => `(SELECT '${table}' AS t, id::text AS id FROM "${table}" ORDER BY created_at DESC, id LIMIT 40)`).join(' UNION ALL '),
      );
      pools = Object.fromEntries(POOL_TABLES.map((table) => [table, rows.filter((r) => r.t === table).map((r) => r.id)]));
      // The callers are never changed through the people pages: an admin who deactivated themself would end the run.
      pools.users = pools.users.filter((id) => ![...callerIds.values()].includes(id));
      families = [
        ...(await t.dataSource.query(
          `SELECT s.plan_id AS "planId", s.id AS "sectionId", r.id AS "recommendationId", a.id AS "activityId"
             FROM activities a JOIN recommendations r ON r.id = a.recommendation_id JOIN sections s ON s.id = r.section_id ORDER BY a.created_at, a.id LIMIT 200`,
        )),
        ...(await t.dataSource.query(`SELECT plan_id AS "planId", id AS "indicatorId" FROM indicators`)),
        ...(await t.dataSource.query(
          `SELECT m.board_id AS "boardId", m.id AS "meetingId", (SELECT a.id FROM meeting_actions a WHERE a.meeting_id = m.id LIMIT 1) AS "actionId" FROM meetings m`,
        )),
        ...(await t.dataSource.query(`SELECT board_id AS "boardId", id AS "recommendationId" FROM scrutiny_recommendations`)),
      ];
      closureDates = (await t.dataSource.query(`SELECT date::text AS date FROM closure_days`)).map((r: { date: string }) => r.date);
    };
    await refreshPools();

    const pathFor = (route: string): string => {
      if (SPARES[route]) return route.replace(SPARES[route].param, rand.chance(0.85) ? spares.get(route)! : rand.pick(PATH_VALUES));
      const names = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]);
      // The families that fill the most of the path's names (an activity's, not an indicator's, for /plans/:planId/activities/:activityId).
      const fill = (family: Record<string, string>) => names.filter((name) => family[name]).length;
      const most = Math.max(0, ...families.map(fill));
      const fitting = most > 0 ? families.filter((family) => fill(family) === most) : [];
      const family = fitting.length && rand.chance(0.8) ? rand.pick(fitting) : {};
      const segments = route.split('/');
      return segments
        .map((segment, index) => {
          if (!segment.startsWith(':')) return segment;
          const name = segment.slice(1);
          if (rand.chance(0.08)) return rand.pick(PATH_VALUES);
          if (family[name] && rand.chance(0.95)) return family[name];
          if (name === 'month') return rand.chance(0.8) ? `2012-${String(rand.between(1, 12)).padStart(2, '0')}` : rand.pick(['2012-13', '2012-1', 'May 2012', '2999-01']);
          if (name === 'date') return rand.chance(0.6) && closureDates.length ? rand.pick(closureDates) : `2012-${String(rand.between(1, 12)).padStart(2, '0')}-${String(rand.between(1, 28)).padStart(2, '0')}`;
          if (name === 'jobId') return rand.pick(['1', '2', 'nope', '99999']);
          const table = PARAM_TABLES[name] ?? (segments[index - 1] ?? '').replace(/-/g, '_');
          const pool = pools[table] ?? [];
          if (pool.length && rand.chance(0.85)) return rand.pick(pool);
          const all = Object.values(pools).flat();
          return all.length ? rand.pick(all) : rand.pick(PATH_VALUES);
        })
        .join('/');
    };

    // --- a body -------------------------------------------------------------------------------
    const words = (max = 8) => Array.from({ length: rand.between(1, max) }, () => rand.pick(WORDS)).join(' ');
    const validValue = (field: Field): string | string[] | undefined => {
      const name = field.name.toLowerCase();
      if (field.kind === 'hidden') return field.value;
      if (field.kind === 'radio' || field.kind === 'select') return field.choices.length ? rand.pick(field.choices) : field.value;
      if (field.kind === 'checkbox') return field.choices.filter(() => rand.chance(0.5));
      if (field.kind === 'file') return undefined;
      if (field.value && rand.chance(0.6)) return field.value;
      if (/-day$|\[day\]$/.test(name)) return String(rand.between(1, 28));
      if (/-month$|\[month\]$/.test(name)) return String(rand.between(1, 12));
      if (/-year$|\[year\]$/.test(name)) return String(rand.pick([2012, 2013]));
      if (/email/.test(name)) return `fuzz.${rand.int(1e6)}@council.example`;
      if (/password/.test(name)) return rand.chance(0.5) ? TEST_PASSWORD : `Fuzz-${rand.int(1e6)}-password`;
      if (/date|due|on$/.test(name)) return `2012-${String(rand.between(1, 12)).padStart(2, '0')}-${String(rand.between(1, 28)).padStart(2, '0')}`;
      if (/value|percent|number|count|months|amount|cost/.test(name) || field.kind === 'number') return String(rand.between(0, 100));
      if (/ids?$/.test(name)) return rand.pick(Object.values(pools).flat());
      return words(field.kind === 'textarea' ? 30 : 8);
    };

    const bodyFor = (form: Form | undefined): { pairs: Pair[]; did: string[] } => {
      let pairs: Pair[] = [];
      for (const field of form?.fields ?? []) {
        if (field.name === '_csrf') continue;
        if (field.kind !== 'hidden' && rand.chance(0.05)) continue;
        const value = validValue(field);
        for (const item of value === undefined ? [] : Array.isArray(value) ? value : [value]) pairs.push([field.name, item]);
      }
      const did: string[] = [];
      if (!rand.chance(0.25)) {
        for (let n = rand.weighted([[1, 5], [2, 3], [3, 1]] as const); n > 0; n--) {
          const at = pairs.length ? rand.int(pairs.length) : -1;
          const kind = rand.pick(['drop', 'empty', 'huge', 'nul', 'surrogate', 'type', 'odd', 'repeat', 'unknown', 'bracket', 'proto', 'all-empty'] as const);
          did.push(at >= 0 ? `${kind} ${pairs[at][0]}` : kind);
          const set = (value: string) => at >= 0 && (pairs[at] = [pairs[at][0], value]);
          const insert = (value: string) => {
            const current = at >= 0 ? pairs[at][1] : '';
            const place = rand.int(current.length + 1);
            set(current.slice(0, place) + value + current.slice(place));
          };
          switch (kind) {
            case 'drop':
              if (at >= 0) pairs.splice(at, 1);
              break;
            case 'empty':
              set(rand.pick(['', ' ', '\t', '\n', '\u00a0']));
              break;
            case 'huge':
              set(rand.pick(['x', 'é', '9']).repeat(rand.pick([5001, 20_000, 90_000])));
              break;
            case 'nul':
              insert('\u0000');
              break;
            case 'surrogate':
              insert(rand.pick(['\ud800', '\udfff', '\ud83d']));
              break;
            case 'type':
              set(rand.pick(WRONG_TYPES));
              break;
            case 'odd':
              set(rand.pick(ODD_TEXT));
              break;
            case 'repeat':
              if (at >= 0) pairs.splice(at + 1, 0, [pairs[at][0], rand.chance(0.5) ? pairs[at][1] : rand.pick(WRONG_TYPES)]);
              break;
            case 'unknown':
              pairs.push([rand.pick(['id', 'version', 'isAdmin', 'roles', 'createdBy', 'colour', 'planId', 'active']), rand.pick(WRONG_TYPES)]);
              break;
            case 'bracket':
              if (at >= 0) pairs[at] = [`${pairs[at][0]}${rand.pick(['[a]', '[]', '[0][b]', '[__proto__]'])}`, pairs[at][1]];
              else pairs.push(['x[y]', 'z']);
              break;
            case 'proto':
              pairs.push([rand.pick(['__proto__', '__proto__[isAdmin]', 'constructor[prototype][roles]', 'prototype', '__proto__[roles][]']), rand.pick(['admin', 'true', '1'])]);
              break;
            case 'all-empty':
              pairs = pairs.map(([key, value]) => [key, key.startsWith('version') ? value : '']);
              break;
          }
        }
      }
      return { pairs, did };
    };

    /** The page that shows a route's form: the route's own path (e.g. …/edit), else the path without its last segment (…/:id/delete, …/update on an activity's page). */
    const formFor = async (agent: ReturnType<typeof request.agent>, path: string): Promise<{ form?: Form; csrf?: string; from: string }> => {
      let csrf: string | undefined;
      for (const candidate of [path, path.slice(0, path.lastIndexOf('/')) || '/', path.replace(/\/[^/]+\/[^/]+$/, '') || '/']) {
        const page = await agent.get(candidate).timeout(60_000);
        if (page.status >= 500) throw new Error(`GET ${candidate} answered ${page.status}`);
        if (page.status !== 200 || !/^text\/html/.test(page.headers['content-type'] ?? '')) continue;
        csrf ??= /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
        const form = formsOf(page.text, candidate).get(path);
        if (form) return { form, csrf: form.fields.find((f) => f.name === '_csrf')?.value ?? csrf, from: candidate };
      }
      // No page shows this form (an id that is not there, a route only reached from elsewhere): a token from any page.
      if (!csrf) csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/account')).text)?.[1];
      return { csrf, from: 'none' };
    };

    // --- the run --------------------------------------------------------------------------------
    const statuses = new Map<number, number>();
    const byRoute = new Map<string, { done: number; refused: number; shownForm: number; statuses: Map<number, number> }>();
    const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
    const started = Date.now();

    for (let round = 0; round < ROUNDS; round++) {
      const route = rand.pick(routes);
      // Mostly an admin on the admin pages, so more posts get past "not allowed" to the forms themselves.
      const caller = route.path.startsWith('/admin/') && rand.chance(0.7) ? CALLERS[0][0] : rand.weighted(CALLERS);
      const agent = agents.get(caller.email)!;
      const path = pathFor(route.path);
      const { form, csrf, from } = await formFor(agent, path);
      if (!csrf) throw new Error(`round ${round} (seed ${SEED}): no CSRF token for ${caller.name} on ${path}`);
      const { pairs, did } = bodyFor(form);
      pairs.splice(rand.int(pairs.length + 1), 0, ['_csrf', csrf]);
      const multipart = form?.multipart ?? false;

      const baseline = await checksum();
      let call = agent.post(path).timeout(60_000);
      let response: request.Response;
      if (multipart) {
        for (const [key, value] of pairs) call = call.field(key, value);
        response = await call;
      } else {
        response = await call.set('Content-Type', 'application/x-www-form-urlencoded').send(pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&'));
      }
      const { status } = response;
      const html = /^text\/html/.test(response.headers['content-type'] ?? '') ? response.text : '';
      const described = () =>
        `round ${round} (seed ${SEED}): POST ${path.slice(0, 200)} (route ${route.path}) as ${caller.name}, form from ${from}, ${multipart ? 'multipart' : 'urlencoded'}` +
        `${did.length ? `, mutated: ${did.join('; ')}` : ''}; body ${JSON.stringify(pairs.map(([k, v]) => [k, v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)` : v])).slice(0, 1500)}` +
        ` -> ${status} ${(html ? (/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '').trim() : response.text ?? '').slice(0, 300)}`;

      count(statuses, status);
      const tally = byRoute.get(route.path) ?? { done: 0, refused: 0, shownForm: 0, statuses: new Map<number, number>() };
      byRoute.set(route.path, tally);
      count(tally.statuses, status);

      if (status >= 500) throw new Error(`Answered ${status}: ${described()}`);
      if (status >= 400) {
        // Node itself refuses a request line or headers it will not read (431), before the app sees it, with no body.
        const fromNode = status === 431 && !response.headers['content-type'];
        if (!fromNode && !(html.includes('govuk-template') || html.includes('govuk-width-container')) ) throw new Error(`A refusal that is not a GOV.UK page: ${described()}`);
        if (!fromNode && !/<h1[^>]*>\s*\S[\s\S]*?<\/h1>/.test(html)) throw new Error(`A refusal page without a heading: ${described()}`);
      }
      if (html.includes('govuk-error-summary')) {
        tally.shownForm += 1;
        // Each problem listed links to its field on this page (a conflict's summary lists none: it says what changed).
        const listed = [...html.matchAll(/class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/g)].map((m) => m[1]).join('');
        if (status === 400 && !/<li>/.test(listed)) throw new Error(`A form refused without its problems listed: ${described()}`);
        const links = [...listed.matchAll(/href="#([^"]+)"/g)].map((m) => decode(m[1]));
        const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1])));
        const missing = links.filter((id) => !ids.has(id));
        if (missing.length) throw new Error(`The error summary links to ${missing.join(', ')}, not on the page: ${described()}`);
      } else if (status === 400 || status === 422) {
        if (/govuk-error-message/.test(html)) throw new Error(`Field errors without an error summary: ${described()}`);
      }

      // Done: a redirect, or 201 with a page that shows once what was made (a calendar feed's secret address).
      if ((status >= 300 && status < 400) || status === 201) {
        tally.done += 1;
        // Reminder digests are sent by the queue after the answer; let them land before the next comparison.
        const jobs = await reminderQueue(t).getJobCounts();
        if (jobs.waiting + jobs.active > 0) await drainReminders(t, 60_000);
        if (SPARES[route.path]) spares.set(route.path, await SPARES[route.path].make());
        await refreshPools();
      } else {
        tally.refused += 1;
        const tablesChanged = changed(baseline, await checksum());
        if (tablesChanged.length) throw new Error(`Not done, yet ${tablesChanged.join(', ')} changed: ${described()}`);
      }

      // A caller signed out, signed in as someone else, or whose password was changed, signs in again as themself.
      const account = await agent.get('/account');
      if (account.status !== 200 || !account.text.includes(caller.email)) await signIn(caller.email);
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      [
        `Web forms fuzz, seed ${SEED}: ${ROUNDS} posts to ${routes.length} page forms in ${seconds} s`,
        `answers ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
        ...[...byRoute].sort().map(([name, { done, refused, shownForm, statuses: answers }]) => `  ${name}: ${done} done, ${refused} not (${shownForm} with an error summary) ${JSON.stringify(Object.fromEntries(answers))}`),
      ].join('\n'),
    );
    // The posts got past the door: many were done, many were shown again with errors.
    const done = [...byRoute.values()].reduce((n, tally) => n + tally.done, 0);
    const shown = [...byRoute.values()].reduce((n, tally) => n + tally.shownForm, 0);
    expect(done).toBeGreaterThan(ROUNDS / 10);
    expect(shown).toBeGreaterThan(ROUNDS / 10);
  }, 20 * 60_000);
});
