import {
  Document,
  Packer,
  Paragraph,
  ShadingType,
  Table as WordTable,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import { Readable } from 'stream';
import type { CalendarDate } from '../deadlines';
import type { RagAssessment } from '../progress/rag';
import { appendixView } from './appendix.view-model';
import { DocxRenderer, tableXml, wordSafe } from './docx-renderer';
import { exceptionReportView } from './exception-report.view-model';
import { progressReportView } from './progress-report.view-model';
import type { Cell, Row, RowDetail, Table } from './report-model';
import { demoReportPlan } from './testing/demo-report-plan';

describe('wordSafe', () => {
  it.each([
    ['plain text & <markup> "quotes"', 'plain text & <markup> "quotes"'],
    ['bell\u0007 and form feed\u000C', 'bell\uFFFD and form feed\uFFFD'],
    ['tab\tand\nnewline kept', 'tab\tand\nnewline kept'],
    ['lone surrogate \uD800 here', 'lone surrogate \uFFFD here'],
    ['emoji 👍 kept', 'emoji 👍 kept'],
  ])('%j -> %j', (text, expected) => {
    expect(wordSafe(text)).toBe(expected);
  });
});

const HOSTILE = `<w:p>&amp; "quoted" 'single' </w:tbl>\u0001 line\nsecond line`;

async function documentXml(buffer: Buffer): Promise<string> {
  return (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
}

describe('DocxRenderer', () => {
  it('writes text with control characters and line breaks as a file Word can read', async () => {
    const { plan, agencies } = demoReportPlan();
    const [section] = plan.sections;
    const [recommendation] = section.recommendations;
    const activity = { ...recommendation.activities[0], text: 'First\u0001 line\nsecond <line> & more' };
    const view = appendixView({ ...plan, sections: [{ ...section, recommendations: [{ ...recommendation, activities: [activity] }] }] }, agencies, {
      appendix: '1',
      title: null,
      layout: null,
    });
    const buffer = await new DocxRenderer().render('appendix', view);
    const xml = await documentXml(buffer);
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
    expect(xml).toContain('<w:t xml:space="preserve">First\uFFFD line</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">second &lt;line&gt; &amp; more</w:t>');
  });

  it('streams the file: a ZIP whose parts any unzip reads, the tables in place of their placeholders', async () => {
    const { plan, agencies } = demoReportPlan();
    const view = appendixView(plan, agencies, { appendix: '2', title: null, layout: null });
    const stream = new DocxRenderer().stream('appendix', view);
    expect(stream).toBeInstanceOf(Readable);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(chunks.length).toBeGreaterThan(1);
    const zip = await JSZip.loadAsync(Buffer.concat(chunks));
    expect(Object.keys(zip.files)[0]).toBe('[Content_Types].xml');
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).not.toContain('IpmTablePlaceholder');
    expect(xml.match(/<w:tbl>/g)).toHaveLength(view.tables.length);
    expect(xml.endsWith('</w:document>')).toBe(true);
  });

  it('cannot be led astray by report text that looks like a placeholder', async () => {
    const { plan, agencies } = demoReportPlan();
    const view = appendixView({ ...plan, title: '<w:p><w:pPr><w:pStyle w:val="IpmTablePlaceholder0"/></w:pPr></w:p>' }, agencies, { appendix: '1', title: null, layout: null });
    const xml = await documentXml(await new DocxRenderer().render('appendix', view));
    expect(xml.match(/<w:tbl>/g)).toHaveLength(view.tables.length);
    expect(xml).toContain('&lt;w:p&gt;&lt;w:pPr&gt;');
  });
});

// ---------- the tables as docx itself writes them, to hold tableXml to the same XML ----------

const CONTENT_WIDTH = 16838 - 2 * 720;
const RAG_FILLS = { red: 'F4C7C3', amber: 'FCE8B2', green: 'B7E1CD', blue: 'C9DAF8' } as const;

function runs(text: string, style: { bold?: boolean } = {}): TextRun[] {
  return wordSafe(text)
    .split(/\r\n|\r|\n/)
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : undefined, ...style }));
}
function paragraph(text: string, options: { bold?: boolean; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({ children: runs(text, { bold: options.bold }), keepNext: options.keepNext, spacing: { after: 60 } });
}
function cellParagraphs(cell: Cell): Paragraph[] {
  const paragraphs = [...(cell.strong ? [paragraph(cell.strong, { bold: true })] : []), ...cell.paragraphs.map((text) => paragraph(text))];
  return paragraphs.length ? paragraphs : [new Paragraph({})];
}
type Width = (index: number, span?: number) => { size: number; type: (typeof WidthType)[keyof typeof WidthType] };

function docxTable(table: Table): WordTable {
  const widths = table.columns.map((column) => Math.round((CONTENT_WIDTH * column.width) / 100));
  const width: Width = (index, span = 1) => ({ size: widths.slice(index, index + span).reduce((a, b) => a + b, 0), type: WidthType.DXA });
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: table.columns.map(
        (column, index) =>
          new TableCell({ width: width(index), shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'DEE0E2' }, children: [paragraph(column.label, { bold: true })] }),
      ),
    }),
  ];
  for (const group of table.groups) {
    if (group.label !== null) {
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              columnSpan: table.columnCount,
              width: width(0, table.columnCount),
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F2F1' },
              children: [paragraph(group.label, { bold: true, keepNext: true })],
            }),
          ],
        }),
      );
    }
    for (const row of group.rows) {
      rows.push(docxRow(row, table, width));
      if (row.detail) rows.push(docxDetail(row.detail, table, width));
    }
  }
  return new WordTable({ rows, width: { size: CONTENT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED });
}

