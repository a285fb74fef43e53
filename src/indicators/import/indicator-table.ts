import { ImportProblem, Place } from '../../imports/import-model';
import { cleanCell } from '../../imports/parsers/cells';
import { headerKey } from '../../imports/parsers/header-mapping';
import type { TableLine } from '../../imports/parsers/plan-table';
import {
  IndicatorUnit,
  Month,
  ValueStatus,
  compareMonths,
  financialYearLabel,
  financialYearOf,
  formatMonthShort,
  formatValue,
  monthFromParts,
  parseFigure,
  parseTarget,
  roundForDisplay,
} from '../domain';
import { parseComparatorHeading, parseMonthHeading, parsePolarity, parsePriorityHeading, parseUnit, unitFromTitle } from './headings';
import {
  CellPlace,
  IndicatorImportMessage,
  IndicatorLayout,
  ParsedComparator,
  ParsedIndicator,
  ParsedIndicatorImport,
  ParsedPriority,
  ParsedTarget,
  ParsedValue,
  messageAt,
} from './parsed-indicators';

/**
 * Reads indicators out of the rows of a CSV file or a worksheet (from the
 * project's readers: linesOfCsv, linesOfWorkbook), in either layout:
 *
 *   wide   Indicator | Outturn type | Oct-21 … Jun-22 | Target | Southampton 19/20 | Statistical Neighbours | South East | England
 *          under a Priority column or priority heading rows
 *   long   Indicator | Period | Value | Numerator | Denominator | Status | Note
 *
 * Nothing is refused that a person can put right in the preview: an
 * unreadable cell is left empty with a warning naming its row, column and
 * text. Only a sheet without a header row is refused.
 */

const INDICATOR_HEADINGS = new Set([
  'indicator', 'indicators', 'indicator name', 'indicator title', 'performance indicator', 'performance indicators', 'measure',
  'measures', 'performance measure', 'kpi', 'kpis', 'metric', 'description',
]);
const UNIT_HEADINGS = new Set(['outturn type', 'type', 'unit', 'units', 'measure type', 'format', 'data type', 'indicator type']);
const PRIORITY_HEADINGS = new Set(['priority', 'priorities', 'priority area', 'improvement priority', 'theme', 'section', 'plan section']);
const POLARITY_HEADINGS = new Set(['polarity', 'good is', 'good performance is', 'better is', 'direction of improvement', 'higher or lower is better', 'good']);
const IGNORED_HEADINGS = new Set([
  'notes', 'note', 'comments', 'comment', 'commentary', 'rag', 'rag rating', 'dot', 'direction of travel', 'trend', 'owner', 'lead',
  'source', 'definition', 'narrative', 'what the data tells us', 'ref', 'reference', 'no', 'id', 'code',
]);
const PERIOD_HEADINGS = new Set(['period', 'month', 'date', 'period ending', 'month ending', 'reporting period', 'reporting month']);
const VALUE_HEADINGS = new Set(['value', 'outturn', 'result', 'figure', 'actual', 'performance']);
const NUMERATOR_HEADINGS = new Set(['numerator', 'num']);
const DENOMINATOR_HEADINGS = new Set(['denominator', 'denom', 'den']);
const STATUS_HEADINGS = new Set(['status', 'data status', 'provisional or final', 'provisional final', 'provisional']);
const NOTE_HEADINGS = new Set(['note', 'notes', 'comment', 'comments']);
const TARGET_HEADING = /^target\b/;

const HEADER_SEARCH_ROWS = 100;

export interface IndicatorTableOptions {
  /** The sheet read, for workbooks; messages name it. */
  sheet?: string | null;
  /** Which layout; from the header row when left out. */
  layout?: IndicatorLayout | null;
}

interface WideColumns {
  layout: 'wide';
  indicator: number;
  unit: number | null;
  priority: number | null;
  polarity: number | null;
  months: Array<{ index: number; month: Month; heading: string; corrected: string | null }>;
  targets: Array<{ index: number; heading: string; financialYear: number | null }>;
  comparators: Array<{ index: number; heading: string }>;
  ignored: Array<{ index: number; heading: string }>;
  duplicates: Array<{ index: number; heading: string; month: Month }>;
}

interface LongColumns {
  layout: 'long';
  indicator: number;
  period: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: number | null;
  note: number | null;
  unit: number | null;
  priority: number | null;
  polarity: number | null;
}

