import type { RagRating } from '../../progress/rag';
import { headerKey } from '../../imports/parsers/header-mapping';
import {
  ADDITIVE_UNITS,
  ComparatorKind,
  Cumulation,
  IndicatorUnit,
  Month,
  POLARITY_LABELS,
  Polarity,
  RISK_LABEL_TEXT,
  RiskLabel,
  Target,
  UNIT_LABELS,
  compareMonths,
  financialYearOf,
  formatMonthLong,
  formatTarget,
  monthParts,
} from '../domain';
import type { ComparatorState, RatingState, TargetState, ValueState, Versioned } from '../record/record-writer';
import { same } from '../record/record-writer';
import { CellPlace, IndicatorImportMessage, ParsedIndicator, ParsedIndicatorImport, ParsedValue, describeCell, messageAt } from './parsed-indicators';

/**
 * What an indicator import would do to a plan, worked out from the parsed
 * sheet and what the plan already holds, before anything is written: which
 * priorities are the plan's sections, which indicators are new, and for each
 * month, target and comparator whether it is new, a correction or already so.
 * A plain function, so the preview and the commit agree by construction and
 * the rules have table tests.
 *
 * Decisions:
 * - Priorities match the plan's sections by title (case, spacing and
 *   punctuation aside). An unmatched priority is proposed as a new section
 *   and created only when the import says createSections: an import must not
 *   quietly add tables to an Ofsted plan. Without it the commit is refused,
 *   naming the priority.
 * - Indicators match the plan's by title. A new indicator needs a unit (the
 *   Outturn type, or one the title or cells make plain); without one the
 *   commit is refused, naming the row.
 * - A blank cell changes nothing (a value on record stays); a different
 *   figure is a correction, kept as a new version beside the earlier one;
 *   N/A is recorded as not available. A month after the current one is left
 *   out. The same sheet imported again changes nothing.
 * - Targets are set for the year the sheet gives; comparators by name. What
 *   the sheet does not mention is left as it is.
 * - The RAG a priority heading states ("RAG: Amber, Medium Risk") is recorded
 *   as the chair's rating for the sheet's latest month when there is none; a
 *   different rating already on record is kept, with a warning.
 * - The sheet's unit or polarity never silently changes an existing
 *   indicator's: a polarity not yet set is taken from the sheet, anything
 *   else that disagrees is a warning.
 * - A count or rate whose values restart low each April, growing month by
 *   month, is taken as year to date (noted), so it is held against its
 *   target pro rata; everything else as the month's own figure.
 */

export interface ExistingSection {
  id: string;
  title: string;
}

export type ExistingValue = ValueState & Versioned;
export type ExistingTarget = TargetState & Versioned;
export type ExistingComparator = ComparatorState & Versioned;

export interface ExistingIndicator {
  id: string;
  title: string;
  unit: IndicatorUnit;
  polarity: Polarity | null;
  cumulation: Cumulation;
  sectionIds: string[];
  values: ReadonlyMap<Month, ExistingValue>;
  /** By financial year. */
  targets: ReadonlyMap<number, ExistingTarget>;
  /** By the name's key. */
  comparators: ReadonlyMap<string, ExistingComparator>;
}

export interface ImportContext {
  sections: readonly ExistingSection[];
  /** By title key. */
  indicators: ReadonlyMap<string, ExistingIndicator>;
  /** The chair's rating of each section for the sheet's latest month, by section id. */
  ratings: ReadonlyMap<string, RatingState & Versioned>;
  currentMonth: Month;
  createSections: boolean;
  fileName: string | null;
}

export type ChangeOutcome = 'created' | 'changed' | 'unchanged';

/** A priority of the sheet and the section it is (or would be). */
export interface PlannedPriority {
  title: string | null;
  number: string | null;
  sheetRating: { rating: RagRating; riskLabel: RiskLabel | null } | null;
  /** The section it matched; null for a new one or for indicators under no priority. */
  section: ExistingSection | null;
  action: 'matched' | 'create' | 'unmatched' | 'none';
  /** What happens to the chair's rating for the latest month. */
  rating: { outcome: ChangeOutcome; current: (RatingState & Versioned) | undefined; next: RatingState } | null;
  place: CellPlace | null;
}

