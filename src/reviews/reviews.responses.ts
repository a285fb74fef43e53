import { ApiProperty } from '@nestjs/swagger';
import { Assert, Describes } from '../common/openapi';
import type { CalendarDate, TimescaleBand } from '../deadlines';
import { ACTIVITY_STATUS, CALENDAR_DATE, TIMESCALE_BAND, vocabulary } from '../plans/dto/plan.responses';
import type { ActivityStatus } from '../plans/plan-vocabulary';
import { RAG_RATING, RagOverrideInForceResponse } from '../progress/progress.responses';
import type { RagRating } from '../progress/rag';
import { REVIEW_GROUPINGS, ReviewGrouping } from './reviews.dto';
import type { ReviewsService } from './reviews.service';

/** What the chair's reviews answer: overdue and at-risk lists, and a plan's standing. */

export const REVIEW_GROUPING = vocabulary('ReviewGrouping', REVIEW_GROUPINGS, 'How the list is grouped: by lead agency, table, timescale band or owner');

const ID = { type: String, format: 'uuid' } as const;
const COUNT = { type: 'integer', minimum: 0 } as const;

export class ReviewOwnerResponse {
  @ApiProperty({ ...ID, nullable: true, description: 'Null when the owner is named in the plan but is not a user' })
  id!: string | null;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;
}

export class ReviewLeadAgencyResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty()
  name!: string;
}

export class ReviewLastUpdateResponse {
  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;
}

export class ReviewRagResponse {
  @ApiProperty({ ...RAG_RATING, nullable: true })
  rating!: RagRating | null;

  @ApiProperty({ ...RAG_RATING, nullable: true })
  computed!: RagRating | null;

  @ApiProperty({ type: [String], description: 'Why, most important first' })
  reasons!: string[];

  @ApiProperty({ type: () => RagOverrideInForceResponse, nullable: true })
  override!: RagOverrideInForceResponse | null;
}

export class ReviewItemResponse {
  @ApiProperty(ID)
  activityId!: string;

  @ApiProperty({ description: "The activity's text" })
  activity!: string;

  @ApiProperty(ID)
  planId!: string;

  @ApiProperty()
  planTitle!: string;

  @ApiProperty()
  sectionTitle!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  recommendationNumber!: number;

  @ApiProperty(TIMESCALE_BAND)
  band!: TimescaleBand;

  @ApiProperty({ ...CALENDAR_DATE, nullable: true })
  dueDate!: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    nullable: true,
    description: 'Working days past the due date (0 when not yet due); null when the due date is outside the years whose bank holidays are known',
  })
  workingDaysOverdue!: number | null;

  @ApiProperty(ACTIVITY_STATUS)
  status!: ActivityStatus;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, nullable: true })
  percentComplete!: number | null;

  @ApiProperty({ type: () => ReviewOwnerResponse, nullable: true })
  owner!: ReviewOwnerResponse | null;

  @ApiProperty({ type: () => [ReviewLeadAgencyResponse] })
  leadAgencies!: ReviewLeadAgencyResponse[];

  @ApiProperty({ type: () => ReviewLastUpdateResponse, nullable: true, description: 'The latest progress report' })
  lastUpdate!: ReviewLastUpdateResponse | null;

  @ApiProperty({ type: () => ReviewRagResponse })
  rag!: ReviewRagResponse;
}

export class ReviewGroupResponse {
  @ApiProperty({ description: 'A lead agency id, a table, a band or an owner; "none" for items with no lead agency or owner' })
  key!: string;

  @ApiProperty()
  label!: string;

  @ApiProperty(COUNT)
  count!: number;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: "The items on this page in the group (count covers every page); an activity led by several agencies is in each of their groups",
  })
  activityIds!: string[];
}

export class ReviewResponse {
  @ApiProperty({ ...CALENDAR_DATE, description: 'The date judged as of' })
  asOf!: CalendarDate;