function find(keys: string[], headings: ReadonlySet<string>): number | null {
  const index = keys.findIndex((key) => headings.has(key));
  return index >= 0 ? index : null;
}

function wideColumns(cells: string[]): WideColumns | null {
  const keys = cells.map((cell) => headerKey(cleanCell(cell)));
  const indicator = find(keys, INDICATOR_HEADINGS);
  if (indicator === null) return null;
  const columns: WideColumns = {
    layout: 'wide',
    indicator,
    unit: null,
    priority: null,
    polarity: null,
    months: [],
    targets: [],
    comparators: [],
    ignored: [],
    duplicates: [],
  };
  cells.forEach((raw, index) => {
    const heading = cleanCell(raw);
    const key = keys[index];
    if (index === indicator || key === '') return;
    if (columns.unit === null && UNIT_HEADINGS.has(key)) columns.unit = index;
    else if (columns.priority === null && PRIORITY_HEADINGS.has(key)) columns.priority = index;
    else if (columns.polarity === null && POLARITY_HEADINGS.has(key)) columns.polarity = index;
    else if (TARGET_HEADING.test(key)) columns.targets.push({ index, heading, financialYear: parseComparatorHeading(heading).financialYear });
    else {
      const month = parseMonthHeading(heading);
      if (month) {
        if (columns.months.some((m) => compareMonths(m.month, month.month) === 0)) columns.duplicates.push({ index, heading, month: month.month });
        else columns.months.push({ index, heading, ...month });
      } else if (IGNORED_HEADINGS.has(key)) columns.ignored.push({ index, heading });
      else columns.comparators.push({ index, heading });
    }
  });
  return columns.months.length > 0 ? columns : null;
}

function longColumns(cells: string[]): LongColumns | null {
  const keys = cells.map((cell) => headerKey(cleanCell(cell)));
  const indicator = find(keys, INDICATOR_HEADINGS);
  const period = find(keys, PERIOD_HEADINGS);
  if (indicator === null || period === null) return null;
  const value = find(keys, VALUE_HEADINGS);
  const numerator = find(keys, NUMERATOR_HEADINGS);
  const denominator = find(keys, DENOMINATOR_HEADINGS);
  if (value === null && (numerator === null || denominator === null)) return null;
  return {
    layout: 'long',
    indicator,
    period,
    value,
    numerator,
    denominator,
    status: find(keys, STATUS_HEADINGS),
    note: find(keys, NOTE_HEADINGS),
    unit: find(keys, UNIT_HEADINGS),
    priority: find(keys, PRIORITY_HEADINGS),
    polarity: find(keys, POLARITY_HEADINGS),
  };
}

/** Whether a row is the header of an indicator table in either layout: for choosing a workbook's sheet. */
export function isIndicatorHeaderRow(cells: string[]): boolean {
  return wideColumns(cells) !== null || longColumns(cells) !== null;
}

function rowOf(place: Place): number {
  return place.row ?? place.line ?? 0;
}

export function readIndicatorTable(lines: TableLine[], options: IndicatorTableOptions = {}): ParsedIndicatorImport {
  const rows = lines.filter((line): line is Extract<TableLine, { kind: 'row' }> => line.kind === 'row');
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const cells = rows[i].cells;
    const wide = options.layout === 'long' ? null : wideColumns(cells);
    if (wide) return new WideReader(rows, i, wide, options.sheet ?? null).read();
    const long = options.layout === 'wide' ? null : longColumns(cells);
    if (long) return new LongReader(rows, i, long, options.sheet ?? null).read();
  }
  const what = options.layout === 'long'
    ? 'Indicator, Period and Value (or Numerator and Denominator)'
    : options.layout === 'wide'
      ? 'Indicator and at least one month (such as "Oct-21")'
      : 'Indicator and at least one month (such as "Oct-21"), or Indicator, Period and Value';
  throw new ImportProblem('no_header', `No header row found in the first ${HEADER_SEARCH_ROWS} rows: expected columns headed ${what}`, options.sheet ? { sheet: options.sheet } : {});
}

type Row = Extract<TableLine, { kind: 'row' }>;

