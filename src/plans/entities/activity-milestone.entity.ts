import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import type { DueDatePrecision } from '../plan-vocabulary';
import { Activity } from './activity.entity';

/**
 * A checkpoint of a recurring commitment: each quarter end of a "Quarterly"
 * action, each September of "September 2015 / 16 / 17". The activity's own
 * due date is its last milestone; the board and the reminders read the ones
 * in between.
 */
@Entity('activity_milestones')
@Unique('activity_milestones_activity_date_key', ['activityId', 'dueDate'])
// Reminder scans and board reviews look for milestones falling due.
@Index('activity_milestones_due_date_idx', ['dueDate'])
@Check('activity_milestones_precision_check', `due_date_precision IN ('day', 'month')`)
export class ActivityMilestone {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  activityId!: string;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: Relation<Activity>;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'date' })
  dueDate!: string;

  /** "September 2016" is stored as its last day with precision month, as activities store it. */
  @Column({ type: 'varchar', length: 8, default: 'month' })
  dueDatePrecision!: DueDatePrecision;

  /** "Quarter to June 2016", "Spring term 2016", "September 2016". */
  @Column({ type: 'text' })
  label!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
