import { IndicatorRatingInput, IndicatorRatingStatus, rateIndicator } from './indicator-rag';
import { Tolerance } from './targets';

// Re-referrals within 12 months, June 2022, target 23% for 2022/23, lower is
// better, tolerances of 1 and 2 points: each case changes only what it tests.
const reReferrals: IndicatorRatingInput = {
  unit: 'percentage',
  polarity: 'lower_is_better',
  cumulation: 'rolling_12_months',
  month: '2022-06',
  value: 26,
  targets: [{ appliesTo: { financialYear: 2022 }, target: { kind: 'value', value: 23 } }],
  tolerance: { basis: 'units', green: 1, amber: 2 },
};

// Visits within timescale: higher is better, 90%, the default tolerance (5% and 15% of the target).
const visits: IndicatorRatingInput = {
  unit: 'percentage',
  polarity: 'higher_is_better',
  cumulation: 'month',
  month: '2022-06',
  value: 85,
  targets: [{ appliesTo: { financialYear: 2022 }, target: { kind: 'value', value: 90 } }],
  tolerance: null,
};

// Single assessments per 10,000, year to date (restarts each April), 550 a year.
const assessmentRate: IndicatorRatingInput = {
  unit: 'rate_per_10000',
  polarity: 'higher_is_better',
  cumulation: 'year_to_date',
  month: '2022-06',
  value: 120,
  targets: [{ appliesTo: { financialYear: 2022 }, target: { kind: 'value', value: 550 } }],
};

const contacts: IndicatorRatingInput = {
  unit: 'number',
  polarity: 'lower_is_better',
  cumulation: 'month',
  month: '2022-06',
  value: 16500,
  targets: [{ appliesTo: { financialYear: 2022 }, target: { kind: 'bound', comparison: '<', value: 17000 } }],
};

interface Case {
  rule: string;
  input: IndicatorRatingInput;
  rating: 'red' | 'amber' | 'green' | null;
  status?: IndicatorRatingStatus;
  reasons: string[];
}

