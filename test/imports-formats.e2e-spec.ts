import ExcelJS from 'exceljs';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as path from 'path';
import { databaseState } from './fixtures/imports/database-state';
import { PlanTreeBody, demoPlan, planTree } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

const FIXTURES = path.join(__dirname, 'fixtures');
const paper = fs.readFileSync(path.join(FIXTURES, 'reference/southampton-2012-quality-improvement-plan.txt'), 'utf8');
const csv = fs.readFileSync(path.join(FIXTURES, 'imports/southampton-2012-plan.csv'));
const xlsx = fs.readFileSync(path.join(FIXTURES, 'imports/southampton-2012-plan.xlsx'));
const businessPlan = fs.readFileSync(path.join(FIXTURES, 'imports/outcome-first-business-plan.txt'));

interface PreviewActivity {
  text: string;
  outcomeMeasures: string[];
  cost: { text: string };
  leadAgencyText: string | null;
  leadAgencies: Array<{ name: string; absorbedInto?: string }>;
  dueDate: { date: string } | null;
}
interface PreviewBody {
  sections: Array<{ title: string; recommendations: Array<{ number: number; band: string; text: string; activities: PreviewActivity[] }> }>;
}

/** The tree a preview describes, as a council reads it. */
function previewTree(body: PreviewBody) {
  return body.sections.map((s) => ({
    title: s.title,
    recommendations: s.recommendations.map((r) => ({
      number: r.number,
      band: r.band,
      text: r.text,
      activities: r.activities.map((a) => ({
        text: a.text,
        outcomeMeasures: a.outcomeMeasures,
        cost: a.cost.text,
        leadAgencyText: a.leadAgencyText,
        leadAgencies: a.leadAgencies.filter((p) => !p.absorbedInto).map((p) => p.name),
        dueDate: a.dueDate?.date ?? null,
      })),
    })),
  }));
}

/** The same, from a stored plan. */
function storedTree(plan: PlanTreeBody) {
  return plan.sections.map((s) => ({
    title: s.title,
    recommendations: s.recommendations.map((r) => ({
      number: r.number,
      band: r.band,
      text: (r as unknown as { text: string }).text,
      activities: (r.activities as unknown as Array<PreviewActivity & { dueDate: string | null; dueDateOverridden: boolean }>).map((a) => ({
        text: a.text,
        outcomeMeasures: a.outcomeMeasures,
        cost: a.cost.text,
        leadAgencyText: a.leadAgencyText,
        leadAgencies: a.leadAgencies.map((l) => l.name),
        dueDate: a.dueDateOverridden ? a.dueDate : null,
      })),
    })),
  }));
}

