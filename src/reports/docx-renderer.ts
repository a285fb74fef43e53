import { Injectable } from '@nestjs/common';
import type { Readable } from 'stream';
import {
  AlignmentType,
  Document,
  FileChild,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  TextRun,
} from 'docx';
import { ChartRun, ChartSeries } from 'docx/charts';
import { formatMonthShort } from '../indicators/domain/periods';
import type { ChartView, PerformanceReportView } from '../indicators/report/performance-report.view-model';
import type { RagRating } from '../progress/rag';
import type { AppendixView } from './appendix.view-model';
import type { ExceptionReportView } from './exception-report.view-model';
import type { ReportKind, ReportViews } from './html-renderer';
import type { ProgressReportView } from './progress-report.view-model';
import type { ActionLogView } from '../boards/papers/action-log';
import type { BoardPackView } from '../boards/papers/board-pack';
import type { ScrutinyMonitoringView } from '../boards/papers/scrutiny-monitoring';
import { Table } from './report-model';
import { zipStream } from './zip-stream';

/**
 * The same reports as Word documents built with `docx`: native Word tables with
 * a repeating header row, merged recommendation cells and rows that do not
 * break across pages, so a clerk can paste them into the council's own report
 * template. Text is written as literal text runs, never parsed as markup.
 */

// A4 in twentieths of a point, given portrait; docx turns it for landscape.
const A4_SHORT = 11906;
const A4_LONG = 16838;
const MARGIN = 720;
const CONTENT_WIDTH = A4_LONG - 2 * MARGIN;

const FONT = 'Arial';
const HEADER_FILL = 'DEE0E2';
const BAND_FILL = 'F3F2F1';
const RAG_FILLS: Record<RagRating, string> = { red: 'F4C7C3', amber: 'FCE8B2', green: 'B7E1CD', blue: 'C9DAF8' };

// XML 1.0 cannot hold most control characters; Word refuses a file that has them.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wordSafe(text: string): string {
  return text.replace(NOT_XML, '\uFFFD');
}

/** Text runs for one paragraph; line breaks inside a cell stay line breaks. */
function runs(text: string, style: { bold?: boolean; allCaps?: boolean } = {}): TextRun[] {
  return wordSafe(text)
    .split(/\r\n|\r|\n/)
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : undefined, ...style }));
}

function paragraph(text: string, options: { bold?: boolean; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({ children: runs(text, { bold: options.bold }), keepNext: options.keepNext, spacing: { after: 60 } });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], options: { pageBreakBefore?: boolean; allCaps?: boolean } = {}): Paragraph {
  return new Paragraph({ heading: level, children: runs(text, { allCaps: options.allCaps }), keepNext: true, pageBreakBefore: options.pageBreakBefore });
}

function bullet(text: string): Paragraph {
  return new Paragraph({ children: runs(text), bullet: { level: 0 } });
}

function twips(width: number): number {
  return Math.round((CONTENT_WIDTH * width) / 100);
}

/**
 * The tables of a document being built: each is a placeholder paragraph in
 * the docx document, replaced by the table's own XML when the file is
 * written (tableXml below). docx builds an object per cell, paragraph, run
 * and property, then an object tree for its XML writer: at 5,000 activities
 * that took seconds; the rows written as text take a small part of it.
 */
class TablePlaceholders {
  readonly tables: Table[] = [];

  /**
   * The table's heading, then the paragraph its XML replaces: an empty
   * paragraph in a style of its own, which no text in a report can write.
   */
  add(table: Table): FileChild[] {
    const placeholder = new Paragraph({ style: `${PLACEHOLDER_STYLE}${this.tables.length}` });
    this.tables.push(table);
    return [heading(table.heading, HeadingLevel.HEADING_2, { pageBreakBefore: table.newPage, allCaps: true }), placeholder];
  }
}

const PLACEHOLDER_STYLE = 'IpmTablePlaceholder';
const PLACEHOLDER = new RegExp(`<w:p><w:pPr><w:pStyle w:val="${PLACEHOLDER_STYLE}(\\d+)"/></w:pPr></w:p>`, 'g');

