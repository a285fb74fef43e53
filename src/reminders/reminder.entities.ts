import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { User } from '../accounts/entities/user.entity';
import { MeetingAction } from '../boards/entities/board.entities';
import { Indicator } from '../indicators/entities/indicator.entity';
import { Activity } from '../plans/entities/activity.entity';

/**
 * One email a day at most per person: a digest gathers everything due for
 * them that day. Its Message-ID is fixed before sending, so a retried job
 * sends the same message rather than a new one.
 */
@Entity('reminder_digests')
@Unique('reminder_digests_recipient_day_key', ['recipientId', 'digestDate'])
@Check('reminder_digests_status_check', `status IN ('sending', 'sent')`)
export class ReminderDigest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  recipientId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: Relation<User>;

  @Column({ type: 'date' })
  digestDate!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'sending' | 'sent';

  @Column({ type: 'text' })
  messageId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}

/**
 * The reminder ledger: one row per (recipient, activity, kind, day), unique,
 * so a second scan, a second worker, a retry or a restarted Redis can never
 * produce the same reminder twice; a pending row survives until a digest
 * carries it (catch-up, not loss). A row is about an activity, a
 * performance indicator's missing monthly return (the chaser), or an action
 * agreed at a board's meeting: exactly one of them.
 */
@Entity('reminder_ledger')
@Unique('reminder_ledger_key', ['recipientId', 'activityId', 'kind', 'reminderDate'])
@Index('reminder_ledger_indicator_key', ['recipientId', 'indicatorId', 'kind', 'reminderDate'], { unique: true, where: 'indicator_id IS NOT NULL' })
@Index('reminder_ledger_action_key', ['recipientId', 'meetingActionId', 'kind', 'reminderDate'], { unique: true, where: 'meeting_action_id IS NOT NULL' })
@Index('reminder_ledger_pending_idx', ['recipientId'], { where: "status = 'pending'" })
@Index('reminder_ledger_digest_idx', ['digestId'], { where: 'digest_id IS NOT NULL' })
@Check('reminder_ledger_status_check', `status IN ('pending', 'sent', 'dropped')`)
@Check('reminder_ledger_subject_check', `num_nonnulls(activity_id, indicator_id, meeting_action_id) = 1`)
export class ReminderLedgerEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  recipientId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: Relation<User>;

  @Column({ type: 'uuid', nullable: true })
  activityId!: string | null;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: Relation<Activity> | null;

  /** For the chaser: the indicator whose return is missing. */
  @Column({ type: 'uuid', nullable: true })
  indicatorId!: string | null;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Relation<Indicator> | null;

  /** For an action agreed at a board's meeting: the action. */
  @Column({ type: 'uuid', nullable: true })
  meetingActionId!: string | null;

  @ManyToOne(() => MeetingAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_action_id' })
  meetingAction?: Relation<MeetingAction> | null;

  /** For the chaser: the month whose value is missing, 'YYYY-MM'. */
  @Column({ type: 'varchar', length: 7, nullable: true })
  period!: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** The working day the reminder fell due. */
  @Column({ type: 'date' })
  reminderDate!: string;

  /** The activity's due date (or the return's) when the reminder was planned; a changed date re-plans. */
  @Column({ type: 'date' })
  dueDate!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: 'pending' | 'sent' | 'dropped';

  @Column({ type: 'uuid', nullable: true })
  digestId!: string | null;

  @ManyToOne(() => ReminderDigest, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'digest_id' })
  digest?: Relation<ReminderDigest> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Every reminder is also an in-app notification. */
@Entity('notifications')
@Index('notifications_user_idx', ['userId', 'readAt', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Index('notifications_ledger_key', { unique: true })
  @Column({ type: 'uuid' })
  ledgerEntryId!: string;

  @ManyToOne(() => ReminderLedgerEntry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ledger_entry_id' })
  ledgerEntry?: Relation<ReminderLedgerEntry>;

  @Column({ type: 'uuid', nullable: true })
  activityId!: string | null;

  /** For the chaser's reminders: the indicator whose return is missing. */
  @Column({ type: 'uuid', nullable: true })
  indicatorId!: string | null;

  /** For an action agreed at a board's meeting. */
  @Column({ type: 'uuid', nullable: true })
  meetingActionId!: string | null;

  /** The plan the reminder is about; null for a board's action (a board may oversee no plan). */
  @Column({ type: 'uuid', nullable: true })
  planId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'text' })
  title!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}

/** Days the scan has covered, so a worker that was down catches up on what it missed. */
@Entity('reminder_scans')
export class ReminderScan {
  @PrimaryColumn({ type: 'date' })
  scanDate!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  completedAt!: Date;
}