describe('Imports: spreadsheets, outcome-first plans and bad input', () => {
  let t: TestApp;
  let demo: PlanTreeBody;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    demo = await demoPlan(t);
  });
  afterAll(() => t.close());

  describe('the same plan as CSV and as XLSX', () => {
    it('previews both to the same tree, the demo plan’s, by multipart upload', async () => {
      const fromCsv = await t.http.post('/api/imports/preview').attach('file', csv, 'southampton-2012-plan.csv').expect(200);
      const fromXlsx = await t.http.post('/api/imports/preview').attach('file', xlsx, 'southampton-2012-plan.xlsx').expect(200);
      expect(fromCsv.body).toMatchObject({ format: 'csv', counts: { sections: 2, recommendations: 17, activities: 58 } });
      expect(fromXlsx.body).toMatchObject({ format: 'xlsx', sheet: 'QIP', counts: { sections: 2, recommendations: 17, activities: 58 } });
      expect(previewTree(fromXlsx.body)).toEqual(previewTree(fromCsv.body));
      expect(previewTree(fromCsv.body)).toEqual(storedTree(demo));
      expect(fromXlsx.body.notes.find((n: { code: string }) => n.code === 'ignored_sheet')).toMatchObject({ sheet: 'Cover' });
    });

    it('names the sheet and row of each warning in a workbook, and the line in a CSV', async () => {
      const fromXlsx = await t.http.post('/api/imports/preview').attach('file', xlsx, 'southampton-2012-plan.xlsx').expect(200);
      expect(fromXlsx.body.warnings.find((w: { code: string }) => w.code === 'truncated_text')).toMatchObject({ sheet: 'QIP', row: 34 });
      expect(fromXlsx.body.warnings.find((w: { code: string }) => w.code !== 'plan_exists').message).toMatch(/^Sheet "QIP", row \d+: /);
      const fromCsv = await t.http.post('/api/imports/preview').attach('file', csv, 'southampton-2012-plan.csv').expect(200);
      expect(fromCsv.body.warnings.find((w: { code: string }) => w.code === 'truncated_text').line).toBeGreaterThan(1);
    });

    it('writes both to the same plan', async () => {
      const fromCsv = await t.http.post('/api/imports').attach('file', csv, 'southampton-2012-plan.csv').field('publishedOn', '2012-06-13').expect(201);
      const fromXlsx = await t.http.post('/api/imports').attach('file', xlsx, 'southampton-2012-plan.xlsx').field('publishedOn', '2012-06-13').expect(201);
      const a = await planTree(t, fromCsv.body.planId);
      const b = await planTree(t, fromXlsx.body.planId);
      expect(storedTree(a)).toEqual(storedTree(b));
      expect(storedTree(a)).toEqual(storedTree(demo));
      expect(a.sections.flatMap((s) => s.recommendations.flatMap((r) => r.activities.map((x) => x.dueDate)))).toEqual(
        demo.sections.flatMap((s) => s.recommendations.flatMap((r) => r.activities.map((x) => x.dueDate))),
      );
    });

    it('reads a council’s own headings through an explicit mapping', async () => {
      const renamed = csv.toString('utf8').replace('Activity to be delivered', 'Intervention').replace('Lead agency', 'Partner');
      await t.http.post('/api/imports/preview').attach('file', Buffer.from(renamed), 'plan.csv').expect(400);
      const mapped = await t.http
        .post('/api/imports/preview')
        .attach('file', Buffer.from(renamed), 'plan.csv')
        .field('mapping', JSON.stringify({ activity: 'Intervention', leadAgency: 'Partner' }))
        .expect(200);
      expect(mapped.body.counts).toMatchObject({ recommendations: 17, activities: 58 });
    });
  });

  describe('an outcome-first plan', () => {
    it('imports months, cadences and several years as due dates and recurring milestones', async () => {
      const response = await t.http
        .post('/api/imports')
        .attach('file', businessPlan, 'lscb-business-plan.txt')
        .field('kind', 'business_plan')
        .field('startsOn', '2015-04-01')
        .expect(201);
      expect(response.body).toMatchObject({ layout: 'outcome-first', plan: { kind: 'business_plan', startsOn: '2015-04-01', endsOn: '2017-09-30', columnLabels: ['Outcome', 'Action required', 'By who', 'By when', 'Measure of success'] } });
      expect(response.body.changes.summary.created).toEqual({ plans: 1, sections: 2, recommendations: 3, activities: 7, leadAgencies: 7, milestones: 25 });
      expect(response.body.warnings.map((w: { code: string; line: number }) => [w.code, w.line])).toEqual([
        ['unreadable_date', 18],
        ['empty_measures', 19],
        ['date_before_plan_start', 19],
      ]);

      const plan = await planTree(t, response.body.planId);
      const activities = plan.sections.flatMap((s) => s.recommendations.flatMap((r) => r.activities)) as unknown as Array<{ id: string; text: string; dueDate: string | null; dueDatePrecision: string }>;
      const due = (start: string) => activities.find((a) => a.text.startsWith(start))!;
      expect([due('Roll out').dueDate, due('Roll out').dueDatePrecision]).toEqual(['2016-04-30', 'month']);
      expect(due('Review the CSE action plan').dueDate).toBe('2017-09-30');
      expect(due('Train taxi drivers').dueDate).toBe('2017-09-30');
      expect(due('Publish a seven-minute briefing').dueDate).toBe('2017-04-30');
      expect(plan.sections.map((s) => s.recommendations.map((r) => [r.band, r.dueDate]))).toEqual([
        [
          ['by_date', '2017-09-30'],
          ['by_date', '2017-09-30'],
        ],
        [['by_date', '2017-04-30']],
      ]);

      const milestones: Array<{ text: string; cadence: string | null; dates: string[] }> = await t.dataSource.query(
        `SELECT t.text, t.cadence, array_agg(to_char(m.due_date, 'YYYY-MM-DD') ORDER BY m.position) AS dates
           FROM activity_timescales t JOIN activity_milestones m ON m.activity_id = t.activity_id
          WHERE t.activity_id = ANY($1::uuid[]) GROUP BY t.activity_id, t.text, t.cadence ORDER BY t.text`,
        [activities.map((a) => a.id)],
      );
      expect(milestones).toEqual([
        { text: 'Annually', cadence: 'annually', dates: ['2016-04-30', '2017-04-30'] },
        { text: 'Quarterly', cadence: 'quarterly', dates: expect.arrayContaining(['2015-06-30', '2017-09-30']) },
        { text: 'Quarterly review of action plans', cadence: 'quarterly', dates: ['2015-06-30', '2015-09-30', '2015-12-31', '2016-03-31', '2016-06-30', '2016-09-30', '2016-12-31', '2017-03-31', '2017-06-30', '2017-09-30'] },
        { text: 'September 2015 / 16 / 17', cadence: null, dates: ['2015-09-30', '2016-09-30', '2017-09-30'] },
      ]);
      const [{ count }] = await t.dataSource.query(`SELECT COUNT(*) AS count FROM audit_events WHERE plan_id = $1 AND entity_type = 'activity_milestone'`, [response.body.planId]);
      expect(Number(count)).toBe(25);

      const listed = await t.http.get(`/api/plans/${response.body.planId}/milestones`).expect(200);
      expect(listed.body.items.map((i: { timescale: { text: string }; milestones: unknown[] }) => [i.timescale.text, i.milestones.length])).toEqual([
        ['April 2016', 0],
        ['Quarterly review of action plans', 10],
        ['September 2015 / 16 / 17', 3],
        ['Quarterly', 10],
        ['Within a month of publication', 0],
        ['March 2015', 0],
        ['Annually', 2],
      ]);
      expect(listed.body.items[2].milestones[0]).toEqual({ dueDate: '2015-09-30', precision: 'month', label: 'September 2015' });
      await (await t.as('viewer@demo.test')).get(`/api/plans/${response.body.planId}/milestones`).expect(404);

      const key = response.body.leadAgencies.find((a: { spellings: string[] }) => a.spellings.includes('CEA'));
      expect(key).toMatchObject({ name: 'Child Exploitation and Abuse sub-group', action: 'create', matchedBy: ['plan_key'], shortName: 'CEA' });
    });

    it('re-imports the same plan without duplicating activities or milestones', async () => {
      const first = await t.http.post('/api/imports').attach('file', businessPlan, 'plan.txt').field('startsOn', '2015-04-01').expect(201);
      const before = await databaseState(t.dataSource);
      const again = await t.http.post('/api/imports').attach('file', businessPlan, 'plan.txt').field('startsOn', '2015-04-01').field('planId', first.body.planId).expect(201);
      expect(again.body.changes.summary).toMatchObject({ created: { activities: 0, milestones: 0, leadAgencies: 0 }, updated: { activities: 0 }, unchanged: { activities: 7 } });
      expect(await databaseState(t.dataSource)).toEqual({ ...before, audit_events: before.audit_events + 1 });
    });
  });

  describe('bad input: a 4xx naming the problem, and nothing written', () => {
    async function workbookWithoutHeader(): Promise<Buffer> {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Budget');
      sheet.addRow(['Cost centre', 'Amount']);
      sheet.addRow(['CSL', 1000]);
      return Buffer.from(await book.xlsx.writeBuffer());
    }
    /** A workbook whose ZIP directory says it unpacks to 300 MB: the check reads the directory, not the data. */
    async function zipBomb(): Promise<Buffer> {
      const zip = new JSZip();
      zip.file('[Content_Types].xml', '<Types/>');
      zip.file('xl/workbook.xml', '<workbook/>');
      zip.file('xl/worksheets/sheet1.xml', '0'.repeat(1000));
      const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
      for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
        bytes.writeUInt32LE(100 * 1_048_576, at + 24);
      }
      return bytes;
    }
    // What Excel's plain "CSV" save gives: dashes, quotes and £ as single Windows-1252 bytes.
    const WINDOWS_1252: Record<string, number> = { '–': 0x96, '—': 0x97, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '€': 0x80 };
    const windows1252 = Buffer.from([...csv.toString('utf8')].map((c) => WINDOWS_1252[c] ?? (c.charCodeAt(0) < 0x100 ? c.charCodeAt(0) : 0x3f)));

    const cases: Array<[string, () => Promise<{ file?: [Buffer, string]; json?: object; fields?: Record<string, string> }>, number, string, Record<string, unknown>]> = [
      ['an empty file', async () => ({ file: [Buffer.alloc(0), 'plan.csv'] }), 400, 'empty_input', {}],
      ['a binary file with a .csv name', async () => ({ file: [Buffer.from([0x00, 0x01, 0x02, 0xff, 0x10, 0x00, 0x41]), 'plan.csv'] }), 415, 'not_text', { line: 1 }],
      ['a workbook with a .csv name', async () => ({ file: [xlsx, 'plan.csv'] }), 415, 'not_text', { line: 1 }],
      ['a CSV with an .xlsx name', async () => ({ file: [csv, 'plan.xlsx'] }), 415, 'unsupported_file', {}],
      ['a spreadsheet with no recognisable header', async () => ({ file: [await workbookWithoutHeader(), 'budget.xlsx'] }), 400, 'no_header', { sheet: 'Budget', row: 1 }],
      ['a CSV with no recognisable header', async () => ({ file: [Buffer.from('Name,Email\nAnn,ann@example.org\n'), 'people.csv'] }), 400, 'no_header', { line: 1 }],
      ['a wrong encoding (Windows-1252 read as UTF-8)', async () => ({ file: [windows1252, 'plan.csv'] }), 400, 'wrong_encoding', { line: 5 }],
      ['a text with no table in it', async () => ({ json: { text: 'Dear colleagues,\nThe plan is attached.\nRegards' } }), 400, 'no_table', {}],
      ['a malformed CSV', async () => ({ file: [Buffer.from('Activity,Lead agency\n"Do it,SCC\n'), 'plan.csv'] }), 400, 'malformed_csv', { line: 2 }],
      ['an old .xls workbook', async () => ({ file: [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'plan.xls'] }), 415, 'unsupported_file', {}],
      ['a Word document', async () => ({ file: [Buffer.from('PK\u0003\u0004'), 'plan.docx'] }), 415, 'unsupported_file', {}],
      ['a workbook that unpacks to far more than the limit', async () => ({ file: [await zipBomb(), 'bomb.xlsx'] }), 413, 'too_large', {}],
      ['nothing at all', async () => ({ json: {} }), 400, 'no_input', {}],
      ['two recommendations with one number', async () => ({ json: { text: paper.replace('2. Core groups are held', '1. Core groups are held') } }), 400, 'duplicate_number', { line: 32 }],
      ['an activity longer than a plan takes', async () => ({ json: { text: paper.replace('Review existing Supervision Policy.', 'x'.repeat(5001)) } }), 400, 'invalid_value', { line: 23 }],
      ['a sheet that is not there', async () => ({ file: [xlsx, 'plan.xlsx'], fields: { sheet: 'Actions' } }), 400, 'no_such_sheet', {}],
    ];

    it.each(cases)('refuses %s', async (_name, build, status, problem, place) => {
      const input = await build();
      const before = await databaseState(t.dataSource);
      for (const url of ['/api/imports/preview', '/api/imports']) {
        let request = t.http.post(url);
        if (input.file) {
          request = request.attach('file', input.file[0], input.file[1]);
          for (const [field, value] of Object.entries(input.fields ?? {})) request = request.field(field, value);
        } else request = request.send(input.json);
        const response = await request;
        expect([response.status, response.body.problem]).toEqual([status, problem]);
        expect(response.body).toMatchObject(place);
        expect(typeof response.body.message).toBe('string');
      }
      expect(await databaseState(t.dataSource)).toEqual(before);
    });

    it('reads the Windows-1252 file when told its encoding', async () => {
      const response = await t.http.post('/api/imports/preview').attach('file', windows1252, 'plan.csv').field('encoding', 'windows-1252').expect(200);
      expect(response.body.sections[0].recommendations[0].activities[2].cost.text).toBe('£3k per month');
    });

    it('refuses options it does not know, naming the field', async () => {
      const json = await t.http.post('/api/imports/preview').send({ text: paper, colour: 'red', publishedOn: '13/06/2012' }).expect(400);
      expect(json.body.errors).toEqual({ colour: 'is not a field this endpoint accepts', publishedOn: 'must be a real date written YYYY-MM-DD' });
      const form = await t.http.post('/api/imports/preview').attach('file', csv, 'plan.csv').field('mapping', '{not json').expect(400);
      expect(form.body.errors).toEqual({ mapping: 'is not valid JSON' });
      const both = await t.http.post('/api/imports/preview').attach('file', csv, 'plan.csv').field('text', 'x').expect(400);
      expect(both.body.errors).toHaveProperty('text');
      const field = await t.http.post('/api/imports/preview').attach('upload', csv, 'plan.csv').expect(400);
      expect(field.body.message).toMatch(/form field named "file"/);
    });

    it('takes a plan sent as JSON that is larger than the 100 KB other JSON bodies keep to, up to the import limit', async () => {
      const text = `${paper}\n${' '.repeat(150_000)}`;
      const preview = await t.http.post('/api/imports/preview').send({ text });
      expect([preview.status, preview.body.problem]).toEqual([200, undefined]);
      expect(preview.body.sections.length).toBeGreaterThan(0);
      // Every other endpoint still refuses a JSON body over 100 KB.
      const plan = await t.http.post('/api/plans').send({ title: 'x'.repeat(150_000), kind: 'other' });
      expect(plan.status).toBe(413);
      // Nobody signed in makes the server read a large body: it stops at 100 KB, before the sign-in check refuses it.
      const anonymous = await t.anon.post('/api/imports/preview').send({ text });
      expect([anonymous.status, anonymous.body.error, anonymous.body.problem]).toEqual([413, 'Payload Too Large', undefined]);
      const forged = await t.anon.post('/api/imports/preview').set('Authorization', 'Bearer not-a-token').send({ text });
      expect([forged.status, forged.body.problem]).toEqual([413, undefined]);
      expect((await t.anon.post('/api/imports/preview').send({ text: paper })).status).toBe(401);
    });

    it('refuses a file over the default 10 MB limit with 413', async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
      const response = await t.http.post('/api/imports/preview').attach('file', big, 'big.csv');
      expect([response.status, response.body.problem]).toEqual([413, 'too_large']);
      expect(response.body.message).toMatch(/10 MB/);
    });
  });
});

