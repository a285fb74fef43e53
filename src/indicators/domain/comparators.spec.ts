import { Comparator, ComparatorStanding, comparatorLabel, comparatorPosition } from './comparators';
import { Polarity } from './vocabulary';

const neighbours: Comparator = { name: 'Statistical Neighbours', kind: 'statistical_neighbours', financialYear: null, source: null, value: 28 };

describe('comparatorPosition', () => {
  it.each<[string, number | null, Comparator, Polarity, ComparatorStanding, string]>([
    ['lower is better, below them: better', 26, neighbours, 'lower_is_better', 'better', 'better than statistical neighbours (28%)'],
    ['higher is better, below them: worse', 26, neighbours, 'higher_is_better', 'worse', 'worse than statistical neighbours (28%)'],
    ['equal as printed', 27.96, neighbours, 'higher_is_better', 'same', 'the same as statistical neighbours (28%)'],
    ['context only: above or below', 30, neighbours, 'context_only', 'above', 'above statistical neighbours (28%)'],
    ['N/A is not available, never zero', 26, { ...neighbours, name: 'England', kind: 'england', value: null }, 'lower_is_better', 'not_available', 'England: not available'],
    ['no value of our own', null, { ...neighbours, name: 'South East', kind: 'region' }, 'lower_is_better', 'no_data', 'South East (28%): no data to compare'],
    [
      'own previous year keeps its name',
      26,
      { name: 'Southampton 19/20', kind: 'own_previous_year', financialYear: 2019, source: null, value: 24.5 },
      'lower_is_better',
      'worse',
      'worse than Southampton 19/20 (24.5%)',
    ],
    ['a year the name leaves out is added', 26, { ...neighbours, name: 'England', kind: 'england', financialYear: 2020 }, 'lower_is_better', 'better', 'better than England 20/21 (28%)'],
  ])('%s', (_rule, value, comparator, polarity, standing, text) => {
    expect(comparatorPosition(value, comparator, 'percentage', polarity)).toEqual({ name: expect.any(String), standing, text });
  });

  it('names the statistical neighbours as a group, keeping a council\'s own wording otherwise', () => {
    expect(comparatorLabel(neighbours)).toBe('statistical neighbours');
    expect(comparatorLabel({ ...neighbours, name: 'SN average' })).toBe('SN average');
  });
});
