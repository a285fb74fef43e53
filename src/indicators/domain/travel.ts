import { formatValue, roundForDisplay } from './format';
import type { IndicatorDefinition } from './indicator-rag';
import { Month, addMonths, formatMonthLong } from './periods';
import { ADDITIVE_UNITS, Frequency } from './vocabulary';

/**
 * Direction of travel: is the indicator getting better or worse, against the
 * previous period and against the same period last year, judged by its
 * polarity. Two values that print the same ("26%" and "26.04%") are "no
 * change": the board cannot see a difference, so it must not be told of one.
 */

export type TravelDirection = 'improving' | 'worsening' | 'no_change' | 'up' | 'down';

export interface Travel {
  against: 'previous_period' | 'same_period_last_year';
  /** The month compared with. */
  month: Month;
  /** Improving or worsening by polarity; up or down for context only; null when there is nothing to compare. */
  direction: TravelDirection | null;
  /** "improving from 28% in May 2022", "no data for May 2022". */
  text: string;
}

export interface DirectionOfTravel {
  previousPeriod: Travel;
  samePeriodLastYear: Travel;
}

export interface MonthlyValue {
  month: Month;
  /** Null when nothing was recorded, or it was recorded as not available. */
  value: number | null;
}

const PERIOD_MONTHS: Readonly<Record<Frequency, number>> = { monthly: 1, quarterly: 3, annual: 12 };

export const TRAVEL_LABELS: Readonly<Record<TravelDirection, string>> = {
  improving: 'improving',
  worsening: 'worsening',
  no_change: 'no change',
  up: 'up',
  down: 'down',
};

export function directionOfTravel(indicator: IndicatorDefinition, values: readonly MonthlyValue[], month: Month): DirectionOfTravel {
  const byMonth = new Map(values.map((v) => [v.month, v.value]));
  const value = byMonth.get(month) ?? null;
  const step = PERIOD_MONTHS[indicator.frequency ?? 'monthly'];
  const previous = addMonths(month, -step);
  const lastYear = addMonths(month, -12);

  // A year-to-date count only grows through the year and restarts in April, so last month's figure says nothing of the trend.
  const previousPeriod: Travel =
    indicator.cumulation === 'year_to_date' && ADDITIVE_UNITS.has(indicator.unit) && step < 12
      ? { against: 'previous_period', month: previous, direction: null, text: `year to date, so compared with the same month last year only` }
      : travel(indicator, 'previous_period', month, value, previous, byMonth.get(previous) ?? null);
  return { previousPeriod, samePeriodLastYear: travel(indicator, 'same_period_last_year', month, value, lastYear, byMonth.get(lastYear) ?? null) };
}

function travel(indicator: IndicatorDefinition, against: Travel['against'], month: Month, value: number | null, then: Month, before: number | null): Travel {
  if (value === null) return { against, month: then, direction: null, text: `no data for ${formatMonthLong(month)}` };
  if (before === null) return { against, month: then, direction: null, text: `no data for ${formatMonthLong(then)}` };
  const now = roundForDisplay(value, indicator.unit);
  const earlier = roundForDisplay(before, indicator.unit);
  const was = `${formatValue(before, indicator.unit)} in ${formatMonthLong(then)}`;
  if (now === earlier) return { against, month: then, direction: 'no_change', text: `no change from ${was}` };
  const rose = now > earlier;
  const direction: TravelDirection =
    indicator.polarity === 'context_only' ? (rose ? 'up' : 'down') : rose === (indicator.polarity === 'higher_is_better') ? 'improving' : 'worsening';
  return { against, month: then, direction, text: `${TRAVEL_LABELS[direction]} from ${was}` };
}
