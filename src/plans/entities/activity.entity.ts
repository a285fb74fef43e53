import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, Relation } from 'typeorm';
import { User } from '../../accounts/entities/user.entity';
import { bigintToNumber } from '../../common/transformers';
import type { CostKind, CostPeriod } from '../domain/cost';
import type { ActivityStatus, DueDatePrecision } from '../plan-vocabulary';
import { ActivityLeadAgency } from './activity-lead-agency.entity';
import { OutcomeMeasure } from './outcome-measure.entity';
import { Plan } from './plan.entity';
import { Recommendation } from './recommendation.entity';

@Entity('activities')
@Check('activities_status_check', `status IN ('not_started', 'in_progress', 'complete', 'blocked', 'deferred', 'cancelled')`)
@Check('activities_due_date_precision_check', `due_date_precision IN ('day', 'month')`)
@Index('activities_owner_idx', ['ownerId'])
@Index('activities_plan_idx', ['planId'])
@Index('activities_recommendation_position_idx', ['recommendationId', 'position'])
// The overdue review and the reminder scan read open activities by due date.
@Index('activities_open_due_date_idx', ['dueDate'], { where: "status NOT IN ('complete', 'cancelled')" })
// The reminder scan pages through open activities by id.
@Index('activities_open_id_idx', ['id'], { where: "status NOT IN ('complete', 'cancelled')" })
export class Activity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  recommendationId!: string;

  @ManyToOne(() => Recommendation, (recommendation) => recommendation.activities, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation?: Relation<Recommendation>;

  /** The plan it sits in (through its recommendation and table), kept on the row so reach and counts need no joins. */
  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;

  /** The cost exactly as the plan writes it; the parsed columns below are derived from it. */
  @Column({ type: 'text', default: '' })
  costText!: string;

  @Column({ type: 'varchar', length: 32, default: 'none' })
  costKind!: CostKind;

  @Column({ type: 'bigint', nullable: true, transformer: bigintToNumber })
  costAmountPence!: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  costPeriod!: CostPeriod | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintToNumber })
  costAnnualPence!: number | null;

  /** Lead agencies as the plan writes them, printed verbatim in committee papers. */
  @Column({ type: 'text', nullable: true })
  leadAgencyText!: string | null;

  /** The person who answers for it; with none, the lead agencies' contacts hear about it. */
  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<User> | null;

  /** The owner as the plan prints it ("Head of Safeguarding"), when not (yet) a user. */
  @Column({ type: 'text', nullable: true })
  ownerName!: string | null;

  @Column({ type: 'text', nullable: true })
  ownerEmail!: string | null;

  @Column({ type: 'date', nullable: true })
  dueDateOverride!: string | null;

  /** "September 2012" plans store the month's last day with precision 'month'. */
  @Column({ type: 'varchar', length: 8, default: 'day' })
  dueDatePrecision!: DueDatePrecision;

  /** Effective due date: the override, else the recommendation's. */
  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'not_started' })
  status!: ActivityStatus;

  /** When the work was due to start; the straight line for "percent complete lags" runs from here. */
  @Column({ type: 'date', nullable: true })
  startDate!: string | null;

  /** From the latest progress update. */
  @Column({ type: 'integer', nullable: true })
  percentComplete!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastReportedAt!: Date | null;

  /** The chair checked the evidence: only verified counts as done-and-evidenced in reports. */
  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  verifiedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'verified_by_id' })
  verifiedBy?: Relation<User> | null;

  @Column({ type: 'text', nullable: true })
  verificationNote!: string | null;

  /**
   * When the standing above (status, percent complete, verification, due date,
   * last report) took its present values; earlier standings are kept in
   * activity_standing_history by a database trigger.
   */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  standingRecordedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => OutcomeMeasure, (measure) => measure.activity)
  outcomeMeasures?: Relation<OutcomeMeasure[]>;

  @OneToMany(() => ActivityLeadAgency, (link) => link.activity)
  leadAgencyLinks?: Relation<ActivityLeadAgency[]>;
}
