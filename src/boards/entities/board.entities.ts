import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation, Unique, UpdateDateColumn } from 'typeorm';
import { User } from '../../accounts/entities/user.entity';
import { Indicator } from '../../indicators/entities/indicator.entity';
import { Plan } from '../../plans/entities/plan.entity';

export const BOARD_KINDS = ['improvement_board', 'scrutiny_panel', 'partnership_executive', 'other'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

export const BOARD_SEATS = ['chair', 'member'] as const;
/** A person's seat at a board: its chair (there may be more than one: co-chairs) or a member. */
export type BoardSeat = (typeof BOARD_SEATS)[number];

export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const MONITORING_STATUSES = ['achieved', 'continue_monitoring', 'unacceptable_progress', 'paused'] as const;
/** The status key councils use on a scrutiny monitoring list. */
export type MonitoringStatus = (typeof MONITORING_STATUSES)[number];

export const SCRUTINY_DECISIONS = ['accepted', 'not_accepted', 'rejection_reported'] as const;
/**
 * What the panel decided about one of its recommendations at a meeting: a
 * completed item accepted (it leaves the list) or not accepted (it stays), or
 * the service's rejection of the recommendation reported to it (it leaves).
 */
export type ScrutinyDecisionKind = (typeof SCRUTINY_DECISIONS)[number];

/** A board that governs plans and indicators in meetings: the improvement board, the scrutiny panel, the partnership's executive. */
@Entity('boards')
@Index('boards_name_key', ['name'], { unique: true })
@Check('boards_kind_check', `kind IN ('improvement_board', 'scrutiny_panel', 'partnership_executive', 'other')`)
@Check('boards_cadence_check', 'cadence_months IS NULL OR cadence_months BETWEEN 1 AND 24')
export class Board {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: BoardKind;

  /** How often it meets, in months (2: bi-monthly); null when it has no fixed cadence. */
  @Column({ type: 'integer', nullable: true })
  cadenceMonths!: number | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Who sits at a board: its chairs chair the plans it oversees, its members read them (the reach model). */
@Entity('board_members')
@Index('board_members_user_idx', ['userId'])
@Check('board_members_seat_check', `seat IN ('chair', 'member')`)
export class BoardMember {
  @PrimaryColumn({ type: 'uuid' })
  boardId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  seat!: BoardSeat;

  /** Where they appear in the board's list of members. */
  @Column({ type: 'integer' })
  position!: number;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id' })
  board?: Relation<Board>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}

/** The plans a board oversees. */
@Entity('board_plans')
@Index('board_plans_plan_idx', ['planId'])
export class BoardPlan {
  @PrimaryColumn({ type: 'uuid' })
  boardId!: string;

  @PrimaryColumn({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id' })
  board?: Relation<Board>;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;
}

/** Indicators a board watches beyond those of its plans (a partnership's executive may watch one plan's indicator alone). */
@Entity('board_indicators')
@Index('board_indicators_indicator_idx', ['indicatorId'])
export class BoardIndicator {
  @PrimaryColumn({ type: 'uuid' })
  boardId!: string;

  @PrimaryColumn({ type: 'uuid' })
  indicatorId!: string;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id' })
  board?: Relation<Board>;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Relation<Indicator>;
}

/** One meeting of a board. */
@Entity('meetings')
@Index('meetings_board_date_idx', ['boardId', 'meetingDate'])
@Check('meetings_status_check', `status IN ('scheduled', 'held', 'cancelled')`)
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  boardId!: string;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id' })
  board?: Relation<Board>;

  @Column({ type: 'date' })
  meetingDate!: string;

  @Column({ type: 'varchar', length: 16, default: 'scheduled' })
  status!: MeetingStatus;

  /** The agenda's items, in order, when someone has written them down. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  agenda!: string[];

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * A meeting's pack. Version 0 is the draft, rebuilt on request from the record;
 * versions 1, 2… are issued: their view model and their HTML, PDF and Word
 * bytes are kept as they were sent, so the board's papers can be fetched again
 * exactly, whatever has changed since. A correction is another version; none
 * is ever rewritten (a trigger refuses it).
 */
@Entity('meeting_packs')
@Unique('meeting_packs_meeting_version_key', ['meetingId', 'version'])
@Check('meeting_packs_issued_check', '(version = 0) = (issued_at IS NULL)')
export class MeetingPack {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  /** 0 for the draft; 1, 2… as issued. */
  @Column({ type: 'integer' })
  version!: number;

  /** The date the pack reports as of. */
  @Column({ type: 'date' })
  asOf!: string;

  @Column({ type: 'jsonb' })
  view!: object;

  @Column({ type: 'bytea', nullable: true })
  html!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  pdf!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  docx!: Buffer | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  builtAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  builtById!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  issuedAt!: Date | null;
}

/** An action agreed at a meeting (the minutes' ACTION column). */
@Entity('meeting_actions')
@Index('meeting_actions_meeting_idx', ['meetingId'])
@Index('meeting_actions_open_due_idx', ['dueOn'], { where: "status <> 'closed'" })
@Check('meeting_actions_status_check', `status IN ('open', 'in_progress', 'closed')`)
@Check('meeting_actions_closed_check', `(status = 'closed') = (closed_at IS NOT NULL)`)
export class MeetingAction {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  /** Its number in the meeting's log, from 1. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: ActionStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Initials from an imported log that matched nobody, or more than one member: for someone to settle. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  unresolvedOwners!: string[];

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedById!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('meeting_action_owners')
@Index('meeting_action_owners_user_idx', ['userId'])
export class MeetingActionOwner {
  @PrimaryColumn({ type: 'uuid' })
  actionId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @ManyToOne(() => MeetingAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Relation<MeetingAction>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}

/** One of a scrutiny panel's recommendations to the service, on its monitoring list until the rules let it go. */
@Entity('scrutiny_recommendations')
@Index('scrutiny_recommendations_board_idx', ['boardId', 'meetingDate'])
@Check('scrutiny_recommendations_progress_check', `progress IN ('achieved', 'continue_monitoring', 'unacceptable_progress', 'paused')`)
@Check('scrutiny_recommendations_paused_check', `(progress = 'paused') = (paused_reason IS NOT NULL)`)
export class ScrutinyRecommendation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  boardId!: string;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id' })
  board?: Relation<Board>;

  /** The date of the meeting that made the recommendation. */
  @Column({ type: 'date' })
  meetingDate!: string;

  /** The item it was made under. */
  @Column({ type: 'text' })
  title!: string;

  /** The panel's recommendation, one entry per numbered point ("1)", "2)"). */
  @Column({ type: 'jsonb' })
  actionProposed!: string[];

  /** The service's response, point by point. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  actionTaken!: string[];

  @Column({ type: 'varchar', length: 32, default: 'continue_monitoring' })
  progress!: MonitoringStatus;

  @Column({ type: 'text', nullable: true })
  pausedReason!: string | null;

  /** The service (or the executive) rejected the recommendation: it leaves the list once the panel has been told. */
  @Column({ type: 'boolean', default: false })
  rejected!: boolean;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A decision of the panel about one of its recommendations, recorded with the meeting that made it. */
@Entity('scrutiny_decisions')
@Index('scrutiny_decisions_recommendation_idx', ['recommendationId'])
@Check('scrutiny_decisions_decision_check', `decision IN ('accepted', 'not_accepted', 'rejection_reported')`)
export class ScrutinyDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  recommendationId!: string;

  @ManyToOne(() => ScrutinyRecommendation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation?: Relation<ScrutinyRecommendation>;

  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @Column({ type: 'varchar', length: 24 })
  decision!: ScrutinyDecisionKind;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
