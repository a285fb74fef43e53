import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as htmlparser2 from 'htmlparser2';
import * as domutils from 'domutils';
import type { Element } from 'domhandler';
import * as path from 'path';
import { databaseState } from './fixtures/imports/database-state';
import { planTree } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

/**
 * Issue 15: spreadsheets laid out the way officers lay them out, an Ofsted
 * report uploaded as a .txt file, and the papers made from imported Ofsted
 * recommendations.
 */

const ofsted = fs.readFileSync(path.join(__dirname, 'fixtures/reference/southampton-2012-ofsted-areas-for-improvement.txt'), 'utf8');

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csvOf = (rows: string[][]) => Buffer.from(rows.map((row) => row.map(csvCell).join(',')).join('\n'));

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Actions');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Three recommendations, each with one action, under headings a council chose. */
function officersSheet(headings: { lead: string; due: string; measure: string; cost: string }, extra: string[] = []): string[][] {
  return [
    ['Recommendation', 'Action', headings.lead, headings.due, headings.measure, headings.cost, 'Timescale', ...extra],
    ['1. Ensure that visits to children looked after are timely', 'Audit visits every month', 'Head of Safeguarding', '30/09/2012', 'All visits within timescale', '£3k per month', 'Immediate', ...extra.map(() => 'Red')],
    ['2. Increase staffing stability', 'Recruit permanent social workers', 'HR Services', '31 December 2012', 'Vacancies below 10%', 'Existing resources', 'within six months', ...extra.map(() => 'On track')],
    ['3. Ensure that care plans are specific', 'Train staff in care planning', 'Workforce Development', 'November 2012', 'Audits show specific plans', 'To be confirmed', '3 months', ...extra.map(() => '')],
  ];
}

interface PreviewActivity {
  text: string;
  outcomeMeasures: string[];
  cost: { text: string; kind: string };
  leadAgencyText: string | null;
  dueDate: { date: string; precision: string } | null;
}

describe('Imports: the columns officers use (issue 15)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: false });
  });
  afterAll(() => t.close());

  const read = (body: { sections: Array<{ recommendations: Array<{ number: number; band: string; activities: PreviewActivity[] }> }> }) =>
    body.sections[0].recommendations.map((r) => {
      const [a] = r.activities;
      return [r.number, r.band, a.leadAgencyText, a.dueDate && [a.dueDate.date, a.dueDate.precision], a.outcomeMeasures, a.cost.text];
    });
  const EXPECTED = [
    [1, 'immediately', 'Head of Safeguarding', ['2012-09-30', 'day'], ['All visits within timescale'], '£3k per month'],
    [2, 'within_six_months', 'HR Services', ['2012-12-31', 'day'], ['Vacancies below 10%'], 'Existing resources'],
    [3, 'within_three_months', 'Workforce Development', ['2012-11-30', 'month'], ['Audits show specific plans'], 'To be confirmed'],
  ];

  it.each([
    [{ lead: 'Lead Officer/Agency', due: 'Target Date', measure: 'Success Measure', cost: 'Budget' }],
    [{ lead: 'Lead', due: 'Deadline', measure: 'Measure of success', cost: 'Resources' }],
    [{ lead: 'Responsible', due: 'Due', measure: 'Success Measure', cost: 'Budget' }],
    [{ lead: 'Lead Officer / Agency', due: 'Target completion date', measure: 'Measures of success', cost: 'Resources required' }],
  ])('reads %j, and a Timescale of bands as the band, as CSV and as XLSX', async (headings) => {
    const rows = officersSheet(headings);
    for (const [file, name] of [
      [csvOf(rows), 'actions.csv'],
      [await xlsxOf(rows), 'actions.xlsx'],
    ] as const) {
      const { body } = await t.http.post('/api/imports/preview').attach('file', file, name).field('publishedOn', '2012-06-13').expect(200);
      expect(body.layout).toBe('ofsted');
      expect(read(body)).toEqual(EXPECTED);
      expect(body.warnings.filter((w: { code: string }) => w.code === 'unmapped_column')).toEqual([]);
    }
  });

  it('reads a Timescale of dates and cadences as the "By when" of an outcome-first plan', async () => {
    const rows = [
      ['Outcome', 'Action', 'Lead', 'Timescale'],
      ['Children are safe', 'Map hot spots', 'Police', 'April 2016'],
      ['', 'Review the plan', 'Police', 'Quarterly'],
    ];
    const { body } = await t.http.post('/api/imports/preview').attach('file', csvOf(rows), 'plan.csv').field('startsOn', '2015-04-01').field('endsOn', '2016-03-31').expect(200);
    expect(body.layout).toBe('outcome-first');
    const [map, review] = body.sections[0].recommendations[0].activities;
    expect([map.timescale.text, map.dueDate.date]).toEqual(['April 2016', '2016-04-30']);
    expect([review.timescale.cadence, review.timescale.milestones.length]).toEqual(['quarterly', 4]);
  });

  it('warns of every column it maps to nothing, naming its heading, and writes nothing from it', async () => {
    const rows = officersSheet({ lead: 'Lead', due: 'Deadline', measure: 'Measure of success', cost: 'Budget' }, ['RAG', 'Progress update', 'Lead']);
    const fromCsv = (await t.http.post('/api/imports/preview').attach('file', csvOf(rows), 'actions.csv').expect(200)).body;
    expect(fromCsv.warnings.filter((w: { code: string }) => w.code === 'unmapped_column').map((w: { column: string; line: number; message: string }) => [w.column, w.line, w.message])).toEqual([
      ['RAG', 1, expect.stringMatching(/^Line 1: the column "RAG" \(column 8\) is not a column a plan keeps, so its cells were not imported; .*send mapping \{ "<field>": "RAG" \}$/)],
      ['Progress update', 1, expect.stringContaining('"Progress update" (column 9)')],
      // A second "Lead" column: the first one is the lead agency.
      ['Lead', 1, expect.stringContaining('"Lead" (column 10)')],
    ]);
    expect(read(fromCsv)[0][2]).toBe('Head of Safeguarding');
    const fromXlsx = (await t.http.post('/api/imports/preview').attach('file', await xlsxOf(rows), 'actions.xlsx').expect(200)).body;
    expect(fromXlsx.warnings.filter((w: { code: string }) => w.code === 'unmapped_column').map((w: { column: string; sheet: string; row: number }) => [w.column, w.sheet, w.row])).toEqual([
      ['RAG', 'Actions', 1],
      ['Progress update', 'Actions', 1],
      ['Lead', 'Actions', 1],
    ]);
    const written = await t.http.post('/api/imports').attach('file', csvOf(rows), 'actions.csv').expect(201);
    expect(written.body.warnings.filter((w: { code: string }) => w.code === 'unmapped_column')).toHaveLength(3);
    const plan = await planTree(t, written.body.planId);
    expect(JSON.stringify(plan)).not.toContain('On track');
  });

  it('reads a column it would leave out when the request maps it', async () => {
    const rows = officersSheet({ lead: 'Lead', due: 'Deadline', measure: 'Measure of success', cost: 'Budget' }, ['Workstream']);
    rows.slice(1).forEach((row) => (row[row.length - 1] = 'Front door'));
    const unmapped = (await t.http.post('/api/imports/preview').attach('file', csvOf(rows), 'actions.csv').expect(200)).body;
    expect(unmapped.warnings.filter((w: { code: string }) => w.code === 'unmapped_column').map((w: { column: string }) => w.column)).toEqual(['Workstream']);
    const { body } = await t.http
      .post('/api/imports/preview')
      .attach('file', csvOf(rows), 'actions.csv')
      .field('mapping', JSON.stringify({ section: 'Workstream' }))
      .expect(200);
    expect(body.sections.map((s: { title: string }) => s.title)).toEqual(['Front door']);
    expect(body.warnings.filter((w: { code: string }) => w.code === 'unmapped_column')).toEqual([]);
  });
});

