import { formatCell, formatDifference, formatFigure, formatShare, formatValue, roundForDisplay } from './format';
import { IndicatorUnit } from './vocabulary';

describe('formatValue: figures in the board\'s words', () => {
  it.each<[number, IndicatorUnit, string]>([
    [26, 'percentage', '26%'],
    [26.04, 'percentage', '26%'],
    [26.25, 'percentage', '26.3%'],
    [0, 'percentage', '0%'],
    [1234, 'number', '1,234'],
    [17000, 'number', '17,000'],
    [12.5, 'number', '12.5'],
    [45.2, 'rate_per_10000', '45.2 per 10,000'],
    [550, 'rate_per_10000', '550 per 10,000'],
    [1234.56, 'rate_per_10000', '1,234.6 per 10,000'],
    [12, 'days', '12 days'],
    [1, 'days', '1 day'],
    [0.854, 'ratio', '0.85'],
    [-3, 'number', '-3'],
    [-0.01, 'number', '0'],
  ])('%d as %s is "%s"', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });

  it('refuses a figure that is not a number rather than printing NaN in a paper', () => {
    expect(() => formatValue(Number.NaN, 'number')).toThrow(RangeError);
    expect(() => formatValue(Number.POSITIVE_INFINITY, 'percentage')).toThrow(RangeError);
  });
});

describe('formatDifference', () => {
  it.each<[number, IndicatorUnit, string]>([
    [3, 'percentage', '3 points'],
    [-3, 'percentage', '3 points'],
    [1, 'percentage', '1 point'],
    [2.5, 'percentage', '2.5 points'],
    [1500, 'number', '1,500'],
    [4.5, 'rate_per_10000', '4.5 per 10,000'],
    [3, 'days', '3 days'],
    [0.2, 'ratio', '0.2'],
  ])('%d as %s is "%s"', (difference, unit, expected) => {
    expect(formatDifference(difference, unit)).toBe(expected);
  });
});

describe('rounding as printed', () => {
  it.each<[number, IndicatorUnit, number]>([
    [26.04, 'percentage', 26],
    [26.05, 'percentage', 26.1],
    [-26.05, 'percentage', -26.1],
    [1.005, 'ratio', 1.01],
  ])('%d as %s is %d', (value, unit, expected) => {
    expect(roundForDisplay(value, unit)).toBe(expected);
  });

  it('prints figures and shares with separators and at most one decimal', () => {
    expect(formatFigure(1234567.891)).toBe('1,234,567.9');
    expect(formatShare(13.043)).toBe('13%');
    expect(formatShare(4.75)).toBe('4.8%');
  });
});

describe('formatCell: a figure in a table whose row names the unit', () => {
  it.each<[number, IndicatorUnit, string]>([
    [26, 'percentage', '26%'],
    [45.24, 'rate_per_10000', '45.2'],
    [1234, 'number', '1,234'],
    [12, 'days', '12'],
    [0.854, 'ratio', '0.85'],
  ])('%d as %s is "%s"', (value, unit, expected) => {
    expect(formatCell(value, unit)).toBe(expected);
  });
});
