import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Response } from 'supertest';
import * as htmlparser2 from 'htmlparser2';
import * as domutils from 'domutils';
import type { Element } from 'domhandler';
import JSZip from 'jszip';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { PdfRenderer } from '../src/reports/pdf-renderer';
import { all, named, paragraphs, text } from './support/paper-html';
import { PlanTreeBody, demoPlan, missingId } from './support/plans-fixtures';
import { TestApp, countQueries, startTestApp } from './support/test-app';

/**
 * Issue 5, the committee paper's appendix: the golden HTML of the demo plan,
 * its text against the real paper, the same appendix as PDF and Word, hostile
 * text in every format, bad requests, who may ask, and bounded queries.
 *
 * UPDATE_GOLDEN=1 npm test -- test/reports.e2e-spec.ts rewrites the golden files;
 * read the diff before committing it.
 */

jest.setTimeout(120_000);

const GOLDEN_DIR = path.join(__dirname, 'fixtures', 'golden');
const REFERENCE = path.join(__dirname, 'fixtures', 'reference', 'southampton-2012-quality-improvement-plan.txt');
const HOSTILE = `<script>alert("pwned")</script> {{title}} & 'single' "double"`;
const HOSTILE_MEASURE = `Measure {{#each sections}}x{{/each}} & <b>bold</b>`;
const HOSTILE_COST = `£5k & "more" <i>`;
const HOSTILE_LEAD = `<img src=x onerror=alert(1)> & Police`;

let t: TestApp;
let demo: PlanTreeBody;
let work: string;

// ---------- helpers ----------

type Client = TestApp['http'];

/** A report's bytes, whatever its content type. */
async function fetchBinary(client: Client, url: string, status = 200): Promise<Response & { body: Buffer }> {
  return (await client
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(status)) as Response & { body: Buffer };
}

function parseHtml(html: string) {
  return htmlparser2.parseDocument(html);
}

const attr = (el: Element, name: string) => el.attribs[name];

/** Text of a PDF, page by page (pdftotext separates pages with a form feed). */
function pdfPages(pdf: Buffer): string[] {
  const file = path.join(work, `report-${Date.now()}-${Math.random().toString(16).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return out.split('\f').filter((page, index, pages) => index < pages.length - 1 || page.trim() !== '');
}

function pdfPageCount(pdf: Buffer): number {
  const file = path.join(work, `info-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

const squash = (value: string) => value.replace(/\s+/g, ' ').trim();

async function docxXml(docx: Buffer, part = 'word/document.xml') {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file(part)!.async('string');
  return { xml, doc: htmlparser2.parseDocument(xml, { xmlMode: true }) };
}

/** The text of a Word element: its w:t runs, entities decoded by the XML parser. */
const wordText = (el: Element | Element[]) => all(Array.isArray(el) ? el : [el], named('w:t')).map((t) => domutils.textContent(t)).join('');
const childrenNamed = (el: Element, name: string) => el.children.filter((c): c is Element => (c as Element).name === name);

// ---------- the paper ----------

/** The intro sentences as the reference paper prints them, with the number rule applied ("ten" -> "10"). */
function paperIntroSentences(): string[] {
  const line = readFileSync(REFERENCE, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('The 2012 safeguarding'))!;
  const sentences = line.match(/[^.]+?\.(?=\s|$)|[^.]+\([^)]*\)\./g)!.map((s) => s.trim());
  const wanted = [
    sentences.find((s) => s.startsWith('The 2012 safeguarding'))!,
    line.slice(line.indexOf('These include'), line.indexOf('(December 2012).') + '(December 2012).'.length),
    line.slice(line.indexOf('This improvement plan contains'), line.indexOf('ten recommendations.') + 'ten recommendations.'.length),
  ];
  // The house rule: one to nine in words, 10 upwards in figures; the paper writes "ten" once.
  return wanted.map((sentence) => sentence.replace(/\bten\b/g, '10'));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'ipm-reports-'));
  t = await startTestApp({ demo: true });
  demo = await demoPlan(t);
});

afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the demo plan’s appendix as HTML', () => {
  let html: string;
  beforeAll(async () => {
    const response = await t.http.get(`/api/plans/${demo.id}/appendix?appendix=2`).expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    html = response.text;
  });

  it('matches the golden file', () => {
    const golden = path.join(GOLDEN_DIR, 'southampton-2012-appendix-2.html');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, html);
    expect(html).toBe(readFileSync(golden, 'utf8'));
  });

  it('writes the paper’s intro sentences word for word, apart from the number rule', () => {
    const intro = text(all(parseHtml(html).children as Element[], (el) => el.name === 'section' && attr(el, 'class') === 'intro')[0]);
    const sentences = paperIntroSentences();
    expect(sentences).toEqual([
      'The 2012 safeguarding and children looked after Ofsted report makes 17 recommendations.',
      'These include three for immediate implementation; 10 for completion within three months (September 2012) and four to be addressed within six months (December 2012).',
      'This improvement plan contains two tables: Table 1: Safeguarding with seven recommendations and Table 2: Children looked after with 10 recommendations.',
    ]);
    for (const sentence of sentences) expect(intro).toContain(sentence);
  });

  it('has 17 numbered recommendations and 58 activity rows, in the right tables and bands', () => {
    const doc = parseHtml(html);
    const tables = all(doc.children as Element[], named('table'));
    expect(tables.map((table) => text(all(table, named('caption'))))).toEqual(['Table 1: Safeguarding', 'Table 2: Children looked after']);

    const shape = tables.map((table) =>
      all(table, named('tbody')).map((tbody) => {
        const rows = all(tbody, named('tr'));
        const band = text(all(rows[0], named('th')));
        const numbers = all(tbody, (el) => el.name === 'th' && attr(el, 'scope') === 'row').map((th) => text(all(th, (el) => attr(el, 'class') === 'number')));
        return { band, recommendations: numbers, activities: rows.filter((row) => attr(row, 'class') === 'activity').length };
      }),
    );
    expect(shape).toEqual([
      [
        { band: 'Safeguarding: Immediately', recommendations: ['1.', '2.'], activities: 12 },
        { band: 'Safeguarding: within three months', recommendations: ['3.', '4.', '5.', '6.'], activities: 10 },
        { band: 'Safeguarding: within six months', recommendations: ['7.'], activities: 2 },
      ],
      [
        { band: 'Children looked after: Immediately', recommendations: ['1.'], activities: 4 },
        { band: 'Children looked after: within three months', recommendations: ['2.', '3.', '4.', '5.', '6.', '7.'], activities: 22 },
        { band: 'Children looked after: within six months', recommendations: ['8.', '9.', '10.'], activities: 8 },
      ],
    ]);
    const numbered = shape.flat().flatMap((band) => band.recommendations);
    const rows = shape.flat().reduce((sum, band) => sum + band.activities, 0);
    expect([numbered.length, rows]).toEqual([17, 58]);
  });

  it('spans each recommendation over its activity rows, once', () => {
    const doc = parseHtml(html);
    const headers = all(doc.children as Element[], (el) => el.name === 'th' && attr(el, 'scope') === 'row');
    const spans = headers.map((th) => Number(attr(th, 'rowspan')));
    expect(spans.reduce((a, b) => a + b, 0)).toBe(58);
    const recommendations = demo.sections.flatMap((section) => section.recommendations);
    expect(spans).toEqual(recommendations.map((r) => r.activities.length));
    expect(text(headers[0])).toMatch(/^1\. Ensure that the quality of social work/);
  });

  it('prints outcome measures as paragraphs, and costs and lead agencies verbatim', () => {
    const doc = parseHtml(html);
    const firstRow = all(doc.children as Element[], (el) => el.name === 'tr' && attr(el, 'class') === 'activity')[0];
    const cells = all(firstRow, named('td'));
    expect(all(cells[1], named('p')).map((p) => text(p))).toEqual([
      'Updated self assessment, QIP and introduction of regular management audit process to ensure ongoing overview of service quality and consistent.',
      'Audit trail of improvements, linked to audits, implemented.',
    ]);
    const reference = readFileSync(REFERENCE, 'utf8');
    const costs = all(doc.children as Element[], named('tr'))
      .filter((row) => attr(row, 'class') === 'activity')
      .map((row) => domutils.textContent(all(row, named('td'))[2]));
    expect(costs).toHaveLength(58);
    for (const cost of costs) expect(reference).toContain(cost);
    // The lead agency cell as the paper writes it, two spaces and all.
    expect(html).toContain('<td>SCC - CSL Directorate  Safeguarding / Commissioning</td>');
  });

  it('is marked DRAFT, accessible and self-contained', () => {
    const doc = parseHtml(html);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(attr(all(doc.children as Element[], named('html'))[0], 'lang')).toBe('en-GB');
    expect(all(doc.children as Element[], named('h1')).map(text)).toEqual([
      'Appendix 2: Quality Improvement Plan in response to OfSTED Announced Inspection 2012',
    ]);
    expect(html).toContain('<p class="draft-mark">DRAFT</p>');
    expect(html).toContain('@top-center { content: "DRAFT"');
    for (const table of all(doc.children as Element[], named('table'))) {
      expect(all(table, named('caption'))).toHaveLength(1);
      for (const th of all(table, named('th'))) expect(['col', 'row', 'rowgroup']).toContain(attr(th, 'scope'));
    }
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(all(doc.children as Element[], named('h2')).map(text)).toEqual([
      'Abbreviations',
      'Table 1: Safeguarding',
      'Table 2: Children looked after',
      'Summary of Safeguarding and Children looked after Ofsted inspection recommendations',
    ]);
  });

  it('closes with the summary by section and band', () => {
    const doc = parseHtml(html);
    const summary = all(doc.children as Element[], (el) => el.name === 'section' && /summary/.test(attr(el, 'class') ?? ''))[0];
    expect(all(summary, named('h3')).map(text)).toEqual(['Safeguarding services', 'Children looked after services']);
    // A band whose items all read on from "ensure that" says it once; one with an instruction of its
    // own ("Increase staffing stability") or a sentence naming who acts (NHS) gives each item its verb (issue 15).
    expect(all(summary, (el) => el.name === 'p').map(text)).toEqual([
      'Immediately, ensure that:',
      'Within three months:',
      'Within six months, ensure that:',
      'Immediately, ensure that:',
      'Within three months, ensure that:',
      'Within six months:',
    ]);
    expect(all(summary, named('li')).map(text).slice(0, 4)).toEqual([
      'the quality of social work to safeguard children is of a consistently high standard and that this is supported by regular high quality supervision by managers.',
      'core groups are held regularly, that they include the active engagement of all relevant agencies and that they implement and develop the child protection plan to ensure that it is effective.',
      'increase staffing stability, in particular in the protection and court teams, so that sufficient social workers are in place who are suitably qualified, trained and experienced to provide children at risk and those in need with timely and skilled support',
      'ensure that the needs of homeless children and young people are fully assessed and that sufficient suitable accommodation is available for them, including emergency provision',
    ]);
    expect(all(summary, named('li')).map(text).slice(-1)).toEqual([
      'NHS Southampton PCT should ensure that there is sufficient capacity within the children looked after health team to meet the health needs of children looked after',
    ]);
    expect(all(summary, named('li'))).toHaveLength(17);
  });

  it('takes the appendix number and title from the request, and drops DRAFT once the plan is approved', async () => {
    const titled = await t.http.get(`/api/plans/${demo.id}/appendix`).query({ appendix: 'B', title: 'Ofsted improvement plan' }).expect(200);
    expect(titled.text).toContain('<h1>Appendix B: Ofsted improvement plan</h1>');
    expect(titled.headers['content-disposition']).toBe('inline; filename="appendix-b-ofsted-improvement-plan.html"');
    const untitled = await t.http.get(`/api/plans/${demo.id}/appendix`).expect(200);
    expect(untitled.text).toContain('<h1>Appendix 1: Quality Improvement Plan in response to OfSTED Announced Inspection 2012</h1>');

    const other = await t.http
      .post('/api/plans')
      .send({ title: 'Approved plan', kind: 'ofsted_inspection', status: 'approved', source: { publishedOn: '2012-06-13' }, sections: [{ title: 'Front door', recommendations: [{ number: 1, band: 'immediately', text: 'Screen contacts.', activities: [{ text: 'Daily huddle' }] }] }] })
      .expect(201);
    const approved = await t.http.get(`/api/plans/${other.body.id}/appendix`).expect(200);
    expect(approved.text).not.toContain('DRAFT');
    const docx = await docxXml((await fetchBinary(t.http, `/api/plans/${other.body.id}/appendix?format=docx`)).body, '[Content_Types].xml');
    expect(docx.xml).not.toContain('header');
  });
});

