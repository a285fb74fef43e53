import type { RagRating } from '../../progress/rag';
import type { Comparator, IndicatorUnit, Month, Polarity, RiskLabel, Target, ValueStatus } from '../domain';

/**
 * What an indicator import reads out of a sheet, before anything is matched
 * against the database: plain data, so the readers are pure functions and
 * their tests are tables of rows and trees. Both layouts councils use give
 * the same model:
 *
 * - the wide board-report table (Indicator | Outturn type | one column per
 *   month | Target | comparator columns, grouped under a priority column or
 *   heading rows), and
 * - the long return (indicator, period, value, numerator, denominator, …).
 */

export type IndicatorLayout = 'wide' | 'long';

/** Where a cell is: the sheet (workbooks), the row as a spreadsheet numbers it, and the column's heading. */
export interface CellPlace {
  sheet?: string;
  row: number;
  column?: string;
}

export type IndicatorMessageCode =
  | 'month_heading_corrected'
  | 'unreadable_value'
  | 'unreadable_target'
  | 'unreadable_comparator'
  | 'unreadable_month'
  | 'unreadable_status'
  | 'unknown_unit'
  | 'no_unit'
  | 'unit_guessed'
  | 'percent_sign_ignored'
  | 'value_disagrees'
  | 'value_from_numerator'
  | 'duplicate_indicator'
  | 'duplicate_value'
  | 'duplicate_month_column'
  | 'target_year_assumed'
  | 'ignored_column'
  | 'ignored_row'
  | 'ignored_sheet';

/** What the importer did on its own; everything else is a warning for a person to check before committing. */
export const INDICATOR_NOTE_CODES: ReadonlySet<IndicatorMessageCode> = new Set<IndicatorMessageCode>([
  'unit_guessed',
  'target_year_assumed',
  'ignored_column',
  'value_from_numerator',
  'ignored_sheet',
]);

export interface IndicatorImportMessage {
  code: IndicatorMessageCode;
  severity: 'warning' | 'note';
  /** Starts with its place: "row 7, column 'Dec-2l': read as December 2021". */
  message: string;
  sheet?: string;
  row?: number;
  column?: string;
  /** The cell's text as written, when the message is about a cell. */
  cellText?: string;
}

export interface ParsedValue {
  month: Month;
  /** Null when the cell said "N/A": not available, never zero. */
  value: number | null;
  notAvailable: boolean;
  numerator: number | null;
  denominator: number | null;
  /** Null when the sheet does not say. */
  status: ValueStatus | null;
  note: string | null;
  /** The cell as written. */
  text: string;
  place: CellPlace;
}

export interface ParsedTarget {
  /** The financial year it is for (2022 for 2022/23). */
  financialYear: number;
  target: Target;
  text: string;
  place: CellPlace;
}

export interface ParsedComparator extends Comparator {
  /** The cell as written ("N/A", "28%"). */
  text: string;
  place: CellPlace;
}

export interface ParsedIndicator {
  /** As the council writes it. */
  title: string;
  unit: IndicatorUnit | null;
  /** The outturn type as written, when there is one. */
  unitText: string | null;
  /** Only where the sheet says so; otherwise a person sets it. */
  polarity: Polarity | null;
  values: ParsedValue[];
  targets: ParsedTarget[];
  comparators: ParsedComparator[];
  place: CellPlace;
}

export interface ParsedPriority {
  /** Null for indicators the sheet puts under no priority. */
  title: string | null;
  number: string | null;
  /** A RAG and risk label the heading states ("— RAG: Amber, Medium Risk"). */
  rating: RagRating | null;
  riskLabel: RiskLabel | null;
  place: CellPlace | null;
  indicators: ParsedIndicator[];
}

export interface ParsedIndicatorImport {
  layout: IndicatorLayout;
  sheet: string | null;
  /** Every month the sheet has a column or a row for, oldest first. */
  months: Month[];
  priorities: ParsedPriority[];
  messages: IndicatorImportMessage[];
}

/** "sheet "Data", row 7, column 'Dec-2l'" — where to look, as a person finds it. */
export function describeCell(place: CellPlace): string {
  const sheet = place.sheet !== undefined ? `sheet "${place.sheet}", ` : '';
  const column = place.column !== undefined ? `, column '${place.column}'` : '';
  return `${sheet}row ${place.row}${column}`;
}

export function messageAt(code: IndicatorMessageCode, place: CellPlace, text: string, cellText?: string): IndicatorImportMessage {
  return {
    code,
    severity: INDICATOR_NOTE_CODES.has(code) ? 'note' : 'warning',
    message: `${describeCell(place)}: ${text}`,
    ...(place.sheet !== undefined ? { sheet: place.sheet } : {}),
    row: place.row,
    ...(place.column !== undefined ? { column: place.column } : {}),
    ...(cellText !== undefined ? { cellText } : {}),
  };
}
