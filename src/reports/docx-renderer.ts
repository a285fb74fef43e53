import { Injectable } from '@nestjs/common';
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
  Table as WordTable,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
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
import { Cell, Row, RowDetail, Table } from './report-model';

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

function cellParagraphs(cell: Cell): Paragraph[] {
  const paragraphs = [...(cell.strong ? [paragraph(cell.strong, { bold: true })] : []), ...cell.paragraphs.map((text) => paragraph(text))];
  // Word needs at least one paragraph in every cell.
  return paragraphs.length ? paragraphs : [new Paragraph({})];
}

function twips(width: number): number {
  return Math.round((CONTENT_WIDTH * width) / 100);
}

function wordTable(table: Table): FileChild[] {
  const widths = table.columns.map((column) => twips(column.width));
  const width = (index: number, span = 1) => ({ size: widths.slice(index, index + span).reduce((a, b) => a + b, 0), type: WidthType.DXA });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map(
      (column, index) =>
        new TableCell({
          width: width(index),
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL },
          children: [paragraph(column.label, { bold: true })],
        }),
    ),
  });
  const rows: TableRow[] = [header];
  for (const group of table.groups) {
    if (group.label !== null) {
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              columnSpan: table.columnCount,
              width: width(0, table.columnCount),
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: BAND_FILL },
              children: [paragraph(group.label, { bold: true, keepNext: true })],
            }),
          ],
        }),
      );
    }
    for (const row of group.rows) {
      rows.push(wordRow(row, table, width));
      if (row.detail) rows.push(detailRow(row.detail, table, width));
    }
  }
  return [
    heading(table.heading, HeadingLevel.HEADING_2, { pageBreakBefore: table.newPage, allCaps: true }),
    new WordTable({
      rows,
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
    }),
  ];
}

function wordRow(row: Row, table: Table, width: (index: number) => { size: number; type: (typeof WidthType)[keyof typeof WidthType] }): TableRow {
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
      // Word merges down by continuing the cell above; the continuation holds an empty paragraph.
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

/** The line under a row, across every column but the merged recommendation, which it continues. */
function detailRow(detail: RowDetail, table: Table, width: (index: number, span?: number) => { size: number; type: (typeof WidthType)[keyof typeof WidthType] }): TableRow {
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

function appendixBody(view: AppendixView): FileChild[] {
  const body: FileChild[] = [paragraph(view.intro.paragraph), paragraph(view.intro.columnsLead), ...view.intro.columns.map(bullet)];
  if (view.abbreviations.length) {
    body.push(heading('Abbreviations', HeadingLevel.HEADING_2));
    for (const { abbreviation, meaning } of view.abbreviations) {
      body.push(new Paragraph({ children: [...runs(abbreviation, { bold: true }), new TextRun({ text: ': ' }), ...runs(meaning)] }));
    }
  }
  for (const table of view.tables) body.push(...wordTable(table));
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

function progressBody(view: ProgressReportView): FileChild[] {
  const body: FileChild[] = [paragraph(view.summary), heading('RAG ratings', HeadingLevel.HEADING_2)];
  for (const key of view.ragKey) {
    body.push(new Paragraph({ children: [new TextRun({ text: key.label, bold: true, shading: { type: ShadingType.CLEAR, color: 'auto', fill: RAG_FILLS[key.tone] } }), new TextRun({ text: `: ${key.meaning}` })] }));
  }
  for (const table of view.tables) body.push(...wordTable(table));
  return body;
}

function exceptionBody(view: ExceptionReportView): FileChild[] {
  const returns = view.returns ? [paragraph(view.returnsSummary ?? ''), ...wordTable(view.returns)] : [];
  return [paragraph(view.summary), ...view.tables.flatMap(wordTable), ...returns];
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

function performanceBody(view: PerformanceReportView): FileChild[] {
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
    if (priority.table) body.push(...wordTable(performanceTable(priority.table)));
    else body.push(paragraph('No indicators evidence this priority.'));
    for (const chart of priority.charts) body.push(...wordChart(chart));
    body.push(
      heading('Actions / next steps', HeadingLevel.HEADING_3),
      ...(priority.nextSteps.length ? priority.nextSteps.map((text) => paragraph(text)) : [paragraph('Not written for this month.')]),
    );
    if (priority.exceptions) body.push(...wordTable(priority.exceptions));
    else body.push(paragraph('No actions of this priority are overdue or at risk.'));
  }
  return body;
}

/** A board's pack is one document: matters arising, then each plan's three reports, each from its own body above. */
function boardPackBody(view: BoardPackView): FileChild[] {
  const body: FileChild[] = [paragraph(view.summary), ...(view.issue ? [paragraph(view.issue)] : []), heading('Contents', HeadingLevel.HEADING_2), ...view.contents.map(bullet)];
  if (view.mattersArising) body.push(...wordTable(view.mattersArising));
  else body.push(heading('Matters arising', HeadingLevel.HEADING_2), paragraph('No actions from earlier meetings are open.'));
  for (const part of view.parts) {
    body.push(heading(`${part.heading}: progress report`, HeadingLevel.HEADING_2, { pageBreakBefore: true }), ...progressBody(part.progress));
    body.push(heading(`${part.heading}: exception report`, HeadingLevel.HEADING_2, { pageBreakBefore: true }), ...exceptionBody(part.exceptions));
    body.push(heading(`${part.heading}: performance report`, HeadingLevel.HEADING_2, { pageBreakBefore: true }), ...performanceBody(part.performance));
  }
  return body;
}

function actionLogBody(view: ActionLogView): FileChild[] {
  return [paragraph(view.summary), ...(view.table ? wordTable(view.table) : [])];
}

function scrutinyMonitoringBody(view: ScrutinyMonitoringView): FileChild[] {
  const key = view.key.map(({ label, meaning }) => new Paragraph({ children: [...runs(label, { bold: true }), new TextRun({ text: ': ' }), ...runs(meaning)] }));
  return [paragraph(view.summary), heading('Progress status key', HeadingLevel.HEADING_2), ...key, ...(view.table ? wordTable(view.table) : [])];
}

const BODIES: { [K in ReportKind]: (view: ReportViews[K]) => FileChild[] } = {
  appendix: appendixBody,
  'progress-report': progressBody,
  'exception-report': exceptionBody,
  'performance-report': performanceBody,
  'board-pack': boardPackBody,
  'action-log': actionLogBody,
  'scrutiny-monitoring': scrutinyMonitoringBody,
};

export function wordDocument<K extends ReportKind>(kind: K, view: ReportViews[K]): Document {
  const body = BODIES[kind](view);
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

@Injectable()
export class DocxRenderer {
  render<K extends ReportKind>(kind: K, view: ReportViews[K]): Promise<Buffer> {
    return Packer.toBuffer(wordDocument(kind, view));
  }
}