describe('Imports: an Ofsted report as a .txt file, and the papers made from it (issue 15)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('recognises the report from its text, as it does when pasted', async () => {
    const uploaded = (await t.http.post('/api/imports/preview').attach('file', Buffer.from(ofsted), 'ofsted-report.txt').expect(200)).body;
    const pasted = (await t.http.post('/api/imports/preview').send({ text: ofsted }).expect(200)).body;
    expect(uploaded.format).toBe('ofsted-report');
    expect(uploaded.counts).toEqual(pasted.counts);
    expect(uploaded.counts).toMatchObject({ sections: 2, recommendations: 17 });
    expect(uploaded.sections.map((s: { title: string }) => s.title)).toEqual(pasted.sections.map((s: { title: string }) => s.title));
  });

  it('names the format option when it cannot tell what a text file is, and writes nothing', async () => {
    const before = await databaseState(t.dataSource);
    for (const url of ['/api/imports/preview', '/api/imports']) {
      const response = await t.http.post(url).attach('file', Buffer.from('Dear colleagues,\nThe plan is attached.\n'), 'letter.txt').expect(400);
      expect(response.body).toMatchObject({ problem: 'no_table', errors: { format: 'could not be told from the file; send one of: text, csv, xlsx, ofsted-report' } });
      expect(response.body.message).toMatch(/send the format option \(text, csv, xlsx, ofsted-report\)$/);
    }
    expect(await databaseState(t.dataSource)).toEqual(before);
  });

  it('keeps Ofsted’s wording, starts each recommendation with a capital in the paper, and closes with a summary that reads naturally', async () => {
    const imported = await t.http.post('/api/imports').attach('file', Buffer.from(ofsted), 'ofsted-report.txt').field('paragraphs', '23,102').expect(201);
    const plan = await planTree(t, imported.body.planId);
    const first = plan.sections[0].recommendations[0] as unknown as { text: string };
    expect(first.text).toMatch(/^ensure that the quality of social work to safeguard children/);

    const doc = htmlparser2.parseDocument((await t.http.get(`/api/plans/${imported.body.planId}/appendix`).expect(200)).text).children as Element[];
    const text = (node: Element | Element[]) => domutils.textContent(node).replace(/\s+/g, ' ').trim();
    const headers = domutils.findAll((el) => el.name === 'th' && el.attribs.scope === 'row', doc).map(text);
    expect(headers[0]).toBe('1. Ensure that the quality of social work to safeguard children is of a consistently high standard and that this is supported by regular high quality supervision by managers');
    expect(headers.every((header) => /^\d+\. [A-Z]/.test(header))).toBe(true);

    const summary = domutils.findAll((el) => el.name === 'section' && /summary/.test(el.attribs.class ?? ''), doc)[0];
    const leadIns = domutils.findAll((el) => el.name === 'p', [summary]).map(text);
    expect(leadIns).toEqual(['Immediately, ensure that:', 'Within three months:', 'Within six months, ensure that:', 'Immediately, ensure that:', 'Within three months, ensure that:', 'Within six months:']);
    const items = domutils.findAll((el) => el.name === 'li', [summary]).map(text);
    expect(items[0]).toBe('the quality of social work to safeguard children is of a consistently high standard and that this is supported by regular high quality supervision by managers');
    expect(items[2]).toMatch(/^ensure staffing stability, in particular in the protection and court teams/);
    expect(items[3]).toMatch(/^ensure that the needs of homeless children/);
    expect(items[items.length - 1]).toMatch(/^NHS Southampton PCT should ensure that there is sufficient capacity/);
  });
});
