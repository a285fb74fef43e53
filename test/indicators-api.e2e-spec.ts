import { readFileSync } from 'fs';
import * as path from 'path';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

/**
 * Issue 13's API beyond the board report: setting indicators up, entering
 * values, the chair's narratives and ratings, plan settings, the long return,
 * and every bad input answered with a 4xx that names the field (never a 500,
 * never half a change).
 */

jest.setTimeout(180_000);

const FIXTURES = path.resolve(__dirname, 'fixtures/indicators');
const CHAIR = 'chair.api@council.test';

let t: TestApp;
let planId: string;
let sections: Array<{ id: string; title: string }>;
let activityId: string;

async function rowCount(table: string): Promise<number> {
  const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
  return count;
}

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  t.clock.set('2022-04-01');
  const plan = (
    await t.http
      .post('/api/plans')
      .send({
        title: 'Indicators API plan',
        kind: 'other',
        sections: [
          {
            title: 'Effective Assessment and Intervention',
            recommendations: [{ number: 1, band: 'by_date', targetDate: '2022-12-31', text: 'R', activities: [{ text: 'Reduce re-referrals', outcomeMeasures: ['Re-referrals below 20%'] }] }],
          },
          { title: 'Children in Care' },
        ],
      })
      .expect(201)
  ).body;
  planId = plan.id;
  sections = plan.sections;
  const tree = (await t.http.get(`/api/plans/${planId}`).expect(200)).body;
  activityId = tree.sections[0].recommendations[0].activities[0].id;
  await t.http.post('/api/users').send({ name: 'Cass Chair', email: CHAIR, roles: ['board_chair'], password: TEST_PASSWORD, planRoles: [{ planId, role: 'chair' }] }).expect(201);
});

afterAll(async () => {
  t?.clock.reset();
  await t?.close();
});

