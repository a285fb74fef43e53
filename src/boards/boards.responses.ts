import { ApiProperty } from '@nestjs/swagger';
import type { Assert, Describes } from '../common/openapi';
import type { ActionView, BoardView, MeetingView, PackVersionView, PersonView, ScrutinyDecisionView, ScrutinyRecommendationView } from './board-views';
import { ACTION_STATUSES, BOARD_KINDS, MEETING_STATUSES, MONITORING_STATUSES, SCRUTINY_DECISIONS } from './entities/board.entities';
import type { ActionStatus, BoardKind, MeetingStatus, MonitoringStatus, ScrutinyDecisionKind } from './entities/board.entities';

export class PersonResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'AW', description: 'Initials, as minutes write them' })
  initials!: string;

  @ApiProperty({ type: [String], description: 'The agencies they belong to' })
  agencies!: string[];
}

class PlanRefResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;
}

class IndicatorRefResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ format: 'uuid' })
  planId!: string;
}

export class BoardResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: [...BOARD_KINDS], enumName: 'BoardKind' })
  kind!: BoardKind;

  @ApiProperty({ type: 'integer', nullable: true, description: 'How often it meets, in months' })
  cadenceMonths!: number | null;

  @ApiProperty({ type: [PersonResponse] })
  chairs!: PersonResponse[];

  @ApiProperty({ type: [PersonResponse] })
  members!: PersonResponse[];

  @ApiProperty({ type: [PlanRefResponse], description: 'The plans it oversees' })
  plans!: PlanRefResponse[];

  @ApiProperty({ type: [IndicatorRefResponse], description: 'Indicators it watches beyond those of its plans' })
  indicators!: IndicatorRefResponse[];

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class PackVersionResponse {
  @ApiProperty({ type: 'integer', description: '0 for the draft; 1, 2… as issued' })
  version!: number;

  @ApiProperty({ format: 'date', description: 'The date it reports as of' })
  asOf!: string;

  @ApiProperty({ format: 'date-time' })
  builtAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was issued; null for the draft' })
  issuedAt!: string | null;
}

export class MeetingResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  boardId!: string;

  @ApiProperty({ format: 'date' })
  meetingDate!: string;

  @ApiProperty({ enum: [...MEETING_STATUSES], enumName: 'MeetingStatus' })
  status!: MeetingStatus;

  @ApiProperty({ type: [String] })
  agenda!: string[];

  @ApiProperty({ type: [PackVersionResponse], description: 'The draft pack and the issued versions, oldest first' })
  packs!: PackVersionResponse[];

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class PackResponse extends PackVersionResponse {
  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ description: "The pack's title" })
  title!: string;

  @ApiProperty({ type: 'integer', description: 'Matters arising: open actions from earlier meetings' })
  mattersArising!: number;
}

export class ActionResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ format: 'uuid' })
  boardId!: string;

  @ApiProperty({ format: 'date' })
  meetingDate!: string;

  @ApiProperty({ type: 'integer', description: "Its number in the meeting's log" })
  number!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: [PersonResponse] })
  owners!: PersonResponse[];

  @ApiProperty({ type: [String], description: 'Initials from an imported log that matched nobody on the board, or more than one person' })
  unresolvedOwners!: string[];

  @ApiProperty({ format: 'date' })
  dueOn!: string;

  @ApiProperty({ enum: [...ACTION_STATUSES], enumName: 'ActionStatus' })
  status!: ActionStatus;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who closed it' })
  closedBy!: string | null;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class ScrutinyDecisionResponse {
  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ format: 'date' })
  meetingDate!: string;

  @ApiProperty({ enum: [...SCRUTINY_DECISIONS], enumName: 'ScrutinyDecision' })
  decision!: ScrutinyDecisionKind;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
}

export class ScrutinyRecommendationResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  boardId!: string;

  @ApiProperty({ format: 'date' })
  meetingDate!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: [String] })
  actionProposed!: string[];

  @ApiProperty({ type: [String] })
  actionTaken!: string[];

  @ApiProperty({ enum: [...MONITORING_STATUSES], enumName: 'MonitoringStatus' })
  progress!: MonitoringStatus;

  @ApiProperty({ type: String, nullable: true })
  pausedReason!: string | null;

  @ApiProperty()
  rejected!: boolean;

  @ApiProperty({ type: [ScrutinyDecisionResponse] })
  decisions!: ScrutinyDecisionResponse[];

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class MonitoredRecommendationResponse extends ScrutinyRecommendationResponse {
  @ApiProperty({ description: 'Still on the monitoring list' })
  listed!: boolean;

  @ApiProperty({ description: 'Why it is listed, or why it left' })
  reason!: string;
}

