import type { TimescaleBand } from '../deadlines';

/**
 * What the parsers read out of a pasted table, a spreadsheet or an Ofsted
 * report, before anything is matched against the database. Plain data: the
 * parsers are pure functions and their tests are tables of inputs and trees.
 */

/** The input formats an import accepts. */
export const IMPORT_FORMATS = ['text', 'csv', 'xlsx', 'ofsted-report'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * Ofsted plans lead with the recommendation (Recommendation | Activity | Outcome
 * measure | Cost | Lead agency); serious case review, audit and business plans
 * lead with the outcome (Outcome | Action required | By who | By when | Measure
 * of success), one outcome covering many actions.
 */
export const TABLE_LAYOUTS = ['ofsted', 'outcome-first'] as const;
export type TableLayout = (typeof TABLE_LAYOUTS)[number];

/** Where something came from: a line of pasted text or a CSV file, or a sheet and row of a workbook. */
export interface Place {
  line?: number;
  sheet?: string;
  row?: number;
}

export type MessageCode =
  | 'shifted_row'
  | 'missing_lead_agency'
  | 'truncated_text'
  | 'duplicate_activity'
  | 'repeated_activity'
  | 'date_before_plan_start'
  | 'empty_measures'
  | 'unreadable_date'
  | 'no_timescale'
  | 'no_plan_start'
  | 'unnumbered_recommendation'
  | 'row_without_activity'
  | 'stray_line'
  | 'cost_in_lead_agency'
  | 'new_lead_agency'
  | 'missing_paragraph'
  | 'joined_across_rows'
  | 'inferred_section'
  | 'ignored_sheet'
  /** A column whose heading maps to no field: its cells are not imported. */
  | 'unmapped_column'
  /** A lead that matches no agency and is not in the plan's key ("Chair"). */
  | 'unmatched_lead_agency'
  /** The plan's period read from its title ("Business Plan 2015-18"). */
  | 'proposed_period'
  /** A plan with the same title exists and no planId was sent: the import would make a second one. */
  | 'plan_exists';

/** What the importer did on its own; everything else is a warning for a person to check. */
export const NOTE_CODES: ReadonlySet<MessageCode> = new Set<MessageCode>(['joined_across_rows', 'inferred_section', 'ignored_sheet', 'new_lead_agency', 'proposed_period']);

/**
 * Warnings need a person's eye before the plan is committed (a shifted row, a
 * sentence that stops mid-way); notes say what the importer did on its own
 * (joined a row continued across a page break) so it can be checked.
 */
export interface ImportMessage {
  code: MessageCode;
  message: string;
  line?: number;
  lines?: number[];
  sheet?: string;
  row?: number;
  rows?: number[];
  /** The column's heading, for unmapped_column. */
  column?: string;
  /** The plan meant, for plan_exists. */
  planId?: string;
}

export interface ParsedActivity {
  /** Verbatim from the cell; a line break inside the cell is two spaces, as the paper prints it. */
  text: string;
  outcomeMeasures: string[];
  costText: string;
  /** The lead agency cell as printed, or null when the row has none. */
  leadAgencyText: string | null;
  /** A "By when" (or due date) cell as printed. */
  timescaleText: string | null;
  places: Place[];
}

export interface ParsedRecommendation {
  number: number;
  text: string;
  /** Null in outcome-first plans, whose outcomes take their dates from their actions. */
  band: TimescaleBand | null;
  sourceReference: string | null;
  places: Place[];
  activities: ParsedActivity[];
}

export interface ParsedSection {
  title: string;
  sourceReference: string | null;
  place: Place | null;
  recommendations: ParsedRecommendation[];
}

export interface ParsedPlanDetails {
  title: string | null;
  reportTitle: string | null;
  inspectionStartDate: string | null;
  inspectionEndDate: string | null;
  publishedOn: string | null;
  /** The column headings as the input prints them, when it has a header row. */
  columnLabels: string[] | null;
}

export interface ParsedImport {
  format: ImportFormat;
  layout: TableLayout | 'report';
  plan: ParsedPlanDetails;
  sections: ParsedSection[];
  /** Abbreviations a plan prints in its key ("CEA – Child Exploitation and Abuse sub-group"). */
  abbreviations: Record<string, string>;
  /** The sheet read, for workbooks. */
  sheet: string | null;
  messages: ImportMessage[];
}

export const PROBLEMS = {
  empty_input: 400,
  no_input: 400,
  not_text: 415,
  unsupported_file: 415,
  wrong_encoding: 400,
  too_large: 413,
  no_table: 400,
  no_header: 400,
  unmapped_column: 400,
  malformed_csv: 400,
  unreadable_workbook: 400,
  no_such_sheet: 400,
  no_recommendations: 400,
  duplicate_number: 400,
  too_many_rows: 413,
  invalid_value: 400,
  invalid_options: 400,
} as const;
export type ProblemCode = keyof typeof PROBLEMS;

/**
 * Input an import cannot use. Thrown by the pure parsers and turned into a 4xx
 * answer by the service: the code names the problem, the place where it is.
 */
export class ImportProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly place: Place = {},
    readonly errors?: Record<string, string>,
  ) {
    super(message);
  }

  get status(): number {
    return PROBLEMS[this.code];
  }
}

/** "line 83", "sheet Plan, row 12", or "" when there is no place. */
export function describePlace(place: Place | null | undefined): string {
  if (!place) return '';
  if (place.sheet !== undefined && place.row !== undefined) return `sheet "${place.sheet}", row ${place.row}`;
  if (place.line !== undefined) return `line ${place.line}`;
  if (place.row !== undefined) return `row ${place.row}`;
  return '';
}

/** "Line 83: " — the message starts with where to look. */
export function atPlace(place: Place | null | undefined): string {
  const where = describePlace(place);
  return where ? `${where[0].toUpperCase()}${where.slice(1)}: ` : '';
}

/** A message's location fields from one place or several. */
export function placeFields(places: Place[]): Pick<ImportMessage, 'line' | 'lines' | 'sheet' | 'row' | 'rows'> {
  const first = places[0];
  if (!first) return {};
  if (first.sheet !== undefined) {
    const rows = places.map((p) => p.row).filter((r): r is number => r !== undefined);
    return rows.length > 1 ? { sheet: first.sheet, row: rows[0], rows } : { sheet: first.sheet, row: rows[0] };
  }
  const lines = places.map((p) => p.line).filter((l): l is number => l !== undefined);
  return lines.length > 1 ? { line: lines[0], lines } : lines.length ? { line: lines[0] } : {};
}