describe('the appendix as PDF', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    const response = await fetchBinary(t.http, `/api/plans/${demo.id}/appendix?format=pdf&appendix=2`);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="appendix-2-quality-improvement-plan-in-response-to-ofsted-announced-inspection-2012.pdf"',
    );
    pdf = response.body;
  });

  it('opens, with a page count and the intro text', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const count = pdfPageCount(pdf);
    const pages = pdfPages(pdf);
    // Intro, a page per table at least, and the summary: the paper itself runs to 13 pages.
    expect(count).toBeGreaterThanOrEqual(8);
    expect(count).toBeLessThanOrEqual(20);
    expect(pages).toHaveLength(count);
    const whole = squash(pages.join(' '));
    for (const sentence of paperIntroSentences()) expect(whole).toContain(sentence);
  });

  it('marks DRAFT and numbers every page, and repeats the header row', () => {
    const pages = pdfPages(pdf);
    pages.forEach((page, index) => {
      expect(page).toContain('DRAFT');
      expect(squash(page)).toContain(`Page ${index + 1} of ${pages.length}`);
    });
    const tablePages = pages.filter((page) => page.includes('Cost (if app.)'));
    // Every page after the intro holds table rows (until the summary), each under the repeated header.
    expect(tablePages.length).toBeGreaterThanOrEqual(pages.length - 3);
  });

  it('starts each table on a new page', () => {
    const pages = pdfPages(pdf);
    const starts = pages.map((page, index) => [index, page] as const).filter(([, page]) => /TABLE \d: /.test(page));
    expect(starts.map(([, page]) => /TABLE \d: [A-Z ]+/.exec(page)![0].trim())).toEqual(['TABLE 1: SAFEGUARDING', 'TABLE 2: CHILDREN LOOKED AFTER']);
    for (const [index, page] of starts) {
      // The table heading is the first thing on its page, after the running DRAFT mark.
      expect(squash(page).replace(/^DRAFT /, '')).toMatch(/^TABLE \d/);
      expect(index).toBeGreaterThan(0);
    }
  });

  it('is tagged (a structure tree with table cells, marked content, bookmarks), its objects packed into compressed object streams', async () => {
    const document = await PDFDocument.load(pdf, { updateMetadata: false });
    const catalog = document.catalog;
    expect(catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    expect(catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('true');
    expect(catalog.get(PDFName.of('Outlines'))).toBeDefined();
    const kinds = new Set<string>();
    for (const [, object] of document.context.enumerateIndirectObjects()) {
      if (object instanceof PDFDict && object.get(PDFName.of('Type'))?.toString() === '/StructElem') kinds.add(object.get(PDFName.of('S'))!.toString());
    }
    for (const kind of ['/Table', '/TR', '/TH', '/TD', '/H1', '/H2', '/P', '/L', '/LI']) expect(kinds).toContain(kind);
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Type /ObjStm');
    expect(raw).toContain('/Type /XRef');
    expect(raw).not.toMatch(/\nxref\n/);
  });

  it('reuses one browser for every request', async () => {
    await fetchBinary(t.http, `/api/plans/${demo.id}/progress-report?format=pdf&asOf=2012-09-14`);
    expect(t.app.get(PdfRenderer).launchCount).toBe(1);
  });
});

