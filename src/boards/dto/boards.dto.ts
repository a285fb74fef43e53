import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsWorkingDayCountable } from '../../common/date-validators';
import { IsNotBlank } from '../../common/not-blank';
import { IsOmittable } from '../../common/omittable';
import { PaginationQuery, toInt } from '../../common/pagination';
import { REPORT_FORMATS, ReportFormat } from '../../reports/reports.dto';
import { ACTION_STATUSES, ActionStatus, BOARD_KINDS, BoardKind, MEETING_STATUSES, MONITORING_STATUSES, MeetingStatus, MonitoringStatus, SCRUTINY_DECISIONS, ScrutinyDecisionKind } from '../entities/board.entities';

const VERSION = { type: 'integer', description: 'The version you loaded; a stale one is refused with 409' } as const;

export class CreateBoardDto {
  @ApiProperty({ maxLength: 200, description: 'e.g. "Children\'s Services Improvement Board"' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: [...BOARD_KINDS], enumName: 'BoardKind' })
  @IsIn(BOARD_KINDS, { message: `must be one of: ${BOARD_KINDS.join(', ')}` })
  kind!: BoardKind;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 24, description: 'How often it meets, in months (2: bi-monthly)' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of months' })
  @Min(1)
  @Max(24)
  cadenceMonths?: number | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 10, description: 'Its chairs (people); a chair with the board_chair role chairs the plans the board oversees' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'must be a list of people (user ids)' })
  chairIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 200, description: 'Its members (people, with their agencies); they read the plans the board oversees' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be a list of people (user ids)' })
  memberIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50, description: 'The plans it oversees' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be a list of plan ids' })
  planIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 500, description: 'Indicators it watches beyond those of its plans' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'must be a list of indicator ids' })
  indicatorIds?: string[];
}

export class UpdateBoardDto extends PartialType(CreateBoardDto, { skipNullProperties: false }) {
  @ApiProperty(VERSION)
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class CreateMeetingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the id (a UUID) of a board' })
  boardId!: string;

  @ApiProperty({ format: 'date', description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  meetingDate!: string;

  @ApiPropertyOptional({ enum: [...MEETING_STATUSES], enumName: 'MeetingStatus', default: 'scheduled' })
  @IsOmittable()
  @IsIn(MEETING_STATUSES, { message: `must be one of: ${MEETING_STATUSES.join(', ')}` })
  status?: MeetingStatus;

  @ApiPropertyOptional({ type: [String], maxItems: 50, description: "The agenda's items, in order" })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(500, { each: true })
  agenda?: string[];
}

export class UpdateMeetingDto extends PartialType(OmitType(CreateMeetingDto, ['boardId'] as const), { skipNullProperties: false }) {
  @ApiProperty(VERSION)
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class BoardListQuery extends PaginationQuery {}

export class MeetingListQuery extends PaginationQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a board id (a UUID)' })
  boardId!: string;
}

export class BuildPackDto {
  @ApiPropertyOptional({ format: 'date', description: 'The date the pack reports as of; today when left out' })
  @IsOmittable()
  @IsWorkingDayCountable()
  asOf?: string;
}

export class PackQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'An issued version (1, 2…) or 0 for the draft; the latest issued when left out (the draft when none is issued)' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole-number version (0 for the draft)' })
  @Min(0)
  version?: number;

  @ApiPropertyOptional({ enum: [...REPORT_FORMATS], enumName: 'ReportFormat', default: 'html', description: 'html, pdf or docx (Word)' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `must be one of: ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;
}

export class PaperQuery {
  @ApiPropertyOptional({ enum: [...REPORT_FORMATS], enumName: 'ReportFormat', default: 'html', description: 'html, pdf or docx (Word)' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `must be one of: ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;
}

export class CreateActionDto {
  @ApiProperty({ format: 'uuid', description: 'The meeting that agreed it' })
  @IsUUID('all', { message: 'must be the id (a UUID) of a meeting' })
  meetingId!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  text!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 10, description: "Its owners: people who sit at the board" })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'must be a list of people (user ids)' })
  ownerIds?: string[];

  @ApiPropertyOptional({ format: 'date', description: "Due by; the board's next meeting when left out" })
  @IsOmittable()
  @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class UpdateActionDto {
  @ApiProperty(VERSION)
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  text?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 10, description: 'Its owners, replacing those it has; initials from the minutes that are an owner\'s initials are settled' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'must be a list of people (user ids)' })
  ownerIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: 10,
    description: "The initials from the minutes still to settle: some of the action's unresolvedOwners (leave one out once it is settled); an owner's initials are settled whatever is said",
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  unresolvedOwners?: string[];

  @ApiPropertyOptional({ format: 'date' })
  @IsOmittable()
  @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional({ enum: ['open', 'in_progress'], description: 'Open or in progress; an action is closed with POST …/close' })
  @IsOmittable()
  @IsIn(['open', 'in_progress'], { message: 'must be open or in_progress (close an action with POST /api/actions/{id}/close, with a note)' })
  status?: Exclude<ActionStatus, 'closed'>;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class CloseActionDto {
  @ApiProperty(VERSION)
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;

  @ApiProperty({ maxLength: 2000, description: 'Why it is closed: what was done' })
  @IsString()
  @IsNotBlank({ message: 'must say what was done: an action is closed with a note' })
  @MaxLength(2000)
  note!: string;
}

