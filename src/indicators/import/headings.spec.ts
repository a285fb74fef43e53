import { ComparatorHeading, MonthHeading, PriorityHeading, parseComparatorHeading, parseMonthHeading, parsePolarity, parsePriorityHeading, parseUnit, unitFromTitle } from './headings';

describe('parseMonthHeading', () => {
  it.each<[string, MonthHeading | null]>([
    ['Oct-21', { month: '2021-10', corrected: null }],
    ['Jan22', { month: '2022-01', corrected: null }],
    ['Dec-2l', { month: '2021-12', corrected: 'read as December 2021' }],
    ['Nov-2O', { month: '2020-11', corrected: 'read as November 2020' }],
    ['Sept 21', { month: '2021-09', corrected: null }],
    ['Sep-21', { month: '2021-09', corrected: null }],
    ['June 2022', { month: '2022-06', corrected: null }],
    ['October 2021', { month: '2021-10', corrected: null }],
    ["Mar '22", { month: '2022-03', corrected: null }],
    ['Feb/22', { month: '2022-02', corrected: null }],
    ['Apr.22', { month: '2022-04', corrected: null }],
    ['2021-10', { month: '2021-10', corrected: null }],
    ['2021-10-01', { month: '2021-10', corrected: null }],
    [' May-22 ', { month: '2022-05', corrected: null }],
    ['Target', null],
    ['England', null],
    ['Southampton 19/20', null],
    ['Mayor 22', null],
    ['2021-13', null],
    ['2021-10-15', null],
    ['Oct-1', null],
    ['Oct-ll', null],
  ])('%j', (heading, expected) => {
    expect(parseMonthHeading(heading)).toEqual(expected);
  });
});

describe('parseComparatorHeading', () => {
  it.each<[string, Omit<ComparatorHeading, 'name'>]>([
    ['Southampton 19/20', { kind: 'own_previous_year', financialYear: 2019 }],
    ['Southampton 2020/21', { kind: 'own_previous_year', financialYear: 2020 }],
    ['2020-21 outturn', { kind: 'own_previous_year', financialYear: 2020 }],
    ['Statistical Neighbours', { kind: 'statistical_neighbours', financialYear: null }],
    ['Stat Neighbours (20/21)', { kind: 'statistical_neighbours', financialYear: 2020 }],
    ['SN average', { kind: 'statistical_neighbours', financialYear: null }],
    ['South East', { kind: 'region', financialYear: null }],
    ['Yorkshire and the Humber', { kind: 'region', financialYear: null }],
    ['England', { kind: 'england', financialYear: null }],
    ['England 2020/21', { kind: 'england', financialYear: 2020 }],
    ['National', { kind: 'england', financialYear: null }],
    ['Hampshire', { kind: 'other', financialYear: null }],
    ['Southampton 19/21', { kind: 'other', financialYear: null }],
  ])('%j', (heading, expected) => {
    expect(parseComparatorHeading(heading)).toEqual({ name: heading, ...expected });
  });
});

describe('units and polarity', () => {
  it.each([
    ['PERCENTAGE', 'percentage'],
    ['%', 'percentage'],
    ['Percent', 'percentage'],
    ['NUMBER', 'number'],
    ['No.', 'number'],
    ['RATE', 'rate_per_10000'],
    ['Rate per 10,000', 'rate_per_10000'],
    ['DAYS', 'days'],
    ['Average days', 'days'],
    ['RATIO', 'ratio'],
    ['SCORE', null],
    ['', null],
  ])('outturn type %j is %s', (text, unit) => {
    expect(parseUnit(text)).toBe(unit);
  });

  it.each([
    ['Percentage of re-referrals within 12 months', 'percentage'],
    ['Rates of Single Assessments completed per 10,000', 'rate_per_10000'],
    ['Number of Early Help assessments completed', 'number'],
    ['Average days from strategy discussion to ICPC', 'days'],
    ['Re-referrals within 12 months', null],
  ])('title %j suggests %s', (title, unit) => {
    expect(unitFromTitle(title)).toBe(unit);
  });

  it.each([
    ['Higher is better', 'higher_is_better'],
    ['higher', 'higher_is_better'],
    ['↑', 'higher_is_better'],
    ['Lower is better', 'lower_is_better'],
    ['Low', 'lower_is_better'],
    ['Context only', 'context_only'],
    ['N/A', 'context_only'],
    ['Good', null],
  ])('polarity %j is %s', (text, polarity) => {
    expect(parsePolarity(text)).toBe(polarity);
  });
});

describe('parsePriorityHeading', () => {
  it.each<[string, PriorityHeading]>([
    [
      'Effective Assessment and Intervention — RAG: Amber, Medium Risk',
      { title: 'Effective Assessment and Intervention', number: null, rating: 'amber', riskLabel: 'medium' },
    ],
    ['Priority 1: Effective Assessment and Intervention', { title: 'Effective Assessment and Intervention', number: '1', rating: null, riskLabel: null }],
    ['Priority 2 - Children in care (RAG: Red - High Risk)', { title: 'Children in care', number: '2', rating: 'red', riskLabel: 'high' }],
    ['Early Help RAG Green', { title: 'Early Help', number: null, rating: 'green', riskLabel: null }],
    ['Priority 3', { title: 'Priority 3', number: null, rating: null, riskLabel: null }],
    ['Ragwort control', { title: 'Ragwort control', number: null, rating: null, riskLabel: null }],
  ])('%j', (heading, expected) => {
    expect(parsePriorityHeading(heading)).toEqual(expected);
  });
});
