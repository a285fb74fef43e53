import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import type { ActivityStatus, DueDatePrecision } from '../plan-vocabulary';
import { Activity } from './activity.entity';

/**
 * An activity's earlier standings, each with the period it was in force, so a
 * board paper for a past date shows what the record said then. Written only by
 * the trigger on activities (created in a migration), never by the application.
 */
@Entity('activity_standing_history')
@Index('activity_standing_history_activity_idx', ['activityId', 'validTo'])
export class ActivityStandingHistory {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  activityId!: string;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: Relation<Activity>;

  @Column({ type: 'timestamptz' })
  validFrom!: Date;

  @Column({ type: 'timestamptz' })
  validTo!: Date;

  @Column({ type: 'varchar', length: 16 })
  status!: ActivityStatus;

  @Column({ type: 'integer', nullable: true })
  percentComplete!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'varchar', length: 8 })
  dueDatePrecision!: DueDatePrecision;

  @Column({ type: 'timestamptz', nullable: true })
  lastReportedAt!: Date | null;
}
