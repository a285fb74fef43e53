import { randomBytes } from 'crypto';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { typeOrmOptions } from '../src/database/typeorm-options';
import { agencyNameKey } from '../src/plans/domain/agency-names';
import { TestApp, startTestApp } from './support/test-app';

/** Names and aliases of every agency, read straight from PostgreSQL. */
async function spellingsInUse(t: TestApp): Promise<Array<{ id: string; spelling: string }>> {
  return t.dataSource.query(`SELECT id, unnest(name || aliases) AS spelling FROM lead_agencies`);
}

describe('Lead agencies: one agency per spelling, enforced by the database', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('compares spellings in SQL exactly as agencyNameKey() does in TypeScript', async () => {
    const spellings = [
      'SCC - CSL Directorate',
      'SCC – CSL Directorate',
      'SCC -CSL Directorate',
      'scc—csl  directorate',
      'SCC−CSL Directorate', // minus sign
      'SCC ‐ CSL Directorate', // Unicode hyphen
      'SCC ‒ CSL ― Directorate', // figure dash, horizontal bar
      '  SCC\t-\nCSL Directorate \r\n',
      'SCC\u00a0–\u00a0CSL\u2003Directorate', // no-break and em spaces
      'SCC\u3000CSL\u202fDirectorate\u205f',
      '\ufeffSCC - CSL Directorate', // a byte-order mark pasted from Word
      'SCC\u2028CSL\u2029Directorate\u1680\u000b\u000c',
      'SCC\u0085CSL', // NEL: not a space in JavaScript, so not in SQL either
      'SCC\u200bCSL', // zero-width space: the same
      'ＳＣＣ – ＣＳＬ Ｄｉｒｅｃｔｏｒａｔｅ', // full-width letters
      'ﬁnance and ﬂeet', // ligatures
      'Children’s Services and Learning',
      "Children‘s Services`and Learning",
      "CHILDREN'S SERVICES AND LEARNING",
      'Ümlaut Trust – ÉCOLE DES ÂGES',
      'ΟΔΟΣ ΣΟΦΙΑΣ', // Greek capital sigma: final form at the end of a word
      'İstanbul Liaison', // dotted capital I
      'STRASSE and Straße',
      'ǅemal Trust', // a title-case digraph
      'Ⅻ Partnership', // roman numeral twelve
      'a--b',
      ' - ',
      '-leading and trailing-',
      '—',
      '',
      'Police and Crime Commissioner',
    ];
    const rows: Array<{ key: string }> = await t.dataSource.query(
      `SELECT lead_agency_name_key(spelling) AS key FROM unnest($1::text[]) WITH ORDINALITY AS given(spelling, position) ORDER BY position`,
      [spellings],
    );
    expect(rows.map((row, i) => [spellings[i], row.key])).toEqual(spellings.map((spelling) => [spelling, agencyNameKey(spelling)]));
    // The four spellings the probe used are one agency.
    expect(new Set(spellings.slice(0, 4).map(agencyNameKey))).toEqual(new Set(['scc - csl directorate']));
  });

  it('refuses a second agency written another way, even one written straight into the database', async () => {
    const csl = await t.http.post('/api/lead-agencies').send({ name: 'SCC – CSL Directorate', aliases: ['Children’s Services and Learning'] }).expect(201);
    const refuse = async (sql: string, params: unknown[]) => {
      const error = await t.dataSource.query(sql, params).then(
        () => null,
        (e: { driverError?: { code?: string; constraint?: string } }) => e.driverError,
      );
      expect(error).toMatchObject({ code: '23505', constraint: 'lead_agency_spellings_pkey' });
    };
    await refuse(`INSERT INTO lead_agencies (name) VALUES ($1)`, ['scc—csl  directorate']);
    await refuse(`INSERT INTO lead_agencies (name, aliases) VALUES ($1, $2)`, ['Somebody Else', ['SCC -CSL Directorate']]);
    await refuse(`INSERT INTO lead_agencies (name) VALUES ($1)`, ["CHILDREN'S SERVICES AND LEARNING"]);
    const police = await t.http.post('/api/lead-agencies').send({ name: 'Hampshire Constabulary' }).expect(201);
    await refuse(`UPDATE lead_agencies SET aliases = $2 WHERE id = $1`, [police.body.id, ['SCC - CSL Directorate']]);

    // An agency's own aliases may differ from its name only in spelling; renaming frees the old spelling.
    await t.dataSource.query(`INSERT INTO lead_agencies (name, aliases) VALUES ($1, $2)`, ['Youth Offending Service', ['YOUTH OFFENDING SERVICE', 'YOS']]);
    await t.http.patch(`/api/lead-agencies/${csl.body.id}`).send({ name: 'SCC – People Directorate', aliases: [], version: csl.body.version }).expect(200);
    await t.http.post('/api/lead-agencies').send({ name: 'SCC - CSL Directorate' }).expect(201);

    // Through the API the answer names the field and the agency that has the spelling.
    const alias = await t.http.post('/api/lead-agencies').send({ name: 'Constabulary', aliases: ['YOS'] }).expect(400);
    expect(alias.body.errors).toEqual({ 'aliases[0]': '"YOS" is already how "Youth Offending Service" is written' });
  });

  it('lets one of several people adding the same body at once create it; the others get the same 400 as if they had been second', async () => {
    for (let round = 1; round <= 3; round++) {
      const spellings = [`Round ${round} - CSL Directorate`, `Round ${round} – CSL Directorate`, `Round ${round} -CSL Directorate`, `round ${round}—csl  directorate`];
      const answers = await Promise.all(spellings.map((name) => t.http.post('/api/lead-agencies').send({ name })));
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 400, 400, 400]);
      const winner = answers.find((answer) => answer.status === 201)!.body.name;
      for (const [i, answer] of answers.entries()) {
        if (answer.status === 400) expect(answer.body.errors).toEqual({ name: `"${spellings[i]}" is already how "${winner}" is written` });
      }
      const rows = (await spellingsInUse(t)).filter((row) => agencyNameKey(row.spelling) === agencyNameKey(spellings[0]));
      expect(rows).toHaveLength(1);
    }

    // The same exact name at once, and a name another request is making an alias of.
    const same = await Promise.all([1, 2, 3].map(() => t.http.post('/api/lead-agencies').send({ name: 'Solent NHS Trust' })));
    expect(same.map((answer) => answer.status).sort()).toEqual([201, 400, 400]);
    for (const answer of same.filter((a) => a.status === 400)) expect(answer.body.errors).toEqual({ name: '"Solent NHS Trust" is already how "Solent NHS Trust" is written' });
    const crossed = await Promise.all([
      t.http.post('/api/lead-agencies').send({ name: 'Southampton Voluntary Services', aliases: ['SVS – Voluntary Sector'] }),
      t.http.post('/api/lead-agencies').send({ name: 'SVS - Voluntary Sector' }),
    ]);
    expect(crossed.map((answer) => answer.status).sort()).toEqual([201, 400]);
    const keys = (await spellingsInUse(t)).map((row) => agencyNameKey(row.spelling));
    expect(keys.filter((key) => key === 'svs - voluntary sector')).toHaveLength(1);
  });

  it('takes people off an agency when it is deleted, on each person’s record', async () => {
    const agency = (await t.http.post('/api/lead-agencies').send({ name: 'Family Nurse Partnership' }).expect(201)).body;
    const other = (await t.http.post('/api/lead-agencies').send({ name: 'Health Visiting' }).expect(201)).body;
    const people = [];
    for (const [i, contact] of [true, false].entries()) {
      const res = await t.http
        .post('/api/users')
        .send({
          name: `Nurse ${i}`,
          email: `nurse.${i}.${randomBytes(3).toString('hex')}@council.example`,
          roles: ['service_head'],
          leadAgencyIds: [agency.id, other.id],
          contactForLeadAgencyIds: contact ? [agency.id] : [],
        })
        .expect(201);
      people.push(res.body);
    }

    await t.http.delete(`/api/lead-agencies/${agency.id}?version=${agency.version}`).expect(204);

    for (const person of people) {
      const now = (await t.http.get(`/api/users/${person.id}`).expect(200)).body;
      expect(now.leadAgencies).toEqual([{ id: other.id, name: 'Health Visiting', isContact: false }]);
      const events = (await t.http.get(`/api/audit?entityType=user&entityId=${person.id}&action=update`).expect(200)).body;
      const items: Array<{ before: Record<string, unknown>; after: Record<string, unknown>; actorLabel?: string }> = events.items ?? events;
      expect(items).toHaveLength(1);
      expect(items[0].before).toEqual({ leadAgencies: expect.arrayContaining([expect.objectContaining({ id: agency.id, name: 'Family Nurse Partnership' })]) });
      expect(items[0].after).toEqual({ leadAgencies: [{ id: other.id, name: 'Health Visiting', isContact: false }] });
    }
    const [{ left }] = await t.dataSource.query(`SELECT count(*)::int AS left FROM user_lead_agencies WHERE lead_agency_id = $1`, [agency.id]);
    expect(left).toBe(0);
  });
});