describe('Imports: a configured size limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: false, config: { importMaxBytes: 30_000 } });
  });
  afterAll(() => t.close());

  it('takes a file under the limit and refuses one over it, uploaded or pasted', async () => {
    await t.http.post('/api/imports/preview').attach('file', Buffer.from(paper), 'plan.txt').expect(200);
    const before = await databaseState(t.dataSource);
    const over = await t.http.post('/api/imports').attach('file', Buffer.from(paper + ' '.repeat(5000)), 'plan.txt');
    expect([over.status, over.body.problem]).toEqual([413, 'too_large']);
    expect(over.body.message).toMatch(/30 KB|29\.\d KB|import limit/);
    const field = await t.http.post('/api/imports').field('text', paper + ' '.repeat(5000));
    expect([field.status, field.body.problem]).toEqual([413, 'too_large']);
    // As JSON: over the limit (the import's own check), and far over it (refused before it is all read), both as the import's refusal.
    for (const size of [31_000, 300_000]) {
      const json = await t.http.post('/api/imports').send({ text: paper + ' '.repeat(size) });
      expect([size, json.status, json.body.problem]).toEqual([size, 413, 'too_large']);
    }
    expect(await databaseState(t.dataSource)).toEqual(before);
  });

  it('creates the agencies a database without any needs, once each', async () => {
    const response = await t.http.post('/api/imports').send({ text: paper }).expect(201);
    const names = response.body.leadAgencies.filter((a: { action: string }) => a.action === 'create').map((a: { name: string }) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['SCC - CSL Directorate', 'Police', 'Capita', 'NHS Southampton']));
    const csl = response.body.leadAgencies.find((a: { name: string }) => a.name === 'SCC - CSL Directorate');
    expect(csl.spellings).toEqual(expect.arrayContaining(['SCC - CSL Directorate', 'SCC -CSL Directorate', 'SCC – CSL Directorate']));
    const again = await t.http.post('/api/imports/preview').send({ text: paper }).expect(200);
    expect(again.body.leadAgencies.every((a: { action: string }) => a.action === 'match')).toBe(true);
  });
});
