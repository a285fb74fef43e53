import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Response } from 'supertest';
import * as htmlparser2 from 'htmlparser2';
import * as domutils from 'domutils';
import type { Element } from 'domhandler';
import JSZip from 'jszip';
import { PlanTreeBody, planTree } from './support/plans-fixtures';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';
import { all, named, text } from './support/paper-html';

/**
 * Issue 13, performance indicators, end to end: a board-report table made
 * for the test (three priorities, a dozen indicators, October 2021 to June
 * 2022) previewed and imported into a plan, the board's performance report as
 * of June 2022 in HTML, PDF and Word, the same import again, and a late
 * correction kept in the value's history and out of the June report.
 */

jest.setTimeout(240_000);

const FIXTURES = path.resolve(__dirname, 'fixtures/indicators');
const WIDE_CSV = readFileSync(path.join(FIXTURES, 'board-report-wide.csv'));
const CHAIR = 'chair.indicators@council.test';

let t: TestApp;
let work: string;
let plan: PlanTreeBody;
let committed: { importId: string; indicators: Array<{ title: string; indicatorId: string }> };

type Client = TestApp['http'];

async function fetchBinary(client: Client, url: string): Promise<Buffer> {
  const response = (await client
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200)) as Response & { body: Buffer };
  return response.body;
}

const squash = (value: string) => value.replace(/\s+/g, ' ').trim();
const html = (source: string) => htmlparser2.parseDocument(source).children as Element[];
const importFile = (client: Client, url: string, fields: Record<string, string>, file = WIDE_CSV, name = 'board-report-wide.csv') => {
  let request = client.post(url).attach('file', file, name);
  for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
  return request;
};
const indicatorId = (title: string) => committed.indicators.find((i) => i.title === title)!.indicatorId;