/** Text as docx writes it into XML: its five entities, and nothing XML 1.0 cannot hold. */
function xmlText(text: string): string {
  return wordSafe(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

const BOLD = '<w:rPr><w:b/><w:bCs/></w:rPr>';

/** Runs of one line each, line breaks kept: as runs() above. */
function runsXml(text: string, bold = false): string {
  const style = bold ? BOLD : '';
  return xmlText(text)
    .split(/\r\n|\r|\n/)
    .map((line, index) => `<w:r>${style}${index > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${line}</w:t></w:r>`)
    .join('');
}

function paragraphXml(text: string, options: { bold?: boolean; keepNext?: boolean } = {}): string {
  return `<w:p><w:pPr>${options.keepNext ? '<w:keepNext/>' : ''}<w:spacing w:after="60"/></w:pPr>${runsXml(text, options.bold)}</w:p>`;
}

function cellXml(width: number, content: string, properties = ''): string {
  return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${properties}</w:tcPr>${content}</w:tc>`;
}

function shading(fill: string): string {
  return `<w:shd w:fill="${fill}" w:color="auto" w:val="clear"/>`;
}

const TABLE_BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`).join('');

/**
 * A table as Word XML, a row at a time: native Word tables with the header
 * row repeated on every page (w:tblHeader), recommendation cells merged down
 * (w:vMerge), rows kept whole (w:cantSplit) unless the table lets long rows
 * run on, band rows across the table. The same XML docx wrote for these
 * tables (docx-renderer.spec.ts holds the two side by side).
 */
export function* tableXml(table: Table): Generator<string> {
  const widths = table.columns.map((column) => twips(column.width));
  const width = (index: number, span = 1) => widths.slice(index, index + span).reduce((a, b) => a + b, 0);
  yield `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${CONTENT_WIDTH}"/><w:tblBorders>${TABLE_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>${widths
    .map((w) => `<w:gridCol w:w="${w}"/>`)
    .join('')}</w:tblGrid>`;
  yield `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${table.columns
    .map((column, index) => cellXml(width(index), paragraphXml(column.label, { bold: true }), shading(HEADER_FILL)))
    .join('')}</w:tr>`;
  const offset = table.hasRowHeaders ? 1 : 0;
  const continued = table.hasRowHeaders ? cellXml(width(0), '<w:p/>', '<w:vMerge w:val="continue"/>') : '';
  for (const group of table.groups) {
    if (group.label !== null) {
      yield `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cellXml(
        width(0, table.columnCount),
        paragraphXml(group.label, { bold: true, keepNext: true }),
        `<w:gridSpan w:val="${table.columnCount}"/>${shading(BAND_FILL)}`,
      )}</w:tr>`;
    }
    let rows = '';
    for (const row of group.rows) {
      rows += `<w:tr><w:trPr>${table.rowsMaySplit ? '<w:cantSplit w:val="off"/>' : '<w:cantSplit/>'}</w:trPr>`;
      if (table.hasRowHeaders) {
        if (row.header) {
          const number = row.header.number ? `<w:r>${BOLD}<w:t xml:space="preserve">${xmlText(`${row.header.number} `)}</w:t></w:r>` : '';
          rows += cellXml(width(0), `<w:p>${number}${runsXml(row.header.text)}</w:p>`, row.header.rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : '');
        } else {
          rows += continued;
        }
      }
      row.cells.forEach((cell, index) => {
        const paragraphs = [...(cell.strong ? [paragraphXml(cell.strong, { bold: true })] : []), ...cell.paragraphs.map((text) => paragraphXml(text))];
        rows += cellXml(width(index + offset), paragraphs.length ? paragraphs.join('') : '<w:p/>', cell.tone ? shading(RAG_FILLS[cell.tone]) : '');
      });
      rows += '</w:tr>';
      if (row.detail) {
        const lines = row.detail.lines
          .map((line) => `<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>${runsXml(line.label, true)}<w:r><w:t xml:space="preserve"> </w:t></w:r>${runsXml(line.text)}</w:p>`)
          .join('');
        rows += `<w:tr><w:trPr><w:cantSplit/></w:trPr>${continued}${cellXml(width(offset, row.detail.span), lines, `<w:gridSpan w:val="${row.detail.span}"/>`)}</w:tr>`;
      }
      // A few dozen rows to a chunk: small enough to stream, large enough not to pay per row.
      if (rows.length > 32_768) {
        yield rows;
        rows = '';
      }
    }
    if (rows) yield rows;
  }
  yield '</w:tbl>';
}

function appendixBody(view: AppendixView, tables: TablePlaceholders): FileChild[] {
  const body: FileChild[] = [paragraph(view.intro.paragraph), paragraph(view.intro.columnsLead), ...view.intro.columns.map(bullet)];
  if (view.abbreviations.length) {
    body.push(heading('Abbreviations', HeadingLevel.HEADING_2));
    for (const { abbreviation, meaning } of view.abbreviations) {
      body.push(new Paragraph({ children: [...runs(abbreviation, { bold: true }), new TextRun({ text: ': ' }), ...runs(meaning)] }));
    }
  }
  for (const table of view.tables) body.push(...tables.add(table));
  if (view.summary) {
    body.push(heading(view.summary.heading, HeadingLevel.HEADING_2, { pageBreakBefore: true }));
    for (const section of view.summary.sections) {
      body.push(heading(section.heading, HeadingLevel.HEADING_3));
      for (const band of section.bands) {
        body.push(
          new Paragraph({
            keepNext: true,
            children: [...runs(band.before), ...runs(band.strong, { bold: true }), ...runs(band.after)],
          }),
          ...band.items.map(bullet),
        );
      }
    }
  }
  return body;
}

function progressBody(view: ProgressReportView, tables: TablePlaceholders): FileChild[] {
  const body: FileChild[] = [paragraph(view.summary), heading('RAG ratings', HeadingLevel.HEADING_2)];
  for (const key of view.ragKey) {
    body.push(new Paragraph({ children: [new TextRun({ text: key.label, bold: true, shading: { type: ShadingType.CLEAR, color: 'auto', fill: RAG_FILLS[key.tone] } }), new TextRun({ text: `: ${key.meaning}` })] }));
  }
  for (const table of view.tables) body.push(...tables.add(table));
  return body;
}

function exceptionBody(view: ExceptionReportView, tables: TablePlaceholders): FileChild[] {
  const returns = view.returns ? [paragraph(view.returnsSummary ?? ''), ...tables.add(view.returns)] : [];
  return [paragraph(view.summary), ...view.tables.flatMap((table) => tables.add(table)), ...returns];
}

// The performance report's charts are native Word charts drawn from the same figures as the SVG in the
// HTML and PDF: Word cannot show an SVG without a raster copy beside it, and nothing here rasterises
// SVG; a Word chart keeps its data, is described to screen readers and can be edited by a clerk.
const COMPARATOR_DASHES = ['shortDot', 'dashDot', 'dot', 'longDash', 'longDashDotDot'] as const;

function wordChart(chart: ChartView): Paragraph[] {
  const { data } = chart;
  const series: ChartSeries[] = [
    { name: 'Outturn', values: data.values, color: '1D70B8', markers: { shape: 'circle', size: 6 }, line: { width: 2.25 } },
  ];
  if (data.targets.some((t) => t !== null)) series.push({ name: 'Target', values: data.targets, color: 'D4351C', markers: false, line: { width: 2, dash: 'dash' } });
  data.comparators.forEach((comparator, index) => {
    if (comparator.value === null) return;
    const dash = COMPARATOR_DASHES[index % COMPARATOR_DASHES.length];
    series.push({ name: wordSafe(comparator.label), values: data.months.map(() => comparator.value), color: '505A5F', markers: false, line: { width: 1.5, dash } });
  });
  const run = new ChartRun({
    type: 'line',
    categories: data.months.map(formatMonthShort),
    series,
    title: wordSafe(chart.title),
    legend: { position: 'right' },
    emptyValues: 'gap',
    transformation: { width: 640, height: 280 },
    altText: { name: wordSafe(chart.id), title: wordSafe(chart.title), description: wordSafe(chart.text) },
  });
  return [new Paragraph({ keepNext: true, children: [run] }), paragraph(chart.text)];
}

function performanceTable(table: NonNullable<PerformanceReportView['priorities'][number]['table']>): Table {
  return {
    heading: table.caption,
    columns: table.columns,
    columnCount: table.columns.length,
    hasRowHeaders: false,
    newPage: false,
    groups: [
      {
        label: null,
        rows: table.rows.map((row) => ({
          header: null,
          continuesHeader: false,
          isActivity: true,
          cells: [
            { strong: row.title, paragraphs: [row.description], tone: null },
            ...row.months.map((cell) => ({ strong: null, paragraphs: [cell.text, cell.mark, cell.note].filter((p): p is string => p !== null), tone: cell.tone })),
            { strong: null, paragraphs: [row.target], tone: null },
            ...row.comparators.map((text) => ({ strong: null, paragraphs: text ? [text] : [], tone: null })),
            { strong: row.rating.label, paragraphs: [...row.rating.reasons, ...row.travel, ...row.positions], tone: row.rating.tone },
          ],
        })),
      },
    ],
  };
}

function performanceBody(view: PerformanceReportView, tables: TablePlaceholders): FileChild[] {
  const body: FileChild[] = [paragraph(view.summary), ...(view.recorded ? [paragraph(view.recorded)] : []), heading('RAG ratings', HeadingLevel.HEADING_2)];
  for (const key of view.ragKey) {
    const shading = key.tone ? { type: ShadingType.CLEAR, color: 'auto', fill: RAG_FILLS[key.tone] } : undefined;
    body.push(new Paragraph({ children: [new TextRun({ text: key.label, bold: true, shading }), new TextRun({ text: `: ${key.meaning}` })] }));
  }
  for (const priority of view.priorities) {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        keepNext: true,
        pageBreakBefore: priority.newPage,
        children: [
          ...runs(`${priority.title} — `),
          new TextRun({ text: wordSafe(priority.ragText), shading: priority.tone ? { type: ShadingType.CLEAR, color: 'auto', fill: RAG_FILLS[priority.tone] } : undefined }),
        ],
      }),
      ...priority.reasons.map(bullet),
      heading('What the data tells us', HeadingLevel.HEADING_3),
      ...(priority.dataTellsUs.length ? priority.dataTellsUs.map((text) => paragraph(text)) : [paragraph('Not written for this month.')]),
    );
    if (priority.table) body.push(...tables.add(performanceTable(priority.table)));
    else body.push(paragraph('No indicators evidence this priority.'));
    for (const chart of priority.charts) body.push(...wordChart(chart));
    body.push(
      heading('Actions / next steps', HeadingLevel.HEADING_3),
      ...(priority.nextSteps.length ? priority.nextSteps.map((text) => paragraph(text)) : [paragraph('Not written for this month.')]),
    );
    if (priority.exceptions) body.push(...tables.add(priority.exceptions));
    else body.push(paragraph('No actions of this priority are overdue or at risk.'));
  }
  return body;
}

