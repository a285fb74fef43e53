import type { RagRating } from '../../progress/rag';
import { COMPARISON_WORDS } from './figures';
import { formatDifference, formatShare, formatValue, roundForDisplay } from './format';
import { Month, financialYearLabel, formatMonthLong, monthName, monthOfFinancialYear } from './periods';
import { DEFAULT_TOLERANCE, IndicatorTarget, Target, Tolerance, checkTolerance, formatTarget, targetFor, targetScopeFor } from './targets';
import { ADDITIVE_UNITS, Cumulation, Frequency, IndicatorUnit, POLARITY_LABELS, Polarity } from './vocabulary';

/**
 * An indicator's RAG for a month, from its value, target, tolerance and
 * polarity, with the reasons in the board's words: "26% against a target of
 * 23% (lower is better): 3 points worse, beyond the amber tolerance".
 *
 * Indicators are Red, Amber or Green, never Blue (an indicator is never
 * "done"), and not rated at all when context only, without a target, with a
 * target still TBC, or without a value for the month ("no data for May 2022",
 * never a silent gap).
 */

export type IndicatorRagRating = Exclude<RagRating, 'blue'>;

/** What the rules need to know of an indicator, whatever else the record holds. */
export interface IndicatorDefinition {
  unit: IndicatorUnit;
  polarity: Polarity;
  cumulation: Cumulation;
  /** Monthly when left out; decides what "the previous period" is. */
  frequency?: Frequency;
}

export interface IndicatorRatingInput extends IndicatorDefinition {
  month: Month;
  /** Null when nothing was recorded for the month. */
  value: number | null;
  /** The month was recorded as "N/A" (not available), rather than left empty. */
  notAvailable?: boolean;
  targets: readonly IndicatorTarget[];
  /** The indicator's own, else the plan's default (within 5% green, 5-15% amber). */
  tolerance?: Tolerance | null;
}

export type IndicatorRatingStatus = 'rated' | 'no_data' | 'context_only' | 'no_target' | 'target_tbc';

export interface ProRata {
  /** The year's target as set. */
  annual: number;
  /** Months of the financial year to the rated month, April being 1. */
  months: number;
  financialYear: number;
}

export interface IndicatorRating {
  rating: IndicatorRagRating | null;
  status: IndicatorRatingStatus;
  /** Why, most important first; reasons[0] always explains the rating. */
  reasons: string[];
  /** The target the value was held against (pro rata where that applies); null when there was none. */
  target: Target | null;
  proRata: ProRata | null;
  /** How far worse than target, in the indicator's units as printed; negative is better; null when not rated. */
  worseBy: number | null;
}

/**
 * A year-to-date count or rate (it restarts each April) is held against its
 * year's target pro rata to the month: in June, month 3, a quarter of it. A
 * year-to-date percentage, ratio or average number of days is already a
 * share of the year so far, so its target applies as it is; so does a month's
 * own target, which the council set for that month.
 */
export function effectiveTarget(input: Pick<IndicatorRatingInput, 'unit' | 'cumulation' | 'month' | 'targets'>): { target: Target | null; proRata: ProRata | null } {
  const target = targetFor(input.targets, input.month);
  if (!target || target.kind === 'tbc') return { target, proRata: null };
  const scope = targetScopeFor(input.targets, input.month);
  if (input.cumulation !== 'year_to_date' || !ADDITIVE_UNITS.has(input.unit) || scope?.financialYear === undefined) return { target, proRata: null };
  const months = monthOfFinancialYear(input.month);
  const proRata: ProRata = { annual: target.value, months, financialYear: scope.financialYear };
  return { target: { ...target, value: (target.value * months) / 12 }, proRata };
}

export function rateIndicator(input: IndicatorRatingInput): IndicatorRating {
  const tolerance = checkTolerance(input.tolerance ?? DEFAULT_TOLERANCE);
  const { unit, month } = input;
  const { target, proRata } = effectiveTarget(input);
  const unrated = (status: IndicatorRatingStatus, reasons: string[]): IndicatorRating => ({ rating: null, status, reasons, target, proRata: null, worseBy: null });

  if (input.value === null || !Number.isFinite(input.value)) {
    return unrated('no_data', [`${input.notAvailable ? 'not available' : 'no data'} for ${formatMonthLong(month)}`]);
  }
  const shown = formatValue(input.value, unit);
  if (input.polarity === 'context_only') return unrated('context_only', [`${shown} (context only, not rated)`]);
  if (!target) return unrated('no_target', [`${shown}: no target set for ${formatMonthLong(month)}, so not rated`]);
  if (target.kind === 'tbc') return unrated('target_tbc', [`${shown} against a target of TBC: not rated until the target is confirmed`]);

  const lowerIsBetter = target.kind === 'bound' ? target.comparison === '<' || target.comparison === '<=' : input.polarity === 'lower_is_better';
  const value = roundForDisplay(input.value, unit);
  const goal = roundForDisplay(target.value, unit);
  const worseBy = roundForDisplay(lowerIsBetter ? value - goal : goal - value, unit);
  const polarity = target.kind === 'bound' ? '' : ` (${POLARITY_LABELS[input.polarity]})`;
  const opening = `${shown} against a target of ${formatTarget(target, unit)}${polarity}`;
  const explanation = proRata ? [proRataReason(proRata, target, month, unit)] : [];

  const met = target.kind === 'bound' ? (target.comparison.length === 2 ? worseBy <= 0 : worseBy < 0) : worseBy <= 0;
  if (met) {
    const how = target.kind === 'bound' ? 'target met' : worseBy === 0 ? 'on target' : `${formatDifference(worseBy, unit)} better than target`;
    return { rating: 'green', status: 'rated', reasons: [`${opening}: ${how}`, ...explanation], target, proRata, worseBy };
  }

  // A bound missed by nothing ("17,000" against "below 17,000") is still missed, by the smallest step.
  const distance = tolerance.basis === 'units' ? worseBy : goal === 0 ? Number.POSITIVE_INFINITY : Math.round((worseBy / Math.abs(goal)) * 1000) / 10;
  const rating: IndicatorRagRating = distance <= tolerance.green ? 'green' : distance <= tolerance.amber ? 'amber' : 'red';
  const band = rating === 'green' ? 'within the green tolerance' : rating === 'amber' ? 'within the amber tolerance' : 'beyond the amber tolerance';
  const share = tolerance.basis === 'percent_of_target' && Number.isFinite(distance) ? ` (${formatShare(distance)} of the target)` : '';
  const gap = worseBy === 0 ? 'at the limit' : `${formatDifference(worseBy, unit)} worse${share}`;
  return { rating, status: 'rated', reasons: [`${opening}: ${gap}, ${band}`, ...explanation], target, proRata, worseBy };
}

function proRataReason(proRata: ProRata, target: Exclude<Target, { kind: 'tbc' }>, month: Month, unit: IndicatorUnit): string {
  const annual = target.kind === 'bound' ? `${COMPARISON_WORDS[target.comparison]} ${formatValue(proRata.annual, unit)}` : formatValue(proRata.annual, unit);
  const months = proRata.months === 1 ? '1 of 12 months' : `${proRata.months} of 12 months`;
  return `year to date: the target for ${financialYearLabel(proRata.financialYear)} is ${annual}, pro rata to ${monthName(month)} (${months})`;
}