abstract class Reader {
  protected readonly messages: IndicatorImportMessage[] = [];
  protected readonly priorities: ParsedPriority[] = [];
  private readonly priorityByKey = new Map<string, ParsedPriority>();
  protected current: ParsedPriority | null = null;

  constructor(
    protected readonly rows: Row[],
    protected readonly headerIndex: number,
    protected readonly sheet: string | null,
  ) {}

  protected place(row: Row, column?: string): CellPlace {
    return { ...(this.sheet !== null ? { sheet: this.sheet } : {}), row: rowOf(row.place), ...(column !== undefined ? { column } : {}) };
  }

  protected cell(row: Row, index: number | null): string {
    return index === null ? '' : cleanCell(row.cells[index]);
  }

  protected heading(index: number): string {
    return cleanCell(this.rows[this.headerIndex].cells[index]);
  }

  protected warn(...args: Parameters<typeof messageAt>): void {
    this.messages.push(messageAt(...args));
  }

  /** The priority of that title, made once; the same title later in the sheet is the same priority. */
  protected enterPriority(text: string, place: CellPlace): ParsedPriority {
    const heading = parsePriorityHeading(text);
    const key = headerKey(heading.title);
    let priority = this.priorityByKey.get(key);
    if (!priority) {
      priority = { title: heading.title, number: heading.number, rating: heading.rating, riskLabel: heading.riskLabel, place, indicators: [] };
      this.priorityByKey.set(key, priority);
      this.priorities.push(priority);
    } else if (heading.rating && !priority.rating) {
      priority.rating = heading.rating;
      priority.riskLabel = heading.riskLabel;
    }
    this.current = priority;
    return priority;
  }

  protected priorityForIndicators(): ParsedPriority {
    if (this.current) return this.current;
    const none: ParsedPriority = { title: null, number: null, rating: null, riskLabel: null, place: null, indicators: [] };
    this.priorities.push(none);
    this.current = none;
    return none;
  }

  protected isHeaderAgain(row: Row): boolean {
    const header = this.rows[this.headerIndex].cells;
    return row.cells.length > 0 && header.every((cell, i) => headerKey(cleanCell(cell)) === headerKey(cleanCell(row.cells[i] ?? '')));
  }

  protected result(layout: IndicatorLayout, months: Month[]): ParsedIndicatorImport {
    return {
      layout,
      sheet: this.sheet,
      months: [...months].sort(compareMonths),
      priorities: this.priorities.filter((p) => p.indicators.length > 0 || p.title !== null),
      messages: this.messages,
    };
  }
}

class WideReader extends Reader {
  constructor(rows: Row[], headerIndex: number, private readonly columns: WideColumns, sheet: string | null) {
    super(rows, headerIndex, sheet);
  }

  read(): ParsedIndicatorImport {
    const header = this.rows[this.headerIndex];
    const { columns } = this;
    for (const month of columns.months) {
      if (month.corrected) this.warn('month_heading_corrected', this.place(header, month.heading), month.corrected, month.heading);
    }
    for (const duplicate of columns.duplicates) {
      this.warn('duplicate_month_column', this.place(header, duplicate.heading), `a second column for ${formatMonthShort(duplicate.month)}; ignored`, duplicate.heading);
    }
    const latest = columns.months.map((m) => m.month).sort(compareMonths).at(-1)!;
    for (const target of columns.targets) {
      if (target.financialYear === null) {
        const year = financialYearOf(latest);
        this.warn(
          'target_year_assumed',
          this.place(header, target.heading),
          `names no year: read as the target for ${financialYearLabel(year)}, the year of the latest month (${formatMonthShort(latest)})`,
        );
      }
    }
    for (const column of columns.ignored) this.warn('ignored_column', this.place(header, column.heading), 'not a month, target or comparator; not read');
    const comparators = columns.comparators.filter((column) => this.keepComparator(column.index, column.heading));

    for (const row of this.rows.slice(this.headerIndex + 1)) {
      if (row.cells.every((cell) => cleanCell(cell) === '') || this.isHeaderAgain(row)) continue;
      const priorityText = this.cell(row, columns.priority);
      if (priorityText) this.enterPriority(priorityText, this.place(row, this.heading(columns.priority!)));
      const title = this.cell(row, columns.indicator);
      const others = row.cells.map((cell, i) => (i === columns.indicator || i === columns.priority ? '' : cleanCell(cell))).filter((text) => text !== '');

      if (!title) {
        // A heading row: one cell of text, wherever the council put it.
        if (others.length === 1 && parseFigure(others[0]).kind === 'unreadable') this.enterPriority(others[0], this.place(row));
        else if (others.length > 0) this.warn('ignored_row', this.place(row), 'no indicator named in this row; ignored');
        continue;
      }
      if (others.length === 0 && !priorityText) {
        this.enterPriority(title, this.place(row, this.heading(columns.indicator)));
        continue;
      }
      this.readIndicator(row, title, latest, comparators);
    }
    return this.result('wide', columns.months.map((m) => m.month));
  }