/** A board's pack is one document: matters arising, then each plan's three reports, each from its own body above. */
function boardPackBody(view: BoardPackView, tables: TablePlaceholders): FileChild[] {
  const body: FileChild[] = [paragraph(view.summary), ...(view.issue ? [paragraph(view.issue)] : []), heading('Contents', HeadingLevel.HEADING_2), ...view.contents.map(bullet)];
  if (view.mattersArising) body.push(...tables.add(view.mattersArising));
  else body.push(heading('Matters arising', HeadingLevel.HEADING_2), paragraph('No actions from earlier meetings are open.'));
  for (const part of view.parts) {
    body.push(heading(`${part.heading}: progress report`, HeadingLevel.HEADING_2, { pageBreakBefore: true }), ...progressBody(part.progress, tables));
    body.push(heading(`${part.heading}: exception report`, HeadingLevel.HEADING_2, { pageBreakBefore: true }), ...exceptionBody(part.exceptions, tables));
    body.push(heading(`${part.heading}: performance report`, HeadingLevel.HEADING_2, { pageBreakBefore: true }), ...performanceBody(part.performance, tables));
  }
  return body;
}

function actionLogBody(view: ActionLogView, tables: TablePlaceholders): FileChild[] {
  return [paragraph(view.summary), ...(view.table ? tables.add(view.table) : [])];
}

