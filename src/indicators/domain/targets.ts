import { COMPARISON_WORDS, Comparison, parseFigure } from './figures';
import { formatValue } from './format';
import { Month, compareMonths, financialYearOf } from './periods';
import { IndicatorUnit } from './vocabulary';

/**
 * Targets and tolerances. A target is a figure ("23%"), a bound ("<17k",
 * "≤ 25%": met or not, like a figure on one side) or "TBC" (shown as such and
 * never rated). It applies to a financial year, or to one month where the
 * council set a month's target; the month's own wins.
 */

export type Target =
  | { kind: 'value'; value: number }
  | { kind: 'bound'; comparison: Comparison; value: number }
  | { kind: 'tbc' };

export type TargetScope = { financialYear: number; month?: undefined } | { month: Month; financialYear?: undefined };

export interface IndicatorTarget {
  appliesTo: TargetScope;
  target: Target;
}

/**
 * How far from target is still green and amber: "within 5% of target green,
 * 5-15% amber, beyond red", either as a share of the target or in the
 * indicator's own units (points for a percentage). A plan sets the defaults,
 * an indicator may have its own.
 */
export interface Tolerance {
  basis: 'percent_of_target' | 'units';
  /** Worse than target by at most this: green. */
  green: number;
  /** Worse than target by at most this (and more than green): amber; beyond it red. */
  amber: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { basis: 'percent_of_target', green: 5, amber: 15 };

/** Throws a RangeError for a tolerance that cannot rate anything: negative, or amber inside green. */
export function checkTolerance(tolerance: Tolerance): Tolerance {
  const { green, amber, basis } = tolerance;
  if (basis !== 'percent_of_target' && basis !== 'units') throw new RangeError(`A tolerance is in units or percent_of_target, not ${String(basis)}`);
  if (!Number.isFinite(green) || !Number.isFinite(amber) || green < 0 || amber < 0) {
    throw new RangeError(`Tolerances must be numbers of 0 or more, got green ${green} and amber ${amber}`);
  }
  if (amber < green) throw new RangeError(`The amber tolerance (${amber}) cannot be narrower than the green (${green})`);
  return tolerance;
}

/** The target in force for a month: that month's own, else its financial year's, else none. */
export function targetFor(targets: readonly IndicatorTarget[], month: Month): Target | null {
  const own = targets.find((t) => t.appliesTo.month !== undefined && compareMonths(t.appliesTo.month, month) === 0);
  if (own) return own.target;
  const year = financialYearOf(month);
  return targets.find((t) => t.appliesTo.financialYear === year)?.target ?? null;
}

/** The scope a target was found under, for saying "pro rata" only of a year's target. */
export function targetScopeFor(targets: readonly IndicatorTarget[], month: Month): TargetScope | null {
  const own = targets.find((t) => t.appliesTo.month !== undefined && compareMonths(t.appliesTo.month, month) === 0);
  if (own) return own.appliesTo;
  const year = financialYearOf(month);
  return targets.find((t) => t.appliesTo.financialYear === year)?.appliesTo ?? null;
}

/**
 * A target from what a person typed. A percentage indicator's target may be
 * written with or without "%"; a "%" on any other unit is refused, because
 * "5%" of a number of assessments means nothing on its own.
 */
export function parseTarget(text: string, unit: IndicatorUnit): { target: Target } | { problem: string } {
  const figure = parseFigure(text);
  switch (figure.kind) {
    case 'tbc':
      return { target: { kind: 'tbc' } };
    case 'number':
    case 'bound':
      if (figure.percent && unit !== 'percentage') return { problem: `'${text.trim()}' is a percentage, but the indicator is not counted in percent` };
      return figure.kind === 'number'
        ? { target: { kind: 'value', value: figure.value } }
        : { target: { kind: 'bound', comparison: figure.comparison, value: figure.value } };
    case 'blank':
      return { problem: 'is empty' };
    case 'not_available':
      return { problem: `'${text.trim()}' is not a target; write TBC for a target still to be set` };
    case 'unreadable':
      return { problem: figure.reason };
  }
}

/** "23%", "below 17,000", "TBC", as the board table prints a target. */
export function formatTarget(target: Target, unit: IndicatorUnit): string {
  switch (target.kind) {
    case 'value':
      return formatValue(target.value, unit);
    case 'bound':
      return `${COMPARISON_WORDS[target.comparison]} ${formatValue(target.value, unit)}`;
    case 'tbc':
      return 'TBC';
  }
}
