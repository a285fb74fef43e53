import type { IndicatorUnit } from './vocabulary';

/**
 * A month's return as a person (or a performance team's sheet) gives it: a
 * value, or "N/A" (not available, never zero), and where the unit has them a
 * numerator and denominator ("52 of 200 re-referred"). A value left out is
 * worked out from them for a percentage, a rate per 10,000 or a ratio.
 */
export interface ReturnInput {
  value?: number | null;
  notAvailable?: boolean;
  numerator?: number | null;
  denominator?: number | null;
}

export interface ResolvedReturn {
  value: number | null;
  notAvailable: boolean;
  numerator: number | null;
  denominator: number | null;
  /** True when the value was worked out from the numerator and denominator. */
  derived: boolean;
}

/** What the numerator over the denominator is multiplied by to give the value, for the units that have them. */
export const FRACTION_SCALE: Readonly<Partial<Record<IndicatorUnit, number>>> = { percentage: 100, rate_per_10000: 10_000, ratio: 1 };

/** Figures a board prints; anything beyond is a slip of the keyboard. */
const LARGEST = 1e12;

export type ReturnProblems = Partial<Record<'value' | 'notAvailable' | 'numerator' | 'denominator', string>>;

export function resolveReturn(unit: IndicatorUnit, input: ReturnInput): { ok: ResolvedReturn } | { problems: ReturnProblems } {
  const problems: ReturnProblems = {};
  const figure = (field: 'value' | 'numerator' | 'denominator'): number | null => {
    const value = input[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) problems[field] = 'must be a number';
    else if (value < 0) problems[field] = 'must be 0 or more';
    else if (value >= LARGEST) problems[field] = 'is far larger than any figure a board report holds';
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  };
  let value = figure('value');
  const numerator = figure('numerator');
  const denominator = figure('denominator');
  if (denominator === 0 && !problems.denominator) problems.denominator = 'must be more than 0';
  if ((numerator === null) !== (denominator === null) && !problems.numerator && !problems.denominator) {
    problems[numerator === null ? 'numerator' : 'denominator'] = 'is required with the ' + (numerator === null ? 'denominator' : 'numerator');
  }
  const notAvailable = input.notAvailable === true;
  if (notAvailable) {
    if (value !== null) problems.value = 'must be left out when the value is not available (N/A)';
    if (numerator !== null) problems.numerator = 'must be left out when the value is not available (N/A)';
    if (denominator !== null) problems.denominator = 'must be left out when the value is not available (N/A)';
  }
  let derived = false;
  if (!notAvailable && value === null && input.value === undefined) {
    const scale = FRACTION_SCALE[unit];
    if (numerator !== null && denominator !== null && denominator > 0 && scale !== undefined) {
      value = Math.round(((numerator / denominator) * scale) * 1e6) / 1e6;
      derived = true;
      if (!Number.isFinite(value) || value >= LARGEST) problems.value = 'works out from the numerator and denominator at more than any figure a board report holds';
    } else if (!problems.value && !problems.numerator && !problems.denominator) {
      problems.value = scale === undefined ? 'is required (or notAvailable: true for N/A)' : 'is required (or give numerator and denominator, or notAvailable: true for N/A)';
    }
  } else if (!notAvailable && value === null && !problems.value) {
    problems.value = 'is required (or notAvailable: true for N/A)';
  }
  if (Object.keys(problems).length) return { problems };
  return { ok: { value: notAvailable ? null : value, notAvailable, numerator, denominator, derived } };
}
