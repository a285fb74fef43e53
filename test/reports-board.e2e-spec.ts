import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Response } from 'supertest';
import * as htmlparser2 from 'htmlparser2';
import * as domutils from 'domutils';
import type { Element } from 'domhandler';
import JSZip from 'jszip';
import { PlanTreeBody, demoPlan } from './support/plans-fixtures';
import { ReportsService } from '../src/reports/reports.service';
import { TestApp, countQueries, startTestApp } from './support/test-app';
import { all, named, paragraphs, text } from './support/paper-html';

/**
 * Issue 5, the board's reports: the progress report (the plan's table plus
 * due date, status, RAG and latest progress, under a one-paragraph summary)
 * and the chair's exception report (overdue and at risk by lead agency),
 * checked against the reviews API they share their data with.
 */

jest.setTimeout(120_000);

const AS_OF = '2012-09-14';
let t: TestApp;
let demo: PlanTreeBody;
let work: string;
const a = {} as Record<'verified' | 'done' | 'going' | 'blocked' | 'dropped', string>;

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

function pdfText(pdf: Buffer): { pages: number; text: string; byPage: string[] } {
  const file = path.join(work, `${Date.now()}-${Math.random().toString(16).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  // pdftotext ends each page with a form feed.
  const byPage = raw.split('\f').slice(0, pages).map(squash);
  return { pages, text: squash(raw), byPage };
}

async function wordTables(docx: Buffer): Promise<Element[]> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  return all(htmlparser2.parseDocument(xml, { xmlMode: true }).children as Element[], named('w:tbl'));
}
const wordText = (el: Element) => all(el, named('w:t')).map((node) => domutils.textContent(node)).join('');
const rowsOf = (table: Element) => table.children.filter((c): c is Element => (c as Element).name === 'w:tr');

/** Row of the progress report table whose activity cell reads `activity`. */
function rowFor(doc: Element[], recommendationNumber: string, activityIndex: number, table = 0): Element {
  const tables = all(doc, named('table'));
  const rows = all(tables[table], (el) => el.name === 'tr' && el.attribs.class === 'activity');
  const start = rows.findIndex((row) => all(row, (el) => el.attribs.class === 'number').some((n) => text(n) === `${recommendationNumber}.`));
  return rows[start + activityIndex];
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'ipm-board-'));
  t = await startTestApp({ demo: true });
  demo = await demoPlan(t);
  const [safeguarding] = demo.sections;
  const rec = (n: number) => safeguarding.recommendations.find((r) => r.number === n)!;
  a.verified = rec(1).activities[0].id;
  a.done = rec(3).activities[0].id;
  a.dropped = rec(3).activities[1].id;
  a.going = rec(7).activities[0].id;
  a.blocked = rec(7).activities[1].id;
  const report = (id: string, body: Record<string, unknown>) => t.http.post(`/api/activities/${id}/updates`).send(body).expect(201);
  // The leads report in the fortnight before the September 2012 board.
  t.clock.set('2012-09-03T10:00:00+01:00');
  await report(a.verified, { status: 'complete', note: 'Framework rolled out to all teams' });
  await t.http.post(`/api/activities/${a.verified}/verification`).send({ note: 'Audit seen' }).expect(200);
  await report(a.done, { status: 'complete', note: 'Reform board reported' });
  await report(a.dropped, { status: 'cancelled', note: 'Folded into the recruitment strategy' });
  await report(a.going, { status: 'in_progress', percentComplete: 60, note: 'Pay package drafted' });
  await report(a.blocked, { status: 'blocked', note: 'Waiting for the pay review' });
});

afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the progress report', () => {
  let doc: Element[];
  beforeAll(async () => {
    const response = await t.http.get(`/api/plans/${demo.id}/progress-report?asOf=${AS_OF}&appendix=3`).expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    doc = html(response.text);
  });

  it('opens with a one-paragraph summary of where the plan stands', () => {
    expect(text(all(doc, named('h1')))).toBe(
      'Appendix 3: Progress on the Quality Improvement Plan in response to OfSTED Announced Inspection 2012, as of 14 September 2012',
    );
    const [summary] = all(doc, (el) => el.name === 'section' && el.attribs.class === 'intro').map((section) => text(all(section, named('p'))[0]));
    // 16 + 32 activities were due by 13 September: two are done and one dropped, 45 late.
    // Of the ten due in December, one is on track (60% against 50% expected) and nine at risk
    // (eight with nothing started against half the time gone, one blocked).
    expect(summary).toBe(
      'As of 14 September 2012, of the 58 activities in this plan, two are complete (one verified by the board), one is on track, nine are at risk, 45 are overdue and one has been cancelled. ' +
        'Overdue means past its due date and not complete; at risk means not yet due but rated Amber or Red.',
    );
  });

  it('agrees with the plan summary the board reads on screen', async () => {
    const summary = (await t.http.get(`/api/plans/${demo.id}/summary?asOf=${AS_OF}`).expect(200)).body;
    expect(summary.byStatus).toMatchObject({ complete: 2, cancelled: 1, blocked: 1, in_progress: 1 });
    expect(summary.byRag).toMatchObject({ blue: 2, notRated: 1, green: 1 });
    expect(summary.byRag.red + summary.byRag.amber).toBe(45 + 9);
  });

  /** The line under an activity's row: why it is rated so, and the latest progress. */
  const detailOf = (row: Element): string[] => {
    const next = domutils.nextElementSibling(row) as Element | null;
    expect(next?.attribs.class).toBe('detail');
    return paragraphs(next!);
  };

  it('adds the due date and the RAG in words over the status, with why and the latest progress under each row (issue 15)', () => {
    const tables = all(doc, named('table'));
    expect(tables).toHaveLength(2);
    expect(all(all(tables[0], named('thead'))[0], named('th')).map(text)).toEqual([
      'Area for development - Ofsted report',
      'Activity to be delivered',
      'Outcome measure',
      'Cost (if app.)',
      'Lead agency',
      'Due',
      'RAG and status',
    ]);
    const cells = (row: Element) => all(row, named('td')).slice(4).map(paragraphs);
    const verified = rowFor(doc, '1', 0);
    expect(cells(verified)).toEqual([['27 Jun 2012'], ['Blue', 'Complete, verified']]);
    expect(detailOf(verified)).toEqual(['Blue: complete and verified.', expect.stringMatching(/^Latest progress \(reported \d+ \w{3} \d{4}\): Framework rolled out to all teams$/)]);
    expect(cells(rowFor(doc, '3', 1))[1]).toEqual(['Not rated', 'Cancelled']);
    expect(detailOf(rowFor(doc, '3', 1))[0]).toBe('Not rated: cancelled.');
    const going = rowFor(doc, '7', 0);
    expect(cells(going)).toEqual([['13 Dec 2012'], ['Green', 'In progress (60%)']]);
    expect(detailOf(going)[0]).toBe('Green: on track: due 13 Dec 2012, 64 working days left.');
    const blocked = rowFor(doc, '7', 1);
    expect(cells(blocked)[1]).toEqual(['Red', 'Blocked']);
    expect(detailOf(blocked)[0]).toBe('Red: blocked: Waiting for the pay review.');
    expect(all(blocked, named('td'))[5].attribs.class).toBe('rag-red');
    const late = rowFor(doc, '2', 0);
    expect(detailOf(late)).toEqual([
      expect.stringMatching(/^Red: due 27 Jun 2012, \d+ working days overdue; 0% complete against 100% expected by now; nothing reported since work was due to start on 13 Jun 2012 \(93 days\)\.$/),
      'Latest progress: none reported.',
    ]);
    // The line spans every column but the recommendation, whose cell spans both lines of each activity.
    expect(domutils.nextElementSibling(late)!.children.filter((c) => (c as Element).name === 'td').map((c) => (c as Element).attribs.colspan)).toEqual(['6']);
    expect(all(late, (el) => el.name === 'th' && el.attribs.scope === 'row')[0].attribs.rowspan).toBe(String(2 * demo.sections[0].recommendations.find((r) => r.number === 2)!.activities.length));
    expect(all(doc, (el) => el.name === 'tr' && el.attribs.class === 'activity')).toHaveLength(58);
    expect(all(doc, (el) => el.name === 'tr' && el.attribs.class === 'detail')).toHaveLength(58);
  });

  it('explains the colours', () => {
    const key = all(doc, (el) => el.name === 'dl' && el.attribs.class === 'rag-key')[0];
    expect(all(key, named('dt')).map(text)).toEqual(['Red', 'Amber', 'Green', 'Blue']);
  });

  it('as PDF opens with the summary and DRAFT on every page', async () => {
    const pdf = pdfText(await fetchBinary(t.http, `/api/plans/${demo.id}/progress-report?asOf=${AS_OF}&format=pdf`));
    expect(pdf.pages).toBeGreaterThanOrEqual(5);
    expect(pdf.text).toContain('As of 14 September 2012, of the 58 activities in this plan, two are complete (one verified by the board)');
    expect(pdf.text.match(/DRAFT/g)!.length).toBeGreaterThanOrEqual(pdf.pages);
  });

  it('as Word has the seven columns, repeated headers, merged recommendations, coloured ratings and the line under each row', async () => {
    const tables = await wordTables(await fetchBinary(t.http, `/api/plans/${demo.id}/progress-report?asOf=${AS_OF}&format=docx`));
    expect(tables).toHaveLength(2);
    const [header, ...rest] = rowsOf(tables[0]);
    expect(all(header, named('w:tc')).map(wordText)).toEqual([
      'Area for development - Ofsted report',
      'Activity to be delivered',
      'Outcome measure',
      'Cost (if app.)',
      'Lead agency',
      'Due',
      'RAG and status',
    ]);
    expect(all(header, named('w:tblHeader'))).toHaveLength(1);
    // Three band rows, and each of the 24 activities with the line under it.
    expect(rest).toHaveLength(3 + 2 * 24);
    const details = rest.filter((row) => all(row, (el) => el.name === 'w:gridSpan' && el.attribs['w:val'] === '6').length === 1);
    expect(details).toHaveLength(24);
    expect(details.map(wordText)).toContainEqual(expect.stringMatching(/^Red: blocked: Waiting for the pay review\.Latest progress \(reported \d+ \w{3} \d{4}\): Waiting for the pay review$/));
    // The recommendation cell starts once per recommendation and continues down every other row of it.
    const recommendations = demo.sections[0].recommendations;
    expect(all(tables[0], (el) => el.name === 'w:vMerge' && el.attribs['w:val'] === 'restart')).toHaveLength(recommendations.length);
    expect(all(tables[0], (el) => el.name === 'w:vMerge').length).toBe(2 * 24);
    expect(all(tables[0], (el) => el.name === 'w:shd' && el.attribs['w:fill'] === 'F4C7C3').length).toBeGreaterThan(0);
    // Rows may run on across pages, as in the PDF.
    const kept = all(tables[0], (el) => el.name === 'w:cantSplit' && el.attribs['w:val'] !== 'off' && el.attribs['w:val'] !== 'false');
    // Band rows and the lines under rows stay whole; activity rows may split.
    expect(kept).toHaveLength(1 + 3 + 24);
  });
});

describe('the exception report', () => {
  let doc: Element[];
  beforeAll(async () => {
    const response = await t.http.get(`/api/reviews/exceptions?asOf=${AS_OF}&planId=${demo.id}`).expect(200);
    doc = html(response.text);
  });

  /** Per lead agency, how many rows sit under "Overdue" and "At risk". */
  function tally(document: Element[]) {
    return new Map(
      all(document, named('table')).map((table) => {
        const heading = text(all(table, named('caption')));
        const name = heading.slice(0, heading.lastIndexOf(':'));
        const groups = Object.fromEntries(
          all(table, named('tbody')).map((tbody) => [text(all(tbody, (el) => el.name === 'th' && el.attribs.scope === 'rowgroup')), all(tbody, (el) => el.name === 'tr' && el.attribs.class === 'activity').length]),
        );
        return [name, { overdue: groups['Overdue'] ?? 0, atRisk: groups['At risk'] ?? 0 }];
      }),
    );
  }

  it('lists only what is overdue or at risk, by lead agency, as the chair’s reviews count it', async () => {
    const overdue = (await t.http.get(`/api/reviews/overdue?asOf=${AS_OF}&planId=${demo.id}&groupBy=leadAgency`).expect(200)).body;
    const atRisk = (await t.http.get(`/api/reviews/at-risk?asOf=${AS_OF}&planId=${demo.id}&groupBy=leadAgency`).expect(200)).body;
    expect([overdue.total, atRisk.total]).toEqual([45, 9]);
    const expected = new Map<string, { overdue: number; atRisk: number }>();
    for (const group of overdue.groups) expected.set(group.label, { overdue: group.count, atRisk: 0 });
    for (const group of atRisk.groups) expected.set(group.label, { overdue: expected.get(group.label)?.overdue ?? 0, atRisk: group.count });
    expect(tally(doc)).toEqual(expected);
    const summary = text(all(doc, (el) => el.name === 'section' && el.attribs.class === 'intro'));
    expect(summary).toMatch(new RegExp(`^As of 14 September 2012, 45 activities are overdue and nine more are at risk, under ${expected.size} lead agencies\\.`));
  });

  it('gives working days overdue, owner, RAG and the latest progress', async () => {
    const overdue = (await t.http.get(`/api/reviews/overdue?asOf=${AS_OF}&planId=${demo.id}`).expect(200)).body;
    const coreGroups = demo.sections[0].recommendations.find((r) => r.number === 2)!.activities[0].id;
    const daysLate = overdue.items.find((item: { activityId: string }) => item.activityId === coreGroups).workingDaysOverdue;
    expect(daysLate).toBeGreaterThan(50);
    const rows = all(doc, (el) => el.name === 'tr' && el.attribs.class === 'activity');
    const byActivity = (activity: string) => rows.find((row) => text(all(row, named('td'))[0]) === activity)!;
    const late = all(byActivity('Improve the regularity and multi agency attendance of all aspects of Core Group meetings: meetings, attendance note taking and parental engagement and support.'), (el) => el.name === 'td' || el.name === 'th');
    expect(late.map(paragraphs).slice(0, 5)).toEqual([
      ['Safeguarding 2'],
      ['Improve the regularity and multi agency attendance of all aspects of Core Group meetings: meetings, attendance note taking and parental engagement and support.'],
      ['27 Jun 2012'],
      [String(daysLate)],
      ['Not named'],
    ]);
    const blockedRow = byActivity('Develop a comprehensive recruitment strategy to attract and induct social workers at different levels of service into Southampton.');
    const blocked = all(blockedRow, named('td'));
    expect(blocked.map(paragraphs).slice(2)).toEqual([['Not yet due'], ['Not named'], ['Red'], ['Waiting for the pay review', expect.stringMatching(/^Reported /)]]);
    // Why, on a line under the row across the table.
    expect(paragraphs(domutils.nextElementSibling(blockedRow) as Element)).toEqual(['Red: blocked: Waiting for the pay review.']);
    // Most overdue first within each lead agency.
    for (const table of all(doc, named('table'))) {
      const days = all(table, (el) => el.name === 'tr' && el.attribs.class === 'activity')
        .map((row) => paragraphs(all(row, named('td'))[2])[0])
        .filter((cell) => /^\d+$/.test(cell))
        .map(Number);
      expect(days).toEqual([...days].sort((x, y) => y - x));
    }
  });

  it('reads the open rows a page at a time, so its memory is bounded at any size, and prints the same paper', async () => {
    const url = `/api/reviews/exceptions?asOf=${AS_OF}&planId=${demo.id}`;
    const [{ open }] = await t.dataSource.query(`SELECT count(*)::int AS open FROM activities WHERE plan_id = $1 AND status NOT IN ('complete', 'cancelled')`, [demo.id]);
    const whole = (await t.http.get(url).expect(200)).text;
    const pageSize = ReportsService.exceptionPageSize;
    ReportsService.exceptionPageSize = 7;
    const counter = countQueries(t.dataSource);
    try {
      const paged = (await t.http.get(url).expect(200)).text;
      expect(paged).toBe(whole);
      // A statement for each page of seven (the last one short), on top of the fixed few.
      expect(counter.count()).toBeGreaterThanOrEqual(Math.ceil(open / 7));
    } finally {
      counter.stop();
      ReportsService.exceptionPageSize = pageSize;
    }
  });

  it('covers every plan the chair chairs when no plan is named, and only those', async () => {
    const chair = await t.as('chair@demo.test');
    const mine = html((await chair.get(`/api/reviews/exceptions?asOf=${AS_OF}`).expect(200)).text);
    expect(tally(mine)).toEqual(tally(doc));
  });

  it('as PDF and Word', async () => {
    const pdf = pdfText(await fetchBinary(t.http, `/api/reviews/exceptions?asOf=${AS_OF}&planId=${demo.id}&format=pdf`));
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.text).toContain('As of 14 September 2012, 45 activities are overdue and nine more are at risk');
    expect(pdf.text).not.toContain('DRAFT');
    const tables = await wordTables(await fetchBinary(t.http, `/api/reviews/exceptions?asOf=${AS_OF}&planId=${demo.id}&format=docx`));
    expect(tables).toHaveLength(all(doc, named('table')).length);
    for (const table of tables) {
      const [header, ...rows] = rowsOf(table);
      expect(all(header, named('w:tc')).map(wordText)).toEqual(['Recommendation', 'Activity', 'Due', 'Working days overdue', 'Owner', 'RAG', 'Latest progress']);
      expect(all(header, named('w:tblHeader'))).toHaveLength(1);
      const groupRows = rows.filter((row) => all(row, (el) => el.name === 'w:gridSpan' && el.attribs['w:val'] === '7').length === 1).map(wordText);
      expect(groupRows.every((label) => label === 'Overdue' || label === 'At risk')).toBe(true);
    }
  });

  it('says so when nothing is overdue or at risk', async () => {
    const plan = (
      await t.http
        .post('/api/plans')
        .send({ title: 'All done', kind: 'focused_visit', source: { publishedOn: '2012-06-13' }, sections: [{ title: 'Front door', recommendations: [{ number: 1, band: 'immediately', text: 'Screen contacts.', activities: [{ text: 'Daily huddle' }] }] }] })
        .expect(201)
    ).body;
    await t.http.post(`/api/activities/${plan.sections[0].recommendations[0].activities[0].id}/updates`).send({ status: 'complete', note: 'Huddles running daily' }).expect(201);
    const calm = html((await t.http.get(`/api/reviews/exceptions?asOf=${AS_OF}&planId=${plan.id}`).expect(200)).text);
    expect(all(calm, named('table'))).toHaveLength(0);
    expect(text(all(calm, named('main')))).toContain('As of 14 September 2012, no activities are overdue or at risk.');
  });
});

describe('board reports that fit on paper (issue 15)', () => {
  let appendixPages: number;
  beforeAll(async () => {
    appendixPages = pdfText(await fetchBinary(t.http, `/api/plans/${demo.id}/appendix?format=pdf`)).pages;
  });

  it('prints the demo plan’s 58 activities in the progress report on no more pages than its appendix', async () => {
    expect(appendixPages).toBe(12);
    const progress = pdfText(await fetchBinary(t.http, `/api/plans/${demo.id}/progress-report?asOf=${AS_OF}&format=pdf`));
    // It ran to 28 pages, two rows to a page, with the reasons in a narrow RAG column.
    expect(progress.pages).toBeLessThanOrEqual(appendixPages);
    // The header row repeats on every page the tables run on to, and every activity's reasons are printed.
    progress.byPage.forEach((page) => expect(page).toContain('RAG and status'));
    expect(progress.text.match(/Latest progress/g)!.length).toBe(58);
  });

  it('prints the exception report on no more pages than the appendix too', async () => {
    const exceptions = pdfText(await fetchBinary(t.http, `/api/reviews/exceptions?asOf=${AS_OF}&planId=${demo.id}&format=pdf`));
    // 27 pages before.
    expect(exceptions.pages).toBeLessThanOrEqual(appendixPages);
    exceptions.byPage.forEach((page) => expect(page).toContain('Working days overdue'));
  });
});