describe('The migration to one agency per spelling', () => {
  it('merges agencies that already share a name into the oldest, moving their activities, members and divisions, on the record', async () => {
    const database = `ipm_merge_${randomBytes(5).toString('hex')}`;
    const adminUrl = new URL(process.env.IPM_TEST_ADMIN_URL!);
    const admin = new PgClient({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    adminUrl.pathname = `/${database}`;
    const url = adminUrl.toString();
    const mine = MIGRATIONS.findIndex((migration) => migration.name === 'SessionsTokensAgencySpellings1796131627738');
    const before = new DataSource({ ...typeOrmOptions(url), migrations: MIGRATIONS.slice(0, mine) });
    const after = new DataSource(typeOrmOptions(url));
    try {
      await before.initialize();
      await before.runMigrations();
      const q = (sql: string, params: unknown[] = []) => before.query(sql, params);
      const agency = async (name: string, aliases: string[], minutes: number, extra: { shortName?: string; parentId?: string } = {}) =>
        (
          await q(`INSERT INTO lead_agencies (name, aliases, short_name, parent_id, created_at) VALUES ($1, $2, $3, $4, now() - make_interval(mins => $5)) RETURNING id`, [
            name,
            aliases,
            extra.shortName ?? null,
            extra.parentId ?? null,
            100 - minutes,
          ])
        )[0].id as string;
      const a = await agency('SCC – CSL Directorate', ['CSL'], 1);
      const b = await agency('SCC - CSL Directorate', ['SCC -CSL Directorate', 'Childrens Services Learning'], 2, { shortName: 'CSL Dir' });
      const c = await agency('scc—csl  directorate', [], 3);
      const division = await agency('Safeguarding', [], 4, { parentId: b });
      const police = await agency('Hampshire Police', ['csl'], 5);

      const [{ id: plan }] = await q(`INSERT INTO plans (title, kind, column_labels, band_offsets) VALUES ('Plan', 'ofsted_inspection', '[]', '{}') RETURNING id`);
      const [{ id: section }] = await q(`INSERT INTO sections (plan_id, title, position) VALUES ($1, 'Table 1', 1) RETURNING id`, [plan]);
      const [{ id: recommendation }] = await q(`INSERT INTO recommendations (section_id, number, text, band) VALUES ($1, 1, 'Do better', 'immediately') RETURNING id`, [section]);
      const activity = async (position: number) =>
        (await q(`INSERT INTO activities (recommendation_id, plan_id, position, text) VALUES ($1, $2, $3, 'Work') RETURNING id`, [recommendation, plan, position]))[0].id as string;
      const [both, onlyB] = [await activity(1), await activity(2)];
      await q(`INSERT INTO activity_lead_agencies (activity_id, lead_agency_id, position) VALUES ($1, $2, 1), ($1, $3, 2), ($4, $3, 1)`, [both, a, b, onlyB]);
      const user = async (name: string) =>
        (await q(`INSERT INTO users (name, email, contact_preferences) VALUES ($1, $2, '{}') RETURNING id`, [name, `${name}@council.example`]))[0].id as string;
      const [pat, sam] = [await user('pat'), await user('sam')];
      await q(`INSERT INTO user_lead_agencies (user_id, lead_agency_id, is_contact) VALUES ($1, $2, false), ($1, $3, true), ($4, $5, false)`, [pat, a, b, sam, c]);
      await before.destroy();

      await after.initialize();
      await after.runMigrations();
      const agencies = await after.query(`SELECT id, name, short_name, aliases, parent_id FROM lead_agencies ORDER BY created_at`);
      expect(agencies).toEqual([
        {
          id: a,
          name: 'SCC – CSL Directorate',
          short_name: 'CSL Dir',
          aliases: ['CSL', 'SCC - CSL Directorate', 'SCC -CSL Directorate', 'Childrens Services Learning', 'scc—csl  directorate'],
          parent_id: null,
        },
        { id: division, name: 'Safeguarding', short_name: null, aliases: [], parent_id: a },
        // Its alias was already the directorate's: the older agency keeps it.
        { id: police, name: 'Hampshire Police', short_name: null, aliases: [], parent_id: null },
      ]);
      expect(await after.query(`SELECT activity_id, lead_agency_id FROM activity_lead_agencies ORDER BY activity_id, position`)).toEqual(
        [
          { activity_id: both, lead_agency_id: a },
          { activity_id: onlyB, lead_agency_id: a },
        ].sort((x, y) => x.activity_id.localeCompare(y.activity_id)),
      );
      expect(await after.query(`SELECT user_id, lead_agency_id, is_contact FROM user_lead_agencies ORDER BY user_id`)).toEqual(
        [
          { user_id: pat, lead_agency_id: a, is_contact: true },
          { user_id: sam, lead_agency_id: a, is_contact: false },
        ].sort((x, y) => x.user_id.localeCompare(y.user_id)),
      );
      const events: Array<{ action: string; entity_id: string; after: Record<string, unknown> | null }> = await after.query(
        `SELECT action, entity_id, after FROM audit_events WHERE entity_type = 'lead_agency' ORDER BY id`,
      );
      expect(events.map((event) => [event.action, event.entity_id])).toEqual([
        ['delete', b],
        ['update', a],
        ['delete', c],
        ['update', a],
        ['update', police],
      ]);
      expect(events[0].after).toEqual({ mergedInto: { id: a, name: 'SCC – CSL Directorate' }, activityLinksMoved: 1, membershipsMoved: 0, divisionsMoved: 1 });
      // From now on the database keeps it so.
      const refused = await after.query(`INSERT INTO lead_agencies (name) VALUES ('SCC-CSL Directorate')`).catch((e: { driverError: { constraint: string } }) => e.driverError.constraint);
      expect(refused).toBe('lead_agency_spellings_pkey');
    } finally {
      if (before.isInitialized) await before.destroy();
      if (after.isInitialized) await after.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });
});
