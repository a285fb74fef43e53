import { IndicatorTarget, formatTarget, parseTarget, targetFor } from './targets';
import { IndicatorUnit } from './vocabulary';

describe('parseTarget', () => {
  it.each<[string, IndicatorUnit, ReturnType<typeof parseTarget>]>([
    ['23%', 'percentage', { target: { kind: 'value', value: 23 } }],
    ['23', 'percentage', { target: { kind: 'value', value: 23 } }],
    ['<17k', 'number', { target: { kind: 'bound', comparison: '<', value: 17000 } }],
    ['≤ 25%', 'percentage', { target: { kind: 'bound', comparison: '<=', value: 25 } }],
    ['TBC', 'number', { target: { kind: 'tbc' } }],
    ['5%', 'number', { problem: "'5%' is a percentage, but the indicator is not counted in percent" }],
    ['N/A', 'number', { problem: "'N/A' is not a target; write TBC for a target still to be set" }],
    ['≈20', 'number', { problem: "'≈20' is not a number" }],
    ['', 'number', { problem: 'is empty' }],
  ])('%j as %s', (text, unit, expected) => {
    expect(parseTarget(text, unit)).toEqual(expected);
  });
});

describe('targetFor', () => {
  const targets: IndicatorTarget[] = [
    { appliesTo: { financialYear: 2021 }, target: { kind: 'value', value: 25 } },
    { appliesTo: { financialYear: 2022 }, target: { kind: 'value', value: 23 } },
    { appliesTo: { month: '2022-06' }, target: { kind: 'tbc' } },
  ];
  it.each([
    ['2022-03', { kind: 'value', value: 25 }],
    ['2022-04', { kind: 'value', value: 23 }],
    ['2022-06', { kind: 'tbc' }],
    ['2023-04', null],
  ] as const)('%s -> %j', (month, expected) => {
    expect(targetFor(targets, month)).toEqual(expected);
  });

  it('prints targets as the board table does', () => {
    expect(formatTarget({ kind: 'value', value: 23 }, 'percentage')).toBe('23%');
    expect(formatTarget({ kind: 'bound', comparison: '<', value: 17000 }, 'number')).toBe('below 17,000');
    expect(formatTarget({ kind: 'tbc' }, 'rate_per_10000')).toBe('TBC');
  });
});
