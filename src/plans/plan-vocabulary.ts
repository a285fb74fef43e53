/** The kinds of plan the same machinery runs, in the words councils use for them. */
export const PLAN_KINDS = [
  'ofsted_inspection',
  'focused_visit',
  'monitoring_visit',
  'serious_case_review',
  'multi_agency_audit',
  'business_plan',
  'other',
] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_STATUSES = ['draft', 'approved', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const ACTIVITY_STATUSES = ['not_started', 'in_progress', 'complete', 'blocked', 'deferred', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/**
 * Statuses that close an activity: it can no longer be overdue. Deferred and
 * blocked stay open on purpose: the board wants to see them past their date.
 */
export const CLOSED_ACTIVITY_STATUSES: readonly ActivityStatus[] = ['complete', 'cancelled'];

/**
 * The same list as SQL, written out literally (not as a parameter) so that
 * PostgreSQL matches the partial indexes on open activities.
 */
export const CLOSED_ACTIVITY_STATUSES_SQL = `(${CLOSED_ACTIVITY_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** How often a recurring commitment ("Quarterly review of action plans") falls due. */
export const CADENCES = ['weekly', 'fortnightly', 'monthly', 'bi_monthly', 'quarterly', 'termly', 'six_monthly', 'annually'] as const;
export type Cadence = (typeof CADENCES)[number];

export const DUE_DATE_PRECISIONS = ['day', 'month'] as const;
export type DueDatePrecision = (typeof DUE_DATE_PRECISIONS)[number];

/** The five columns of the paper (Southampton 2012), the default for Ofsted plans. */
export const OFSTED_COLUMN_LABELS = [
  'Area for development - Ofsted report',
  'Activity to be delivered',
  'Outcome measure',
  'Cost (if app.)',
  'Lead agency',
];

/** Serious case review, audit and business plans lead with the outcome. */
export const OUTCOME_FIRST_COLUMN_LABELS = ['Outcome', 'Action required', 'By who', 'By when', 'Measure of success'];

export function defaultColumnLabels(kind: PlanKind): string[] {
  return kind === 'serious_case_review' || kind === 'multi_agency_audit' || kind === 'business_plan'
    ? [...OUTCOME_FIRST_COLUMN_LABELS]
    : [...OFSTED_COLUMN_LABELS];
}

/** One line of a plan's key to abbreviations: "Board: The full board / LSCB". */
export interface PlanAbbreviation {
  abbreviation: string;
  meaning: string;
}
