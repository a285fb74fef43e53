import { ApiProperty } from '@nestjs/swagger';
import { Assert, Describes } from '../../common/openapi';
import { OFFSET_UNITS, OffsetUnit, TIMESCALE_BANDS, TimescaleBand } from '../../deadlines';
import type { ActivityInPlanView } from '../activities.service';
import { COST_KINDS, COST_PERIODS, CostKind, CostPeriod } from '../domain/cost';
import type { ActivityTimescaleView, PlanTreeView } from '../plan-tree.reader';
import type { PlanSummary } from '../plans.service';
import {
  ACTIVITY_STATUSES,
  ActivityStatus,
  CADENCES,
  Cadence,
  DUE_DATE_PRECISIONS,
  DueDatePrecision,
  PLAN_KINDS,
  PLAN_STATUSES,
  PlanKind,
  PlanStatus,
} from '../plan-vocabulary';
import type { ActivityView, PlanView, activityView, leadAgencyView, recommendationView, sectionView } from '../views';

/**
 * What the plans API answers, as the view functions in ../views.ts build it.
 * The Assert lines at the end stop the type-check when a view and its
 * documentation part ways; test/openapi.e2e-spec.ts checks real answers.
 */

/**
 * A vocabulary: one named schema, so a generated client has one type for it.
 * @nestjs/swagger gives the schema the description of the first property it
 * meets and then merges enumSchema in at every later one, so the vocabulary's
 * own description goes in both places.
 */
export function vocabulary<T extends string>(name: string, values: readonly T[], description: string) {
  return { enum: [...values], enumName: name, description, enumSchema: { description } };
}

export const PLAN_KIND = vocabulary('PlanKind', PLAN_KINDS, 'The kinds of plan the same machinery runs');
export const PLAN_STATUS = vocabulary('PlanStatus', PLAN_STATUSES, 'draft (DRAFT on every page of its papers), approved or closed');
export const ACTIVITY_STATUS = vocabulary('ActivityStatus', ACTIVITY_STATUSES, 'complete and cancelled close an activity; blocked and deferred stay open');
export const TIMESCALE_BAND = vocabulary(
  'TimescaleBand',
  TIMESCALE_BANDS,
  "Ofsted's timescale: immediately, within three months, within six months, or by a date the plan gives",
);
export const DUE_DATE_PRECISION = vocabulary(
  'DueDatePrecision',
  DUE_DATE_PRECISIONS,
  'month: the plan says "September 2012" and the date is the last day of that month',
);
export const COST_KIND = vocabulary('CostKind', COST_KINDS, 'How the cost was understood');
export const COST_PERIOD = vocabulary('CostPeriod', COST_PERIODS, 'How often a recurring cost falls');
export const OFFSET_UNIT = vocabulary('OffsetUnit', OFFSET_UNITS, 'What a band offset counts');
export const CADENCE = vocabulary('Cadence', CADENCES, 'How often a recurring commitment falls due');

export const CALENDAR_DATE = { type: String, format: 'date', description: 'A calendar date (Europe/London), YYYY-MM-DD' } as const;
export const TIMESTAMP = { type: String, format: 'date-time' } as const;
export const ID = { type: String, format: 'uuid' } as const;
export const VERSION = { type: 'integer', minimum: 1, description: 'Send it back with a change: a stale version is refused with 409' } as const;

export class PlanSourceResponse {
  @ApiProperty({ type: String, nullable: true, description: 'The report the plan answers' })
  reportTitle!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true })
  inspectionStartDate!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true })
  inspectionEndDate!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true, description: "Ofsted's publication date: band deadlines count from it" })
  publishedOn!: string | null;
}

export class BandOffsetResponse {
  @ApiProperty(OFFSET_UNIT)
  unit!: OffsetUnit;

  @ApiProperty({ type: 'integer', minimum: 0 })
  amount!: number;
}

/** How long after publication each band falls due. */
export class BandOffsetsResponse {
  @ApiProperty({ type: () => BandOffsetResponse })
  immediately!: BandOffsetResponse;

  @ApiProperty({ type: () => BandOffsetResponse })
  within_three_months!: BandOffsetResponse;

  @ApiProperty({ type: () => BandOffsetResponse })
  within_six_months!: BandOffsetResponse;
}

/** One line of the plan's key to abbreviations, as it prints it. */
export class PlanAbbreviationResponse {
  @ApiProperty({ example: 'L&D' })
  abbreviation!: string;

  @ApiProperty({ example: 'Learning and Development Group' })
  meaning!: string;
}