describe('setting an indicator up', () => {
  it('refuses bad definitions with a 400 naming each field, and writes nothing', async () => {
    const before = await rowCount('indicators');
    const cases: Array<[Record<string, unknown>, Record<string, string | RegExp>]> = [
      [{ planId, title: '  ', unit: 'percent' }, { title: 'must not be blank', unit: /must be one of: percentage, number/ }],
      [{ planId, title: 'X', unit: 'number', targets: [{ financialYear: 2022, target: '≈20' }] }, { 'targets[0].target': "'≈20' is not a number" }],
      [{ planId, title: 'X', unit: 'number', targets: [{ financialYear: 2022, target: '5%' }] }, { 'targets[0].target': "'5%' is a percentage, but the indicator is not counted in percent" }],
      [{ planId, title: 'X', unit: 'number', targets: [{ financialYear: 2022, target: '5' }, { financialYear: 2022, target: '6' }] }, { 'targets[1]': /sets the target for 2022 again/ }],
      [{ planId, title: 'X', unit: 'number', tolerance: { basis: 'units', green: 5, amber: 2 } }, { 'tolerance.amber': 'The amber tolerance (2) cannot be narrower than the green (5)' }],
      [{ planId, title: 'X', unit: 'number', comparators: [{ name: 'England', value: 1 }, { name: 'ENGLAND', value: null }] }, { 'comparators[1].name': 'names the same comparator as comparators[0]' }],
      [{ planId, title: 'X', unit: 'number', comparators: [{ name: 'England', value: 'N/A' }] }, { 'comparators[0].value': 'must be a number, or null for not available (N/A)' }],
      [{ planId, title: 'X', unit: 'number', sectionIds: ['6f0c1d2e-0000-4000-8000-000000000000'] }, { 'sectionIds[0]': /is not in this plan/ }],
      [{ planId, title: 'X', unit: 'number', outcomeMeasures: [{ activityId: '6f0c1d2e-0000-4000-8000-000000000000', measure: 'm' }] }, { 'outcomeMeasures[0].activityId': /is not an activity of this plan/ }],
      [{ planId: '6f0c1d2e-0000-4000-8000-000000000000', title: 'X', unit: 'number' }, { planId: /no plan with id/ }],
      [{ planId, title: 'X', unit: 'number', colour: 'red' }, { colour: 'is not a field this endpoint accepts' }],
    ];
    for (const [body, errors] of cases) {
      const response = await t.http.post('/api/indicators').send(body);
      expect({ status: response.status, body: response.body }).toMatchObject({ status: 400, body: { statusCode: 400, errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, typeof v === 'string' ? v : expect.stringMatching(v)])) } });
    }
    expect(await rowCount('indicators')).toBe(before);
  });

  it('creates one with its links, targets and comparators, on the audit trail; a second of the same title is refused', async () => {
    const { body } = await t.http
      .post('/api/indicators')
      .send({
        planId,
        title: 'Percentage of re-referrals within 12 months',
        definition: 'Referrals within 12 months of a previous referral.',
        unit: 'percentage',
        polarity: 'lower_is_better',
        cumulation: 'rolling_12_months',
        sectionIds: [sections[0].id],
        outcomeMeasures: [{ activityId, measure: 'Re-referrals below 20%' }],
        targets: [{ financialYear: 2022, target: '23 %' }, { month: '2022-03', target: 'TBC' }],
        comparators: [{ name: 'Statistical Neighbours', kind: 'statistical_neighbours', source: 'LAIT', value: 28 }, { name: 'England', kind: 'england', value: null }],
      })
      .expect(201);
    expect(body).toMatchObject({
      title: 'Percentage of re-referrals within 12 months',
      polarity: 'lower_is_better',
      priorities: [{ sectionId: sections[0].id, title: 'Effective Assessment and Intervention' }],
      outcomeMeasures: [{ activityId, measure: 'Re-referrals below 20%' }],
      targets: [
        { financialYear: 2022, month: null, text: '23 %', kind: 'value', value: 23 },
        { financialYear: null, month: '2022-03', text: 'TBC', kind: 'tbc', value: null },
      ],
      comparators: [
        { name: 'Statistical Neighbours', kind: 'statistical_neighbours', source: 'LAIT', value: 28 },
        { name: 'England', kind: 'england', value: null },
      ],
      version: 1,
      can: { enterValues: true, manage: true },
    });
    const audit = (await t.http.get(`/api/audit?entityType=indicator&entityId=${body.id}`).expect(200)).body;
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['create']);
    const twice = await t.http.post('/api/indicators').send({ planId, title: 'Percentage of Re-referrals within 12 months.', unit: 'percentage' });
    expect(twice.status).toBe(400);
    expect(twice.body.errors.title).toMatch(/already has an indicator titled like this/);
  });

  it('refuses a stale edit with 409 and the indicator as it stands; replaces the targets, keeping the old one in the record', async () => {
    const [indicator] = (await t.http.get(`/api/indicators?planId=${planId}`).expect(200)).body.items;
    await t.http.patch(`/api/indicators/${indicator.id}`).send({ version: 1, targets: [{ financialYear: 2022, target: '22%' }] }).expect(200);
    const stale = await t.http.patch(`/api/indicators/${indicator.id}`).send({ version: 1, title: 'Overwritten' });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: indicator.id, version: 2, targets: [{ financialYear: 2022, text: '22%' }] });
    const versions: Array<{ financial_year: number | null; period: string | null; text: string; removed: boolean; superseded: boolean }> = await t.dataSource.query(
      `SELECT financial_year, period, text, removed, superseded_at IS NOT NULL AS superseded FROM indicator_targets WHERE indicator_id = $1 ORDER BY recorded_at, version`,
      [indicator.id],
    );
    expect(versions).toEqual([
      { financial_year: 2022, period: null, text: '23 %', removed: false, superseded: true },
      { financial_year: null, period: '2022-03', text: 'TBC', removed: false, superseded: true },
      { financial_year: 2022, period: null, text: '22%', removed: false, superseded: false },
      { financial_year: null, period: '2022-03', text: 'TBC', removed: true, superseded: false },
    ]);
    // Nobody, not even the application, rewrites the record.
    await expect(t.dataSource.query(`UPDATE indicator_targets SET text = 'rewritten' WHERE indicator_id = $1`, [indicator.id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM indicator_targets WHERE indicator_id = $1`, [indicator.id])).rejects.toThrow(/append-only/);
  });
});

describe('entering a month’s value', () => {
  let id: string;
  beforeAll(async () => {
    id = (await t.http.get(`/api/indicators?planId=${planId}`).expect(200)).body.items[0].id;
    t.clock.set('2022-07-05');
  });

  it('refuses bad values, months and combinations, naming the field', async () => {
    const cases: Array<[string, Record<string, unknown>, Record<string, string>]> = [
      ['2022-13', { value: 1 }, { month: 'must be a month written YYYY-MM' }],
      ['2022-08', { value: 1 }, { month: 'is after the current month (today is 5 July 2022)' }],
      ['2022-06', {}, { value: 'is required (or give numerator and denominator, or notAvailable: true for N/A)' }],
      ['2022-06', { value: -1 }, { value: 'must be 0 or more' }],
      ['2022-06', { value: 'ten' }, { value: 'must be a number' }],
      ['2022-06', { value: 20, numerator: 4 }, { denominator: 'is required with the numerator' }],
      ['2022-06', { value: 20, notAvailable: true }, { value: 'must be left out when the value is not available (N/A)' }],
      ['2022-06', { value: 20, status: 'draft' }, { status: 'must be one of: provisional, final' }],
      ['2022-06', { value: 20, version: -1 }, { version: 'must not be less than 0' }],
    ];
    const before = await rowCount('indicator_values');
    for (const [month, body, errors] of cases) {
      const response = await t.http.put(`/api/indicators/${id}/values/${month}`).send(body);
      expect({ status: response.status, errors: response.body.errors }).toEqual({ status: 400, errors });
    }
    expect(await rowCount('indicator_values')).toBe(before);
  });

  it('works a percentage out from its numerator and denominator, and records N/A as not available, never zero', async () => {
    const derived = (await t.http.put(`/api/indicators/${id}/values/2022-05`).send({ numerator: 51, denominator: 200, status: 'final' }).expect(200)).body;
    expect(derived).toMatchObject({ outcome: 'created', value: { value: 25.5, numerator: 51, denominator: 200, status: 'final', version: 1 } });
    const na = (await t.http.put(`/api/indicators/${id}/values/2022-04`).send({ notAvailable: true, note: 'System migration' }).expect(200)).body;
    expect(na.value).toMatchObject({ value: null, notAvailable: true, note: 'System migration' });
    const listed = (await t.http.get(`/api/indicators/${id}/values?from=2022-04&to=2022-06`).expect(200)).body;
    expect(listed.items.map((v: { month: string; value: number | null; notAvailable: boolean }) => [v.month, v.value, v.notAvailable])).toEqual([
      ['2022-04', null, true],
      ['2022-05', 25.5, false],
    ]);
  });

  it('takes a quarterly indicator’s values for the quarter’s last month only', async () => {
    const quarterly = (await t.http.post('/api/indicators').send({ planId, title: 'Care leavers in suitable accommodation', unit: 'percentage', frequency: 'quarterly' }).expect(201)).body;
    const refused = await t.http.put(`/api/indicators/${quarterly.id}/values/2022-05`).send({ value: 90 });
    expect(refused.body.errors).toEqual({ month: "must be a quarter's last month (June, September, December or March) for a quarterly indicator" });
    await t.http.put(`/api/indicators/${quarterly.id}/values/2022-06`).send({ value: 90 }).expect(200);
  });
});

describe('the chair’s narratives and rating for a priority’s month', () => {
  it('are the chair’s to write, versioned, with stale writes refused and a withdrawal kept in the history', async () => {
    const chair = await t.as(CHAIR);
    const url = `/api/sections/${sections[0].id}/months/2022-06`;
    const written = (await chair.put(`${url}/narrative`).send({ dataTellsUs: 'Re-referrals rose.', nextSteps: 'Audit them.' }).expect(200)).body;
    expect(written).toMatchObject({ month: '2022-06', dataTellsUs: 'Re-referrals rose.', nextSteps: 'Audit them.', version: 1, writtenBy: { name: 'Cass Chair' } });
    expect((await chair.put(`${url}/narrative`).send({ nextSteps: 'Audit more.' })).status).toBe(409);
    await chair.put(`${url}/narrative`).send({ nextSteps: 'Audit more.', version: 1 }).expect(200);
    const rated = (await chair.put(`${url}/rating`).send({ rating: 'amber', riskLabel: 'medium', reason: 'Falling since the front door changed' }).expect(200)).body;
    expect(rated).toMatchObject({ rating: 'amber', riskLabel: 'medium', version: 1 });
    const badRating = await chair.put(`${url}/rating`).send({ rating: 'purple', reason: '', version: 1 });
    expect(badRating.body.errors).toEqual({ rating: 'must be one of: red, amber, green, blue', reason: 'must give the reason for the rating' });
    expect((await chair.delete(`${url}/rating?version=7`)).status).toBe(409);
    await chair.delete(`${url}/rating?version=1`).expect(204);
    const month = (await chair.get(url).expect(200)).body;
    expect(month).toMatchObject({ narrative: { dataTellsUs: 'Re-referrals rose.', nextSteps: 'Audit more.', version: 2 }, rating: null, ratingVersion: 2, can: { judge: true } });
    expect(month.narrativeHistory.map((n: { nextSteps: string }) => n.nextSteps)).toEqual(['Audit them.', 'Audit more.']);
    expect(month.ratingHistory.map((r: { rating: string | null }) => r.rating)).toEqual(['amber', null]);
    expect((await chair.delete(`${url}/rating?version=2`)).status).toBe(404);
  });
});

describe('the plan’s settings and the report’s options', () => {
  it('keeps the plan’s default tolerance, with 409 on a stale write, and uses it to rate', async () => {
    const settings = (await t.http.get(`/api/plans/${planId}/indicator-settings`).expect(200)).body;
    expect(settings).toEqual({ planId, tolerance: null, returnWorkingDays: 10, version: 0 });
    await t.http.put(`/api/plans/${planId}/indicator-settings`).send({ tolerance: { basis: 'units', green: 4, amber: 6 }, version: 0 }).expect(200);
    expect((await t.http.put(`/api/plans/${planId}/indicator-settings`).send({ returnWorkingDays: 5, version: 0 })).status).toBe(409);
    const bad = await t.http.put(`/api/plans/${planId}/indicator-settings`).send({ returnWorkingDays: 99, version: 1 });
    expect(bad.body.errors).toEqual({ returnWorkingDays: 'must not be greater than 60' });
    // May: 25.5% against 22%, 3.5 points worse: green within 4 points.
    const report = (await t.http.get(`/api/plans/${planId}/performance-report?asOf=2022-05&view=current`).expect(200)).text;
    expect(report).toContain('25.5% against a target of 22% (lower is better): 3.5 points worse, within the green tolerance');
  });

  it('refuses bad report options, naming them', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['asOf=2022-13', { asOf: 'must be a month written YYYY-MM' }],
      ['asOf=2022-08', { asOf: 'must not be after the current month' }],
      ['asOf=2022-06&months=0', { months: 'must not be less than 1' }],
      ['asOf=2022-06&months=37', { months: 'must not be greater than 36' }],
      ['asOf=2022-06&recordedBy=2022-02-30', { recordedBy: 'must be a real date written YYYY-MM-DD' }],
      ['asOf=2022-06&view=current&recordedBy=2022-07-01', { recordedBy: 'cannot be given with view=current' }],
      ['asOf=2022-06&view=later', { view: 'must be one of: as-recorded, current' }],
      ['asOf=2022-06&format=xls', { format: 'must be one of: html, pdf, docx' }],
    ];
    for (const [query, errors] of cases) {
      const response = await t.http.get(`/api/plans/${planId}/performance-report?${query}`);
      expect({ query, status: response.status, errors: response.body.errors }).toEqual({ query, status: 400, errors });
    }
  });
});

describe('importing', () => {
  it('reads the workbook of the same table (months as dates, percentages as fractions) after its cover sheet', async () => {
    const { body } = await t.http.post('/api/indicators/imports/preview').field('planId', planId).attach('file', readFileSync(path.join(FIXTURES, 'board-report-wide.xlsx')), 'board-report-wide.xlsx').expect(200);
    expect(body.months).toHaveLength(9);
    expect(body.indicators).toHaveLength(12);
    expect(body.indicators[0].values.find((v: { month: string }) => v.month === '2022-06')).toMatchObject({ value: 26 });
    expect(body.priorities.map((p: { action: string }) => p.action)).toEqual(['matched', 'matched', 'unmatched']);
  });

  it('takes the long return: a new month, a correction named as such, and warnings for what it cannot read', async () => {
    const before = await rowCount('indicator_values');
    const { body } = await t.http.post('/api/indicators/imports/preview').field('planId', planId).attach('file', readFileSync(path.join(FIXTURES, 'long-return.csv')), 'long-return.csv').expect(200);
    expect(body.layout).toBe('long');
    expect(body.months).toEqual(['2022-05', '2022-06']);
    const reReferrals = body.indicators.find((i: { title: string }) => i.title === 'Percentage of re-referrals within 12 months');
    // The plan has May already (25.5%, 51 of 200); the return adds its note, so May is a correction, June is new.
    expect(reReferrals).toMatchObject({ action: 'update', unit: 'percentage' });
    expect(reReferrals.values.map((v: { month: string; outcome: string }) => [v.month, v.outcome])).toEqual([
      ['2022-05', 'changed'],
      ['2022-06', 'created'],
    ]);
    expect(body.warnings.map((w: { message: string }) => w.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^row 9, column 'Period': 'Jnue-22'/), expect.stringMatching(/^row 10, column 'Value': 'about 110'/)]),
    );
    expect(await rowCount('indicator_values')).toBe(before);
    const ours = 'Indicator,Period,Value,Numerator,Denominator,Status,Note\nPercentage of re-referrals within 12 months,May-22,26%,52,200,Final,Revalidated\nPercentage of re-referrals within 12 months,Jun-22,27%,,,Provisional,\nPercentage of re-referrals within 12 months,Jnue-22,21%,,,,\n';
    const preview = (await t.http.post('/api/indicators/imports/preview').send({ planId, text: ours, format: 'csv' }).expect(200)).body;
    expect(preview.layout).toBe('long');
    // A return pasted as JSON may be larger than the 100 KB other JSON bodies keep to (up to the import limit).
    const padded = await t.http.post('/api/indicators/imports/preview').send({ planId, text: ours + '\n'.repeat(150_000), format: 'csv' });
    expect([padded.status, padded.body.layout]).toEqual([200, 'long']);
    expect(preview.indicators[0].values.map((v: { month: string; outcome: string; was: number | null }) => [v.month, v.outcome, v.was])).toEqual([
      ['2022-05', 'changed', 25.5],
      ['2022-06', 'created', null],
    ]);
    expect(preview.warnings.map((w: { message: string }) => w.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^row 4, column 'Period': 'Jnue-22'/)]));
    const committed = (await t.http.post('/api/indicators/imports').send({ planId, text: ours, format: 'csv', fileName: 'june-return.csv' }).expect(201)).body;
    expect(committed.summary).toMatchObject({ valuesCreated: 1, valuesCorrected: 1, indicatorsCreated: 0 });
    const id = committed.indicators[0].indicatorId;
    const history = (await t.http.get(`/api/indicators/${id}/values/2022-05/history`).expect(200)).body;
    expect(history.versions.map((v: { value: number; status: string; fromImport: string | null }) => [v.value, v.status, v.fromImport])).toEqual([
      [25.5, 'final', null],
      [26, 'final', committed.importId],
    ]);
  });

  it('answers bad uploads with a 4xx naming the problem, and writes nothing', async () => {
    const before = await rowCount('audit_events');
    const noPlan = await t.http.post('/api/indicators/imports/preview').send({ text: 'Indicator,Oct-21\nX,1' });
    expect(noPlan.body.errors).toEqual({ planId: 'is required' });
    const unknown = await t.http.post('/api/indicators/imports/preview').send({ planId: '6f0c1d2e-0000-4000-8000-000000000000', text: 'Indicator,Oct-21\nX,1' });
    expect(unknown.status).toBe(404);
    const binary = await t.http.post('/api/indicators/imports/preview').field('planId', planId).attach('file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), 'chart.csv');
    expect(binary.status).toBe(415);
    const noHeader = await t.http.post('/api/indicators/imports/preview').send({ planId, text: 'Just some words\nand more' });
    expect(noHeader).toMatchObject({ status: 400, body: { problem: 'no_header' } });
    const both = await t.http.post('/api/indicators/imports/preview').field('planId', planId).field('text', 'a').attach('file', Buffer.from('Indicator,Oct-21\nX,1'), 'x.csv');
    expect(both.body.errors).toEqual({ text: 'send either a file or text, not both' });
    const flag = await t.http.post('/api/indicators/imports').field('planId', planId).field('createSections', 'maybe').attach('file', Buffer.from('Indicator,Oct-21\nX,1'), 'x.csv');
    expect(flag.body.errors).toEqual({ createSections: 'must be true or false' });
    expect(await rowCount('audit_events')).toBe(before);
  });
});

describe('deleting', () => {
  it('puts every indicator row a plan’s deletion takes with it on the record', async () => {
    const plan = (await t.http.post('/api/plans').send({ title: 'Short-lived plan', kind: 'other', sections: [{ title: 'Only' }] }).expect(201)).body;
    const indicator = (await t.http.post('/api/indicators').send({ planId: plan.id, title: 'Doomed', unit: 'number', sectionIds: [plan.sections[0].id], targets: [{ financialYear: 2022, target: '5' }] }).expect(201)).body;
    await t.http.put(`/api/indicators/${indicator.id}/values/2022-06`).send({ value: 4 }).expect(200);
    await t.http.put(`/api/sections/${plan.sections[0].id}/months/2022-06/narrative`).send({ dataTellsUs: 'Gone soon' }).expect(200);
    const { version } = (await t.http.get(`/api/plans/${plan.id}`).expect(200)).body;
    await t.http.delete(`/api/plans/${plan.id}?version=${version}`).expect(204);
    const gone: Array<{ entity_type: string; entity_id: string }> = await t.dataSource.query(
      `SELECT entity_type, entity_id FROM audit_events WHERE plan_id = $1 AND action = 'delete' ORDER BY entity_type`,
      [plan.id],
    );
    expect(gone.map((e) => e.entity_type)).toEqual(expect.arrayContaining(['indicator', 'indicator_value', 'indicator_target', 'priority_narrative', 'plan']));
    expect(gone.find((e) => e.entity_type === 'indicator_value')!.entity_id).toBe(`${indicator.id}:2022-06`);
  });
});

describe('the OpenAPI document', () => {
  it('gives every indicators operation a summary, a documented 2xx answer and its 4xx answers', async () => {
    const doc = (await t.anon.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { summary?: string; responses: Record<string, { content?: Record<string, { schema?: object }>; description?: string }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const ours = Object.entries(doc.paths).filter(([url]) => /\/api\/(indicators|sections\/\{id\}\/months|plans\/\{id\}\/(indicator-settings|performance-report))/.test(url));
    const operations = ours.flatMap(([url, methods]) => Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${url}`, op })));
    expect(operations.map((o) => o.name).sort()).toEqual(
      [
        'GET /api/indicators',
        'POST /api/indicators',
        'GET /api/indicators/{id}',
        'PATCH /api/indicators/{id}',
        'GET /api/indicators/{id}/values',
        'PUT /api/indicators/{id}/values/{month}',
        'GET /api/indicators/{id}/values/{month}/history',
        'POST /api/indicators/imports/preview',
        'POST /api/indicators/imports',
        'GET /api/sections/{id}/months/{month}',
        'PUT /api/sections/{id}/months/{month}/narrative',
        'PUT /api/sections/{id}/months/{month}/rating',
        'DELETE /api/sections/{id}/months/{month}/rating',
        'GET /api/plans/{id}/indicator-settings',
        'PUT /api/plans/{id}/indicator-settings',
        'GET /api/plans/{id}/performance-report',
      ].sort(),
    );
    for (const { name, op } of operations) {
      expect({ name, summary: !!op.summary }).toEqual({ name, summary: true });
      const codes = Object.keys(op.responses);
      const success = codes.filter((code) => /^2/.test(code));
      expect({ name, success: success.length }).toEqual({ name, success: 1 });
      if (success[0] !== '204') expect({ name, typed: !!op.responses[success[0]].content }).toEqual({ name, typed: true });
      expect({ name, errors: codes.filter((code) => /^4/.test(code)).includes('401') && codes.some((code) => /^4(00|03|04)$/.test(code)) }).toEqual({ name, errors: true });
    }
    expect(doc.components.schemas).toHaveProperty('IndicatorResponse');
    expect(doc.components.schemas).toHaveProperty('IndicatorImportPreviewResponse');
  });
});

describe('a lead agency that leads indicators', () => {
  it('is not deleted while it leads them (409, nothing changed), and is once they are reassigned', async () => {
    const agency = (await t.http.post('/api/lead-agencies').send({ name: 'Performance Team' }).expect(201)).body;
    const indicator = (await t.http.post('/api/indicators').send({ planId, title: 'Led by the performance team', unit: 'number', leadAgencyIds: [agency.id] }).expect(201)).body;
    const refused = await t.http.delete(`/api/lead-agencies/${agency.id}?version=${agency.version}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('This lead agency leads 1 performance indicator; reassign them before deleting it');
    await t.http.get(`/api/lead-agencies/${agency.id}`).expect(200);
    await t.http.patch(`/api/indicators/${indicator.id}`).send({ version: indicator.version, leadAgencyIds: [] }).expect(200);
    await t.http.delete(`/api/lead-agencies/${agency.id}?version=${agency.version}`).expect(204);
  });
});
