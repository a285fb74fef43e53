import { Month } from '../domain';
import { CHART_HEIGHT, IndicatorChartInput, chartSpec, chartTextAlternative, yDomain } from './chart-model';

const MONTHS: Month[] = ['2021-10', '2021-11', '2021-12', '2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06'];

const reReferrals: IndicatorChartInput = {
  title: 'Percentage of re-referrals within 12 months',
  unit: 'percentage',
  months: MONTHS,
  values: [21, 22, 23, 22, 24, 25, 24, 25, 26],
  targets: MONTHS.map(() => 23),
  comparators: [{ label: 'statistical neighbours', value: 28 }],
};

describe('chartTextAlternative', () => {
  it.each<[string, Partial<IndicatorChartInput>, string]>([
    ['the issue\'s own example', {}, 'Percentage of re-referrals within 12 months, October 2021 to June 2022: rose from 21% to 26% against a target of 23%; statistical neighbours 28%'],
    [
      'a missing month is said',
      { values: [21, 22, 23, 22, 24, 25, 24, null, 26] },
      'Percentage of re-referrals within 12 months, October 2021 to June 2022: rose from 21% to 26% against a target of 23%; no data for May 2022; statistical neighbours 28%',
    ],
    [
      'missing ends name the months of the first and last values',
      { values: [null, 22, 23, 22, 24, 25, 24, 20, null] },
      'Percentage of re-referrals within 12 months, October 2021 to June 2022: fell from 22% in November 2021 to 20% in May 2022 against a target of 23%; no data for October 2021 and June 2022; statistical neighbours 28%',
    ],
    ['flat', { values: MONTHS.map(() => 24) }, 'Percentage of re-referrals within 12 months, October 2021 to June 2022: stayed at 24% against a target of 23%; statistical neighbours 28%'],
    [
      'no target, a comparator not available',
      { targets: MONTHS.map(() => null), targetTbc: true, comparators: [{ label: 'England', value: null }, { label: 'South East', value: 24.9 }] },
      'Percentage of re-referrals within 12 months, October 2021 to June 2022: rose from 21% to 26%; target to be confirmed; England not available, South East 24.9%',
    ],
    [
      'a target that changes (pro rata) is given for the last month',
      { unit: 'rate_per_10000', targets: [320.8, 366.7, 412.5, 458.3, 504.2, 550, 45.8, 91.7, 137.5] },
      'Percentage of re-referrals within 12 months, October 2021 to June 2022: rose from 21 per 10,000 to 26 per 10,000 against a target of 137.5 per 10,000 by June 2022; statistical neighbours 28 per 10,000',
    ],
    ['nothing recorded', { values: MONTHS.map(() => null) }, 'Percentage of re-referrals within 12 months, October 2021 to June 2022: no data'],
  ])('%s', (_rule, changes, expected) => {
    expect(chartTextAlternative({ ...reReferrals, ...changes })).toBe(expected);
  });

  it('refuses a chart whose values do not match its months', () => {
    expect(() => chartTextAlternative({ ...reReferrals, values: [1, 2] })).toThrow(/one value and one target per month/);
  });
});

describe('chartSpec', () => {
  it('labels every series at its end, in the board\'s month words, and keeps the labels apart', () => {
    const spec = chartSpec({ ...reReferrals, comparators: [{ label: 'statistical neighbours', value: 28 }, { label: 'South East', value: 27.9 }, { label: 'England', value: null }] });
    const layers = spec.layer as Array<{ data: { values: Array<Record<string, unknown>> }; mark: { type: string } }>;
    const labels = layers.find((l) => l.mark.type === 'text')!.data.values;
    expect(labels.map((l) => l.text).sort()).toEqual(['Outturn 26%', 'South East 27.9%', 'Target 23%', 'statistical neighbours 28%']);
    const ys = labels.map((l) => l.y as number).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(13);
    expect(Math.max(...ys)).toBeLessThanOrEqual(CHART_HEIGHT + 4);
    const values = layers.find((l) => l.mark.type === 'line' && l.data.values.some((d) => d.kind === 'value'))!.data.values;
    expect(values.map((d) => d.month)).toEqual(['Oct-21', 'Nov-21', 'Dec-21', 'Jan-22', 'Feb-22', 'Mar-22', 'Apr-22', 'May-22', 'Jun-22']);
    // A comparator that is not available is not drawn as zero.
    expect(layers.flatMap((l) => l.data.values).some((d) => d.series === 'England')).toBe(false);
  });

  it('breaks a year-to-date line (and its pro rata target) at April instead of drawing a plunge', () => {
    const spec = chartSpec({ ...reReferrals, unit: 'rate_per_10000', resetsInApril: true });
    const layers = spec.layer as Array<{ data: { values: Array<Record<string, unknown>> }; encoding: Record<string, unknown> }>;
    const values = layers.flatMap((l) => l.data.values).filter((d) => d.kind === 'value' && 'series' in d);
    expect(values.map((d) => d.segment)).toEqual([2021, 2021, 2021, 2021, 2021, 2021, 2022, 2022, 2022]);
    expect(layers[2].encoding.detail).toEqual({ field: 'segment' });
    const plain = chartSpec(reReferrals).layer as typeof layers;
    expect(new Set(plain.flatMap((l) => l.data.values).filter((d) => d.kind === 'value' && 'series' in d).map((d) => d.segment))).toEqual(new Set([0]));
  });

  it.each<[number[], [number, number]]>([
    [[20, 30], [18.8, 31.2]],
    [[1, 2], [0.88, 2.12]],
    [[0, 5], [0, 5.6]],
    [[50, 50], [45, 55]],
    [[], [0, 1]],
  ])('y axis for %j', (figures, [lo, hi]) => {
    const [a, b] = yDomain(figures);
    expect(a).toBeCloseTo(lo);
    expect(b).toBeCloseTo(hi);
  });
});