function scrutinyMonitoringBody(view: ScrutinyMonitoringView, tables: TablePlaceholders): FileChild[] {
  const key = view.key.map(({ label, meaning }) => new Paragraph({ children: [...runs(label, { bold: true }), new TextRun({ text: ': ' }), ...runs(meaning)] }));
  return [paragraph(view.summary), heading('Progress status key', HeadingLevel.HEADING_2), ...key, ...(view.table ? tables.add(view.table) : [])];
}

const BODIES: { [K in ReportKind]: (view: ReportViews[K], tables: TablePlaceholders) => FileChild[] } = {
  appendix: appendixBody,
  'progress-report': progressBody,
  'exception-report': exceptionBody,
  'performance-report': performanceBody,
  'board-pack': boardPackBody,
  'action-log': actionLogBody,
  'scrutiny-monitoring': scrutinyMonitoringBody,
};

function wordDocument<K extends ReportKind>(kind: K, view: ReportViews[K], tables: TablePlaceholders): Document {
  const body = BODIES[kind](view, tables);
  return new Document({
    title: wordSafe(view.title),
    creator: 'Improvement Plan Manager',
    styles: {
      default: {
        document: { run: { font: FONT, size: 18 }, paragraph: { spacing: { after: 60 } } },
        heading1: { run: { font: FONT, size: 28, bold: true, color: '000000' }, paragraph: { spacing: { before: 120, after: 200 } } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font: FONT, size: 20, bold: true, color: '000000' }, paragraph: { spacing: { before: 200, after: 80 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_SHORT, height: A4_LONG, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 360, footer: 360 },
          },
        },
        headers: view.draft
          ? { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'DRAFT', bold: true, size: 24 })] })] }) }
          : undefined,
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 })],
              }),
            ],
          }),
        },
        children: [heading(view.title, HeadingLevel.HEADING_1), ...body],
      },
    ],
  });
}

