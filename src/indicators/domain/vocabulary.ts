/**
 * The words an improvement board's performance report uses for its indicators.
 * Stored values are snake_case like the plan's own vocabulary
 * (src/plans/plan-vocabulary.ts); the labels are what a paper prints.
 */

/** What an outturn is counted in; the board report's "Outturn type" column. */
export const INDICATOR_UNITS = ['percentage', 'number', 'rate_per_10000', 'days', 'ratio'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const UNIT_LABELS: Readonly<Record<IndicatorUnit, string>> = {
  percentage: 'percentage',
  number: 'number',
  rate_per_10000: 'rate per 10,000',
  days: 'days',
  ratio: 'ratio',
};

/**
 * Which way is good. Re-referrals are better lower, visits within timescale
 * better higher; a count of contacts is context only and is never rated.
 */
export const POLARITIES = ['higher_is_better', 'lower_is_better', 'context_only'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const POLARITY_LABELS: Readonly<Record<Polarity, string>> = {
  higher_is_better: 'higher is better',
  lower_is_better: 'lower is better',
  context_only: 'context only',
};

export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * What one month's value covers: that month alone, the financial year so far
 * (it resets each April, as a rate of assessments per 10,000 does), or the
 * twelve months to the end of the month.
 */
export const CUMULATIONS = ['month', 'year_to_date', 'rolling_12_months'] as const;
export type Cumulation = (typeof CUMULATIONS)[number];

export const CUMULATION_LABELS: Readonly<Record<Cumulation, string>> = {
  month: 'the month',
  year_to_date: 'year to date',
  rolling_12_months: 'rolling 12 months',
};

/** The chair's risk label beside a priority's RAG: "RAG: Amber, Medium Risk". */
export const RISK_LABELS = ['low', 'medium', 'high'] as const;
export type RiskLabel = (typeof RISK_LABELS)[number];

export const RISK_LABEL_TEXT: Readonly<Record<RiskLabel, string>> = {
  low: 'Low Risk',
  medium: 'Medium Risk',
  high: 'High Risk',
};

/** Figures arrive from a performance team monthly, sometimes provisional, and are corrected later. */
export const VALUE_STATUSES = ['provisional', 'final'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

/**
 * The comparators a board report prints: the council's own earlier years
 * ("Southampton 19/20"), its statistical neighbours' average (the 10 councils
 * most like it in the DfE's benchmarking model), its region and England.
 */
export const COMPARATOR_KINDS = ['own_previous_year', 'statistical_neighbours', 'region', 'england', 'other'] as const;
export type ComparatorKind = (typeof COMPARATOR_KINDS)[number];

/** The units whose year-to-date values add up month by month, so an annual target is due pro rata. */
export const ADDITIVE_UNITS: ReadonlySet<IndicatorUnit> = new Set<IndicatorUnit>(['number', 'rate_per_10000']);
