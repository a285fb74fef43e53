import { capitalise, countOf, decapitalise, joinWithAnd, numberInWords, pluralOf } from './number-words';

describe('numberInWords', () => {
  it.each<[number, string]>([
    [1, 'one'],
    [2, 'two'],
    [3, 'three'],
    [4, 'four'],
    [5, 'five'],
    [6, 'six'],
    [7, 'seven'],
    [8, 'eight'],
    [9, 'nine'],
    [10, '10'],
    [11, '11'],
    [17, '17'],
    [58, '58'],
    [100, '100'],
    [5000, '5,000'],
    [1234567, '1,234,567'],
    [0, '0'],
  ])('%i -> %s', (value, expected) => {
    expect(numberInWords(value)).toBe(expected);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p', (value) => {
    expect(() => numberInWords(value)).toThrow(RangeError);
  });
});

describe('countOf', () => {
  it.each<[number, string, string | undefined, string]>([
    [0, 'recommendation', undefined, 'no recommendations'],
    [1, 'recommendation', undefined, 'one recommendation'],
    [3, 'recommendation', undefined, 'three recommendations'],
    [10, 'recommendation', undefined, '10 recommendations'],
    [17, 'recommendation', undefined, '17 recommendations'],
    [1, 'activity', undefined, 'one activity'],
    [58, 'activity', undefined, '58 activities'],
    [1, 'working day', undefined, 'one working day'],
    [12, 'working day', undefined, '12 working days'],
    [2, 'table', undefined, 'two tables'],
    [1, 'table', undefined, 'one table'],
    [2, 'lead agency', undefined, 'two lead agencies'],
    [4, 'child', 'children', 'four children'],
    [1, 'child', 'children', 'one child'],
  ])('%i %s -> %s', (count, singular, plural, expected) => {
    expect(countOf(count, singular, plural)).toBe(expected);
  });
});

describe('pluralOf', () => {
  it.each([
    ['recommendation', 'recommendations'],
    ['activity', 'activities'],
    ['day', 'days'],
    ['box', 'boxes'],
    ['match', 'matches'],
    ['agency', 'agencies'],
  ])('%s -> %s', (singular, plural) => {
    expect(pluralOf(singular)).toBe(plural);
  });
});

describe('joinWithAnd', () => {
  it.each<[string[], string | undefined, string]>([
    [[], undefined, ''],
    [['a'], undefined, 'a'],
    [['a', 'b'], undefined, 'a and b'],
    [['a', 'b', 'c'], undefined, 'a, b and c'],
    [['a', 'b', 'c'], '; ', 'a; b and c'],
    [['a', 'b', 'c', 'd'], '; ', 'a; b; c and d'],
  ])('%p with %p -> %s', (items, separator, expected) => {
    expect(joinWithAnd(items, separator)).toBe(expected);
  });
});

describe('capitalise and decapitalise', () => {
  it.each([
    ['three are complete', 'Three are complete'],
    ['10 are overdue', '10 are overdue'],
    ['', ''],
  ])('capitalise(%p) -> %p', (text, expected) => {
    expect(capitalise(text)).toBe(expected);
  });

  it.each([
    ['Safeguarding', 'safeguarding'],
    ['Children looked after', 'children looked after'],
    ['NHS Southampton PCT should ensure', 'NHS Southampton PCT should ensure'],
    ['LSCB sub-groups', 'LSCB sub-groups'],
    ['McDonald review', 'McDonald review'],
    ['A', 'A'],
    ['', ''],
  ])('decapitalise(%p) -> %p', (text, expected) => {
    expect(decapitalise(text)).toBe(expected);
  });
});