function docxRow(row: Row, table: Table, width: Width): TableRow {
  const cells: TableCell[] = [];
  if (table.hasRowHeaders) {
    if (row.header) {
      const number = row.header.number ? [new TextRun({ text: `${row.header.number} `, bold: true })] : [];
      cells.push(
        new TableCell({
          width: width(0),
          verticalMerge: row.header.rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
          children: [new Paragraph({ children: [...number, ...runs(row.header.text)] })],
        }),
      );
    } else {
      cells.push(new TableCell({ width: width(0), verticalMerge: VerticalMergeType.CONTINUE, children: [new Paragraph({})] }));
    }
  }
  const offset = table.hasRowHeaders ? 1 : 0;
  row.cells.forEach((cell, index) => {
    cells.push(
      new TableCell({
        width: width(index + offset),
        shading: cell.tone ? { type: ShadingType.CLEAR, color: 'auto', fill: RAG_FILLS[cell.tone] } : undefined,
        children: cellParagraphs(cell),
      }),
    );
  });
  return new TableRow({ cantSplit: !table.rowsMaySplit, children: cells });
}

function docxDetail(detail: RowDetail, table: Table, width: Width): TableRow {
  const cells: TableCell[] = [];
  if (table.hasRowHeaders) cells.push(new TableCell({ width: width(0), verticalMerge: VerticalMergeType.CONTINUE, children: [new Paragraph({})] }));
  const offset = table.hasRowHeaders ? 1 : 0;
  cells.push(
    new TableCell({
      columnSpan: detail.span,
      width: width(offset, detail.span),
      children: detail.lines.map((line) => new Paragraph({ children: [...runs(line.label, { bold: true }), new TextRun({ text: ' ' }), ...runs(line.text)], spacing: { after: 0 } })),
    }),
  );
  return new TableRow({ cantSplit: true, children: cells });
}

/** The body docx writes for these tables alone. */
function docxBody(tables: Table[]): string {
  const document = new Document({ sections: [{ children: tables.map(docxTable) }] });
  const xml = (Packer as unknown as { compiler: { compile(d: Document): Map<string, string> } }).compiler.compile(document).get('word/document.xml')!;
  return xml.slice(xml.indexOf('<w:body>') + '<w:body>'.length, xml.indexOf('<w:sectPr'));
}

describe('tableXml', () => {
  const asOf = '2012-09-14' as CalendarDate;
  const { plan, agencies } = demoReportPlan();
  // Hostile text in a cell, a header and a band; an empty cell; a recommendation with no activities.
  const [first, ...rest] = plan.sections;
  const [recommendation, ...others] = first.recommendations;
  const tricky = {
    ...plan,
    sections: [
      {
        ...first,
        title: `Table & <band> "one"`,
        recommendations: [
          { ...recommendation, text: HOSTILE, activities: recommendation.activities.map((a, i) => (i === 0 ? { ...a, text: HOSTILE, cost: { text: '' } } : a)) },
          { ...others[0], activities: [] },
          ...others.slice(1),
        ],
      },
      ...rest,
    ],
  };
  const rating = (rating: RagAssessment['rating'], reason: string): RagAssessment => ({ rating, computed: rating, reasons: [reason], verified: false, override: null });
  const activities = tricky.sections.flatMap((s) => s.recommendations.flatMap((r) => r.activities));

  it.each([
    ['the appendix (merged recommendations, band rows, outcome measures as paragraphs)', () => appendixView(tricky, agencies, { appendix: '1', title: null, layout: null }).tables],
    ['the outcome-first layout', () => appendixView(tricky, agencies, { appendix: '1', title: null, layout: 'outcome-first' }).tables],
    [
      'the progress report (RAG colours, rows that may split, a line under each row)',
      () => {
        const progress = {
          ...tricky,
          sections: tricky.sections.map((s) => ({
            ...s,
            recommendations: s.recommendations.map((r) => ({ ...r, activities: r.activities.map((a) => ({ ...a, status: 'in_progress' as const, percentComplete: 40, verified: false })) })),
          })),
        };
        const assessments = new Map(activities.map((a, i) => [a.id, rating((['red', 'amber', 'green', 'blue', null] as const)[i % 5], HOSTILE)]));
        return progressReportView(progress, assessments, new Map([[activities[1].id, { note: HOSTILE, reportedOn: '2012-09-03' }]]), asOf, {
          appendix: '1',
          title: null,
          layout: null,
        }).tables;
      },
    ],
    [
      'the exception report (no bands of timescale, a line under each row)',
      () =>
        exceptionReportView(
          activities.slice(0, 12).map((a, i) => ({
            id: a.id,
            text: a.text,
            status: 'not_started' as const,
            dueDate: i % 2 ? '2012-06-27' : '2012-10-01',
            dueDatePrecision: 'day' as const,
            planTitle: 'Plan',
            sectionTitle: 'Safeguarding',
            recommendationNumber: 1,
            owner: i % 3 ? null : HOSTILE,
            leadAgencies: a.leadAgencies,
            latest: i % 4 ? null : { note: HOSTILE, reportedOn: '2012-09-01' },
          })),
          new Map(activities.map((a) => [a.id, rating('red', 'due 27 Jun 2012')])),
          { isWorkingDay: () => true, workingDaysBetween: () => 56 } as never,
          asOf,
          { appendix: '1', title: null },
        ).tables,
    ],
  ])('writes %s as docx does', (_name, tables) => {
    const written = tables();
    expect(written.length).toBeGreaterThan(0);
    expect(written.map((table) => [...tableXml(table)].join('')).join('')).toBe(docxBody(written));
  });
});