export class ActionListQuery extends PaginationQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a board id (a UUID)' })
  boardId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the actions agreed at this meeting' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a meeting id (a UUID)' })
  meetingId?: string;

  @ApiPropertyOptional({ enum: [...ACTION_STATUSES], description: 'Only actions with this status' })
  @IsOptional()
  @IsIn(ACTION_STATUSES, { message: `must be one of: ${ACTION_STATUSES.join(', ')}` })
  status?: ActionStatus;
}

export class CreateScrutinyRecommendationDto {
  @ApiProperty({ format: 'uuid', description: 'The scrutiny panel' })
  @IsUUID('all', { message: 'must be the id (a UUID) of a board' })
  boardId!: string;

  @ApiProperty({ format: 'date', description: 'The date of the meeting that made the recommendation' })
  @IsCalendarDate()
  meetingDate!: string;

  @ApiProperty({ maxLength: 300, description: 'The item it was made under' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 20, description: "The panel's recommendation, one entry per numbered point" })
  @IsArray()
  @ArrayMinSize(1, { message: 'must hold at least one point' })
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(4000, { each: true })
  actionProposed!: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: "The service's response, point by point" })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(4000, { each: true })
  actionTaken?: string[];

  @ApiPropertyOptional({ enum: [...MONITORING_STATUSES], enumName: 'MonitoringStatus', default: 'continue_monitoring' })
  @IsOmittable()
  @IsIn(MONITORING_STATUSES, { message: `must be one of: ${MONITORING_STATUSES.join(', ')}` })
  progress?: MonitoringStatus;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, description: 'Why monitoring is paused: needed with progress paused, and only then' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  pausedReason?: string | null;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'The service rejected the recommendation' })
  @IsOmittable()
  @IsBoolean()
  rejected?: boolean;
}

export class UpdateScrutinyRecommendationDto extends PartialType(OmitType(CreateScrutinyRecommendationDto, ['boardId'] as const), { skipNullProperties: false }) {
  @ApiProperty(VERSION)
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version!: number;
}

export class ScrutinyDecisionDto {
  @ApiProperty({ format: 'uuid', description: "The panel's meeting that decided" })
  @IsUUID('all', { message: 'must be the id (a UUID) of a meeting of the panel' })
  meetingId!: string;

  @ApiProperty({ enum: [...SCRUTINY_DECISIONS], enumName: 'ScrutinyDecision', description: 'accepted (a completed item leaves the list), not_accepted (it stays), rejection_reported (a rejected recommendation, reported to the panel, leaves)' })
  @IsIn(SCRUTINY_DECISIONS, { message: `must be one of: ${SCRUTINY_DECISIONS.join(', ')}` })
  decision!: ScrutinyDecisionKind;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class ScrutinyListQuery extends PaginationQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a board id (a UUID)' })
  boardId!: string;

  @ApiPropertyOptional({ enum: ['listed', 'all'], default: 'listed', description: 'listed: those still on the monitoring list; all: every one, with why it left' })
  @IsOptional()
  @IsIn(['listed', 'all'], { message: 'must be listed or all' })
  show?: 'listed' | 'all';
}

export class PastedImportDto {
  @ApiProperty({ maxLength: 1_000_000, description: 'The table pasted from the paper (tab-separated, as Word copies it)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(1_000_000)
  text!: string;
}