  /** A column with an unknown heading is a comparator ("Hampshire") only if it holds figures; else a note says it was not read. */
  private keepComparator(index: number, heading: string): boolean {
    if (parseComparatorHeading(heading).kind !== 'other') return true;
    const figures = this.rows.slice(this.headerIndex + 1).some((row) => {
      const kind = parseFigure(cleanCell(row.cells[index])).kind;
      return kind === 'number' || kind === 'not_available';
    });
    if (!figures) this.warn('ignored_column', this.place(this.rows[this.headerIndex], heading), 'not a month, target or comparator; not read');
    return figures;
  }

  private readIndicator(row: Row, title: string, latest: Month, comparators: Array<{ index: number; heading: string }>): void {
    const { columns } = this;
    const priority = this.priorityForIndicators();
    const place = this.place(row, this.heading(columns.indicator));
    if (priority.indicators.some((existing) => headerKey(existing.title) === headerKey(title))) {
      this.warn('duplicate_indicator', place, `"${title}" appears again under the same priority; this row is ignored`, title);
      return;
    }
    const unitText = this.cell(row, columns.unit) || null;
    let unit: IndicatorUnit | null = unitText ? parseUnit(unitText) : null;
    if (unitText && !unit) {
      this.warn('unknown_unit', this.place(row, this.heading(columns.unit!)), `'${unitText}' is not an outturn type (PERCENTAGE, NUMBER, RATE, DAYS or RATIO)`, unitText);
    }
    const percentCells = columns.months.some((m) => /%\s*$/.test(this.cell(row, m.index)));
    if (!unitText) unit = this.guessUnit(row, title, percentCells);

    const polarityText = this.cell(row, columns.polarity);
    const polarity = polarityText ? parsePolarity(polarityText) : null;
    if (polarityText && !polarity) this.warn('ignored_column', this.place(row, this.heading(columns.polarity!)), `'${polarityText}' does not say whether higher or lower is better; not read`, polarityText);

    const values: ParsedValue[] = [];
    for (const column of columns.months) {
      const value = this.readValue(row, column.index, column.heading, column.month, unit);
      if (value) values.push(value);
    }
    const targets: ParsedTarget[] = [];
    for (const column of columns.targets) {
      const text = this.cell(row, column.index);
      const cellPlace = this.place(row, column.heading);
      if (!text || parseFigure(text).kind === 'not_available') continue;
      const parsed = parseTarget(text, unit ?? 'percentage');
      if ('problem' in parsed) this.warn('unreadable_target', cellPlace, parsed.problem, text);
      else targets.push({ financialYear: column.financialYear ?? financialYearOf(latest), target: parsed.target, text, place: cellPlace });
    }
    const parsedComparators: ParsedComparator[] = [];
    for (const column of comparators) {
      const text = this.cell(row, column.index);
      const cellPlace = this.place(row, column.heading);
      const figure = parseFigure(text);
      if (figure.kind === 'blank') continue;
      if (figure.kind !== 'number' && figure.kind !== 'not_available') {
        this.warn('unreadable_comparator', cellPlace, figure.kind === 'unreadable' ? figure.reason : `'${text}' is not a figure`, text);
        continue;
      }
      parsedComparators.push({ ...parseComparatorHeading(column.heading), source: null, value: figure.kind === 'number' ? figure.value : null, text, place: cellPlace });
    }
    priority.indicators.push({ title, unit, unitText, polarity, values, targets, comparators: parsedComparators, place });
  }