export interface PlannedValue {
  month: Month;
  current: ExistingValue | undefined;
  next: ValueState;
  outcome: ChangeOutcome;
  text: string;
}

export interface PlannedIndicator {
  title: string;
  key: string;
  existing: ExistingIndicator | null;
  /** Indexes into the plan's priorities this indicator evidences. */
  priorities: number[];
  unit: IndicatorUnit | null;
  unitText: string | null;
  polarity: Polarity | null;
  cumulation: Cumulation;
  /** A polarity to set on an existing indicator that had none. */
  setPolarity: Polarity | null;
  values: PlannedValue[];
  targets: Array<{ financialYear: number; current: ExistingTarget | undefined; next: TargetState; outcome: ChangeOutcome }>;
  comparators: Array<{ nameKey: string; current: ExistingComparator | undefined; next: ComparatorState; text: string; outcome: ChangeOutcome }>;
  action: 'create' | 'update' | 'unchanged';
  place: CellPlace;
}

export interface IndicatorImportPlan {
  priorities: PlannedPriority[];
  indicators: PlannedIndicator[];
  latestMonth: Month | null;
  /** What stops the commit, by the place to fix: "priorities[1]", "indicators[3].unit". */
  problems: Record<string, string>;
  messages: IndicatorImportMessage[];
  summary: ImportSummary;
}

export interface ImportSummary {
  sectionsCreated: number;
  indicatorsCreated: number;
  indicatorsUpdated: number;
  indicatorsUnchanged: number;
  valuesCreated: number;
  valuesCorrected: number;
  valuesUnchanged: number;
  targetsSet: number;
  comparatorsSet: number;
  ratingsRecorded: number;
}

const ratingWords = (rating: RagRating, risk: RiskLabel | null) => `${rating[0].toUpperCase()}${rating.slice(1)}${risk ? `, ${RISK_LABEL_TEXT[risk]}` : ''}`;

