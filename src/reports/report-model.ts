import type { RagRating } from '../progress/rag';

/**
 * The shapes every report is made of, shared by the Handlebars templates (HTML,
 * and through it PDF) and the Word renderer, so the three formats cannot drift
 * apart. Every string here is plain text: the HTML templates escape it and the
 * Word renderer writes it as literal text.
 */

/** One table cell: paragraphs of text, an optional bold lead line, and a RAG tone for colour. */
export interface Cell {
  strong: string | null;
  paragraphs: string[];
  tone: RagRating | null;
}

export interface Column {
  label: string;
  /** Share of the table's width, in percent, so HTML and Word lay out alike. */
  width: number;
}

/** The recommendation (or outcome) cell that spans all of its activity rows. */
export interface RowHeader {
  /** "1." — empty when the row needs no number. */
  number: string;
  text: string;
  rowSpan: number;
}

export interface Row {
  /** Only on a recommendation's first row; the rows under it leave the column to the merged cell. */
  header: RowHeader | null;
  /** For a recommendation's later rows in Word, which needs a cell to continue the merge. */
  continuesHeader: boolean;
  cells: Cell[];
  /** False for the placeholder row of a recommendation with no activities yet. */
  isActivity: boolean;
  /** A line under the row, across its columns: why it is rated as it is, and the latest progress. */
  detail?: RowDetail | null;
}

/** Labelled sentences printed under a row: "Red: due 27 Jun 2012, 56 working days overdue; …". */
export interface RowDetail {
  /** Columns the line spans: every column but the merged recommendation cell. */
  span: number;
  lines: Array<{ label: string; text: string }>;
}

/** The rows under one band row ("Safeguarding: within three months"); label null for tables without bands. */
export interface RowGroup {
  label: string | null;
  rows: Row[];
}

export interface Table {
  /** "Table 1: Safeguarding", printed as the table's caption and heading. */
  heading: string;
  columns: Column[];
  /** columns.length, for cells that span the table. */
  columnCount: number;
  groups: RowGroup[];
  /** Start the table on a new page when printed. */
  newPage: boolean;
  /** Whether the first column is the merged recommendation cell (a row header). */
  hasRowHeaders: boolean;
  /**
   * Whether a long row may run on to the next page (under the repeated header)
   * rather than leave the rest of the page blank: the board's reports, where
   * a row carries its rating's reasons and the latest progress.
   */
  rowsMaySplit?: boolean;
}

export function textCell(...paragraphs: Array<string | null | undefined>): Cell {
  return { strong: null, paragraphs: paragraphs.filter((p): p is string => typeof p === 'string' && p !== ''), tone: null };
}

export function cellOf(paragraphs: string[]): Cell {
  return { strong: null, paragraphs, tone: null };
}

/** Widths in percent summing to 100, from relative weights. */
export function columnsOf(labels: readonly string[], weights: readonly number[]): Column[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let used = 0;
  return labels.map((label, index) => {
    const width = index === labels.length - 1 ? 100 - used : Math.round((weights[index] / total) * 100);
    used += width;
    return { label, width };
  });
}