  private guessUnit(row: Row, title: string, percentCells: boolean): IndicatorUnit | null {
    const place = this.place(row, this.heading(this.columns.indicator));
    const fromTitle = unitFromTitle(title);
    if (fromTitle) {
      this.warn('unit_guessed', place, `no outturn type: read as ${fromTitle === 'rate_per_10000' ? 'a rate per 10,000' : `a ${fromTitle}`} from the indicator's title`);
      return fromTitle;
    }
    if (percentCells) {
      this.warn('unit_guessed', place, 'no outturn type: read as a percentage because its values carry "%"');
      return 'percentage';
    }
    this.warn('no_unit', place, 'no outturn type: say whether it is a percentage, number, rate per 10,000, days or ratio');
    return null;
  }

  private readValue(row: Row, index: number, heading: string, month: Month, unit: IndicatorUnit | null): ParsedValue | null {
    const text = this.cell(row, index);
    const place = this.place(row, heading);
    const figure = parseFigure(text);
    const base = { month, numerator: null, denominator: null, status: null, note: null, text, place };
    switch (figure.kind) {
      case 'blank':
        return null;
      case 'not_available':
        return { ...base, value: null, notAvailable: true };
      case 'number':
        if (figure.percent && unit !== null && unit !== 'percentage') this.warn('percent_sign_ignored', place, `'${text}' has a % sign but the indicator is a ${unit === 'rate_per_10000' ? 'rate per 10,000' : unit}: read as ${figure.value}`, text);
        return { ...base, value: figure.value, notAvailable: false };
      case 'tbc':
      case 'bound':
        this.warn('unreadable_value', place, `'${text}' is not a value; left empty`, text);
        return null;
      case 'unreadable':
        this.warn('unreadable_value', place, `${figure.reason}; left empty`, text);
        return null;
    }
  }
}

/** A period in a long return: a month heading ("May-22", "2022-05"), or a day in it ("31/05/2022", "2022-05-31"). */
export function parsePeriod(text: string): { month: Month; corrected: string | null } | null {
  const heading = parseMonthHeading(text);
  if (heading) return heading;
  const day = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text.trim()) ?? null;
  if (day && Number(day[2]) >= 1 && Number(day[2]) <= 12) return { month: monthFromParts(Number(day[3]), Number(day[2])), corrected: null };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12) return { month: monthFromParts(Number(iso[1]), Number(iso[2])), corrected: null };
  return null;
}

function parseStatus(text: string): ValueStatus | null | undefined {
  const key = headerKey(text);
  if (key === '') return null;
  if (/^(?:p|prov|provisional)$/.test(key)) return 'provisional';
  if (/^(?:f|final|validated|confirmed)$/.test(key)) return 'final';
  return undefined;
}

class LongReader extends Reader {
  private readonly byTitle = new Map<string, ParsedIndicator>();

  constructor(rows: Row[], headerIndex: number, private readonly columns: LongColumns, sheet: string | null) {
    super(rows, headerIndex, sheet);
  }

  read(): ParsedIndicatorImport {
    const months = new Set<Month>();
    for (const row of this.rows.slice(this.headerIndex + 1)) {
      if (row.cells.every((cell) => cleanCell(cell) === '') || this.isHeaderAgain(row)) continue;
      const value = this.readRow(row);
      if (value) months.add(value);
    }
    return this.result('long', [...months]);
  }

  private number(row: Row, index: number | null): number | null | undefined {
    if (index === null) return null;
    const text = this.cell(row, index);
    const figure = parseFigure(text);
    if (figure.kind === 'blank' || figure.kind === 'not_available') return null;
    if (figure.kind === 'number') return figure.value;
    this.warn('unreadable_value', this.place(row, this.heading(index)), `${figure.kind === 'unreadable' ? figure.reason : `'${text}' is not a value`}; left empty`, text);
    return undefined;
  }

