import { ReturnInput, resolveReturn } from './returns';
import { IndicatorUnit } from './vocabulary';

describe('resolveReturn: a month\'s return as entered', () => {
  it.each<[string, IndicatorUnit, ReturnInput, object]>([
    ['a value on its own', 'percentage', { value: 26 }, { value: 26, notAvailable: false, numerator: null, denominator: null, derived: false }],
    ['a value with its numerator and denominator', 'percentage', { value: 26, numerator: 52, denominator: 200 }, { value: 26, numerator: 52, denominator: 200, derived: false }],
    ['a percentage worked out from them', 'percentage', { numerator: 184, denominator: 200 }, { value: 92, derived: true }],
    ['a rate per 10,000 worked out from them', 'rate_per_10000', { numerator: 261, denominator: 45_000 }, { value: 58, derived: true }],
    ['a ratio worked out from them', 'ratio', { numerator: 3, denominator: 4 }, { value: 0.75, derived: true }],
    ['N/A: not available, never zero', 'number', { notAvailable: true }, { value: null, notAvailable: true }],
    ['zero is a value', 'number', { value: 0 }, { value: 0, notAvailable: false }],
  ])('%s', (_rule, unit, input, expected) => {
    const result = resolveReturn(unit, input);
    expect(result).toEqual({ ok: expect.objectContaining(expected) });
  });

  it.each<[string, IndicatorUnit, ReturnInput, object]>([
    ['nothing at all', 'percentage', {}, { value: 'is required (or give numerator and denominator, or notAvailable: true for N/A)' }],
    ['a count cannot be worked out from a fraction', 'number', { numerator: 3, denominator: 4 }, { value: 'is required (or notAvailable: true for N/A)' }],
    ['an explicit null value', 'number', { value: null }, { value: 'is required (or notAvailable: true for N/A)' }],
    ['a negative figure', 'days', { value: -3 }, { value: 'must be 0 or more' }],
    ['not a number', 'number', { value: Number.NaN }, { value: 'must be a number' }],
    ['a slip of the keyboard', 'number', { value: 1e15 }, { value: 'is far larger than any figure a board report holds' }],
    ['a fraction that works out absurdly large', 'percentage', { numerator: 1e11, denominator: 1e-300 }, { value: 'works out from the numerator and denominator at more than any figure a board report holds' }],
    ['a zero denominator', 'percentage', { numerator: 0, denominator: 0 }, { denominator: 'must be more than 0' }],
    ['a numerator without its denominator', 'percentage', { value: 20, numerator: 4 }, { denominator: 'is required with the numerator' }],
    ['N/A with a value', 'percentage', { value: 20, notAvailable: true }, { value: 'must be left out when the value is not available (N/A)' }],
  ])('refuses %s, naming the field', (_rule, unit, input, problems) => {
    expect(resolveReturn(unit, input)).toEqual({ problems });
  });
});
