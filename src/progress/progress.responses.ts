import { ApiProperty } from '@nestjs/swagger';
import { Assert, Describes } from '../common/openapi';
import type { CalendarDate } from '../deadlines';
import { ACTIVITY_STATUS, ActivityResponse, CALENDAR_DATE, vocabulary } from '../plans/dto/plan.responses';
import type { ActivityStatus } from '../plans/plan-vocabulary';
import type { ProgressService, progressUpdateView } from './progress.service';
import { RAG_RATINGS, RagRating } from './rag';

/** What the progress API answers: reports, verification, ratings and overrides. */

export const RAG_RATING = vocabulary('RagRating', RAG_RATINGS, 'red, amber, green, or blue (complete); worst first');

export class ProgressAuthorResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class ProgressUpdateResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid' })
  activityId!: string;

  @ApiProperty(ACTIVITY_STATUS)
  status!: ActivityStatus;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, nullable: true })
  percentComplete!: number | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: [String], format: 'uri', description: 'Links to the evidence' })
  evidenceLinks!: string[];

  @ApiProperty({ type: () => ProgressAuthorResponse, nullable: true, description: 'Null when the account has since been removed' })
  author!: ProgressAuthorResponse | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

/** The report, and the activity it moved as GET /api/activities/{id} shows it. */
export class ProgressUpdateAddedResponse {
  @ApiProperty({ type: () => ProgressUpdateResponse })
  update!: ProgressUpdateResponse;

  @ApiProperty({ type: () => ActivityResponse })
  activity!: ActivityResponse;
}

/** The override the chair set, as recorded. */
export class RagOverrideResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid' })
  activityId!: string;

  @ApiProperty(RAG_RATING)
  rating!: RagRating;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ ...CALENDAR_DATE, description: 'The last day the override stands' })
  expiresOn!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: "The activity's version now: send it with the next change" })
  version!: number;
}

/** An override beside the computed rating: active until it expires. */
export class RagOverrideInForceResponse {
  @ApiProperty(RAG_RATING)
  rating!: RagRating;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ ...CALENDAR_DATE, description: 'The last day the override stands' })
  expiresOn!: CalendarDate;

  @ApiProperty({ description: 'Who set it' })
  setBy!: string;

  @ApiProperty({ description: 'False once expired: the computed rating shows again' })
  active!: boolean;
}

export class ActivityRatingResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  activityId!: string;

  @ApiProperty({ ...CALENDAR_DATE, description: 'The date judged as of' })
  asOf!: CalendarDate;

  @ApiProperty({ ...RAG_RATING, nullable: true, description: 'What the board sees: the override while active, else the computed rating; null for cancelled work' })
  rating!: RagRating | null;

  @ApiProperty({ ...RAG_RATING, nullable: true, description: "The rules' answer, always shown beside an override" })
  computed!: RagRating | null;

  @ApiProperty({ type: [String], description: 'Why, in plain English, most important first', example: ['due 13 Sep 2012, 1 working day overdue'] })
  reasons!: string[];

  @ApiProperty({ description: 'The chair has checked the evidence' })
  verified!: boolean;

  @ApiProperty({ type: () => RagOverrideInForceResponse, nullable: true })
  override!: RagOverrideInForceResponse | null;
}

type Answer<K extends keyof ProgressService> = ProgressService[K] extends (...args: never[]) => Promise<infer R> ? R : never;

export type ProgressUpdateChecked = Assert<Describes<ProgressUpdateResponse, ReturnType<typeof progressUpdateView>>>;
export type ProgressUpdateAddedChecked = Assert<Describes<ProgressUpdateAddedResponse, Answer<'addUpdate'>>>;
export type VerifiedActivityChecked = Assert<Describes<ActivityResponse, Answer<'verify'>>>;
export type RagOverrideChecked = Assert<Describes<RagOverrideResponse, Answer<'setOverride'>>>;
export type ActivityRatingChecked = Assert<Describes<ActivityRatingResponse, Answer<'rating'>>>;