  @ApiProperty(REVIEW_GROUPING)
  groupBy!: ReviewGrouping;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The page of items, from 1' })
  page!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 200, description: 'Items per page' })
  pageSize!: number;

  @ApiProperty({ ...COUNT, description: 'Every matching activity, on every page' })
  total!: number;

  @ApiProperty({ type: () => [ReviewGroupResponse], description: 'Largest first; counts cover every page' })
  groups!: ReviewGroupResponse[];

  @ApiProperty({ type: () => [ReviewItemResponse], description: 'This page of the items, most overdue first (earliest due date, then plan order)' })
  items!: ReviewItemResponse[];
}

export class StatusCountsResponse {
  @ApiProperty(COUNT)
  not_started!: number;

  @ApiProperty(COUNT)
  in_progress!: number;

  @ApiProperty(COUNT)
  complete!: number;

  @ApiProperty(COUNT)
  blocked!: number;

  @ApiProperty(COUNT)
  deferred!: number;

  @ApiProperty(COUNT)
  cancelled!: number;
}

export class RagCountsResponse {
  @ApiProperty(COUNT)
  red!: number;

  @ApiProperty(COUNT)
  amber!: number;

  @ApiProperty(COUNT)
  green!: number;

  @ApiProperty(COUNT)
  blue!: number;

  @ApiProperty({ ...COUNT, description: 'Cancelled work: listed, not rated' })
  notRated!: number;
}

/** How a set of activities stands: the same figures for the plan, each table and each band. */
export class StandingResponse {
  @ApiProperty(COUNT)
  activities!: number;

  @ApiProperty({ type: () => StatusCountsResponse })
  byStatus!: StatusCountsResponse;

  @ApiProperty({ ...RAG_RATING, nullable: true, description: 'The worst rating among them' })
  rag!: RagRating | null;

  @ApiProperty({ type: () => RagCountsResponse })
  byRag!: RagCountsResponse;

  @ApiProperty({ type: 'number', minimum: 0, maximum: 100, description: 'Complete, of those not cancelled, to one decimal place' })
  percentComplete!: number;

  @ApiProperty({ type: 'number', minimum: 0, maximum: 100, description: 'Complete and verified by the chair, of those not cancelled' })
  percentVerified!: number;
}

export class BandStandingResponse extends StandingResponse {
  @ApiProperty(TIMESCALE_BAND)
  band!: TimescaleBand;

  @ApiProperty({ example: 'Within three months' })
  label!: string;
}

export class SectionStandingResponse extends StandingResponse {
  @ApiProperty(ID)
  sectionId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: () => [BandStandingResponse] })
  bands!: BandStandingResponse[];
}

export class RecommendationStandingResponse {
  @ApiProperty(ID)
  recommendationId!: string;

  @ApiProperty()
  sectionTitle!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  number!: number;

  @ApiProperty(TIMESCALE_BAND)
  band!: TimescaleBand;

  @ApiProperty({ ...RAG_RATING, nullable: true })
  rag!: RagRating | null;

  @ApiProperty({ type: () => RagCountsResponse })
  byRag!: RagCountsResponse;
}

export class PlanStandingResponse extends StandingResponse {
  @ApiProperty(ID)
  planId!: string;

  @ApiProperty({ ...CALENDAR_DATE, description: 'The date judged as of' })
  asOf!: CalendarDate;

  @ApiProperty({ type: () => [SectionStandingResponse] })
  sections!: SectionStandingResponse[];

  @ApiProperty({ type: () => [BandStandingResponse] })
  bands!: BandStandingResponse[];

  @ApiProperty({ type: () => [RecommendationStandingResponse], description: 'Worst first: the board starts with what is red' })
  recommendations!: RecommendationStandingResponse[];
}

type Answer<K extends keyof ReviewsService> = ReviewsService[K] extends (...args: never[]) => Promise<infer R> ? R : never;

export type ReviewChecked = Assert<Describes<ReviewResponse, Answer<'overdue'>>>;
export type AtRiskChecked = Assert<Describes<ReviewResponse, Answer<'atRisk'>>>;
export type PlanStandingChecked = Assert<Describes<PlanStandingResponse, Answer<'planSummary'>>>;