describe('the appendix as Word', () => {
  let body: Buffer;
  beforeAll(async () => {
    const response = await fetchBinary(t.http, `/api/plans/${demo.id}/appendix?format=docx&appendix=2`);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    body = response.body;
  });

  it('opens, with one native table per section, a repeating header row and merged recommendation cells', async () => {
    const { doc } = await docxXml(body);
    const tables = all(doc.children as Element[], named('w:tbl'));
    expect(tables).toHaveLength(2);
    const shapes = tables.map((table) => {
      const rows = childrenNamed(table, 'w:tr');
      const header = rows[0];
      const bandRows = rows.filter((row) => all(row, (el) => el.name === 'w:gridSpan' && attr(el, 'w:val') === '5').length === 1);
      const restarts = all(table, (el) => el.name === 'w:vMerge' && attr(el, 'w:val') === 'restart').length;
      const continues = all(table, (el) => el.name === 'w:vMerge' && attr(el, 'w:val') === 'continue').length;
      const singles = rows.filter((row) => {
        const first = childrenNamed(row, 'w:tc')[0];
        return /^\d+\. /.test(wordText(first)) && all(first, named('w:vMerge')).length === 0;
      }).length;
      return {
        rows: rows.length,
        headerRepeats: all(header, named('w:tblHeader')).length === 1 && rows.slice(1).every((row) => all(row, named('w:tblHeader')).length === 0),
        header: childrenNamed(header, 'w:tc').map(wordText),
        bands: bandRows.map(wordText),
        numbered: rows.map((row) => /^(\d+)\. /.exec(wordText(childrenNamed(row, 'w:tc')[0]))?.[1]).filter(Boolean),
        merges: { restarts, continues, singles },
        cantSplit: rows.every((row) => all(row, named('w:cantSplit')).length === 1),
      };
    });
    expect(shapes).toEqual([
      {
        rows: 1 + 3 + 24,
        headerRepeats: true,
        header: ['Area for development - Ofsted report', 'Activity to be delivered', 'Outcome measure', 'Cost (if app.)', 'Lead agency'],
        bands: ['Safeguarding: Immediately', 'Safeguarding: within three months', 'Safeguarding: within six months'],
        numbered: ['1', '2', '3', '4', '5', '6', '7'],
        // Recommendation 5 has one activity and needs no merge.
        merges: { restarts: 6, continues: 24 - 7, singles: 1 },
        cantSplit: true,
      },
      {
        rows: 1 + 3 + 34,
        headerRepeats: true,
        header: ['Area for development - Ofsted report', 'Activity to be delivered', 'Outcome measure', 'Cost (if app.)', 'Lead agency'],
        bands: ['Children looked after: Immediately', 'Children looked after: within three months', 'Children looked after: within six months'],
        numbered: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
        merges: { restarts: 9, continues: 34 - 10, singles: 1 },
        cantSplit: true,
      },
    ]);
  });

  it('has the intro, the DRAFT header and page numbers', async () => {
    const { doc } = await docxXml(body);
    const paragraphs = all(doc.children as Element[], named('w:p')).map(wordText);
    expect(paragraphs[0]).toBe('Appendix 2: Quality Improvement Plan in response to OfSTED Announced Inspection 2012');
    for (const sentence of paperIntroSentences()) expect(paragraphs[1]).toContain(sentence);
    const header = await docxXml(body, 'word/header1.xml');
    expect(wordText(header.doc.children as Element[])).toBe('DRAFT');
    const footer = await docxXml(body, 'word/footer1.xml');
    expect(footer.xml).toContain('PAGE');
    expect(footer.xml).toContain('NUMPAGES');
    const { xml: document } = await docxXml(body);
    expect(document).toContain('w:orient="landscape"');
  });

  it('keeps several outcome measures as separate paragraphs in one cell', async () => {
    const { doc } = await docxXml(body);
    const firstActivityRow = childrenNamed(all(doc.children as Element[], named('w:tbl'))[0], 'w:tr')[2];
    const measures = childrenNamed(firstActivityRow, 'w:tc')[2];
    expect(childrenNamed(measures, 'w:p').map(wordText)).toEqual([
      'Updated self assessment, QIP and introduction of regular management audit process to ensure ongoing overview of service quality and consistent.',
      'Audit trail of improvements, linked to audits, implemented.',
    ]);
  });
});