/** docx's own compiler: every part of the package as text, before it zips them (Packer.pack does compile, then zip). */
interface DocxCompiler {
  compile(document: Document): Map<string, string | Uint8Array>;
}
const compiler = (Packer as unknown as { compiler: DocxCompiler }).compiler;

@Injectable()
export class DocxRenderer {
  /**
   * The document as a stream: the parts docx writes (styles, numbering,
   * header, footer, the body around the tables), with each table's rows
   * written into the body as the file is zipped, so the first bytes go out
   * before the last row is written.
   */
  stream<K extends ReportKind>(kind: K, view: ReportViews[K]): Readable {
    const tables = new TablePlaceholders();
    const parts = compiler.compile(wordDocument(kind, view, tables));
    const body = parts.get('word/document.xml');
    if (typeof body !== 'string') throw new Error('docx wrote no word/document.xml');
    const pieces = body.split(PLACEHOLDER);
    // split() with a capturing group: text, table index, text, table index, …, text.
    if (pieces.length !== 2 * tables.tables.length + 1) throw new Error('A table placeholder was not found in the document docx wrote');
    function* document(): Generator<string> {
      for (let i = 0; i < pieces.length; i++) {
        if (i % 2 === 0) yield pieces[i];
        else yield* tableXml(tables.tables[Number(pieces[i])]);
      }
    }
    // [Content_Types].xml first, as Word writes it; then the parts in docx's order.
    const names = [...parts.keys()].sort((a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml'));
    return zipStream(names.map((name) => ({ name, content: name === 'word/document.xml' ? document() : parts.get(name)! })));
  }

  async render<K extends ReportKind>(kind: K, view: ReportViews[K]): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.stream(kind, view)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}