describe('rateIndicator: the rules', () => {
  it.each<Case>([
    // Lower is better, tolerance in units (points)
    {
      rule: 'lower is better, beyond the amber tolerance: red',
      input: reReferrals,
      rating: 'red',
      reasons: ['26% against a target of 23% (lower is better): 3 points worse, beyond the amber tolerance'],
    },
    {
      rule: 'lower is better, within the amber tolerance: amber',
      input: { ...reReferrals, value: 25 },
      rating: 'amber',
      reasons: ['25% against a target of 23% (lower is better): 2 points worse, within the amber tolerance'],
    },
    {
      rule: 'lower is better, within the green tolerance: green, one point singular',
      input: { ...reReferrals, value: 24 },
      rating: 'green',
      reasons: ['24% against a target of 23% (lower is better): 1 point worse, within the green tolerance'],
    },
    {
      rule: 'on target',
      input: { ...reReferrals, value: 23 },
      rating: 'green',
      reasons: ['23% against a target of 23% (lower is better): on target'],
    },
    {
      rule: 'a value that prints as the target is on target',
      input: { ...reReferrals, value: 23.04 },
      rating: 'green',
      reasons: ['23% against a target of 23% (lower is better): on target'],
    },
    {
      rule: 'lower is better, below target: better',
      input: { ...reReferrals, value: 21 },
      rating: 'green',
      reasons: ['21% against a target of 23% (lower is better): 2 points better than target'],
    },
    {
      rule: 'the difference is taken as printed: 25.04 is 2 points worse, not 2.04',
      input: { ...reReferrals, value: 25.04 },
      rating: 'amber',
      reasons: ['25% against a target of 23% (lower is better): 2 points worse, within the amber tolerance'],
    },

    // Higher is better, the default tolerance as a share of the target
    {
      rule: 'higher is better, 5.6% of the target below: amber',
      input: visits,
      rating: 'amber',
      reasons: ['85% against a target of 90% (higher is better): 5 points worse (5.6% of the target), within the amber tolerance'],
    },
    {
      rule: 'higher is better, 4.4% of the target below: green',
      input: { ...visits, value: 86 },
      rating: 'green',
      reasons: ['86% against a target of 90% (higher is better): 4 points worse (4.4% of the target), within the green tolerance'],
    },
    {
      rule: 'exactly 15% of the target below is still amber',
      input: { ...visits, value: 76.5 },
      rating: 'amber',
      reasons: ['76.5% against a target of 90% (higher is better): 13.5 points worse (15% of the target), within the amber tolerance'],
    },
    {
      rule: 'more than 15% of the target below: red',
      input: { ...visits, value: 76 },
      rating: 'red',
      reasons: ['76% against a target of 90% (higher is better): 14 points worse (15.6% of the target), beyond the amber tolerance'],
    },
    {
      rule: 'higher is better, above target: better',
      input: { ...visits, value: 95 },
      rating: 'green',
      reasons: ['95% against a target of 90% (higher is better): 5 points better than target'],
    },
    {
      rule: 'a number, lower is better, 10% over: amber',
      input: { ...contacts, value: 1100, targets: [{ appliesTo: { financialYear: 2022 }, target: { kind: 'value', value: 1000 } }] },
      rating: 'amber',
      reasons: ['1,100 against a target of 1,000 (lower is better): 100 worse (10% of the target), within the amber tolerance'],
    },
    {
      rule: 'a target of zero has no share: anything worse is beyond tolerance',
      input: { ...contacts, value: 2, targets: [{ appliesTo: { financialYear: 2022 }, target: { kind: 'value', value: 0 } }] },
      rating: 'red',
      reasons: ['2 against a target of 0 (lower is better): 2 worse, beyond the amber tolerance'],
    },
    {
      rule: 'a tolerance of 10% (some councils use it) makes 8% over green',
      input: { ...contacts, value: 1080, targets: [{ appliesTo: { financialYear: 2022 }, target: { kind: 'value', value: 1000 } }], tolerance: { basis: 'percent_of_target', green: 10, amber: 20 } },
      rating: 'green',
      reasons: ['1,080 against a target of 1,000 (lower is better): 80 worse (8% of the target), within the green tolerance'],
    },

    // Bound targets
    {
      rule: 'a bound met: "<17k"',
      input: contacts,
      rating: 'green',
      reasons: ['16,500 against a target of below 17,000: target met'],
    },
    {
      rule: 'a strict bound reached but not beaten',
      input: { ...contacts, value: 17000 },
      rating: 'green',
      reasons: ['17,000 against a target of below 17,000: at the limit, within the green tolerance'],
    },
    {
      rule: 'a bound missed by 5.9% of it: amber',
      input: { ...contacts, value: 18000 },
      rating: 'amber',
      reasons: ['18,000 against a target of below 17,000: 1,000 worse (5.9% of the target), within the amber tolerance'],
    },
    {
      rule: '"≤ 25%" reached is met',
      input: { ...reReferrals, value: 25, targets: [{ appliesTo: { financialYear: 2022 }, target: { kind: 'bound', comparison: '<=', value: 25 } }] },
      rating: 'green',
      reasons: ['25% against a target of at most 25%: target met'],
    },
    {
      rule: '"≥ 90%" missed by a point, in units',
      input: { ...visits, value: 88, tolerance: { basis: 'units', green: 1, amber: 3 }, targets: [{ appliesTo: { financialYear: 2022 }, target: { kind: 'bound', comparison: '>=', value: 90 } }] },
      rating: 'amber',
      reasons: ['88% against a target of at least 90%: 2 points worse, within the amber tolerance'],
    },

    // Not rated
    {
      rule: 'TBC target: shown, not rated',
      input: { ...reReferrals, targets: [{ appliesTo: { financialYear: 2022 }, target: { kind: 'tbc' } }] },
      rating: null,
      status: 'target_tbc',
      reasons: ['26% against a target of TBC: not rated until the target is confirmed'],
    },
    {
      rule: 'no target for the year',
      input: { ...reReferrals, targets: [{ appliesTo: { financialYear: 2021 }, target: { kind: 'value', value: 23 } }] },
      rating: null,
      status: 'no_target',
      reasons: ['26%: no target set for June 2022, so not rated'],
    },
    {
      rule: 'context only',
      input: { ...contacts, value: 1234, polarity: 'context_only' },
      rating: null,
      status: 'context_only',
      reasons: ['1,234 (context only, not rated)'],
    },
    {
      rule: 'missing month: no data, never a silent gap',
      input: { ...reReferrals, month: '2022-05', value: null },
      rating: null,
      status: 'no_data',
      reasons: ['no data for May 2022'],
    },
    {
      rule: 'a month recorded as N/A: not available',
      input: { ...reReferrals, month: '2022-05', value: null, notAvailable: true },
      rating: null,
      status: 'no_data',
      reasons: ['not available for May 2022'],
    },
    {
      rule: 'missing data is said even for a context-only indicator',
      input: { ...contacts, polarity: 'context_only', value: null },
      rating: null,
      status: 'no_data',
      reasons: ['no data for June 2022'],
    },

    // Targets by month
    {
      rule: "a month's own target wins over the year's",
      input: { ...reReferrals, targets: [...reReferrals.targets, { appliesTo: { month: '2022-06' }, target: { kind: 'value', value: 26 } }] },
      rating: 'green',
      reasons: ['26% against a target of 26% (lower is better): on target'],
    },

    // Year to date, pro rata
    {
      rule: 'year to date: a rate is held against its year\'s target pro rata to the month (June, 3 of 12)',
      input: assessmentRate,
      rating: 'amber',
      reasons: [
        '120 per 10,000 against a target of 137.5 per 10,000 (higher is better): 17.5 per 10,000 worse (12.7% of the target), within the amber tolerance',
        'year to date: the target for 2022/23 is 550 per 10,000, pro rata to June (3 of 12 months)',
      ],
    },
    {
      rule: 'year to date: April is 1 of 12 months',
      input: { ...assessmentRate, month: '2022-04', value: 45.2 },
      rating: 'green',
      reasons: [
        '45.2 per 10,000 against a target of 45.8 per 10,000 (higher is better): 0.6 per 10,000 worse (1.3% of the target), within the green tolerance',
        'year to date: the target for 2022/23 is 550 per 10,000, pro rata to April (1 of 12 months)',
      ],
    },
    {
      rule: 'year to date: March holds the whole year\'s target',
      input: { ...assessmentRate, month: '2023-03', value: 560 },
      rating: 'green',
      reasons: [
        '560 per 10,000 against a target of 550 per 10,000 (higher is better): 10 per 10,000 better than target',
        'year to date: the target for 2022/23 is 550 per 10,000, pro rata to March (12 of 12 months)',
      ],
    },
    {
      rule: 'year to date: a count with a bound is pro rata too',
      input: { ...contacts, cumulation: 'year_to_date', value: 4000 },
      rating: 'green',
      reasons: ['4,000 against a target of below 4,250: target met', 'year to date: the target for 2022/23 is below 17,000, pro rata to June (3 of 12 months)'],
    },
    {
      rule: 'year to date: a percentage is a share of the year so far, so its target applies as it is',
      input: { ...visits, cumulation: 'year_to_date', value: 88, tolerance: { basis: 'units', green: 1, amber: 3 } },
      rating: 'amber',
      reasons: ['88% against a target of 90% (higher is better): 2 points worse, within the amber tolerance'],
    },
    {
      rule: "year to date: a month's own target is that month's, not pro rata",
      input: { ...assessmentRate, targets: [{ appliesTo: { month: '2022-06' }, target: { kind: 'value', value: 120 } }] },
      rating: 'green',
      reasons: ['120 per 10,000 against a target of 120 per 10,000 (higher is better): on target'],
    },
  ])('$rule', ({ input, rating, status, reasons }) => {
    const result = rateIndicator(input);
    expect(result.reasons).toEqual(reasons);
    expect(result.rating).toBe(rating);
    expect(result.status).toBe(status ?? 'rated');
  });

  it('says how far worse in units as printed, and which target it used', () => {
    const result = rateIndicator(assessmentRate);
    expect(result.worseBy).toBe(17.5);
    expect(result.target).toEqual({ kind: 'value', value: 137.5 });
    expect(result.proRata).toEqual({ annual: 550, months: 3, financialYear: 2022 });
    expect(rateIndicator({ ...reReferrals, value: 21 }).worseBy).toBe(-2);
  });

  it.each<[Tolerance, RegExp]>([
    [{ basis: 'units', green: 3, amber: 2 }, /amber tolerance \(2\) cannot be narrower than the green \(3\)/],
    [{ basis: 'units', green: -1, amber: 2 }, /0 or more/],
    [{ basis: 'percent_of_target', green: Number.NaN, amber: 2 }, /0 or more/],
  ])('refuses a tolerance that cannot rate: %j', (tolerance, message) => {
    expect(() => rateIndicator({ ...reReferrals, tolerance })).toThrow(message);
  });
});
