import { AddressInfo } from 'net';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { drainReminders, reminderQueue } from './support/reminders';
import {
  GenerationContext,
  IdPools,
  Random,
  addBoardFixtures,
  defineKey,
  deleteAt,
  getAt,
  leafPaths,
  nested,
  percentEncode,
  queryString,
  setAt,
  tableChecksum,
  uuid,
  validBody,
  writeEndpoints,
} from './support/request-fuzzer';
import { TEST_ADMIN, TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';
import { AuthService } from '../src/accounts/auth.service';
import { User } from '../src/accounts/entities/user.entity';
import { hashToken } from '../src/accounts/secrets';

/**
 * Every write endpoint (POST, PUT, PATCH, DELETE) the running app has, found
 * in its router, so a new endpoint is fuzzed without editing this file. Each
 * round picks an endpoint and a caller (nobody, an admin, a service head, a
 * board chair), builds a body that meets the endpoint's DTO and then, most of
 * the time, breaks it: wrong types, missing fields, deep nesting, lone
 * surrogates, NUL, huge strings, prototype keys, foreign ids, wrong content
 * types. Every answer must be 2xx or 4xx, and after every refusal each table
 * must be exactly as it was.
 *
 * Not compared after a refusal: sign_in_attempts, where a refused sign-in is
 * recorded on purpose (that record is what throttles guessing), and
 * schema_migrations, which no request touches.
 *
 * Deterministic choices from a fixed seed; a failure prints its round.
 */

const ROUNDS = 5000;
const SEED = 20120613;
const HEAD = 'head.csl@demo.test';
const CHAIR = 'chair@demo.test';

type Caller = { name: string; email: string | null };
const CALLERS: ReadonlyArray<readonly [Caller, number]> = [
  [{ name: 'anonymous', email: null }, 1.5],
  [{ name: 'admin', email: TEST_ADMIN }, 4],
  [{ name: 'service head', email: HEAD }, 3],
  [{ name: 'board chair', email: CHAIR }, 1],
];

/** The tables whose ids bodies and paths refer to; closure days by their date. */
const POOL_TABLES = [
  'plans', 'sections', 'recommendations', 'activities', 'lead_agencies', 'users', 'api_tokens', 'notifications', 'progress_updates', 'indicators',
  'boards', 'meetings', 'meeting_actions', 'scrutiny_recommendations',
];

const ODD_VALUES: unknown[] = [null, 0, -1, 1.5, 2 ** 31, 1e21, -0, true, false, '', ' ', '\t\n ', 'x', [], [null], {}, { a: 1 }, ['a', 'b'], '2012-02-30', 'NaN', '1e309', '0x10', 'null', '[]'];
const ODD_TEXT = ['\u202eevil', '😀', '\ufeff', 'é'.repeat(300), '<script>alert(1)</script>', "'; DROP TABLE plans; --", '%00', '\\u0000', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\u2028\u2029'];
const PATH_VALUES = ['not-a-uuid', '%ED%A0%80', '%00', '%F0%9F%98%80', 'a'.repeat(2000), '..%2F..%2Fetc', '00000000-0000-0000-0000-000000000000', '2012-02-30', '%', 'null', '-1'];

describe('Write endpoints fuzz: only 2xx or 4xx, and a refusal changes no table', () => {
  let t: TestApp;
  /** The app's address: one listening socket for the whole run (supertest would otherwise open one per request). */
  let server: string;
  /** A connection of the checksum's own, as the app's role. */
  let pg: PgClient;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, redis: true });
    await addBoardFixtures(t, { chair: CHAIR, member: HEAD });
    const listening = t.app.getHttpServer();
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    server = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    pg = new PgClient({ connectionString: t.databaseUrl });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it(`survives ${ROUNDS} generated requests across every write endpoint and caller`, async () => {
    const rand = new Random(SEED);
    const endpoints = writeEndpoints(t.app);
    // Sanity: the discovery found the API (a broken discovery must not pass by fuzzing nothing).
    expect(endpoints.length).toBeGreaterThan(30);
    for (const must of ['post /api/auth/sign-in', 'post /api/plans', 'patch /api/activities/:id', 'put /api/activities/:id/rag-override', 'delete /api/closure-days/:date']) {
      expect(endpoints.map((e) => `${e.method} ${e.path}`)).toContain(must);
    }

    // --- the database as a refusal must leave it ---------------------------------------------
    const { checksum, changed } = await tableChecksum(t, pg);

    // --- callers and what their requests may refer to ---------------------------------------
    const tokens = new Map<string, string>();
    const callerIds: string[] = [];
    // Secrets a real caller would hold, so some sign-ins, refreshes and password changes get past the check.
    const known: Record<string, string[]> = { password: [TEST_PASSWORD], currentPassword: [TEST_PASSWORD], refreshToken: [] };
    // A caller whose session a fuzzed request ended (a sign-out, a refresh token used twice, a new password)
    // gets a new one the way single sign-on starts one: no password (it may have been changed) and no
    // sign-in throttle (fuzzed sign-ins fill it).
    const signIn = async (email: string) => {
      const user = await t.dataSource.getRepository(User).findOneByOrFail({ email });
      const pair = await t.app.get(AuthService).startSession(user, { ipAddress: '127.0.0.1', userAgent: 'write-endpoints-fuzz' });
      tokens.set(email, pair.accessToken);
      known.refreshToken.push(pair.refreshToken);
    };
    for (const [caller] of CALLERS) if (caller.email) await signIn(caller.email);
    for (const email of [TEST_ADMIN, HEAD, CHAIR]) callerIds.push((await t.dataSource.query('SELECT id FROM users WHERE email = $1', [email]))[0].id);

    let pools: IdPools = {};
    let closureDates: string[] = [];
    let emails: string[] = [];
    const refreshPools = async () => {
      const rows: Array<{ t: string; id: string }> = await t.dataSource.query(
        POOL_TABLES.map((table) => `(SELECT '${table}' AS t, id::text AS id FROM "${table}" ORDER BY created_at DESC LIMIT 40)`).join(' UNION ALL '),
      );
      pools = Object.fromEntries(POOL_TABLES.map((table) => [table, rows.filter((r) => r.t === table).map((r) => r.id)]));
      // /api/actions/:id names a meeting's action.
      pools.actions = pools.meeting_actions;
      // The callers are never changed through /api/users/:id: an admin who took their own role away would end the run.
      pools.users = pools.users.filter((id) => !callerIds.includes(id));
      closureDates = (await t.dataSource.query(`SELECT date::text AS date FROM closure_days`)).map((r: { date: string }) => r.date);
      emails = (await t.dataSource.query('SELECT email FROM users ORDER BY created_at LIMIT 20')).map((r: { email: string }) => r.email);
    };
    // The demo has no performance indicators: two to aim at (one the service head's agency leads), so that
    // their values, the priorities' narratives and ratings and the plan's settings are fuzzed past "not found".
    const [demo] = await t.dataSource.query(`SELECT p.id AS plan, (SELECT s.id FROM sections s WHERE s.plan_id = p.id ORDER BY s.created_at LIMIT 1) AS section FROM plans p ORDER BY p.created_at LIMIT 1`);
    const [headAgency] = await t.dataSource.query(`SELECT lead_agency_id AS id FROM user_lead_agencies WHERE user_id = $1 LIMIT 1`, [callerIds[1]]);
    for (const [title, leadAgencyIds] of [['Percentage of re-referrals within 12 months', headAgency ? [headAgency.id] : []], ['Number of contacts', []]] as const) {
      await request(server)
        .post('/api/indicators')
        .set('Authorization', `Bearer ${tokens.get(TEST_ADMIN)}`)
        .send({ planId: demo.plan, title, unit: title.startsWith('Number') ? 'number' : 'percentage', polarity: 'lower_is_better', sectionIds: [demo.section], leadAgencyIds })
        .expect(201);
    }
    await refreshPools();

    // --- one request --------------------------------------------------------------------------
    // A copy each time: a later mutation inside a picked list or object must not change the original.
    const oddValue = (): unknown => structuredClone(rand.pick(ODD_VALUES));
    const pathValue = (name: string, segmentBefore: string): string => {
      if (rand.chance(0.12)) return rand.pick(PATH_VALUES);
      // A month of the demo's year for an indicator's value or a priority's narrative and rating, else an odd one.
      if (name === 'month') return rand.chance(0.7) ? `2012-${String(rand.between(1, 12)).padStart(2, '0')}` : rand.pick(['2012-13', '2012-1', '12-2012', 'May 2012', '2999-01']);
      if (name === 'date') return rand.chance(0.6) && closureDates.length ? rand.pick(closureDates) : `2012-${String(rand.between(1, 12)).padStart(2, '0')}-${String(rand.between(1, 28)).padStart(2, '0')}`;
      const table = segmentBefore.replace(/-/g, '_');
      const pool = pools[table] ?? [];
      if (pool.length && rand.chance(0.75)) return rand.pick(pool);
      const all = Object.values(pools).flat();
      return all.length && rand.chance(0.6) ? rand.pick(all) : uuid({ rand, pools, emails, known });
    };

    const currentVersion = async (path: string): Promise<number | undefined> => {
      const response = await request(server).get(path).set('Authorization', `Bearer ${tokens.get(TEST_ADMIN)}`);
      return response.status === 200 && typeof response.body.version === 'number' ? response.body.version : undefined;
    };

    const mutate = (body: unknown, ctx: GenerationContext): { body: unknown; did: string[] } => {
      const did: string[] = [];
      let root = body;
      for (let n = rand.weighted([[0, 3], [1, 5], [2, 2], [3, 1]] as const); n > 0; n--) {
        const leaves = leafPaths(root);
        const leaf = leaves.length ? rand.pick(leaves) : undefined;
        const strings = leaves.filter((path) => typeof getAt(root, path) === 'string');
        const kind = rand.pick(['drop', 'type', 'surrogate', 'nul', 'huge', 'deep', 'proto', 'foreign', 'extra', 'blank', 'odd', 'root'] as const);
        did.push(kind);
        switch (kind) {
          case 'drop':
            if (leaf) deleteAt(root, leaf);
            break;
          case 'type':
            if (leaf) setAt(root, leaf, oddValue());
            else root = oddValue();
            break;
          case 'surrogate':
          case 'nul': {
            const target = strings.length ? rand.pick(strings) : undefined;
            const bad = kind === 'nul' ? '\u0000' : rand.pick(['\ud800', '\udfff', '\ud83d']);
            if (target) {
              const value = getAt(root, target) as string;
              const at = rand.int(value.length + 1);
              setAt(root, target, value.slice(0, at) + bad + value.slice(at));
            } else if (root && typeof root === 'object') {
              defineKey(root, rand.chance(0.5) ? `key${bad}` : 'title', `text${bad}`);
            }
            break;
          }
          case 'huge':
            if (leaf) setAt(root, leaf, 'x'.repeat(rand.pick([5001, 20_000, 150_000])));
            break;
          case 'deep': {
            const value = nested(rand.pick([20, 32, 33, 40, 500, 2000]), rand.chance(0.5) ? 'x' : 1, rand.chance(0.7) ? 'array' : 'object');
            if (leaf && rand.chance(0.7)) setAt(root, leaf, value);
            else root = value;
            break;
          }
          case 'proto': {
            const holders = [root, ...leaves.map((path) => getAt(root, path))].filter((v) => v && typeof v === 'object' && !Array.isArray(v)) as object[];
            const holder = holders.length ? rand.pick(holders) : undefined;
            if (holder) defineKey(holder, rand.pick(['__proto__', 'constructor', 'prototype']), structuredClone(rand.pick([{ roles: ['admin'] }, { isAdmin: true }, 'x', null])));
            break;
          }
          case 'foreign': {
            const ids = leaves.filter((path) => /^[0-9a-f-]{36}$/.test(String(getAt(root, path))));
            const target = ids.length ? rand.pick(ids) : leaf;
            const all = Object.values(ctx.pools).flat();
            if (target) setAt(root, target, rand.chance(0.5) && all.length ? rand.pick(all) : rand.chance(0.5) ? uuid(ctx) : 'not-an-id');
            break;
          }
          case 'extra':
            if (root && typeof root === 'object' && !Array.isArray(root)) (root as Record<string, unknown>)[rand.pick(['colour', 'isAdmin', 'id', 'createdAt', 'roles', 'version'])] = oddValue();
            break;
          case 'blank':
            if (strings.length) setAt(root, rand.pick(strings), rand.pick(['', ' ', '   ', '\t', '\n', '\u00a0', '\u3000']));
            break;
          case 'odd':
            if (strings.length) setAt(root, rand.pick(strings), rand.pick(ODD_TEXT));
            break;
          case 'root':
            root = rand.pick([[], 'text', 42, null, [root], true]);
            break;
        }
      }
      return { body: root, did };
    };

    /** The request as it goes over the wire: most as JSON, some in a content type the endpoint does not expect. */
    const encode = (body: unknown): { contentType?: string; payload?: string | Buffer; transport: string } => {
      if (body === undefined) return { transport: 'no body' };
      const json = JSON.stringify(body) ?? 'null';
      switch (rand.weighted([['json', 85], ['text', 3], ['form', 3], ['broken', 3], ['bytes', 2], ['empty', 2], ['deep-text', 2]] as const)) {
        case 'json':
          return { contentType: 'application/json', payload: json, transport: 'json' };
        case 'text':
          return { contentType: 'text/plain', payload: json, transport: 'text/plain' };
        case 'form': {
          const fields = body && typeof body === 'object' && !Array.isArray(body) ? Object.entries(body) : [['body', json]];
          const form = fields.map(([key, value]) => `${percentEncode(String(key))}=${percentEncode(typeof value === 'string' ? value : String(JSON.stringify(value)))}`).join('&');
          return { contentType: 'application/x-www-form-urlencoded', payload: form, transport: 'form' };
        }
        case 'broken':
          return { contentType: 'application/json', payload: json.slice(0, rand.int(json.length)), transport: 'broken json' };
        case 'bytes': {
          const bytes = Buffer.from(json, 'utf8');
          const bad = Buffer.from(rand.pick([[0xff], [0xed, 0xa0, 0x80], [0xc3], [0xf4, 0x90, 0x80, 0x80], [0x00]]));
          const at = rand.int(bytes.length + 1);
          return { contentType: rand.pick(['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=nope']), payload: Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]), transport: 'json with odd bytes' };
        }
        case 'empty':
          return { contentType: 'application/json', payload: '', transport: 'empty json' };
        case 'deep-text': {
          const depth = rand.pick([33, 1500, 50_000]);
          return { contentType: 'application/json', payload: '['.repeat(depth) + ']'.repeat(depth), transport: `json nested ${depth} deep` };
        }
      }
    };

    // --- the run --------------------------------------------------------------------------------
    const statuses = new Map<number, number>();
    const byEndpoint = new Map<string, { ok: number; refused: number }>();
    const byCaller = new Map<string, Map<number, number>>();
    const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
    let baseline = await checksum();
    const started = Date.now();

    for (let round = 0; round < ROUNDS; round++) {
      const endpoint = rand.pick(endpoints);
      // The queue board is bull-board's own admin UI over Redis: only its refusals are fuzzed (an admin's
      // fuzzed "pause" or "add job" would stop or feed the reminder queue the run waits on).
      const caller = endpoint.mounted ? rand.weighted(CALLERS.filter(([c]) => c.email !== TEST_ADMIN)) : rand.weighted(CALLERS);
      const token = caller.email ? tokens.get(caller.email) : undefined;
      const segments = endpoint.path.split('/');
      let path = segments.map((segment, index) => (segment.startsWith(':') ? pathValue(segment.slice(1), segments[index - 1] ?? '') : segment)).join('/');
      if (endpoint.mounted) path += `/api/queues/${rand.pick(['reminders', 'nope', '%ED%A0%80'])}/${rand.pick(['retry/failed', 'pause', 'clean/completed', 'add', 'x'])}`;

      const hinted = endpoint.method !== 'post' && /\/:id$/.test(endpoint.path) && rand.chance(endpoint.method === 'delete' ? 0.15 : 0.5);
      const ctx: GenerationContext = { rand, pools, emails, known, version: hinted ? await currentVersion(path) : undefined };

      let body: unknown;
      if (endpoint.body instanceof Function) body = validBody(endpoint.body, ctx);
      else if (endpoint.body === 'untyped' || endpoint.mounted || rand.chance(0.1)) body = rand.chance(0.5) ? { text: 'Area\tActivity\n1. Screen contacts.\tDaily huddle', title: 'Imported' } : {};
      let did: string[] = [];
      if (body !== undefined && rand.chance(0.6)) ({ body, did } = mutate(body, ctx));

      const query: Record<string, unknown> = endpoint.query ? validBody(endpoint.query, ctx) : {};
      if (endpoint.path.includes('/:id') && endpoint.method === 'delete' && !endpoint.query && rand.chance(0.05)) query.version = ctx.version ?? 1;
      if (rand.chance(0.1)) query[rand.pick(['version', 'asOf', 'x', 'version'])] = rand.pick(['', 'abc', '-1', '99999999999', '2012-02-30', '%00', '1', ['1', '2']]);
      if (Object.keys(query).length && rand.chance(0.15)) query[rand.pick(Object.keys(query))] = oddValue();
      const url = path + queryString(query);

      const { contentType, payload, transport } = encode(body);
      let call = request(server)[endpoint.method](url).timeout(60_000);
      if (token) call = call.set('Authorization', `Bearer ${token}`);
      if (contentType) call = call.set('Content-Type', contentType);
      const response = await (payload === undefined ? call : call.send(payload));
      const { status } = response;

      const described = () =>
        `round ${round} (seed ${SEED}): ${endpoint.method.toUpperCase()} ${url.slice(0, 300)} as ${caller.name}, ${transport}` +
        `${did.length ? `, mutated: ${did.join(', ')}` : ''}; body ${typeof payload === 'string' ? payload.slice(0, 400) : payload ? `${payload.length} bytes` : 'none'}` +
        ` -> ${status} ${JSON.stringify(response.body ?? response.text).slice(0, 400)}`;

      count(statuses, status);
      count(byCaller.get(caller.name) ?? byCaller.set(caller.name, new Map()).get(caller.name)!, status);
      const tally = byEndpoint.get(`${endpoint.method.toUpperCase()} ${endpoint.path}`) ?? { ok: 0, refused: 0 };
      byEndpoint.set(`${endpoint.method.toUpperCase()} ${endpoint.path}`, tally);

      if (!((status >= 200 && status < 300) || (status >= 400 && status < 500))) throw new Error(`Answered ${status}: ${described()}`);
      if (status >= 400) {
        tally.refused += 1;
        // Node itself refuses a request line or headers it will not read (431), before the app sees it, with no body.
        const fromNode = status === 431 && !response.headers['content-type'];
        // A web page (outside /api: the form posts of src/web) refuses with a GOV.UK page whose heading says why.
        const page = !url.startsWith('/api') && /^text\/html/.test(response.headers['content-type'] ?? '') && /<h1[^>]*>[^<]+<\/h1>/.test(response.text);
        if (!fromNode && !page && typeof response.body?.message !== 'string') throw new Error(`A refusal without a message: ${described()}`);
        const after = await checksum();
        let tablesChanged = changed(baseline, after);
        // The one refusal that must change something: a refresh token that was already used means someone
        // holds a copy, so the session it came from is ended (issue 11) while the caller is told no.
        const presented = (body as { refreshToken?: unknown } | undefined)?.refreshToken;
        const reusedRefreshToken =
          endpoint.path === '/api/auth/refresh' &&
          status === 401 &&
          tablesChanged.join() === 'sessions' &&
          typeof presented === 'string' &&
          (await t.dataSource.query('SELECT 1 FROM used_refresh_tokens WHERE token_hash = $1', [hashToken(presented)])).length === 1;
        if (reusedRefreshToken) {
          baseline = after;
          tablesChanged = [];
        }
        if (tablesChanged.length) throw new Error(`Refused, yet ${tablesChanged.join(', ')} changed: ${described()}`);
      } else {
        tally.ok += 1;
        // Reminder digests are sent by the queue after the answer; let them land before the next comparison.
        const jobs = await reminderQueue(t).getJobCounts();
        if (jobs.waiting + jobs.active > 0) await drainReminders(t, 60_000);
        await refreshPools();
        baseline = await checksum();
      }

      // A caller signed out (or whose session was ended) signs in again.
      if (status === 401 && caller.email) {
        const me = await request(server).get('/api/me').set('Authorization', `Bearer ${token}`);
        if (me.status === 401) {
          await signIn(caller.email);
          baseline = await checksum();
        }
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const ok = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
    console.log(
      [
        `Write endpoints fuzz, seed ${SEED}: ${ROUNDS} requests to ${endpoints.length} endpoints in ${seconds} s`,
        `answers ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
        ...[...byCaller].map(([name, counts]) => `  ${name}: ${JSON.stringify(Object.fromEntries([...counts].sort((a, b) => a[0] - b[0])))}`),
        ...[...byEndpoint].sort().map(([name, { ok: accepted, refused }]) => `  ${name}: ${accepted} accepted, ${refused} refused`),
      ].join('\n'),
    );
    // Both kinds of answer happened many times over: the fuzz reached the services, not only the validation.
    // Counted over the API: a page's form post comes with no session or CSRF token, so it is always refused,
    // and the more pages there are, the more of the rounds go to them.
    const api = [...byEndpoint].filter(([name]) => name.split(' ')[1].startsWith('/api')).map(([, tally]) => tally);
    const apiRounds = api.reduce((n, tally) => n + tally.ok + tally.refused, 0);
    const apiOk = api.reduce((n, tally) => n + tally.ok, 0);
    expect(apiRounds).toBeGreaterThan(ROUNDS / 2);
    expect(apiOk).toBeGreaterThan(apiRounds / 15);
    expect(ROUNDS - ok).toBeGreaterThan(ROUNDS / 2);
  }, 30 * 60_000);
});