export class PlanResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty(PLAN_KIND)
  kind!: PlanKind;

  @ApiProperty(PLAN_STATUS)
  status!: PlanStatus;

  @ApiProperty({ type: () => PlanSourceResponse })
  source!: PlanSourceResponse;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who is reminded about work nobody else hears of (no owner, no contact at its agencies)' })
  leadOfficerId!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true, description: 'The first day of the period the plan runs over' })
  startsOn!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true, description: "The last day of the plan's period" })
  endsOn!: string | null;

  @ApiProperty({ type: () => [PlanAbbreviationResponse], description: "The plan's own key to abbreviations, in the order it prints them" })
  abbreviations!: PlanAbbreviationResponse[];

  @ApiProperty({ type: [String], description: 'Column headings as the plan prints them' })
  columnLabels!: string[];

  @ApiProperty({ type: () => BandOffsetsResponse })
  bandOffsets!: BandOffsetsResponse;

  @ApiProperty(VERSION)
  version!: number;

  @ApiProperty(TIMESTAMP)
  createdAt!: Date;

  @ApiProperty(TIMESTAMP)
  updatedAt!: Date;
}

export class PlanCounts {
  @ApiProperty({ type: 'integer', minimum: 0 })
  sections!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  recommendations!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  activities!: number;
}

/** A plan in the list, counted as far as the person may see it. */
export class PlanListItem extends PlanResponse {
  @ApiProperty({ type: () => PlanCounts, description: 'Tables, recommendations and activities, as far as you may see them' })
  counts!: PlanCounts;
}

export class BandCount {
  @ApiProperty({ type: 'integer', minimum: 0 })
  recommendations!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  activities!: number;
}

export class CountsByBand {
  @ApiProperty({ type: () => BandCount })
  immediately!: BandCount;

  @ApiProperty({ type: () => BandCount })
  within_three_months!: BandCount;

  @ApiProperty({ type: () => BandCount })
  within_six_months!: BandCount;

  @ApiProperty({ type: () => BandCount })
  by_date!: BandCount;
}

export class PlanTreeCounts extends PlanCounts {
  @ApiProperty({ type: () => CountsByBand })
  byBand!: CountsByBand;
}

export class SectionResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty(ID)
  planId!: string;

  @ApiProperty({ description: 'The table\'s title, e.g. "Safeguarding"' })
  title!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  position!: number;

  @ApiProperty({ type: String, nullable: true })
  sourceReference!: string | null;

  @ApiProperty(VERSION)
  version!: number;
}

export class RecommendationResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty(ID)
  sectionId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Number within its table' })
  number!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The Ofsted paragraph, e.g. "23"' })
  sourceReference!: string | null;

  @ApiProperty(TIMESCALE_BAND)
  band!: TimescaleBand;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true, description: 'The date a by_date recommendation gives' })
  targetDate!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true, description: 'Derived from the band and the publication date, or overridden' })
  dueDate!: string | null;

  @ApiProperty()
  dueDateOverridden!: boolean;

  @ApiProperty(VERSION)
  version!: number;
}

/** "£3k per month" as written and as understood. */
export class CostResponse {
  @ApiProperty({ description: 'As the plan writes it' })
  text!: string;

  @ApiProperty(COST_KIND)
  kind!: CostKind;

  @ApiProperty({ type: 'integer', nullable: true })
  amountPence!: number | null;

  @ApiProperty({ ...COST_PERIOD, nullable: true })
  period!: CostPeriod | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'A recurring cost over a year' })
  annualPence!: number | null;
}

export class LeadAgencyRefResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  shortName!: string | null;
}

/** The owner as the plan prints them. */
export class ActivityOwnerResponse {
  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;
}

export class VerificationResponse {
  @ApiProperty(TIMESTAMP)
  verifiedAt!: Date;

  @ApiProperty({ ...ID, nullable: true, description: 'The chair (or admin) who checked the evidence' })
  verifiedById!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'What evidence was checked' })
  note!: string | null;
}

export class ActivityResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty(ID)
  recommendationId!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  position!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: [String], description: 'In the order the plan prints them' })
  outcomeMeasures!: string[];

  @ApiProperty({ type: () => CostResponse })
  cost!: CostResponse;

  @ApiProperty({ type: String, nullable: true, description: 'Lead agencies as the plan prints them' })
  leadAgencyText!: string | null;

  @ApiProperty({ type: () => [LeadAgencyRefResponse] })
  leadAgencies!: LeadAgencyRefResponse[];

  @ApiProperty({ type: () => ActivityOwnerResponse, nullable: true })
  owner!: ActivityOwnerResponse | null;

  @ApiProperty({ ...ID, nullable: true, description: 'The user who answers for it' })
  ownerId!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true })
  startDate!: string | null;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true, description: "Its own due date, else its recommendation's" })
  dueDate!: string | null;

  @ApiProperty(DUE_DATE_PRECISION)
  dueDatePrecision!: DueDatePrecision;

  @ApiProperty()
  dueDateOverridden!: boolean;

  @ApiProperty(ACTIVITY_STATUS)
  status!: ActivityStatus;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, nullable: true })
  percentComplete!: number | null;

  @ApiProperty({ ...TIMESTAMP, nullable: true })
  lastReportedAt!: Date | null;

  @ApiProperty({ type: () => VerificationResponse, nullable: true, description: 'Set when the chair has checked the evidence of complete work' })
  verification!: VerificationResponse | null;

  @ApiProperty(VERSION)
  version!: number;

  @ApiProperty(TIMESTAMP)
  updatedAt!: Date;
}

