import { OFSTED_COLUMN_LABELS, OUTCOME_FIRST_COLUMN_LABELS } from '../../plans/plan-vocabulary';
import { ImportProblem, Place, TableLayout, atPlace, describePlace } from '../import-model';
import { parseBand } from './bands';

/**
 * Which column holds what. A header row is recognised by the plan's own column
 * labels first (a council re-importing its plan uses its own headings), then by
 * the words councils use for each column, or by an explicit mapping
 * { field: "heading as printed" } in the request.
 */

export const PLAN_FIELDS = [
  'recommendation',
  'activity',
  'outcomeMeasures',
  'cost',
  'leadAgency',
  'timescale',
  'section',
  'band',
  'number',
  'paragraph',
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

/** The five printed columns, in the order each layout prints them. */
export const LAYOUT_FIELDS: Record<TableLayout, PlanField[]> = {
  ofsted: ['recommendation', 'activity', 'outcomeMeasures', 'cost', 'leadAgency'],
  'outcome-first': ['recommendation', 'activity', 'leadAgency', 'timescale', 'outcomeMeasures'],
};

/** Lower case, letters and digits only: "Cost (if app.)" and "cost if app" are one heading. */
export function headerKey(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/<[^<>]{0,40}>/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const SYNONYMS: Record<PlanField, string[]> = {
  recommendation: [
    'area for development ofsted report', 'area for development', 'areas for development', 'area for improvement',
    'areas for improvement', 'recommendation', 'recommendations', 'ofsted recommendation', 'ofsted recommendations',
    'area for priority action', 'areas for priority action', 'priority action',
  ],
  activity: [
    'activity to be delivered', 'activity', 'activities', 'action', 'actions', 'action required', 'actions required',
    'action to be taken', 'actions to be taken', 'what we will do',
  ],
  outcomeMeasures: [
    'outcome measure', 'outcome measures', 'measure of success', 'measures of success', 'success measure',
    'success measures', 'success criteria', 'impact', 'evidence of impact', 'how we will know',
  ],
  cost: ['cost', 'costs', 'cost if app', 'cost if applicable', 'resources', 'resource implications', 'budget'],
  leadAgency: [
    'lead agency', 'lead agencies', 'lead', 'by who', 'by whom', 'who', 'responsible', 'responsibility', 'lead partner',
    'lead officer', 'owner', 'lead officer agency', 'lead agency officer',
  ],
  timescale: [
    'by when', 'when', 'timescale', 'timescales', 'due date', 'deadline', 'target date', 'date', 'completion date', 'due',
  ],
  section: ['section', 'table', 'service area', 'theme'],
  band: ['band', 'timescale band', 'ofsted timescale'],
  number: ['no', 'number', 'ref', 'rec no', 'recommendation number', 'recommendation no'],
  paragraph: ['paragraph', 'ofsted paragraph', 'para', 'paragraph reference', 'source'],
};

/**
 * Headings councils word their own way ("Lead Officer / Agency", "Resources
 * required", "Target completion date", "Measure of success (impact)"): a short
 * heading holding one of these words, when no heading above matched exactly.
 * Only the columns an activity can do without are read this way, so a data
 * row is never taken for the header.
 */
const HEADING_WORDS: Array<[PlanField, RegExp]> = [
  ['leadAgency', /\b(?:lead|leads|responsible|responsibility|owner|owners|accountable)\b/],
  ['outcomeMeasures', /\b(?:success|measure|measures|impact|outcome measures?)\b/],
  ['timescale', /\b(?:deadline|due|timescales?|timeframe|by when)\b|\b(?:target|completion|end|review)\s+dates?\b/],
  ['cost', /\b(?:budget|cost|costs|resources?|funding|finance)\b/],
];

/** A "Timescale" column that holds Ofsted's bands ("Immediate", "3 months", "within six months") is the band. */
const AMBIGUOUS_TIMESCALE = new Set(['timescale', 'timescales', 'timeframe', 'timescale for completion']);

/** Headings that say the plan leads with outcomes rather than Ofsted's recommendations. */
const OUTCOME_FIRST_RECOMMENDATION = ['outcome', 'outcomes', 'intended outcome', 'objective', 'objectives', 'priority', 'priorities'];

export interface HeaderMapping {
  /** Column index (0-based) to field. */
  columns: Map<number, PlanField>;
  layout: TableLayout;
  /** The headings of the mapped printed columns, in the input's order: the plan's column labels. */
  labels: string[];
  /** Every heading key of the row, to recognise it when it repeats after a page break. */
  keys: string[];
  /** Headed columns that map to no field, with their headings as printed: their cells are not imported. */
  unmapped: Array<{ index: number; heading: string }>;
}

export interface MappingOptions {
  /** The target plan's (or its kind's) column labels, in layout order. */
  planLabels?: string[] | null;
  planLayout?: TableLayout | null;
  /** field -> heading as printed. */
  explicit?: Partial<Record<PlanField, string>>;
  layout?: TableLayout | null;
  /** Columns whose cells are Ofsted's bands, whatever their heading says. */
  bandColumns?: number[];
}

/** Maps one row's cells, or returns null when the row is not a header. */
export function mapHeaderRow(cells: string[], options: MappingOptions = {}): HeaderMapping | null {
  const keys = cells.map((cell) => (cell.length <= 200 ? headerKey(cell) : ''));
  const columns = new Map<number, PlanField>();
  const taken = new Set<PlanField>();
  const assign = (index: number, field: PlanField) => {
    if (columns.has(index) || taken.has(field)) return;
    columns.set(index, field);
    taken.add(field);
  };

  for (const [field, label] of Object.entries(options.explicit ?? {}) as Array<[PlanField, string]>) {
    const index = keys.indexOf(headerKey(label));
    if (index < 0) return null;
    assign(index, field);
  }
  let outcomeFirst = options.layout === 'outcome-first';
  if (options.planLabels?.length) {
    const fields = LAYOUT_FIELDS[options.planLayout ?? 'ofsted'];
    options.planLabels.forEach((label, i) => {
      const index = keys.indexOf(headerKey(label));
      if (index >= 0 && fields[i]) assign(index, fields[i]);
    });
  }
  for (const index of options.bandColumns ?? []) assign(index, 'band');
  keys.forEach((key, index) => {
    if (!key) return;
    if (OUTCOME_FIRST_RECOMMENDATION.includes(key)) {
      if (!taken.has('recommendation')) outcomeFirst = true;
      assign(index, 'recommendation');
      return;
    }
    for (const field of PLAN_FIELDS) {
      if (SYNONYMS[field].includes(key)) {
        assign(index, field);
        return;
      }
    }
  });
  if (!taken.has('activity') || columns.size < 2) return null;
  keys.forEach((key, index) => {
    if (!key || columns.has(index) || key.split(' ').length > 6) return;
    const field = HEADING_WORDS.find(([candidate, words]) => !taken.has(candidate) && words.test(key))?.[0];
    if (field) assign(index, field);
  });

  const layout: TableLayout =
    options.layout ?? (outcomeFirst || options.planLayout === 'outcome-first' || (taken.has('timescale') && !taken.has('cost')) ? 'outcome-first' : 'ofsted');
  const printed = new Set(LAYOUT_FIELDS[layout]);
  const labels = [...columns.entries()]
    .filter(([, field]) => printed.has(field) || field === 'timescale')
    .sort(([a], [b]) => a - b)
    .map(([index]) => cells[index].trim());
  const unmapped = cells.flatMap((cell, index) => (!columns.has(index) && cell.trim() !== '' ? [{ index, heading: cell.trim().slice(0, 200) }] : []));
  return { columns, layout, labels, keys, unmapped };
}

/**
 * A heading that could be either ("Timescale") is read from what the column
 * holds: Ofsted's bands ("Immediate", "3 months", "within six months") make it
 * the band, dates and cadences the "By when".
 */
export function bandColumnsOf(mapping: HeaderMapping, rowsBelow: ReadonlyArray<{ cells: string[] }>): number[] {
  const found: number[] = [];
  if ([...mapping.columns.values()].includes('band')) return found;
  // Mapped as the "By when", or left over because "Target Date" took that field.
  for (const [index, key] of mapping.keys.entries()) {
    const field = mapping.columns.get(index);
    if ((field !== undefined && field !== 'timescale') || !AMBIGUOUS_TIMESCALE.has(key)) continue;
    const values = rowsBelow
      .slice(0, 500)
      .map((row) => (row.cells[index] ?? '').trim())
      .filter((value) => value !== '' && headerKey(value) !== mapping.keys[index]);
    const bands = values.filter((value) => parseBand(value) !== null).length;
    if (values.length > 0 && bands * 2 > values.length) return [index];
  }
  return found;
}

/** The same headings again, as Word repeats the header row after every page break. */
export function isRepeatedHeader(cells: string[], header: HeaderMapping): boolean {
  let matched = 0;
  for (const [index] of header.columns) {
    const key = cells[index] !== undefined && cells[index].length <= 200 ? headerKey(cells[index]) : '';
    if (key !== header.keys[index]) return false;
    matched += 1;
  }
  return matched > 0;
}

export interface HeaderSearchRow {
  cells: string[];
  place: Place;
}

/**
 * The first row that is a header. Without one the import cannot know which
 * column is which, so it is refused, naming the first row it looked at.
 */
export function findHeader<T extends HeaderSearchRow>(rows: T[], options: MappingOptions, what: string): { index: number; mapping: HeaderMapping } {
  for (let index = 0; index < rows.length; index++) {
    const mapping = mapHeaderRow(rows[index].cells, options);
    if (!mapping) continue;
    const bandColumns = bandColumnsOf(mapping, rows.slice(index + 1));
    if (bandColumns.length === 0) return { index, mapping };
    return { index, mapping: mapHeaderRow(rows[index].cells, { ...options, bandColumns })! };
  }
  const first = rows.find((row) => row.cells.some((cell) => cell.trim() !== ''));
  const explicit = Object.entries(options.explicit ?? {});
  if (explicit.length) {
    throw new ImportProblem(
      'unmapped_column',
      `${atPlace(first?.place)}${what} has no header row with the mapped headings ${explicit.map(([, label]) => `"${label}"`).join(', ')}`,
      first?.place,
      Object.fromEntries(explicit.map(([field, label]) => [`mapping.${field}`, `no column headed "${label}"`])),
    );
  }
  const expected = [...OFSTED_COLUMN_LABELS.slice(1), ...OUTCOME_FIRST_COLUMN_LABELS.slice(1, 2)].map((label) => `"${label}"`).join(', ');
  const seen = first ? ` (the first row, ${describePlace(first.place)}, has: ${first.cells.filter((c) => c.trim()).slice(0, 6).map((c) => `"${c.trim().slice(0, 40)}"`).join(', ')})` : '';
  throw new ImportProblem(
    'no_header',
    `${what} has no recognisable header row: expected column headings such as ${expected}, or a mapping of fields to headings${seen}`,
    first?.place,
  );
}