/** Every row the import writes, to prove that a second import writes nothing. */
async function recordFingerprint(): Promise<Record<string, string>> {
  const tables = ['indicators', 'indicator_sections', 'indicator_values', 'indicator_targets', 'indicator_comparators', 'priority_ratings', 'sections', 'audit_events'];
  const [row] = await t.dataSource.query(`SELECT ${tables.map((table, i) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${table} x) AS t${i}`).join(', ')}`);
  return Object.fromEntries(tables.map((table, i) => [table, row[`t${i}`]]));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'ipm-indicators-'));
  t = await startTestApp({ demo: false });
  const agency = (await t.http.post('/api/lead-agencies').send({ name: 'Children’s Social Care' }).expect(201)).body;
  // The plan's priorities are its sections; "Early Help" is not one yet.
  t.clock.set('2021-09-01');
  plan = (
    await t.http
      .post('/api/plans')
      .send({
        title: 'Children’s Services Improvement Plan',
        kind: 'other',
        sections: [
          {
            title: 'Effective assessment and intervention',
            recommendations: [
              {
                number: 1,
                band: 'by_date',
                targetDate: '2022-05-31',
                text: 'Assessments are timely and of good quality.',
                activities: [
                  { text: 'Audit re-referrals to the front door', leadAgencyIds: [agency.id] },
                  { text: 'Train staff in the new assessment framework', leadAgencyIds: [agency.id], dueDate: '2022-09-30' },
                ],
              },
            ],
          },
          {
            title: 'Children in Care',
            recommendations: [{ number: 1, band: 'by_date', targetDate: '2022-12-31', text: 'Children are visited on time.', activities: [{ text: 'Recruit two visiting officers', leadAgencyIds: [agency.id] }] }],
          },
        ],
      })
      .expect(201)
  ).body;
  plan = await planTree(t, plan.id);
  await t.http.post('/api/users').send({ name: 'Chris Chair', email: CHAIR, roles: ['board_chair'], password: TEST_PASSWORD, planRoles: [{ planId: plan.id, role: 'chair' }] }).expect(201);
  // The performance team's sheet for June arrives in mid-July.
  t.clock.set('2022-07-14T10:00:00+01:00');
});

afterAll(async () => {
  t?.clock.reset();
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('importing the board-report table', () => {
  it('previews the indicators, months, targets and comparators, with warnings naming row and column, and proposes the priority the plan lacks; nothing is written', async () => {
    const before = await recordFingerprint();
    const { body } = await importFile(t.http, '/api/indicators/imports/preview', { planId: plan.id }).expect(200);
    expect(body.layout).toBe('wide');
    expect(body.months).toEqual(['2021-10', '2021-11', '2021-12', '2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06']);
    expect(body.priorities.map((p: { title: string; action: string; sheetRating: string | null }) => [p.title, p.action, p.sheetRating])).toEqual([
      ['Effective Assessment and Intervention', 'matched', 'Amber, Medium Risk'],
      ['Children in Care', 'matched', 'Red, High Risk'],
      ['Early Help', 'unmatched', null],
    ]);
    expect(body.indicators).toHaveLength(12);
    const reReferrals = body.indicators[0];
    expect(reReferrals).toMatchObject({ title: 'Percentage of re-referrals within 12 months', action: 'create', unit: 'percentage', polarity: 'lower_is_better', priorities: ['Effective Assessment and Intervention'] });
    expect(reReferrals.values.map((v: { month: string }) => v.month)).toEqual(['2021-10', '2021-11', '2021-12', '2022-01', '2022-02', '2022-03', '2022-04', '2022-06']);
    expect(reReferrals.targets).toEqual([{ financialYear: 2022, text: '23%', outcome: 'created' }]);
    expect(reReferrals.comparators.map((c: { name: string; kind: string; value: number | null }) => [c.name, c.kind, c.value])).toEqual([
      ['Southampton 19/20', 'own_previous_year', 22.1],
      ['Southampton 20/21', 'own_previous_year', 20.4],
      ['Statistical Neighbours', 'statistical_neighbours', 28],
      ['South East', 'region', 24.9],
      ['England', 'england', 22.7],
    ]);
    const contacts = body.indicators.find((i: { title: string }) => i.title === 'Number of contacts');
    expect(contacts.targets).toEqual([{ financialYear: 2022, text: '<17k', outcome: 'created' }]);
    expect(contacts.comparators.filter((c: { value: number | null }) => c.value === null).map((c: { text: string }) => c.text)).toEqual(['N/A', 'N/A', 'N/A']);
    expect(body.indicators.find((i: { title: string }) => i.title === 'Number of children in care').targets[0].text).toBe('TBC');
    const warnings = body.warnings.map((w: { message: string }) => w.message);
    expect(warnings).toEqual(
      expect.arrayContaining([
        "row 3, column 'Dec-2l': read as December 2021",
        "row 10, column 'Feb-22': '≈88' is not a number; left empty",
        "row 18, column 'Target': '≈20' is not a number",
        "row 12, column 'South East': 'n.k.' is not a number",
      ]),
    );
    expect(body.problems).toEqual({
      'priorities[2]': expect.stringContaining('the priority "Early Help" is not a section of the plan'),
    });
    expect(await recordFingerprint()).toEqual(before);
  });

  it('refuses to commit while a priority is not a section of the plan, naming it, and writes nothing', async () => {
    const before = await recordFingerprint();
    const refused = await importFile(t.http, '/api/indicators/imports', { planId: plan.id });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toHaveProperty(['priorities[2]']);
    expect(await recordFingerprint()).toEqual(before);
  });

  it('commits with the new section asked for, in one go', async () => {
    const response = await importFile(t.http, '/api/indicators/imports', { planId: plan.id, createSections: 'true' }).expect(201);
    committed = response.body;
    expect(response.body.summary).toMatchObject({ sectionsCreated: 1, indicatorsCreated: 12, valuesCorrected: 0, ratingsRecorded: 2 });
    plan = await planTree(t, plan.id);
    expect(plan.sections.map((s) => s.title)).toEqual(['Effective assessment and intervention', 'Children in Care', 'Early Help']);
    const list = await t.http.get(`/api/indicators?planId=${plan.id}&pageSize=50`).expect(200);
    expect(list.body.total).toBe(12);
    expect(list.body.items.map((i: { title: string }) => i.title)).toEqual(response.body.indicators.map((i: { title: string }) => i.title));
    const rate = list.body.items.find((i: { title: string }) => i.title.startsWith('Rates of Single'));
    expect(rate).toMatchObject({ unit: 'rate_per_10000', cumulation: 'year_to_date', polarity: 'higher_is_better', targets: [{ financialYear: 2022, text: '550', kind: 'value', value: 550 }] });
  });

  it('imported again, changes nothing at all', async () => {
    const before = await recordFingerprint();
    const { body } = await importFile(t.http, '/api/indicators/imports', { planId: plan.id }).expect(201);
    expect(body.summary).toMatchObject({ sectionsCreated: 0, indicatorsCreated: 0, indicatorsUpdated: 0, valuesCreated: 0, valuesCorrected: 0, targetsSet: 0, comparatorsSet: 0, ratingsRecorded: 0 });
    expect(await recordFingerprint()).toEqual(before);
  });
});

describe('the performance report as of June 2022', () => {
  let doc: Element[];
  let source: string;

  beforeAll(async () => {
    // The chair writes June's narrative for the first priority in July.
    t.clock.set('2022-07-20T09:00:00+01:00');
    const chair = await t.as(CHAIR);
    await chair
      .put(`/api/sections/${plan.sections[0].id}/months/2022-06/narrative`)
      .send({ dataTellsUs: 'Re-referrals rose in June.\n\nAssessments within 45 days are above target.', nextSteps: 'Audit a sample of re-referrals.' })
      .expect(200);
    t.clock.set('2022-09-20T09:00:00+01:00');
    const response = await t.http.get(`/api/plans/${plan.id}/performance-report?asOf=2022-06`).expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    source = response.text;
    doc = html(source);
  });

  it('heads each priority with its RAG and risk label, and gives the reasons', () => {
    const headings = all(doc, (el) => el.name === 'h2' && /^priority-/.test(el.attribs.id ?? '')).map(text);
    expect(headings).toEqual([
      'Effective assessment and intervention — RAG: Amber, Medium Risk',
      'Children in Care — RAG: Red, High Risk',
      expect.stringMatching(/^Early Help — RAG: (Red|Amber|Green)$/),
    ]);
    const reasons = all(doc, (el) => el.name === 'ul' && el.attribs.class === 'reasons').map((ul) => all(ul, named('li')).map(text));
    expect(reasons[0][0]).toMatch(/^Rated Amber, Medium Risk by .* on 14 Jul 2022: as stated in the imported board report "board-report-wide.csv"$/);
    // The chair's rating stands over the record; the record is shown beside it, worst first, with counts.
    expect(reasons[0].slice(1)).toEqual([
      'The record alone says Red',
      'Indicators: 2 amber, 1 green, 1 not rated',
      'Activities: 1 red, 1 green',
      'Amber: Percentage of re-referrals within 12 months: 26% against a target of 23% (lower is better): 3 points worse (13% of the target), within the amber tolerance',
      'Amber: Rates of Single Assessments completed per 10,000: 130.5 per 10,000 against a target of 137.5 per 10,000 (higher is better): 7 per 10,000 worse (5.1% of the target), within the amber tolerance',
    ]);
  });

  it('prints each priority’s table: the last nine months, target and comparators, each value marked against target', () => {
    const tables = all(doc, (el) => el.name === 'table' && el.attribs.class === 'indicators');
    expect(tables).toHaveLength(3);
    expect(all(tables[0], named('th')).filter((th) => th.attribs.scope === 'col').map(text)).toEqual([
      'Indicator', 'Oct-21', 'Nov-21', 'Dec-21', 'Jan-22', 'Feb-22', 'Mar-22', 'Apr-22', 'May-22', 'Jun-22', 'Target',
      'Southampton 19/20', 'Southampton 20/21', 'Statistical Neighbours', 'South East', 'England', 'RAG and why',
    ]);
    const rows = tables.flatMap((table) => all(table, named('tr')).filter((tr) => all(tr, (el) => el.name === 'th' && el.attribs.scope === 'row').length));
    expect(rows).toHaveLength(12);
    const reReferrals = all(rows[0], named('td')).map(text);
    // The sheet's target is for 2022/23: the months of 2021/22 have none, so they are shown but not marked.
    expect(reReferrals.slice(0, 11)).toEqual(['21%', '22%', '23%', '22%', '24%', '25%', '24%Green', 'No data', '26%Amber', '23%', '22.1%']);
    expect(reReferrals[reReferrals.length - 1]).toContain('Better than statistical neighbours (28%)');
  });

  it('draws one chart per indicator as SVG, each with its text alternative beside the table', () => {
    const figures = all(doc, (el) => el.name === 'figure' && el.attribs.class === 'chart');
    expect(figures).toHaveLength(12);
    for (const figure of figures) {
      const [svg] = all(figure, named('svg'));
      expect(svg.attribs.role).toBe('img');
      expect(svg.attribs['aria-labelledby']).toBe(`${figure.attribs.id}-text`);
      expect(text(all(figure, named('figcaption')))).not.toBe('');
    }
    expect(text(all(figures[0], named('figcaption')))).toMatch(/^Percentage of re-referrals within 12 months, October 2021 to June 2022: .*no data for May 2022/);
    expect(source).not.toMatch(/<script|foreignObject/i);
  });

  it('prints the narratives and the priority’s overdue and at-risk actions', () => {
    const first = all(doc, (el) => el.name === 'section' && (el.attribs.class ?? '').startsWith('priority'))[0];
    expect(text(first)).toContain('Re-referrals rose in June.');
    expect(text(first)).toContain('Audit a sample of re-referrals.');
    expect(text(first)).toContain('Audit re-referrals to the front door');
  });

  it('prints the same in the PDF, read back with pdftotext', async () => {
    const pdf = await fetchBinary(t.http, `/api/plans/${plan.id}/performance-report?asOf=2022-06&format=pdf`);
    const file = path.join(work, 'report.pdf');
    writeFileSync(file, pdf);
    const pdfText = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
    expect(pdfText).toContain('Effective assessment and intervention — RAG: Amber, Medium Risk');
    expect(pdfText).toContain('Percentage of re-referrals within 12 months');
    expect(pdfText).toContain('No data');
    expect(pdfText).toContain('Average days between entering care and moving in with an adoptive family');
  });

  it('gives Word native tables of the same figures, and a chart per indicator', async () => {
    const docx = await fetchBinary(t.http, `/api/plans/${plan.id}/performance-report?asOf=2022-06&format=docx`);
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    const tables = all(htmlparser2.parseDocument(xml, { xmlMode: true }).children as Element[], named('w:tbl'));
    const wordText = (el: Element) => all(el, named('w:t')).map((node) => domutils.textContent(node)).join('');
    const rowsOf = (table: Element) => table.children.filter((c): c is Element => (c as Element).name === 'w:tr');
    const indicatorTables = tables.filter((table) => wordText(rowsOf(table)[0]).startsWith('IndicatorOct-21'));
    expect(indicatorTables).toHaveLength(3);
    const header = rowsOf(indicatorTables[0])[0];
    expect(all(header, named('w:tblHeader')).length).toBe(1);
    const firstRow = rowsOf(indicatorTables[0])[1].children.filter((c): c is Element => (c as Element).name === 'w:tc').map(wordText);
    expect(firstRow[0]).toContain('Percentage of re-referrals within 12 months');
    expect(firstRow.slice(8, 10)).toEqual(['No data', '26%Amber']);
    expect(Object.keys(zip.files).filter((name) => /^word\/charts\/chart\d+\.xml$/.test(name))).toHaveLength(12);
  });
});

describe('a late correction: kept in the history, out of the June report as it was written', () => {
  let reReferrals: string;

  beforeAll(async () => {
    reReferrals = indicatorId('Percentage of re-referrals within 12 months');
    // In September the performance team revalidates June's figure, and the chair rewrites June's narrative.
    t.clock.set('2022-09-05T11:00:00+01:00');
  });

  it('refuses a correction that does not name the version it corrects, or names a stale one (409 with the value as it stands)', async () => {
    const blind = await t.http.put(`/api/indicators/${reReferrals}/values/2022-06`).send({ value: 27 });
    expect(blind.status).toBe(409);
    expect(blind.body.current).toMatchObject({ month: '2022-06', value: 26, version: 1 });
    const stale = await t.http.put(`/api/indicators/${reReferrals}/values/2022-06`).send({ value: 27, version: 2 });
    expect(stale.status).toBe(409);
  });

  it('corrects the June value as a new version, and keeps the earlier one in the history and on the audit trail', async () => {
    const { body } = await t.http.put(`/api/indicators/${reReferrals}/values/2022-06`).send({ value: 27, numerator: 54, denominator: 200, status: 'final', note: 'Revalidated', version: 1 }).expect(200);
    expect(body).toMatchObject({ outcome: 'corrected', value: { month: '2022-06', value: 27, version: 2, status: 'final', supersededAt: null } });
    const history = (await t.http.get(`/api/indicators/${reReferrals}/values/2022-06/history`).expect(200)).body;
    expect(history.versions.map((v: { value: number; version: number; supersededAt: string | null; fromImport: string | null }) => [v.version, v.value, v.supersededAt !== null, v.fromImport])).toEqual([
      [1, 26, true, committed.importId],
      [2, 27, false, null],
    ]);
    const audit = (await t.http.get(`/api/audit?entityType=indicator_value&entityId=${reReferrals}:2022-06`).expect(200)).body;
    expect(audit.items.map((e: { action: string; before: { value: number } | null; after: { value: number } }) => [e.action, e.before?.value ?? null, e.after.value])).toEqual(
      expect.arrayContaining([
        ['create', null, 26],
        ['update', 26, 27],
      ]),
    );
    // The same again is no change at all.
    const again = await t.http.put(`/api/indicators/${reReferrals}/values/2022-06`).send({ value: 27, numerator: 54, denominator: 200, status: 'final', note: 'Revalidated', version: 2 }).expect(200);
    expect(again.body.outcome).toBe('unchanged');
  });

  it('leaves the June report as recorded by the end of July: the earlier value and narrative', async () => {
    const chair = await t.as(CHAIR);
    const month = (await chair.get(`/api/sections/${plan.sections[0].id}/months/2022-06`).expect(200)).body;
    await chair.put(`/api/sections/${plan.sections[0].id}/months/2022-06/narrative`).send({ dataTellsUs: 'Re-referrals were revalidated at 27%.', version: month.narrative.version }).expect(200);
    const june = html((await t.http.get(`/api/plans/${plan.id}/performance-report?asOf=2022-06`).expect(200)).text);
    const row = all(all(june, (el) => el.name === 'table' && el.attribs.class === 'indicators')[0], named('tr'))[1];
    expect(all(row, named('td')).map(text)[8]).toBe('26%Amber');
    expect(text(june)).toContain('Re-referrals rose in June.');
    expect(text(june)).not.toContain('revalidated at 27%');
    expect(text(june)).toContain('as the record held them at the end of 31 July 2022');
  });

  it('shows the corrected value in a later month’s report, in the current view, and as recorded by a later day', async () => {
    const cell = async (url: string) => {
      const doc = html((await t.http.get(url).expect(200)).text);
      const row = all(all(doc, (el) => el.name === 'table' && el.attribs.class === 'indicators')[0], named('tr'))[1];
      const cells = all(row, named('td')).map(text);
      const headings = all(all(doc, (el) => el.name === 'table' && el.attribs.class === 'indicators')[0], named('th')).filter((th) => th.attribs.scope === 'col').map(text);
      return cells[headings.indexOf('Jun-22') - 1];
    };
    expect(await cell(`/api/plans/${plan.id}/performance-report?asOf=2022-06&view=current`)).toBe('27%Red');
    expect(await cell(`/api/plans/${plan.id}/performance-report?asOf=2022-06&recordedBy=2022-09-05`)).toBe('27%Red');
    expect(await cell(`/api/plans/${plan.id}/performance-report?asOf=2022-06&recordedBy=2022-09-04`)).toBe('26%Amber');
    expect(await cell(`/api/plans/${plan.id}/performance-report?asOf=2022-08`)).toBe('27%Red');
  });
});