/** An activity with where it sits in its plan, for lists that cut across plans. */
export class ActivityListItem extends ActivityResponse {
  @ApiProperty(ID)
  planId!: string;

  @ApiProperty()
  planTitle!: string;

  @ApiProperty(ID)
  sectionId!: string;

  @ApiProperty()
  sectionTitle!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  recommendationNumber!: number;

  @ApiProperty(TIMESCALE_BAND)
  band!: TimescaleBand;
}

export class RecommendationWithActivities extends RecommendationResponse {
  @ApiProperty({ type: () => [ActivityResponse], description: 'Those you may read' })
  activities!: ActivityResponse[];
}

export class SectionCounts {
  @ApiProperty({ type: 'integer', minimum: 0 })
  recommendations!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  activities!: number;
}

export class SectionInPlanTree extends SectionResponse {
  @ApiProperty({ type: () => SectionCounts })
  counts!: SectionCounts;

  @ApiProperty({ type: () => [RecommendationWithActivities] })
  recommendations!: RecommendationWithActivities[];
}

/** The whole plan, as far as the person may see it. */
export class PlanTreeResponse extends PlanResponse {
  @ApiProperty({ type: () => PlanTreeCounts })
  counts!: PlanTreeCounts;

  @ApiProperty({ type: () => [SectionInPlanTree] })
  sections!: SectionInPlanTree[];
}

export class LeadAgencyResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty({ description: 'Canonical name, e.g. "SCC – CSL Directorate"' })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  shortName!: string | null;

  @ApiProperty({ type: [String], description: 'Other spellings plans use for the same body' })
  aliases!: string[];

  @ApiProperty({ ...ID, nullable: true, description: 'The body it belongs to (a division\'s directorate)' })
  parentId!: string | null;

  @ApiProperty(VERSION)
  version!: number;
}

export class MilestoneResponse {
  @ApiProperty(CALENDAR_DATE)
  dueDate!: string;

  @ApiProperty(DUE_DATE_PRECISION)
  precision!: DueDatePrecision;

  @ApiProperty({ example: 'Quarter ending June 2013' })
  label!: string;
}

export class ActivityTimescaleResponse {
  @ApiProperty({ description: 'The "By when" cell as the plan prints it', example: 'Quarterly' })
  text!: string;

  @ApiProperty({ ...CADENCE, nullable: true })
  cadence!: Cadence | null;
}

export class ActivityMilestonesResponse {
  @ApiProperty(ID)
  activityId!: string;

  @ApiProperty({ type: () => ActivityTimescaleResponse })
  timescale!: ActivityTimescaleResponse;

  @ApiProperty({ type: () => [MilestoneResponse] })
  milestones!: MilestoneResponse[];
}

export class PlanMilestonesResponse {
  @ApiProperty({ type: () => [ActivityMilestonesResponse], description: 'The activities you may read that have a "By when"' })
  items!: ActivityMilestonesResponse[];
}

export type PlanResponseChecked = Assert<Describes<PlanResponse, PlanView>>;
export type PlanListItemChecked = Assert<Describes<PlanListItem, PlanSummary>>;
export type PlanTreeChecked = Assert<Describes<PlanTreeResponse, PlanTreeView>>;
export type SectionChecked = Assert<Describes<SectionResponse, ReturnType<typeof sectionView>>>;
export type RecommendationChecked = Assert<Describes<RecommendationResponse, ReturnType<typeof recommendationView>>>;
export type ActivityChecked = Assert<Describes<ActivityResponse, ActivityView>>;
export type ActivityListItemChecked = Assert<Describes<ActivityListItem, ActivityInPlanView>>;
export type ActivityViewChecked = Assert<Describes<ActivityResponse, ReturnType<typeof activityView>>>;
export type TimescaleChecked = Assert<Describes<Pick<ActivityTimescaleResponse, 'text' | 'cadence'> & { milestones: MilestoneResponse[] }, ActivityTimescaleView>>;
export type LeadAgencyChecked = Assert<Describes<LeadAgencyResponse, ReturnType<typeof leadAgencyView>>>;