export function planIndicatorImport(parsed: ParsedIndicatorImport, context: ImportContext): IndicatorImportPlan {
  const messages: IndicatorImportMessage[] = [...parsed.messages];
  const problems: Record<string, string> = {};
  const latestMonth = parsed.months.length ? parsed.months[parsed.months.length - 1] : null;
  const sectionsByKey = new Map(context.sections.map((s) => [headerKey(s.title), s]));

  const priorities: PlannedPriority[] = parsed.priorities.map((p, index) => {
    const section = p.title === null ? null : (sectionsByKey.get(headerKey(p.title)) ?? null);
    const action: PlannedPriority['action'] = p.title === null ? 'none' : section ? 'matched' : context.createSections ? 'create' : 'unmatched';
    if (action === 'unmatched') {
      problems[`priorities[${index}]`] =
        `${p.place ? `${describeCell(p.place)}: ` : ''}the priority "${p.title}" is not a section of the plan; rename it to match a section, ` +
        'or import again with createSections to add it as a new section';
    }
    const sheetRating = p.rating ? { rating: p.rating, riskLabel: p.riskLabel } : null;
    let rating: PlannedPriority['rating'] = null;
    if (sheetRating && latestMonth && action !== 'unmatched' && action !== 'none') {
      const next: RatingState = {
        rating: sheetRating.rating,
        riskLabel: sheetRating.riskLabel,
        reason: `as stated in the imported board report${context.fileName ? ` "${context.fileName}"` : ''}`,
      };
      const current = section ? context.ratings.get(section.id) : undefined;
      if (!current || current.rating === null) rating = { outcome: 'created', current, next };
      else if (current.rating === next.rating && current.riskLabel === next.riskLabel) rating = { outcome: 'unchanged', current, next: current };
      else {
        messages.push({
          code: 'rating_kept',
          severity: 'warning',
          message: `${p.place ? `${describeCell(p.place)}: ` : ''}the sheet rates "${p.title}" ${ratingWords(next.rating!, next.riskLabel)}; the chair's rating for ${formatMonthLong(latestMonth)} on record, ${ratingWords(current.rating, current.riskLabel)}, is kept`,
          ...(p.place ? { row: p.place.row } : {}),
        });
      }
    }
    return { title: p.title, number: p.number, sheetRating, section, action, rating, place: p.place };
  });

  const indicators: PlannedIndicator[] = [];
  const byKey = new Map<string, PlannedIndicator>();
  parsed.priorities.forEach((priority, priorityIndex) => {
    for (const row of priority.indicators) {
      const key = headerKey(row.title);
      const already = byKey.get(key);
      if (already) {
        // The same indicator under a second priority evidences both; its figures come from its first row.
        if (!already.priorities.includes(priorityIndex)) already.priorities.push(priorityIndex);
        messages.push(messageAt('duplicate_indicator', row.place, `"${row.title}" is also under an earlier priority: it evidences both, and its figures are taken from the first row`));
        continue;
      }
      const planned = planIndicator(row, priorityIndex, context.indicators.get(key) ?? null, context, messages);
      if (!planned.unit) {
        problems[`indicators[${indicators.length}].unit`] =
          `${describeCell(row.place)}: the unit of "${row.title}" cannot be told; add an Outturn type column (PERCENTAGE, NUMBER, RATE, DAYS, RATIO)`;
      }
      byKey.set(key, planned);
      indicators.push(planned);
    }
  });

  const count = (test: (outcome: ChangeOutcome) => boolean, pick: (i: PlannedIndicator) => Array<{ outcome: ChangeOutcome }>) =>
    indicators.reduce((sum, i) => sum + pick(i).filter((x) => test(x.outcome)).length, 0);
  const summary: ImportSummary = {
    sectionsCreated: priorities.filter((p) => p.action === 'create').length,
    indicatorsCreated: indicators.filter((i) => i.action === 'create').length,
    indicatorsUpdated: indicators.filter((i) => i.action === 'update').length,
    indicatorsUnchanged: indicators.filter((i) => i.action === 'unchanged').length,
    valuesCreated: count((o) => o === 'created', (i) => i.values),
    valuesCorrected: count((o) => o === 'changed', (i) => i.values),
    valuesUnchanged: count((o) => o === 'unchanged', (i) => i.values),
    targetsSet: count((o) => o !== 'unchanged', (i) => i.targets),
    comparatorsSet: count((o) => o !== 'unchanged', (i) => i.comparators),
    ratingsRecorded: priorities.filter((p) => p.rating?.outcome === 'created').length,
  };
  return { priorities, indicators, latestMonth, problems, messages, summary };
}

