import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ImportProblem } from '../import-model';
import { cellText, linesOfWorkbook, zipEntries } from './workbook-source';

async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function problemOf(promise: Promise<unknown>): Promise<ImportProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportProblem) return error;
    throw error;
  }
  throw new Error('expected an ImportProblem');
}

const options = { mapping: {}, maxExpandedBytes: 50 * 1_048_576 };

describe('linesOfWorkbook', () => {
  it('repeats a cell merged down, marks it merged, and empties a cell merged across', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('Plan');
      sheet.addRow(['Recommendation', 'Activity', 'Lead agency']);
      sheet.addRow(['Safeguarding: Immediately', null, null]);
      sheet.mergeCells('A2:C2');
      sheet.addRow(['1. Ensure quality.', 'Audit', 'SCC']);
      sheet.addRow([null, 'Supervise', 'SCC']);
      sheet.mergeCells('A3:A4');
    });
    const { sheet, lines } = await linesOfWorkbook(bytes, options);
    expect(sheet).toBe('Plan');
    expect(lines.map((l) => (l.kind === 'row' ? [l.cells, l.merged, l.place] : null))).toEqual([
      [['Recommendation', 'Activity', 'Lead agency'], [false, false, false], { sheet: 'Plan', row: 1 }],
      [['Safeguarding: Immediately', '', ''], [false, false, false], { sheet: 'Plan', row: 2 }],
      [['1. Ensure quality.', 'Audit', 'SCC'], [false, false, false], { sheet: 'Plan', row: 3 }],
      [['1. Ensure quality.', 'Supervise', 'SCC'], [true, false, false], { sheet: 'Plan', row: 4 }],
    ]);
  });

  it('reads the first sheet with a header, notes the others, and reads a named sheet when asked', async () => {
    const bytes = await workbook((book) => {
      book.addWorksheet('Cover').addRow(['Quality Improvement Plan 2012']);
      const plan = book.addWorksheet('Plan');
      plan.addRow(['Recommendation', 'Activity']);
      plan.addRow(['1. A.', 'Do a']);
    });
    const chosen = await linesOfWorkbook(bytes, options);
    expect(chosen.sheet).toBe('Plan');
    expect(chosen.messages.map((m) => [m.code, m.sheet])).toEqual([['ignored_sheet', 'Cover']]);
    expect((await linesOfWorkbook(bytes, { ...options, sheet: 'cover' })).sheet).toBe('Cover');
    const missing = await problemOf(linesOfWorkbook(bytes, { ...options, sheet: 'Actions' }));
    expect(missing.code).toBe('no_such_sheet');
    expect(missing.message).toMatch(/"Cover", "Plan"/);
  });

  it('chooses the sheet by the header the caller describes, for tables that are not plans', async () => {
    const bytes = await workbook((book) => {
      book.addWorksheet('Cover').addRow(['Improvement board performance report']);
      book.addWorksheet('Data').addRow(['Indicator', 'Oct-21', 'Nov-21']);
    });
    const chosen = await linesOfWorkbook(bytes, { ...options, isHeaderRow: (cells) => cells[0] === 'Indicator' });
    expect(chosen.sheet).toBe('Data');
    expect((await linesOfWorkbook(bytes, options)).sheet).toBe('Cover');
  });

  it('refuses a Word document, a damaged ZIP and a ZIP that would unpack to too much', async () => {
    const docx = new JSZip();
    docx.file('word/document.xml', '<w:document/>');
    expect((await problemOf(linesOfWorkbook(await docx.generateAsync({ type: 'nodebuffer' }), options))).code).toBe('unsupported_file');

    const bytes = await workbook((book) => book.addWorksheet('Plan').addRow(['Activity']));
    expect((await problemOf(linesOfWorkbook(bytes.subarray(0, bytes.length - 30), options))).code).toBe('unreadable_workbook');

    const bomb = new JSZip();
    bomb.file('xl/workbook.xml', '<workbook/>');
    bomb.file('xl/worksheets/sheet1.xml', '0'.repeat(3 * 1_048_576));
    const packed = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(packed.length).toBeLessThan(100_000);
    expect(zipEntries(packed).reduce((n, e) => n + e.uncompressedSize, 0)).toBeGreaterThan(3_000_000);
    const problem = await problemOf(linesOfWorkbook(packed, { ...options, maxExpandedBytes: 1_048_576 }));
    expect(problem.code).toBe('too_large');
  });

  it('refuses a ZIP with a workbook part that exceljs cannot read', async () => {
    const broken = new JSZip();
    broken.file('xl/workbook.xml', 'not xml at all <<<');
    broken.file('[Content_Types].xml', 'nor this');
    const problem = await problemOf(linesOfWorkbook(await broken.generateAsync({ type: 'nodebuffer' }), options));
    expect(['unreadable_workbook', 'no_header']).toContain(problem.code);
  });
});

describe('cellText', () => {
  it.each<[ExcelJS.CellValue, string | undefined, string]>([
    [new Date(Date.UTC(2016, 3, 1)), 'mmm-yy', 'April 2016'],
    [new Date(Date.UTC(2016, 3, 30)), 'dd/mm/yyyy', '2016-04-30'],
    [new Date(Date.UTC(2016, 3, 30)), undefined, '2016-04-30'],
    [3000, undefined, '3000'],
    [0.26, '0%', '26%'],
    [0.263, '0.0%', '26.3%'],
    [{ formula: 'A1/B1', result: 0.5 }, '0%', '50%'],
    [{ formula: 'A1+B1', result: 12 }, undefined, '12'],
    [{ richText: [{ text: 'SCC ' }, { text: '– CSL' }] }, undefined, 'SCC – CSL'],
    [{ formula: 'A1', result: 'To be confirmed' }, undefined, 'To be confirmed'],
    [{ text: 'Ofsted report', hyperlink: 'https://reports.ofsted.gov.uk' }, undefined, 'Ofsted report'],
    [null, undefined, ''],
  ])('%j (%s)', (value, numFmt, text) => expect(cellText(value, numFmt)).toBe(text));
});
