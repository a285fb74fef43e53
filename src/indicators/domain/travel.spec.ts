import type { IndicatorDefinition } from './indicator-rag';
import { Month } from './periods';
import { MonthlyValue, TravelDirection, directionOfTravel } from './travel';

const lowerIsBetter: IndicatorDefinition = { unit: 'percentage', polarity: 'lower_is_better', cumulation: 'rolling_12_months' };
const higherIsBetter: IndicatorDefinition = { ...lowerIsBetter, polarity: 'higher_is_better' };

function series(entries: Array<[Month, number | null]>): MonthlyValue[] {
  return entries.map(([month, value]) => ({ month, value }));
}

describe('directionOfTravel', () => {
  const history = series([
    ['2021-06', 24],
    ['2022-05', 28],
    ['2022-06', 26],
  ]);

  it.each<[string, IndicatorDefinition, MonthlyValue[], TravelDirection | null, string, TravelDirection | null, string]>([
    ['lower is better, falling: improving', lowerIsBetter, history, 'improving', 'improving from 28% in May 2022', 'worsening', 'worsening from 24% in June 2021'],
    ['higher is better, falling: worsening', higherIsBetter, history, 'worsening', 'worsening from 28% in May 2022', 'improving', 'improving from 24% in June 2021'],
    [
      'equal as printed: no change',
      lowerIsBetter,
      series([['2022-05', 26.04], ['2022-06', 26], ['2021-06', 26]]),
      'no_change',
      'no change from 26% in May 2022',
      'no_change',
      'no change from 26% in June 2021',
    ],
    [
      'context only: up or down, never better or worse',
      { unit: 'number', polarity: 'context_only', cumulation: 'month' },
      series([['2022-05', 1200], ['2022-06', 1350], ['2021-06', 1400]]),
      'up',
      'up from 1,200 in May 2022',
      'down',
      'down from 1,400 in June 2021',
    ],
    [
      'a missing earlier month is said, not skipped',
      lowerIsBetter,
      series([['2022-06', 26]]),
      null,
      'no data for May 2022',
      null,
      'no data for June 2021',
    ],
    [
      'a missing month itself is said',
      lowerIsBetter,
      series([['2022-05', 28], ['2021-06', 24]]),
      null,
      'no data for June 2022',
      null,
      'no data for June 2022',
    ],
    [
      'year to date rate: last month says nothing of the trend',
      { unit: 'rate_per_10000', polarity: 'higher_is_better', cumulation: 'year_to_date' },
      series([['2022-05', 90], ['2022-06', 130.5], ['2021-06', 120]]),
      null,
      'year to date, so compared with the same month last year only',
      'improving',
      'improving from 120 per 10,000 in June 2021',
    ],
    [
      'quarterly: the previous period is three months back',
      { ...lowerIsBetter, frequency: 'quarterly' },
      series([['2022-03', 27], ['2022-05', 99], ['2022-06', 26], ['2021-06', 26]]),
      'improving',
      'improving from 27% in March 2022',
      'no_change',
      'no change from 26% in June 2021',
    ],
  ])('%s', (_rule, indicator, values, previousDirection, previousText, lastYearDirection, lastYearText) => {
    const travel = directionOfTravel(indicator, values, '2022-06');
    expect(travel.previousPeriod).toMatchObject({ direction: previousDirection, text: previousText });
    expect(travel.samePeriodLastYear).toMatchObject({ direction: lastYearDirection, text: lastYearText });
  });
});