  private readRow(row: Row): Month | null {
    const { columns } = this;
    const title = this.cell(row, columns.indicator);
    if (!title) {
      this.warn('ignored_row', this.place(row), 'no indicator named in this row; ignored');
      return null;
    }
    const periodText = this.cell(row, columns.period);
    const periodPlace = this.place(row, this.heading(columns.period));
    const period = parsePeriod(periodText);
    if (!period) {
      this.warn('unreadable_month', periodPlace, periodText ? `'${periodText}' is not a month; row ignored` : 'no period given; row ignored', periodText);
      return null;
    }
    if (period.corrected) this.warn('month_heading_corrected', periodPlace, period.corrected, periodText);

    const priorityText = this.cell(row, columns.priority);
    if (priorityText) this.enterPriority(priorityText, this.place(row, this.heading(columns.priority!)));
    const indicator = this.indicator(row, title);

    if (indicator.values.some((v) => compareMonths(v.month, period.month) === 0)) {
      this.warn('duplicate_value', periodPlace, `a second value for "${title}" in ${formatMonthShort(period.month)}; the first is kept`, periodText);
      return null;
    }
    const valueText = this.cell(row, columns.value);
    const valuePlace = columns.value === null ? this.place(row) : this.place(row, this.heading(columns.value));
    const figure = parseFigure(valueText);
    const numerator = this.number(row, columns.numerator);
    const denominator = this.number(row, columns.denominator);
    let value: number | null = null;
    let notAvailable = false;
    if (figure.kind === 'number') value = figure.value;
    else if (figure.kind === 'not_available') notAvailable = true;
    else if (figure.kind !== 'blank') this.warn('unreadable_value', valuePlace, `${figure.kind === 'unreadable' ? figure.reason : `'${valueText}' is not a value`}; left empty`, valueText);

    const ratio = typeof numerator === 'number' && typeof denominator === 'number' && denominator !== 0 && indicator.unit === 'percentage' ? (numerator / denominator) * 100 : null;
    if (figure.kind === 'blank' && ratio !== null) {
      value = ratio;
      this.warn('value_from_numerator', valuePlace, `no value: worked out as ${formatValue(ratio, 'percentage')} from ${numerator} / ${denominator}`);
    } else if (value !== null && ratio !== null && roundForDisplay(ratio, 'percentage') !== roundForDisplay(value, 'percentage')) {
      this.warn('value_disagrees', valuePlace, `${formatValue(value, 'percentage')} does not agree with ${numerator} / ${denominator} (${formatValue(ratio, 'percentage')})`, valueText);
    }
    if (value === null && !notAvailable && figure.kind === 'blank') {
      this.warn('unreadable_value', valuePlace, 'no value given; left empty', valueText);
      return period.month;
    }

    const statusText = this.cell(row, columns.status);
    let status = parseStatus(statusText);
    if (status === undefined) {
      this.warn('unreadable_status', this.place(row, this.heading(columns.status!)), `'${statusText}' is neither provisional nor final; left unsaid`, statusText);
      status = null;
    }
    if (value === null && !notAvailable) return period.month;
    indicator.values.push({
      month: period.month,
      value,
      notAvailable,
      numerator: numerator ?? null,
      denominator: denominator ?? null,
      status,
      note: this.cell(row, columns.note) || null,
      text: valueText,
      place: valuePlace,
    });
    return period.month;
  }

  private indicator(row: Row, title: string): ParsedIndicator {
    const priority = this.priorityForIndicators();
    const key = `${priority.title ?? ''}\u0000${headerKey(title)}`;
    let indicator = this.byTitle.get(key);
    const unitText = this.cell(row, this.columns.unit) || null;
    const polarityText = this.cell(row, this.columns.polarity);
    if (!indicator) {
      let unit = unitText ? parseUnit(unitText) : null;
      if (unitText && !unit) this.warn('unknown_unit', this.place(row, this.heading(this.columns.unit!)), `'${unitText}' is not an outturn type (PERCENTAGE, NUMBER, RATE, DAYS or RATIO)`, unitText);
      if (!unitText) {
        unit = unitFromTitle(title) ?? (/%\s*$/.test(this.cell(row, this.columns.value)) ? 'percentage' : null);
        if (unit) this.warn('unit_guessed', this.place(row, this.heading(this.columns.indicator)), `no outturn type: read as ${unit === 'rate_per_10000' ? 'a rate per 10,000' : `a ${unit}`}`);
        else this.warn('no_unit', this.place(row, this.heading(this.columns.indicator)), 'no outturn type: say whether it is a percentage, number, rate per 10,000, days or ratio');
      }
      indicator = {
        title,
        unit,
        unitText,
        polarity: polarityText ? parsePolarity(polarityText) : null,
        values: [],
        targets: [],
        comparators: [],
        place: this.place(row, this.heading(this.columns.indicator)),
      };
      this.byTitle.set(key, indicator);
      priority.indicators.push(indicator);
    }
    return indicator;
  }
}