describe('the outcome-first layout', () => {
  let planId: string;
  beforeAll(async () => {
    const agencies = (await t.http.get('/api/lead-agencies?pageSize=200').expect(200)).body.items as Array<{ id: string; name: string }>;
    const lscb = agencies.find((a) => a.name === 'Southampton Local Safeguarding Children Board')!;
    const police = agencies.find((a) => a.name === 'Police')!;
    const created = await t.http
      .post('/api/plans')
      .send({
        title: 'Serious case review action plan: Child J',
        kind: 'serious_case_review',
        status: 'approved',
        source: { publishedOn: '2016-01-15' },
        sections: [
          {
            title: 'Learning',
            recommendations: [
              {
                number: 1,
                band: 'by_date',
                targetDate: '2016-04-29',
                text: 'Practitioners understand the impact of neglect.',
                activities: [
                  { text: 'Deliver neglect training to all frontline staff', outcomeMeasures: ['90% of staff trained', 'Audit shows improved practice'], leadAgencyIds: [lscb.id], dueDate: '2016-04' },
                  { text: 'Brief police response officers', outcomeMeasures: ['Briefing delivered'], leadAgencyIds: [police.id, lscb.id], dueDate: '2016-03-31' },
                ],
              },
            ],
          },
        ],
      })
      .expect(201);
    planId = created.body.id;
    // A recurring commitment's "By when" as an imported plan keeps it (there is no plans-API field for it).
    const briefing = created.body.sections[0].recommendations[0].activities[1].id;
    await t.dataSource.query(`INSERT INTO activity_timescales (activity_id, text, cadence) VALUES ($1, 'Quarterly', 'quarterly')`, [briefing]);
  });

  it('renders from the same templates with the outcome-first columns and a key to the abbreviations used', async () => {
    const response = await t.http.get(`/api/plans/${planId}/appendix`).expect(200);
    const golden = path.join(GOLDEN_DIR, 'outcome-first-appendix.html');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, response.text);
    expect(response.text).toBe(readFileSync(golden, 'utf8'));

    const doc = parseHtml(response.text);
    const table = all(doc.children as Element[], named('table'))[0];
    expect(all(all(table, named('thead'))[0], named('th')).map(text)).toEqual(['Outcome', 'Action required', 'By who', 'By when', 'Measure of success']);
    const rows = all(table, (el) => el.name === 'tr' && attr(el, 'class') === 'activity');
    expect(rows.map((row) => all(row, named('td')).map(paragraphs))).toEqual([
      [['Deliver neglect training to all frontline staff'], ['LSCB'], ['April 2016'], ['90% of staff trained', 'Audit shows improved practice']],
      [['Brief police response officers'], ['Police, LSCB'], ['Quarterly'], ['Briefing delivered']],
    ]);
    expect(text(all(table, (el) => el.name === 'th' && attr(el, 'scope') === 'row'))).toBe('1. Practitioners understand the impact of neglect.');
    const key = all(doc.children as Element[], (el) => el.name === 'section' && attr(el, 'class') === 'abbreviations')[0];
    expect(all(key, named('dt')).map(text)).toEqual(['LSCB']);
    expect(all(key, named('dd')).map(text)).toEqual(['Southampton Local Safeguarding Children Board']);
    expect(response.text).not.toContain('DRAFT');
  });

  it('can be asked for on an Ofsted plan too', async () => {
    const response = await t.http.get(`/api/plans/${demo.id}/appendix?layout=outcome-first`).expect(200);
    const doc = parseHtml(response.text);
    expect(all(all(doc.children as Element[], named('thead'))[0], named('th')).map(text)).toEqual(['Outcome', 'Action required', 'By who', 'By when', 'Measure of success']);
    expect(all(doc.children as Element[], (el) => el.name === 'tr' && attr(el, 'class') === 'activity')).toHaveLength(58);
  });
});