function planIndicator(row: ParsedIndicator, priorityIndex: number, existing: ExistingIndicator | null, context: ImportContext, messages: IndicatorImportMessage[]): PlannedIndicator {
  const unit = existing?.unit ?? row.unit;
  if (existing && row.unit && row.unit !== existing.unit) {
    messages.push(messageAt('unit_differs', row.place, `the sheet counts "${row.title}" as ${UNIT_LABELS[row.unit]}, the plan as ${UNIT_LABELS[existing.unit]}: its figures are taken as ${UNIT_LABELS[existing.unit]}`));
  }
  let setPolarity: Polarity | null = null;
  if (existing && row.polarity && existing.polarity && row.polarity !== existing.polarity) {
    messages.push(messageAt('polarity_differs', row.place, `the sheet says "${row.title}" is ${POLARITY_LABELS[row.polarity]}, the plan ${POLARITY_LABELS[existing.polarity]}: the plan's is kept`));
  } else if (existing && row.polarity && !existing.polarity) setPolarity = row.polarity;
  const polarity = existing?.polarity ?? row.polarity;
  if (!polarity) messages.push(messageAt('no_polarity', row.place, `the sheet does not say whether higher or lower is better for "${row.title}": it is not rated until that is set`));

  let cumulation: Cumulation = existing?.cumulation ?? 'month';
  if (!existing && unit && looksYearToDate(unit, row.values)) {
    cumulation = 'year_to_date';
    messages.push(messageAt('year_to_date_assumed', row.place, `"${row.title}" restarts low in April and grows month by month: taken as year to date, held against its target pro rata`));
  }

  const values: PlannedValue[] = [];
  for (const value of row.values) {
    if (compareMonths(value.month, context.currentMonth) > 0) {
      messages.push(messageAt('future_month', value.place, `${formatMonthLong(value.month)} is after the current month: left out`, value.text));
      continue;
    }
    const current = existing?.values.get(value.month);
    const next = nextValue(value, current);
    const outcome: ChangeOutcome = !current ? 'created' : same(stateOf(current), next) ? 'unchanged' : 'changed';
    values.push({ month: value.month, current, next, outcome, text: value.text });
  }

  const targets = row.targets.map((t) => {
    const current = existing?.targets.get(t.financialYear);
    const outcome: ChangeOutcome = !current ? 'created' : same(current.target, t.target) ? 'unchanged' : 'changed';
    return { financialYear: t.financialYear, current, next: { target: t.target, text: t.text || (unit ? formatTarget(t.target, unit) : t.text) }, outcome };
  });

  const comparators = row.comparators.map((c, position) => {
    const nameKey = headerKey(c.name);
    const current = existing?.comparators.get(nameKey);
    // The row's order is the sheet's; an existing comparator keeps its place.
    const next: ComparatorState = { name: c.name, kind: c.kind as ComparatorKind, financialYear: c.financialYear, source: current?.source ?? c.source, value: c.value, position: current?.position ?? position };
    const outcome: ChangeOutcome = !current ? 'created' : same(comparatorState(current), next) ? 'unchanged' : 'changed';
    return { nameKey, current, next, text: c.text, outcome };
  });

  const changes = [...values, ...targets, ...comparators].some((x) => x.outcome !== 'unchanged') || setPolarity !== null;
  return {
    title: existing?.title ?? row.title,
    key: headerKey(row.title),
    existing,
    priorities: [priorityIndex],
    unit,
    unitText: row.unitText,
    polarity,
    cumulation,
    setPolarity,
    values,
    targets,
    comparators,
    action: !existing ? 'create' : changes ? 'update' : 'unchanged',
    place: row.place,
  };
}

function comparatorState(c: ExistingComparator): ComparatorState {
  return { name: c.name, kind: c.kind, financialYear: c.financialYear, source: c.source, value: c.value, position: c.position };
}

function stateOf(value: ExistingValue): ValueState {
  return { value: value.value, notAvailable: value.notAvailable, numerator: value.numerator, denominator: value.denominator, status: value.status, note: value.note };
}

/**
 * The month's value as the sheet gives it. What the sheet leaves unsaid (the
 * numerator and denominator, provisional or final, the note) stays as
 * recorded while the figure is unchanged; a new figure carries only what the
 * sheet says of it.
 */
function nextValue(value: ParsedValue, current: ExistingValue | undefined): ValueState {
  const sameFigure = !!current && current.notAvailable === value.notAvailable && current.value === value.value;
  const keep = <K extends 'numerator' | 'denominator' | 'status' | 'note'>(key: K, given: ValueState[K]): ValueState[K] =>
    given !== null ? given : sameFigure ? current![key] : (null as ValueState[K]);
  return {
    value: value.notAvailable ? null : value.value,
    notAvailable: value.notAvailable,
    numerator: keep('numerator', value.numerator),
    denominator: keep('denominator', value.denominator),
    status: keep('status', value.status),
    note: keep('note', value.note),
  };
}

/**
 * A year-to-date count or rate restarts each April: its April figure is well
 * below March's, and it grows month by month within each financial year.
 */
export function looksYearToDate(unit: IndicatorUnit, values: ReadonlyArray<{ month: Month; value: number | null }>): boolean {
  if (!ADDITIVE_UNITS.has(unit)) return false;
  const known = values.filter((v): v is { month: Month; value: number } => v.value !== null).sort((a, b) => compareMonths(a.month, b.month));
  if (known.length < 4) return false;
  let resets = 0;
  for (let i = 1; i < known.length; i++) {
    const [before, after] = [known[i - 1], known[i]];
    const newYear = financialYearOf(after.month) !== financialYearOf(before.month);
    if (newYear) {
      if (monthParts(after.month).month !== 4 || after.value >= before.value * 0.5) return false;
      resets += 1;
    } else if (after.value < before.value) return false;
  }
  return resets > 0;
}
