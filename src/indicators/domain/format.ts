import { IndicatorUnit } from './vocabulary';

/**
 * Figures as a board report prints them: "26%", "3 points", "1,234",
 * "45.2 per 10,000", "12 days". Every comparison the rules make is on the
 * figure as printed (see roundForDisplay), so a reason never says "26%
 * against a target of 26%" while rating the indicator worse than its target.
 */

/** Decimal places a paper prints: one for most figures, two for a ratio (0.85). */
export const DISPLAY_DECIMALS: Readonly<Record<IndicatorUnit, number>> = {
  percentage: 1,
  number: 1,
  rate_per_10000: 1,
  days: 1,
  ratio: 2,
};

const FORMATTERS = new Map<number, Intl.NumberFormat>();

function formatter(decimals: number): Intl.NumberFormat {
  let format = FORMATTERS.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { maximumFractionDigits: decimals, useGrouping: true });
    FORMATTERS.set(decimals, format);
  }
  return format;
}

function requireFinite(value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`Expected a finite number, got ${value}`);
}

/** The value rounded as it is printed, so comparisons agree with what the reader sees. */
export function roundForDisplay(value: number, unit: IndicatorUnit): number {
  requireFinite(value);
  const factor = 10 ** DISPLAY_DECIMALS[unit];
  // Rounding half away from zero, on the decimal the reader sees (1.005 is 1.01 on paper).
  const scaled = Math.round(Math.abs(value) * factor + 1e-9) / factor;
  return value < 0 ? -scaled : scaled;
}

/** "1,234", "12.5": thousands separators, at most the given decimals, no trailing zeros. */
export function formatFigure(value: number, decimals = 1): string {
  requireFinite(value);
  const text = formatter(decimals).format(value);
  return text === '-0' ? '0' : text;
}

/** A value in its unit: "26%", "1,234", "45.2 per 10,000", "12 days", "0.85". */
export function formatValue(value: number, unit: IndicatorUnit): string {
  const figure = formatFigure(roundForDisplay(value, unit), DISPLAY_DECIMALS[unit]);
  switch (unit) {
    case 'percentage':
      return `${figure}%`;
    case 'number':
    case 'ratio':
      return figure;
    case 'rate_per_10000':
      return `${figure} per 10,000`;
    case 'days':
      return `${figure} ${figure === '1' ? 'day' : 'days'}`;
  }
}

/**
 * A value as a table cell prints it, where the column or row already names the
 * unit: "26%" (a percentage keeps its sign), "45.2", "1,234", "12".
 */
export function formatCell(value: number, unit: IndicatorUnit): string {
  const figure = formatFigure(roundForDisplay(value, unit), DISPLAY_DECIMALS[unit]);
  return unit === 'percentage' ? `${figure}%` : figure;
}

/**
 * A difference between two values of a unit, always positive: a percentage
 * moves by points ("3 points", not "3%", which would be a share of the target).
 */
export function formatDifference(difference: number, unit: IndicatorUnit): string {
  const size = Math.abs(roundForDisplay(difference, unit));
  if (unit === 'percentage') {
    const figure = formatFigure(size, DISPLAY_DECIMALS.percentage);
    return `${figure} ${figure === '1' ? 'point' : 'points'}`;
  }
  return formatValue(size, unit);
}

/** A share, as a percentage with at most one decimal: "13%", "4.8%". */
export function formatShare(percent: number): string {
  return `${formatFigure(Math.round(Math.abs(percent) * 10 + 1e-9) / 10, 1)}%`;
}
