import { ApiProperty } from '@nestjs/swagger';
import { Assert, Describes, PageOf } from '../common/openapi';
import type { CalendarDate } from '../deadlines';
import type { RemindersService, ScanResult } from './reminders.service';

/** What the reminders API answers: a scan run by hand, failed digests, and a person's notifications. */

export class ScanResultResponse {
  @ApiProperty({ type: String, format: 'date', description: 'The day the scan ran for' })
  asOf!: CalendarDate;

  @ApiProperty({ type: [String], format: 'date', description: 'Every day the scan covered: the days a stopped worker missed, then asOf' })
  daysCovered!: CalendarDate[];

  @ApiProperty({ type: 'integer', minimum: 0 })
  remindersPlanned!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'One digest email per person' })
  digestsQueued!: number;
}

/** A digest that failed every retry, kept for an admin. */
export class FailedJobResponse {
  @ApiProperty({ example: 'digest:6f1c…:2012-09-12' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the job was to do' })
  data!: Record<string, unknown>;

  @ApiProperty({ type: 'integer', minimum: 0 })
  attemptsMade!: number;

  @ApiProperty({ type: String, nullable: true })
  failedReason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedOn!: Date | null;
}

export class RetriedJobResponse {
  @ApiProperty({ description: 'The id of the job put back on the queue' })
  retried!: string;
}

export class NotificationResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({
    pattern: '^((milestone_)?(due_in_\\d+|due_today|overdue|escalation_\\d+)|indicator_return)$',
    description:
      'due_in_N working days, due_today, overdue, or escalation_N (working days overdue, to the chair); milestone_… for a milestone of a recurring commitment; indicator_return for a performance indicator’s missing monthly return; action_… for an action agreed at a board’s meeting',
    example: 'due_in_5',
  })
  kind!: string;

  @ApiProperty({ example: 'Due in 5 working days: Audit of case files' })
  title!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The plan it is about; null for an action agreed at a board’s meeting' })
  planId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The activity reminded about; null for an indicator’s missing return or a board’s action' })
  activityId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The indicator whose monthly return is missing; null otherwise' })
  indicatorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The action agreed at a board’s meeting; null otherwise' })
  meetingActionId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while unread' })
  readAt!: Date | null;
}

/** My notifications, a page at a time, with how many are unread in all. */
export class NotificationPageResponse extends PageOf(NotificationResponse) {
  @ApiProperty({ type: 'integer', minimum: 0 })
  unread!: number;
}

export type ScanResultChecked = Assert<Describes<ScanResultResponse, ScanResult>>;
export type FailedJobChecked = Assert<Describes<FailedJobResponse, Awaited<ReturnType<RemindersService['failedJobs']>>[number]>>;

class UnheardLeadAgency {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

/** An open activity no owner or agency contact hears about. */
export class UnheardActivityResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  activityId!: string;

  @ApiProperty({ description: 'The activity as the plan writes it' })
  activity!: string;

  @ApiProperty({ type: String, format: 'uuid' })
  planId!: string;

  @ApiProperty()
  planTitle!: string;

  @ApiProperty()
  sectionTitle!: string;

  @ApiProperty({ type: 'integer' })
  recommendationNumber!: number;

  @ApiProperty({ type: [UnheardLeadAgency] })
  leadAgencies!: UnheardLeadAgency[];

  @ApiProperty({ enum: ['lead officer', 'nobody'], description: 'Who hears of its deadlines instead: the plan’s lead officer, or nobody when the plan has none' })
  heardBy!: 'lead officer' | 'nobody';

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  leadOfficerId!: string | null;
}

export class UnheardActivitiesResponse {
  @ApiProperty({ type: [UnheardActivityResponse] })
  items!: UnheardActivityResponse[];
}

export type UnheardChecked = Assert<Describes<UnheardActivitiesResponse, Awaited<ReturnType<import('./reminders.controller').RemindersController['unheard']>>>>;