export type BoardResponsesMatch = [
  Assert<Describes<PersonResponse, PersonView>>,
  Assert<Describes<BoardResponse, BoardView>>,
  Assert<Describes<MeetingResponse, MeetingView>>,
  Assert<Describes<PackVersionResponse, PackVersionView>>,
  Assert<Describes<ActionResponse, ActionView>>,
  Assert<Describes<ScrutinyDecisionResponse, ScrutinyDecisionView>>,
  Assert<Describes<ScrutinyRecommendationResponse, ScrutinyRecommendationView>>,
];

class ImportedOwnerResponse {
  @ApiProperty({ example: 'AW' })
  initials!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The one person at the board with these initials' })
  personId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the initials were not matched: nobody has them, or several do' })
  problem!: string | null;

  @ApiProperty({ type: [String], description: 'For ambiguous initials: everyone they could mean' })
  candidates!: string[];
}

class ImportedActionResponse {
  @ApiProperty({ type: 'integer', description: 'Its line in the paste' })
  line!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: [ImportedOwnerResponse] })
  owners!: ImportedOwnerResponse[];

  @ApiProperty({ type: String, format: 'date', nullable: true, description: "Null: the board's next meeting" })
  dueOn!: string | null;

  @ApiProperty({ type: [String] })
  warnings!: string[];

  @ApiProperty({ description: "Already in the meeting's action log: a commit does not record it twice" })
  alreadyRecorded!: boolean;
}

export class SkippedLineResponse {
  @ApiProperty({ type: 'integer' })
  line!: number;

  @ApiProperty()
  reason!: string;
}

export class ActionImportPreviewResponse {
  @ApiProperty({ type: [ImportedActionResponse] })
  actions!: ImportedActionResponse[];

  @ApiProperty({ type: [SkippedLineResponse] })
  skipped!: SkippedLineResponse[];
}

class FlaggedOwnerResponse {
  @ApiProperty({ type: 'integer' })
  line!: number;

  @ApiProperty()
  initials!: string;

  @ApiProperty()
  problem!: string;
}

export class ActionImportResponse {
  @ApiProperty({ type: [ActionResponse] })
  created!: ActionResponse[];

  @ApiProperty({ type: [FlaggedOwnerResponse], description: 'Initials left for the chair to settle' })
  flagged!: FlaggedOwnerResponse[];

  @ApiProperty({ type: [SkippedLineResponse] })
  skipped!: SkippedLineResponse[];
}

class ImportedRecommendationResponse {
  @ApiProperty({ type: 'integer', description: 'Its line in the paste' })
  line!: number;

  @ApiProperty({ format: 'date' })
  meetingDate!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: [String] })
  actionProposed!: string[];

  @ApiProperty({ type: [String] })
  actionTaken!: string[];

  @ApiProperty({ enum: [...MONITORING_STATUSES], enumName: 'MonitoringStatus' })
  progress!: MonitoringStatus;

  @ApiProperty({ type: String, nullable: true })
  pausedReason!: string | null;

  @ApiProperty()
  rejected!: boolean;

  @ApiProperty({ type: [String] })
  warnings!: string[];

  @ApiProperty({ description: "Already on the panel's list (same meeting date and title): a commit does not record it twice" })
  alreadyRecorded!: boolean;
}

export class MonitoringImportPreviewResponse {
  @ApiProperty({ type: [ImportedRecommendationResponse] })
  recommendations!: ImportedRecommendationResponse[];

  @ApiProperty({ type: [SkippedLineResponse] })
  skipped!: SkippedLineResponse[];
}

export class MonitoringImportResponse {
  @ApiProperty({ type: [MonitoredRecommendationResponse] })
  created!: MonitoredRecommendationResponse[];

  @ApiProperty({ type: [SkippedLineResponse] })
  skipped!: SkippedLineResponse[];
}