describe('hostile text', () => {
  let planId: string;
  const hostileTitle = `Plan <script>alert(1)</script> & {{title}}`;

  beforeAll(async () => {
    const created = await t.http
      .post('/api/plans')
      .send({
        title: hostileTitle,
        kind: 'ofsted_inspection',
        source: { publishedOn: '2012-06-13' },
        sections: [
          {
            title: `Front door <i>&</i> "help"`,
            recommendations: [
              {
                number: 1,
                band: 'immediately',
                text: `Ensure that {{{constructor}}} & <style>body{display:none}</style> are shown`,
                activities: [{ text: HOSTILE, outcomeMeasures: [HOSTILE_MEASURE, 'Second measure'], costText: HOSTILE_COST, leadAgencyText: HOSTILE_LEAD }],
              },
            ],
          },
        ],
      })
      .expect(201);
    planId = created.body.id;
  });

  const literals = [HOSTILE, HOSTILE_MEASURE, HOSTILE_COST, HOSTILE_LEAD, `Front door <i>&</i> "help"`, `{{{constructor}}} & <style>body{display:none}</style>`];

  it('is escaped in the HTML, never executed or mangled', async () => {
    const response = await t.http.get(`/api/plans/${planId}/appendix`).query({ title: `Title <script>x</script> & "q"` }).expect(200);
    const html = response.text;
    expect(html).not.toMatch(/<script|<img|<i>|<b>|<style>body/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; {{title}} &amp; &#x27;single&#x27; &quot;double&quot;');
    const body = domutils.textContent(parseHtml(html).children as Element[]);
    for (const literal of literals) expect(body).toContain(literal);
    expect(body).toContain('Appendix 1: Title <script>x</script> & "q"');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('appears literally in the PDF', async () => {
    const pdf = (await fetchBinary(t.http, `/api/plans/${planId}/appendix?format=pdf`)).body;
    const whole = squash(pdfPages(pdf).join(' '));
    for (const literal of literals) expect(whole).toContain(squash(literal));
  });

  it('appears literally in the Word document', async () => {
    const docx = (await fetchBinary(t.http, `/api/plans/${planId}/appendix?format=docx`)).body;
    const { doc, xml } = await docxXml(docx);
    expect(xml).not.toContain('<script');
    const paragraphs = all(doc.children as Element[], named('w:p')).map(wordText);
    for (const literal of literals) expect(paragraphs.join('\n')).toContain(literal);
    expect(paragraphs[0]).toBe(`Appendix 1: ${hostileTitle}`);
  });

  it('is escaped in the board reports too', async () => {
    const progress = await t.http.get(`/api/plans/${planId}/progress-report?asOf=2012-09-14`).expect(200);
    expect(progress.text).not.toMatch(/<script|<img|<i>|<b>/i);
    const exceptions = await t.http.get(`/api/reviews/exceptions?asOf=2012-09-14&planId=${planId}`).expect(200);
    expect(exceptions.text).not.toMatch(/<script|<img|<i>|<b>/i);
    expect(domutils.textContent(parseHtml(exceptions.text).children as Element[])).toContain(HOSTILE);
    const docx = (await fetchBinary(t.http, `/api/reviews/exceptions?asOf=2012-09-14&planId=${planId}&format=docx`)).body;
    const { doc } = await docxXml(docx);
    expect(all(doc.children as Element[], named('w:p')).map(wordText).join('\n')).toContain(HOSTILE);
  });
});

describe('bad requests', () => {
  it.each([
    ['an unknown plan', 404, () => `/api/plans/${missingId()}/appendix`],
    ['an unknown plan, as PDF', 404, () => `/api/plans/${missingId()}/appendix?format=pdf`],
    ['an unknown plan, as Word', 404, () => `/api/plans/${missingId()}/progress-report?format=docx`],
    ['an unknown plan for exceptions', 404, () => `/api/reviews/exceptions?planId=${missingId()}`],
  ])('%s: %i', async (_name, status, url) => {
    const response = await t.http.get(url()).expect(status);
    expect(response.body.message).toMatch(/No plan with id/);
  });

  it.each([
    ['a plan id that is not a UUID', 'id', () => `/api/plans/not-a-plan/appendix`],
    ['an unknown format', 'format', () => `/api/plans/${demo.id}/appendix?format=xml`],
    ['two formats', 'format', () => `/api/plans/${demo.id}/appendix?format=pdf&format=docx`],
    ['an unknown layout', 'layout', () => `/api/plans/${demo.id}/appendix?layout=sideways`],
    ['an appendix "number" with markup', 'appendix', () => `/api/plans/${demo.id}/appendix?appendix=%3Cb%3E`],
    ['appendix 0', 'appendix', () => `/api/plans/${demo.id}/appendix?appendix=0`],
    ['appendix 00', 'appendix', () => `/api/plans/${demo.id}/appendix?appendix=00`],
    ['a negative appendix', 'appendix', () => `/api/plans/${demo.id}/appendix?appendix=-1`],
    ['appendix 0 of the progress report', 'appendix', () => `/api/plans/${demo.id}/progress-report?appendix=0`],
    ['appendix 0 of the exception report', 'appendix', () => `/api/reviews/exceptions?appendix=0`],
    ['an empty title', 'title', () => `/api/plans/${demo.id}/appendix?title=`],
    ['a title too long', 'title', () => `/api/plans/${demo.id}/appendix?title=${'x'.repeat(301)}`],
    ['an unknown parameter', 'colour', () => `/api/plans/${demo.id}/appendix?colour=red`],
    ['a date that does not exist', 'asOf', () => `/api/plans/${demo.id}/progress-report?asOf=2012-02-30`],
    ['a date in the wrong shape', 'asOf', () => `/api/plans/${demo.id}/progress-report?asOf=14/09/2012`],
    ['a date outside the known bank holidays', 'asOf', () => `/api/plans/${demo.id}/progress-report?asOf=1999-01-01`],
    ['a bad date for exceptions', 'asOf', () => `/api/reviews/exceptions?asOf=2012-13-01&format=pdf`],
    ['a bad plan id for exceptions', 'planId', () => `/api/reviews/exceptions?planId=nope`],
    ['an unknown format for exceptions', 'format', () => `/api/reviews/exceptions?format=rtf`],
  ])('%s: 400 naming %s', async (_name, field, url) => {
    const response = await t.http.get(url()).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(Object.keys(response.body.errors)).toEqual([field]);
  });

  it('asks for a sign-in first', async () => {
    await t.anon.get(`/api/plans/${demo.id}/appendix`).expect(401);
    await t.anon.get(`/api/reviews/exceptions`).expect(401);
  });
});

describe('who may ask for which report', () => {
  let otherPlan: string;
  beforeAll(async () => {
    otherPlan = (
      await t.http
        .post('/api/plans')
        .send({ title: 'Nobody’s plan', kind: 'focused_visit', source: { publishedOn: '2012-06-13' }, sections: [{ title: 'Front door', recommendations: [{ number: 1, band: 'immediately', text: 'Screen contacts.', activities: [{ text: 'Daily huddle' }] }] }] })
        .expect(201)
    ).body.id;
  });

  it.each([
    ['chair@demo.test', 200, 200, 200],
    ['viewer@demo.test', 200, 200, 403],
    ['head.csl@demo.test', 403, 403, 403],
    ['head.nhs@demo.test', 403, 403, 403],
  ])('%s: appendix %i, progress report %i, exception report %i', async (email, appendix, progress, exceptions) => {
    const client = await t.as(email);
    await client.get(`/api/plans/${demo.id}/appendix`).expect(appendix);
    await client.get(`/api/plans/${demo.id}/progress-report?asOf=2012-09-14`).expect(progress);
    await client.get(`/api/reviews/exceptions?asOf=2012-09-14`).expect(exceptions);
  });

  it('answers 404 for a plan outside a person’s reach, so ids cannot be probed', async () => {
    for (const email of ['chair@demo.test', 'viewer@demo.test', 'head.csl@demo.test']) {
      const client = await t.as(email);
      await client.get(`/api/plans/${otherPlan}/appendix`).expect(404);
      await client.get(`/api/plans/${otherPlan}/progress-report?format=pdf`).expect(404);
    }
    await (await t.as('chair@demo.test')).get(`/api/reviews/exceptions?planId=${otherPlan}`).expect(404);
  });

  it('gives the chair only the plans they chair', async () => {
    const chair = await t.as('chair@demo.test');
    const mine = await chair.get('/api/reviews/exceptions?asOf=2012-09-14').expect(200);
    const admins = await t.http.get('/api/reviews/exceptions?asOf=2012-09-14').expect(200);
    expect(mine.text).not.toContain('Daily huddle');
    expect(admins.text).toContain('Daily huddle');
  });
});

describe('bounded queries', () => {
  let bigPlan: string;
  beforeAll(async () => {
    // A plan five times the demo's size: 290 activities in 3 tables.
    const sections = Array.from({ length: 3 }, (_, s) => ({
      title: `Table ${s + 1}`,
      recommendations: Array.from({ length: 10 }, (_, r) => ({
        number: r + 1,
        band: (['immediately', 'within_three_months', 'within_six_months'] as const)[r % 3],
        text: `Recommendation ${r + 1}`,
        activities: Array.from({ length: s === 2 && r === 9 ? 1 : 10 }, (_, a) => ({ text: `Activity ${a + 1}`, outcomeMeasures: ['A measure', 'Another'], costText: 'To be confirmed' })),
      })),
    }));
    bigPlan = (await t.http.post('/api/plans').send({ title: 'Big plan', kind: 'ofsted_inspection', source: { publishedOn: '2012-06-13' }, sections }).expect(201)).body.id;
    await (await t.as('chair@demo.test')).get(`/api/plans/${demo.id}/appendix`).expect(200);
  });

  async function queriesFor(client: Client, url: string): Promise<number> {
    const counter = countQueries(t.dataSource);
    try {
      await client.get(url).expect(200);
      return counter.count();
    } finally {
      counter.stop();
    }
  }

  let fresh = 0;
  it.each([
    // A title not asked for before, so the appendix is made afresh rather than given as kept.
    ['appendix', (plan: string) => `/api/plans/${plan}/appendix?title=Appendix%20${++fresh}`],
    ['appendix as Word', (plan: string) => `/api/plans/${plan}/appendix?format=docx`],
    ['progress report', (plan: string) => `/api/plans/${plan}/progress-report?asOf=2012-09-14`],
    ['exception report', (plan: string) => `/api/reviews/exceptions?asOf=2012-09-14&planId=${plan}`],
  ])('%s: the same number of queries for 58 activities and for 291', async (_name, url) => {
    const small = await queriesFor(t.http, url(demo.id));
    const big = await queriesFor(t.http, url(bigPlan));
    expect(big).toBe(small);
    expect(small).toBeLessThanOrEqual(15);
  });

  it('the same for a chair, whose reads are checked against the plan', async () => {
    const chair = await t.as('chair@demo.test');
    const appendix = await queriesFor(chair, `/api/plans/${demo.id}/appendix`);
    const progress = await queriesFor(chair, `/api/plans/${demo.id}/progress-report?asOf=2012-09-14`);
    const exceptions = await queriesFor(chair, `/api/reviews/exceptions?asOf=2012-09-14`);
    expect(Math.max(appendix, progress, exceptions)).toBeLessThanOrEqual(20);
  });
});
