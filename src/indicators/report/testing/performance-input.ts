import type { RagAssessment, RagRating } from '../../../progress/rag';
import { Month, lastMonths } from '../../domain';
import type { PerformanceIndicatorInput, PerformanceReportInput, PriorityException } from '../performance-report.view-model';

/** A small board report for June 2022, made for the tests: two priorities, four indicators, an overdue and an at-risk action. */

export const MONTHS: Month[] = lastMonths('2022-06', 9);

export function assessment(rating: RagRating | null, reasons: string[] = []): RagAssessment {
  return { rating, computed: rating, reasons, verified: false, override: null };
}

function monthly(values: Array<number | null>): PerformanceIndicatorInput['values'] {
  return MONTHS.map((month, i) => ({ month, value: values[i] })).filter((v) => v.value !== null);
}

export const reReferrals: PerformanceIndicatorInput = {
  id: 'ind-re-referrals',
  title: 'Percentage of re-referrals within 12 months',
  unit: 'percentage',
  polarity: 'lower_is_better',
  cumulation: 'rolling_12_months',
  // May 2022 is missing; June is provisional; June 2021 is there for the same month last year.
  values: [{ month: '2021-06', value: 24 }, ...monthly([21, 22, 23, 22, 24, 25, 24, null, null]), { month: '2022-06', value: 26, status: 'provisional' }],
  targets: [
    { appliesTo: { financialYear: 2021 }, target: { kind: 'value', value: 23 } },
    { appliesTo: { financialYear: 2022 }, target: { kind: 'value', value: 23 } },
  ],
  tolerance: { basis: 'units', green: 1, amber: 2 },
  comparators: [
    { name: 'Southampton 19/20', kind: 'own_previous_year', financialYear: 2019, source: null, value: 22.1 },
    { name: 'Statistical Neighbours', kind: 'statistical_neighbours', financialYear: null, source: 'LAIT', value: 28 },
    { name: 'England', kind: 'england', financialYear: null, source: null, value: null },
  ],
};

export const assessmentRate: PerformanceIndicatorInput = {
  id: 'ind-rate',
  title: 'Rates of Single Assessments completed per 10,000',
  unit: 'rate_per_10000',
  polarity: 'higher_is_better',
  cumulation: 'year_to_date',
  values: monthly([300.5, 345.1, 380.2, 420.7, 465, 510.3, 45.2, 90.8, 130.5]),
  targets: [
    { appliesTo: { financialYear: 2021 }, target: { kind: 'value', value: 550 } },
    { appliesTo: { financialYear: 2022 }, target: { kind: 'value', value: 550 } },
  ],
  tolerance: null,
  comparators: [{ name: 'Statistical Neighbours', kind: 'statistical_neighbours', financialYear: null, source: null, value: 610 }],
};

export const contacts: PerformanceIndicatorInput = {
  id: 'ind-contacts',
  title: 'Number of contacts',
  unit: 'number',
  polarity: 'context_only',
  cumulation: 'month',
  values: monthly([1234, 1310, 1102, 1288, 1350, 1402, 1296, 1330, 1415]),
  targets: [],
  tolerance: null,
  comparators: [],
};

export const visits: PerformanceIndicatorInput = {
  id: 'ind-visits',
  title: 'Percentage of children in care visited within timescale',
  unit: 'percentage',
  polarity: 'higher_is_better',
  cumulation: 'month',
  values: [...monthly([82, 84, 80, 83, null, 86, 85, 84, null]), { month: '2022-06', value: null, notAvailable: true }],
  targets: [{ appliesTo: { financialYear: 2022 }, target: { kind: 'tbc' } }],
  tolerance: null,
  comparators: [{ name: 'England', kind: 'england', financialYear: null, source: null, value: 93 }],
};

export const overdue: PriorityException = {
  text: 'Audit re-referrals to the front door',
  reference: '1.2',
  dueDate: '2022-05-31',
  owner: 'Head of MASH',
  leadAgencies: ['SCC – CSL Directorate'],
  overdue: true,
  assessment: assessment('red', ['due 31 May 2022, 22 working days overdue']),
};

export const atRisk: PriorityException = {
  text: 'Train staff in the new assessment framework',
  reference: null,
  dueDate: '2022-07-29',
  owner: null,
  leadAgencies: [],
  overdue: false,
  assessment: assessment('amber', ['nothing reported since 2 May 2022 (59 days)']),
};

export function boardInput(): PerformanceReportInput {
  return {
    planTitle: 'Children’s Services Improvement Plan',
    draft: true,
    asOf: '2022-06',
    asOfDate: '2022-06-30',
    priorities: [
      {
        id: 'p1',
        title: 'Effective Assessment and Intervention',
        activities: [assessment('green'), assessment('red'), assessment('amber')],
        exceptions: [atRisk, overdue],
        chairRatings: [
          {
            rating: 'amber',
            riskLabel: 'medium',
            reason: 're-referrals are falling since the front door changed',
            setBy: 'Jane Smith',
            setOn: '2022-06-14',
            expiresOn: '2022-08-31',
          },
        ],
        dataTellsUs: 'Re-referrals rose in June.\n\nThe rate of assessments is on track for the year.',
        nextSteps: 'Audit a sample of re-referrals.',
        indicators: [reReferrals, assessmentRate, contacts],
      },
      {
        id: 'p2',
        title: 'Children in Care',
        activities: [assessment('green')],
        exceptions: [],
        chairRatings: [],
        dataTellsUs: null,
        nextSteps: null,
        indicators: [visits],
      },
    ],
  };
}
